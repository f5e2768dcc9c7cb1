/** Why a certificate (or a chain, or a trust anchor, or a challenge signature) was refused. */
export const CertificateFailureReason = {
  /** No path from the certificate to a root in the trust store. */
  UNTRUSTED_ISSUER: 'UNTRUSTED_ISSUER',
  /** A certificate of the path (leaf, intermediate or root) is past its notAfter. */
  EXPIRED: 'EXPIRED',
  /** A certificate of the path is before its notBefore. */
  NOT_YET_VALID: 'NOT_YET_VALID',
  /** A certificate or challenge signature does not verify. */
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  /** A leaf without digitalSignature or one that is a CA; an issuer without CA:TRUE or keyCertSign; path length exceeded; wrong extended key usage. */
  KEY_USAGE: 'KEY_USAGE',
  /** Not a well-formed X.509 v3 certificate (or signature, or challenge). */
  MALFORMED: 'MALFORMED',
  /** A key or signature algorithm outside RSA ≥ 2048, ECDSA P-256 and SM2-with-SM3. */
  UNSUPPORTED_ALGORITHM: 'UNSUPPORTED_ALGORITHM',
  /** A critical extension this library does not enforce (RFC 5280 4.2: must refuse). */
  UNSUPPORTED_CRITICAL_EXTENSION: 'UNSUPPORTED_CRITICAL_EXTENSION',
  /** The subject carries neither a valid citizen ID number nor a valid credit code. */
  NO_SUBJECT_IDENTIFIER: 'NO_SUBJECT_IDENTIFIER',
  /** The subject carries two different ID numbers (or two different credit codes). */
  AMBIGUOUS_SUBJECT_IDENTIFIER: 'AMBIGUOUS_SUBJECT_IDENTIFIER',
  /** Listed on an authentic CRL of its issuer (only when CRLs are given). */
  REVOKED: 'REVOKED',
  /** Revocation checking was required and no current, authentic CRL of the issuer was given. */
  REVOCATION_UNKNOWN: 'REVOCATION_UNKNOWN',
  /** The login challenge is past its expiry. */
  CHALLENGE_EXPIRED: 'CHALLENGE_EXPIRED',
} as const;
export type CertificateFailureReason =
  (typeof CertificateFailureReason)[keyof typeof CertificateFailureReason];

/**
 * A refusal. `detail` is safe to log and to show to an administrator: it names the position in the
 * chain and the rule, never the subject's name or ID number.
 */
export interface CertificateFailure {
  readonly ok: false;
  readonly reason: CertificateFailureReason;
  readonly detail: string;
}

export function fail(reason: CertificateFailureReason, detail: string): CertificateFailure {
  return { ok: false, reason, detail };
}

export function isFailure(value: object): value is CertificateFailure {
  return 'ok' in value && value.ok === false;
}
