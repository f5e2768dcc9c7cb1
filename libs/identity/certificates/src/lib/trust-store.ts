import {
  describeKey,
  isSupportedCertificateSignature,
  keyFamily,
  verifyCertificateSignature,
} from './algorithms';
import {
  formatName,
  MalformedCertificateError,
  parseCertificate,
  ParsedCertificate,
  sameName,
} from './certificate';
import { CertificateFailureReason } from './failure';
import { UNDERSTOOD_EXTENSIONS } from './oids';

export interface TrustAnchorInput {
  /** Stable id chosen by the platform admin, e.g. `cfca-sm2-root`. */
  readonly id: string;
  /** Human-readable name, e.g. `CFCA SM2 root (2012)`. */
  readonly label: string;
  readonly certificatePem: string;
}

/** A validated root: a self-signed CA certificate with keyCertSign and an accepted algorithm. */
export interface TrustAnchor {
  readonly id: string;
  readonly label: string;
  readonly subject: string;
  readonly fingerprintSha256: string;
  readonly keyAlgorithm: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly certificate: ParsedCertificate;
}

export const TRUST_ANCHOR_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const MAX_LABEL_LENGTH = 200;
export const MAX_TRUST_ANCHORS = 64;

export type TrustAnchorField = 'id' | 'label' | 'certificatePem';

export type TrustAnchorReason =
  | CertificateFailureReason
  | 'INVALID_ID'
  | 'INVALID_LABEL'
  | 'DUPLICATE_ID'
  | 'DUPLICATE_CERTIFICATE'
  | 'NOT_A_CA'
  | 'NOT_SELF_SIGNED'
  | 'TOO_MANY_ANCHORS';

export interface TrustAnchorProblem {
  /** Position in the input list (-1 for the list itself). */
  readonly index: number;
  readonly field: TrustAnchorField | null;
  readonly reason: TrustAnchorReason;
  readonly detail: string;
}

type AnchorCheck =
  | { readonly ok: true; readonly anchor: TrustAnchor }
  | { readonly ok: false; readonly problem: Omit<TrustAnchorProblem, 'index'> };

const problem = (field: TrustAnchorField, reason: TrustAnchorReason, detail: string): AnchorCheck => ({
  ok: false,
  problem: { field, reason, detail },
});

/**
 * Checks one root for the trust store. With `now`, also refuses a root outside its validity period
 * (use it when an admin adds a root; a stored root that later expires fails chains with EXPIRED).
 */
export function validateTrustAnchor(input: TrustAnchorInput, now?: Date): AnchorCheck {
  if (typeof input.id !== 'string' || !TRUST_ANCHOR_ID_PATTERN.test(input.id)) {
    return problem('id', 'INVALID_ID', 'lower-case letters, digits and dashes, at most 64');
  }
  if (
    typeof input.label !== 'string' ||
    input.label.trim().length === 0 ||
    input.label.length > MAX_LABEL_LENGTH
  ) {
    return problem('label', 'INVALID_LABEL', `1 to ${MAX_LABEL_LENGTH} characters`);
  }
  let certificate: ParsedCertificate;
  try {
    certificate = parseCertificate(input.certificatePem);
  } catch (error) {
    if (error instanceof MalformedCertificateError)
      return problem('certificatePem', 'MALFORMED', error.message);
    throw error;
  }
  if (!keyFamily(certificate.publicKey)) {
    return problem(
      'certificatePem',
      'UNSUPPORTED_ALGORITHM',
      `${describeKey(certificate.publicKey)} is not accepted`,
    );
  }
  if (!isSupportedCertificateSignature(certificate)) {
    return problem(
      'certificatePem',
      'UNSUPPORTED_ALGORITHM',
      `signature algorithm ${certificate.signatureAlgorithmOid} is not accepted`,
    );
  }
  if (!certificate.basicConstraints?.ca)
    return problem('certificatePem', 'NOT_A_CA', 'basicConstraints CA:TRUE is missing');
  if (!certificate.keyUsage?.has('keyCertSign'))
    return problem('certificatePem', 'NOT_A_CA', 'keyUsage keyCertSign is missing');
  const unknownCritical = certificate.criticalExtensions.filter((oid) => !UNDERSTOOD_EXTENSIONS.has(oid));
  if (unknownCritical.length > 0) {
    return problem(
      'certificatePem',
      'UNSUPPORTED_CRITICAL_EXTENSION',
      `critical extension ${unknownCritical.join(', ')}`,
    );
  }
  if (!sameName(certificate.subject, certificate.issuer)) {
    return problem(
      'certificatePem',
      'NOT_SELF_SIGNED',
      'a root must be self-issued; add the root that issued this CA',
    );
  }
  if (!verifyCertificateSignature(certificate, certificate)) {
    return problem('certificatePem', 'BAD_SIGNATURE', 'the self-signature does not verify');
  }
  if (now && now.getTime() > certificate.notAfter.getTime()) {
    return problem('certificatePem', 'EXPIRED', `expired on ${certificate.notAfter.toISOString()}`);
  }
  if (now && now.getTime() < certificate.notBefore.getTime()) {
    return problem('certificatePem', 'NOT_YET_VALID', `valid from ${certificate.notBefore.toISOString()}`);
  }
  return {
    ok: true,
    anchor: {
      id: input.id,
      label: input.label.trim(),
      subject: formatName(certificate.subject),
      fingerprintSha256: certificate.fingerprintSha256,
      keyAlgorithm: describeKey(certificate.publicKey),
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      certificate,
    },
  };
}

export type TrustStoreResult =
  | { readonly ok: true; readonly store: TrustStore }
  | { readonly ok: false; readonly problems: readonly TrustAnchorProblem[] };

/** The CA roots the platform recognises, from several CAs. Immutable; build a new one to change it. */
export class TrustStore {
  private constructor(readonly anchors: readonly TrustAnchor[]) {}

  /** Validates every root and reports every problem at once (for a 400 that names each field). */
  static create(inputs: readonly TrustAnchorInput[], now?: Date): TrustStoreResult {
    if (inputs.length > MAX_TRUST_ANCHORS) {
      return {
        ok: false,
        problems: [
          { index: -1, field: null, reason: 'TOO_MANY_ANCHORS', detail: `at most ${MAX_TRUST_ANCHORS}` },
        ],
      };
    }
    const problems: TrustAnchorProblem[] = [];
    const anchors: TrustAnchor[] = [];
    inputs.forEach((input, index) => {
      const check = validateTrustAnchor(input, now);
      if (!check.ok) {
        problems.push({ index, ...check.problem });
      } else if (anchors.some((a) => a.id === check.anchor.id)) {
        problems.push({
          index,
          field: 'id',
          reason: 'DUPLICATE_ID',
          detail: `id ${check.anchor.id} is used twice`,
        });
      } else if (anchors.some((a) => a.fingerprintSha256 === check.anchor.fingerprintSha256)) {
        problems.push({
          index,
          field: 'certificatePem',
          reason: 'DUPLICATE_CERTIFICATE',
          detail: 'this root is already in the store',
        });
      } else {
        anchors.push(check.anchor);
      }
    });
    return problems.length > 0
      ? { ok: false, problems }
      : { ok: true, store: new TrustStore(Object.freeze(anchors)) };
  }

  /** Roots whose subject matches the certificate's issuer name. */
  issuersOf(certificate: ParsedCertificate): readonly TrustAnchor[] {
    return this.anchors.filter((anchor) => sameName(anchor.certificate.subject, certificate.issuer));
  }

  find(id: string): TrustAnchor | undefined {
    return this.anchors.find((anchor) => anchor.id === id);
  }
}
