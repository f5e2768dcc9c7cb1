import fc from 'fast-check';
import { checkCitizenIdNumber, citizenIdCheckCharacter, maskCitizenIdNumber, todayInChina } from './citizen-id';

const TODAY = '2026-06-15';
const withCheck = (first17: string) => first17 + citizenIdCheckCharacter(first17);

describe('citizen ID number (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', 'the example of GB 11643 with an X check character'],
    ['440524188001010014', 'the second example of GB 11643'],
    [withCheck('35012319900101123'), 'a Luoyuan county number'],
    [withCheck('35012320000229004'), 'a number born on a leap day'],
  ])('accepts %s (%s)', (number) => {
    expect(checkCitizenIdNumber(number, TODAY)).toMatchObject({ valid: true, value: number });
  });

  it('returns the division code and the birth date of a valid number', () => {
    expect(checkCitizenIdNumber('11010519491231002X', TODAY)).toEqual({
      valid: true,
      value: '11010519491231002X',
      divisionCode: '110105',
      birthDate: '1949-12-31',
    });
  });

  it('accepts a lower-case x and normalises it to X', () => {
    expect(checkCitizenIdNumber('11010519491231002x', TODAY)).toMatchObject({ valid: true, value: '11010519491231002X' });
  });

  it.each([
    ['11010519491231002', 'length'],
    ['11010519491231002XX', 'length'],
    ['1101051949123100X2', 'format'],
    ['11010519491231002Y', 'format'],
    ['11010519491231002 ', 'length'],
    ['110105194912310021', 'check character'],
    ['110105194912310020', 'check character'],
    [withCheck('99012319900101123'), 'division code'],
    [withCheck('00012319900101123'), 'division code'],
    [withCheck('35012319900230123'), 'birth date'],
    [withCheck('35012319010229123'), 'birth date'],
    [withCheck('35012319901301123'), 'birth date'],
    [withCheck('35012319900100123'), 'birth date'],
    [withCheck('35012317990101123'), 'birth date'],
    [withCheck('35012320260616123'), 'birth date'],
  ])('refuses %s because of its %s', (number, reason) => {
    expect(checkCitizenIdNumber(number, TODAY)).toEqual({ valid: false, reason });
  });

  it('accepts someone born today', () => {
    expect(checkCitizenIdNumber(withCheck('35012320260615123'), TODAY).valid).toBe(true);
  });

  it('masks all but the division code and the last four characters', () => {
    expect(maskCitizenIdNumber('35012319900101123X')).toBe('350123********123X');
  });

  it('computes today in China Standard Time', () => {
    expect(todayInChina(new Date('2026-06-14T16:30:00Z'))).toBe('2026-06-15');
    expect(todayInChina(new Date('2026-06-14T15:59:59Z'))).toBe('2026-06-14');
  });

  const province = fc.constantFrom('11', '31', '35', '44', '65', '82');
  const first17 = fc
    .record({
      province,
      rest: fc.stringMatching(/^\d{4}$/),
      birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-06-14T00:00:00Z'), noInvalidDate: true }),
      sequence: fc.stringMatching(/^\d{3}$/),
    })
    .map(({ province: p, rest, birth, sequence }) => `${p}${rest}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${sequence}`);

  it('validates every number whose check character was computed', () => {
    fc.assert(fc.property(first17, (digits) => checkCitizenIdNumber(withCheck(digits), TODAY).valid));
  });

  it('refuses a number in which any one digit was changed', () => {
    fc.assert(
      fc.property(first17, fc.nat(16), fc.integer({ min: 1, max: 9 }), (digits, position, delta) => {
        const number = withCheck(digits);
        const changed = String((Number(number[position]) + delta) % 10);
        const tampered = number.slice(0, position) + changed + number.slice(position + 1);
        expect(checkCitizenIdNumber(tampered, TODAY).valid).toBe(false);
      }),
    );
  });
});
