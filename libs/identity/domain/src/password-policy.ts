export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem =
  | 'too short'
  | 'too long'
  | 'needs three of: lower-case, upper-case, digits, symbols'
  | 'contains the ID number'
  | 'contains the phone number'
  | 'repeats one character four times';

export interface PasswordContext {
  readonly idNumber?: string;
  readonly phone?: string;
}

/**
 * The platform's password policy (GB/T 22239-2019 level 3 asks for complexity): 10 to 128
 * characters, three of four character classes, not built from the holder's ID or phone number.
 * Returns every problem, empty when the password is acceptable.
 */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too long');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 3) problems.push('needs three of: lower-case, upper-case, digits, symbols');
  const lower = password.toLowerCase();
  const id = context.idNumber?.toLowerCase();
  if (id && (lower.includes(id.slice(-6)) || lower.includes(id.slice(6, 14)))) problems.push('contains the ID number');
  if (context.phone && password.includes(context.phone.slice(-8))) problems.push('contains the phone number');
  if (/(.)\1{3}/u.test(password)) problems.push('repeats one character four times');
  return problems;
}
