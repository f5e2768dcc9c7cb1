/** Luoyuan County (GB/T 2260). Every item code of this catalogue starts with it. */
export const COUNTY_DIVISION_CODE = '350123';

/** `350123-DDD-TT-SSSS-C`: division, department, type, serial, check character. */
export const ITEM_CODE_PATTERN = /^(\d{6})-(\d{3})-(\d{2})-(\d{4})-([0-9X])$/;

export interface ItemCodeParts {
  divisionCode: string;
  departmentCode: string;
  typeCode: string;
  serial: number;
}

/**
 * ISO 7064 MOD 11-2 over the 15 digits (the scheme of the citizen ID number), so a resident or clerk
 * who mistypes or swaps two digits gets "invalid code" rather than another item.
 */
export function itemCodeCheckCharacter(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError('check character needs digits only');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const weight = 2 ** (digits.length - i) % 11;
    sum += Number(digits[i]) * weight;
  }
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

export function formatItemCode(parts: ItemCodeParts): string {
  const { divisionCode, departmentCode, typeCode, serial } = parts;
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError('division code must be 6 digits');
  if (!/^\d{3}$/.test(departmentCode)) throw new RangeError('department code must be 3 digits');
  if (!/^\d{2}$/.test(typeCode)) throw new RangeError('type code must be 2 digits');
  if (!Number.isInteger(serial) || serial < 1 || serial > 9999) throw new RangeError('serial must be 1..9999');
  const serialText = String(serial).padStart(4, '0');
  const check = itemCodeCheckCharacter(`${divisionCode}${departmentCode}${typeCode}${serialText}`);
  return `${divisionCode}-${departmentCode}-${typeCode}-${serialText}-${check}`;
}

/** Parses a code of this county's catalogue; `undefined` when the shape, county or check character is wrong. */
export function parseItemCode(code: string): ItemCodeParts | undefined {
  const match = ITEM_CODE_PATTERN.exec(code);
  if (!match) return undefined;
  const [, divisionCode, departmentCode, typeCode, serialText, check] = match as unknown as [string, string, string, string, string, string];
  if (divisionCode !== COUNTY_DIVISION_CODE) return undefined;
  if (itemCodeCheckCharacter(`${divisionCode}${departmentCode}${typeCode}${serialText}`) !== check) return undefined;
  const serial = Number(serialText);
  if (serial < 1) return undefined;
  return { divisionCode, departmentCode, typeCode, serial };
}

export function isItemCode(code: unknown): code is string {
  return typeof code === 'string' && parseItemCode(code) !== undefined;
}
