import { checkPassword } from './password-policy';

describe('password policy', () => {
  it('accepts a long password with three character classes', () => {
    expect(checkPassword('Luoyuan-hall-2026')).toEqual([]);
  });

  it.each([
    ['Ab1!', 'too short'],
    ['lowercaseonly', 'needs three of: lower-case, upper-case, digits, symbols'],
    ['Abcdefgh1!' + 'x'.repeat(119), 'too long'],
    ['Paaaaass-word1', 'repeats one character four times'],
  ])('refuses %s as %s', (password, problem) => {
    expect(checkPassword(password)).toContain(problem);
  });

  it('refuses a password built from the holder’s ID number or phone number', () => {
    const context = { idNumber: '11010519491231002X', phone: '13800138000' };
    expect(checkPassword('Secret-31002x', context)).toContain('contains the ID number');
    expect(checkPassword('Secret-19491231', context)).toContain('contains the ID number');
    expect(checkPassword('Mine-38001380001', context)).toContain('contains the phone number');
    expect(checkPassword('Luoyuan-hall-2026', context)).toEqual([]);
  });
});
