import fc from 'fast-check';
import { formatItemCode, itemCodeCheckCharacter, isItemCode, parseItemCode } from './item-code';

describe('item codes', () => {
  it('formats division, department, type and serial with an ISO 7064 MOD 11-2 check character', () => {
    expect(formatItemCode({ divisionCode: '350123', departmentCode: '010', typeCode: '01', serial: 1 })).toMatch(
      /^350123-010-01-0001-[0-9X]$/,
    );
    // The scheme of the citizen ID number: the GB 11643 sample 11010519491231002 has check character X.
    expect(itemCodeCheckCharacter('11010519491231002')).toBe('X');
  });

  it('parses what it formats, for every department, type and serial', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 9999 }), (d, t, serial) => {
        const parts = { divisionCode: '350123', departmentCode: String(d).padStart(3, '0'), typeCode: String(t).padStart(2, '0'), serial };
        expect(parseItemCode(formatItemCode(parts))).toEqual(parts);
      }),
    );
  });

  it('refuses any code with one digit changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 9 }), (serial, position, delta) => {
        const code = formatItemCode({ divisionCode: '350123', departmentCode: '003', typeCode: '11', serial });
        const digitIndexes = [...code].map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0).slice(0, 15);
        const index = digitIndexes[position] as number;
        const mutated = code.slice(0, index) + String((Number(code[index]) + delta) % 10) + code.slice(index + 1);
        expect(isItemCode(mutated)).toBe(false);
      }),
    );
  });

  it.each([
    ['another county', formatItemCode({ divisionCode: '350121', departmentCode: '010', typeCode: '01', serial: 5 })],
    ['no separators', '3501230100100015'],
    ['a zero serial', '350123-010-01-0000-0'],
    ['lower-case x', '350123-010-01-0001-x'],
    ['empty', ''],
  ])('refuses %s', (_case, code) => {
    expect(parseItemCode(code)).toBeUndefined();
  });

  it('refuses to format out-of-range parts', () => {
    expect(() => formatItemCode({ divisionCode: '350123', departmentCode: '10', typeCode: '01', serial: 1 })).toThrow(RangeError);
    expect(() => formatItemCode({ divisionCode: '350123', departmentCode: '010', typeCode: '01', serial: 10000 })).toThrow(RangeError);
  });
});
