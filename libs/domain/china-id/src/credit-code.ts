/**
 * Unified social credit code, GB 32100-2015: registration authority (1 char), organisation type
 * (1 char), administrative division code (6 digits), organisation code (9 chars) and a check
 * character, all from the 31-character alphabet without I, O, Z, S and V; the check character is
 * computed modulo 31 with weights 3^i mod 31.
 */

export type CreditCodeFailure = 'length' | 'format' | 'registration authority' | 'division code' | 'check character';

export type CreditCodeCheck =
  | { readonly valid: true; readonly value: string; readonly divisionCode: string }
  | { readonly valid: false; readonly reason: CreditCodeFailure };

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Registration authorities of GB 32100-2015 table 1 (organisation staffing, foreign affairs, justice, civil affairs, ...). */
const REGISTRATION_AUTHORITIES = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y']);

const CODE_PATTERN = new RegExp(`^[${CREDIT_CODE_ALPHABET}]{18}$`);

/** The check character of the first 17 characters. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('expects exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] as string);
    if (value < 0) throw new RangeError('expects characters of the credit-code alphabet');
    sum += value * (WEIGHTS[i] as number);
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** Checks a credit code; surrounding spaces are ignored and letters are upper-cased. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { valid: false, reason: 'length' };
  if (!CODE_PATTERN.test(value)) return { valid: false, reason: 'format' };
  if (!REGISTRATION_AUTHORITIES.has(value[0] as string)) return { valid: false, reason: 'registration authority' };
  const divisionCode = value.slice(2, 8);
  if (!/^\d{6}$/.test(divisionCode)) return { valid: false, reason: 'division code' };
  if (creditCodeCheckCharacter(value.slice(0, 17)) !== value[17]) return { valid: false, reason: 'check character' };
  return { valid: true, value, divisionCode };
}

export function isCreditCode(input: string): boolean {
  return checkCreditCode(input).valid;
}
