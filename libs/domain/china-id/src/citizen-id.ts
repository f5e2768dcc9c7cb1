/**
 * Citizen identity number, GB 11643-1999: a 6-digit administrative division code, an 8-digit birth
 * date (YYYYMMDD), a 3-digit sequence (odd for men, even for women) and a check character computed
 * with ISO 7064 MOD 11-2 ('X' stands for 10).
 */

export type CitizenIdFailure = 'length' | 'format' | 'division code' | 'birth date' | 'check character';

export type CitizenIdCheck =
  | { readonly valid: true; readonly value: string; readonly divisionCode: string; readonly birthDate: string }
  | { readonly valid: false; readonly reason: CitizenIdFailure };

/** Weight of position i is 2^(17 - i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** First two digits of a division code: provinces, autonomous regions, municipalities, HK, Macao, Taiwan. */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** The earliest birth year accepted; the standard itself uses an 1880 example. */
const EARLIEST_BIRTH_YEAR = 1800;

/** The check character of the first 17 digits. */
export function citizenIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARACTERS[sum % 11] as string;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Checks a citizen ID number. Surrounding spaces are ignored and a lower-case 'x' is accepted and
 * normalised to 'X', since that is how people type it; the normalised value is returned.
 * `today` (YYYY-MM-DD, China Standard Time) lets tests pin the clock.
 */
export function checkCitizenIdNumber(input: string, today: string = todayInChina()): CitizenIdCheck {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { valid: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { valid: false, reason: 'format' };
  const divisionCode = value.slice(0, 6);
  if (!PROVINCE_CODES.has(divisionCode.slice(0, 2))) return { valid: false, reason: 'division code' };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (year < EARLIEST_BIRTH_YEAR || !isCalendarDate(year, month, day) || birthDate > today) {
    return { valid: false, reason: 'birth date' };
  }
  if (citizenIdCheckCharacter(value.slice(0, 17)) !== value[17]) return { valid: false, reason: 'check character' };
  return { valid: true, value, divisionCode, birthDate };
}

export function isCitizenIdNumber(input: string, today?: string): boolean {
  return checkCitizenIdNumber(input, today).valid;
}

/** `350123********1234`: the division code and the last four characters, never the birth date. */
export function maskCitizenIdNumber(value: string): string {
  if (value.length !== 18) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

/** Today's date in China Standard Time (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
