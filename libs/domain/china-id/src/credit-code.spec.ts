import fc from 'fast-check';
import { checkCreditCode, CREDIT_CODE_ALPHABET, creditCodeCheckCharacter } from './credit-code';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(['91110000802100433B', '9144030071526726XG', '91330100716105852F', '914403001922038216'])(
    'accepts the published code %s',
    (code) => {
      expect(checkCreditCode(code)).toMatchObject({ valid: true, value: code });
    },
  );

  it('returns the division code and upper-cases the input', () => {
    expect(checkCreditCode(' 9144030071526726xg ')).toEqual({ valid: true, value: '9144030071526726XG', divisionCode: '440300' });
  });

  it.each([
    ['91110000802100433', 'length'],
    ['91110000802100433BB', 'length'],
    ['91110000802100433I', 'format'],
    ['9111000080210O433B', 'format'],
    ['91110000802100433A', 'check character'],
    ['B1110000802100433B', 'registration authority'],
    [`91A10000802100433` + creditCodeCheckCharacter('91A10000802100433'), 'division code'],
  ])('refuses %s because of its %s', (code, reason) => {
    expect(checkCreditCode(code)).toEqual({ valid: false, reason });
  });

  const alphabet = fc.constantFrom(...CREDIT_CODE_ALPHABET.split(''));
  const first17 = fc
    .record({
      authority: fc.constantFrom('1', '5', '9', 'Y'),
      kind: alphabet,
      division: fc.stringMatching(/^\d{6}$/),
      organisation: fc.array(alphabet, { minLength: 9, maxLength: 9 }).map((chars) => chars.join('')),
    })
    .map(({ authority, kind, division, organisation }) => `${authority}${kind}${division}${organisation}`);

  it('validates every code whose check character was computed', () => {
    fc.assert(fc.property(first17, (chars) => checkCreditCode(chars + creditCodeCheckCharacter(chars)).valid));
  });

  it('refuses a code in which any one character was changed', () => {
    fc.assert(
      fc.property(first17, fc.nat(17), fc.integer({ min: 1, max: 30 }), (chars, position, delta) => {
        const code = chars + creditCodeCheckCharacter(chars);
        const index = CREDIT_CODE_ALPHABET.indexOf(code[position] as string);
        const changed = CREDIT_CODE_ALPHABET[(index + delta) % 31] as string;
        const tampered = code.slice(0, position) + changed + code.slice(position + 1);
        expect(checkCreditCode(tampered).valid).toBe(false);
      }),
    );
  });
});
