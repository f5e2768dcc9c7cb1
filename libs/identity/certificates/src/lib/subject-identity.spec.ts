import { citizenIdCheckCharacter } from '@onewindow/domain/china-id';
import fc from 'fast-check';
import { NameAttribute } from './certificate';
import { Oid } from './oids';
import { extractSubjectIdentity } from './subject-identity';

const NOW = new Date('2026-11-29T12:00:00Z');
const ID = '11010519491231002X';
const ID_2 = '35012319900101123X';
const CODE = '91350123MA31ABCDEX';

const attr = (oid: string, value: string): NameAttribute => ({ oid, type: oid, value });
const CN = (v: string) => attr(Oid.COMMON_NAME, v);
const SERIAL = (v: string) => attr(Oid.SERIAL_NUMBER, v);
const OU = (v: string) => attr(Oid.ORGANIZATIONAL_UNIT, v);
const UID = (v: string) => attr(Oid.USER_ID, v);
const O = (v: string) => attr(Oid.ORGANIZATION, v);

describe('extractSubjectIdentity', () => {
  it.each([
    ['serialNumber holding the bare number', [CN('张三'), SERIAL(ID)], 'serialNumber'],
    ['serialNumber with a type prefix', [CN('张三'), SERIAL(`SF${ID}`)], 'serialNumber'],
    ['CN with the number in full-width parentheses', [CN(`张三（${ID}）`)], 'CN'],
    ['CN in the CA@number@name@sequence form', [CN(`041@Z${ID}@张三@00000001`)], 'CN'],
    ['OU holding the number', [CN('Zhang San'), OU(`ID:${ID}`)], 'OU'],
    ['UID holding the number', [CN('Zhang San'), UID(ID)], 'UID'],
    [
      'CN written with full-width characters',
      [CN(`张三（${[...ID].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('')}）`)],
      'CN',
    ],
  ])('reads a citizen ID number from %s', (_case, subject, source) => {
    expect(extractSubjectIdentity(subject, NOW)).toMatchObject({
      ok: true,
      citizenIdNumber: { kind: 'CITIZEN_ID_NUMBER', value: ID, source },
    });
  });

  it('normalises a lower-case x check character', () => {
    expect(extractSubjectIdentity([SERIAL(ID.toLowerCase())], NOW)).toMatchObject({
      citizenIdNumber: { value: ID },
    });
  });

  it('reads a credit code and the agent ID number of an enterprise certificate', () => {
    const result = extractSubjectIdentity(
      [O('罗源测试有限公司'), CN(`罗源测试有限公司@${CODE}`), OU(`经办人@${ID_2}`)],
      NOW,
    );
    expect(result).toMatchObject({
      ok: true,
      commonName: `罗源测试有限公司@${CODE}`,
      creditCode: { kind: 'CREDIT_CODE', value: CODE, source: 'CN' },
      citizenIdNumber: { value: ID_2, source: 'OU' },
    });
  });

  it('prefers serialNumber over CN when both carry the same number', () => {
    expect(extractSubjectIdentity([CN(`张三(${ID})`), SERIAL(ID)], NOW)).toMatchObject({
      citizenIdNumber: { source: 'serialNumber' },
    });
  });

  it('refuses a subject with two different ID numbers', () => {
    expect(extractSubjectIdentity([CN(`张三(${ID_2})`), SERIAL(ID)], NOW)).toMatchObject({
      ok: false,
      reason: 'AMBIGUOUS_SUBJECT_IDENTIFIER',
    });
  });

  it.each([
    ['no number at all', [CN('Zhang San'), OU('Citizens')]],
    ['a number with a wrong check character', [SERIAL('110105194912310021')]],
    [
      'a number with an impossible birth date',
      [SERIAL(`11010519490231002${citizenIdCheckCharacter('11010519490231002')}`)],
    ],
    [
      'a birth date after today',
      [SERIAL(`11010520270101002${citizenIdCheckCharacter('11010520270101002')}`)],
    ],
    ['a number glued to other digits', [SERIAL(`12345${ID}`)]],
    ['a number only in O, which is not read', [O(ID)]],
  ])('finds no identifier in %s', (_case, subject) => {
    expect(extractSubjectIdentity(subject, NOW)).toMatchObject({
      ok: false,
      reason: 'NO_SUBJECT_IDENTIFIER',
    });
  });

  it('finds any valid ID number written between non-alphanumeric separators (property)', () => {
    const digits = (n: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const birth = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2020-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
    const idNumber = fc
      .tuple(fc.constantFrom('350123', '110105', '440304', '650102'), birth, digits(3))
      .map(([division, date, seq]) => {
        const first17 = `${division}${date}${seq}`;
        return first17 + citizenIdCheckCharacter(first17);
      });
    const separator = fc.constantFrom('@', '(', ')', '（', '）', ' ', ':', '-', '_', '|', '，');
    const text = fc.stringMatching(/^[\u4e00-\u9fa5A-Za-z ]{0,8}$/);
    fc.assert(
      fc.property(idNumber, text, separator, separator, text, (id, before, open, close, after) => {
        const result = extractSubjectIdentity([CN(`${before}${open}${id}${close}${after}`)], NOW);
        return result.ok && result.citizenIdNumber?.value === id;
      }),
    );
  });
});
