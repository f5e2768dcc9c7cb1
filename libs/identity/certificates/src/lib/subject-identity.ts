import { checkCitizenIdNumber, checkCreditCode, todayInChina } from '@onewindow/domain/china-id';
import { NameAttribute } from './certificate';
import { CertificateFailure, fail } from './failure';
import { Oid } from './oids';

export type SubjectIdentifierKind = 'CITIZEN_ID_NUMBER' | 'CREDIT_CODE';
export type SubjectIdentifierSource = 'serialNumber' | 'UID' | 'CN' | 'OU';

export interface SubjectIdentifier {
  readonly kind: SubjectIdentifierKind;
  /** Normalised: upper case, as `checkCitizenIdNumber` / `checkCreditCode` return it. */
  readonly value: string;
  /** The subject attribute it was read from (the first one, by the precedence below). */
  readonly source: SubjectIdentifierSource;
}

/** What binds a certificate to an account. At least one of the two identifiers is present. */
export interface SubjectIdentity {
  readonly commonName: string | null;
  /** A person's certificate, or the agent named in an enterprise certificate. */
  readonly citizenIdNumber: SubjectIdentifier | null;
  /** An enterprise (or other organisation's) certificate. */
  readonly creditCode: SubjectIdentifier | null;
}

/** Where Chinese CAs put the holder's number, most specific first (see ADR 0022). */
const SOURCES: readonly { oid: string; source: SubjectIdentifierSource }[] = [
  { oid: Oid.SERIAL_NUMBER, source: 'serialNumber' },
  { oid: Oid.USER_ID, source: 'UID' },
  { oid: Oid.COMMON_NAME, source: 'CN' },
  { oid: Oid.ORGANIZATIONAL_UNIT, source: 'OU' },
];

/** The longest type prefix CAs glue to the number (`Z`, `SF`, `SFZ`, `ID`, `0`, ...). */
const MAX_PREFIX = 3;

/**
 * 18-character candidates in an attribute value: each run of letters and digits of length 18 to 21
 * contributes its last 18 characters, so `张三(110105194912310021)`, `041@Z110105194912310021@张三@1`,
 * `SF110105194912310021` and `91350100M000100Y43` all yield the number. The check characters of
 * GB 11643 and GB 32100 then weed out everything that only looks like one.
 */
function candidates(value: string): string[] {
  // NFKC turns full-width digits and letters (０-９, Ｘ), which some CAs write in Chinese names, into ASCII.
  const runs = value.normalize('NFKC').match(/[0-9A-Za-z]+/g) ?? [];
  return runs.filter((run) => run.length >= 18 && run.length <= 18 + MAX_PREFIX).map((run) => run.slice(-18));
}

export function extractSubjectIdentity(
  subject: readonly NameAttribute[],
  now: Date,
): ({ readonly ok: true } & SubjectIdentity) | CertificateFailure {
  const today = todayInChina(now);
  const found: SubjectIdentifier[] = [];
  for (const { oid, source } of SOURCES) {
    for (const attribute of subject.filter((a) => a.oid === oid)) {
      for (const candidate of candidates(attribute.value)) {
        const id = checkCitizenIdNumber(candidate, today);
        if (id.valid) found.push({ kind: 'CITIZEN_ID_NUMBER', value: id.value, source });
        const code = checkCreditCode(candidate);
        if (code.valid) found.push({ kind: 'CREDIT_CODE', value: code.value, source });
      }
    }
  }
  const pick = (kind: SubjectIdentifierKind): SubjectIdentifier | null | 'ambiguous' => {
    const ofKind = found.filter((f) => f.kind === kind);
    if (new Set(ofKind.map((f) => f.value)).size > 1) return 'ambiguous';
    return ofKind[0] ?? null;
  };
  const citizenIdNumber = pick('CITIZEN_ID_NUMBER');
  const creditCode = pick('CREDIT_CODE');
  if (citizenIdNumber === 'ambiguous' || creditCode === 'ambiguous') {
    return fail('AMBIGUOUS_SUBJECT_IDENTIFIER', 'the subject names two different ID numbers or credit codes');
  }
  if (!citizenIdNumber && !creditCode) {
    return fail(
      'NO_SUBJECT_IDENTIFIER',
      'no valid citizen ID number or credit code in serialNumber, UID, CN or OU',
    );
  }
  const commonName = subject.find((a) => a.oid === Oid.COMMON_NAME)?.value ?? null;
  return { ok: true, commonName, citizenIdNumber, creditCode };
}
