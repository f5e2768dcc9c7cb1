import {
  describeKey,
  isSupportedCertificateSignature,
  keyFamily,
  verifyCertificateSignature,
} from './algorithms';
import { MalformedCertificateError, parseCertificate, ParsedCertificate, sameName } from './certificate';
import { crlFailure, MalformedCrlError, parseCrl, ParsedCrl, revocationStatus } from './crl';
import { CertificateFailure, fail, isFailure } from './failure';
import { Oid, UNDERSTOOD_EXTENSIONS } from './oids';
import { extractSubjectIdentity, SubjectIdentity } from './subject-identity';
import { TrustAnchor, TrustStore } from './trust-store';

/** More intermediates than any real CA hierarchy has; bounds the work an attacker can ask for. */
export const MAX_INTERMEDIATES = 5;

export type CertificateRole = 'leaf' | 'intermediate' | 'root';

export interface CertificateSummary {
  readonly role: CertificateRole;
  readonly serialNumberHex: string;
  readonly fingerprintSha256: string;
  readonly keyAlgorithm: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface VerifiedChain {
  readonly ok: true;
  /** The leaf's identity: what identity binds to an account. */
  readonly identity: SubjectIdentity;
  readonly leaf: CertificateSummary;
  /** Pass this to `verifyChallengeSignature`. */
  readonly leafCertificate: ParsedCertificate;
  readonly trustAnchor: { readonly id: string; readonly label: string; readonly fingerprintSha256: string };
  /** Leaf first, root last. */
  readonly path: readonly CertificateSummary[];
}

export type ChainVerification = VerifiedChain | CertificateFailure;

export const MAX_CRLS = 10;

export interface ChainOptions {
  /**
   * CRLs of the CAs in the path: PEM, DER, or already parsed with `parseCrl` (parse a large CRL once
   * when it is fetched, not on every login).
   */
  readonly crls?: readonly (string | Uint8Array | ParsedCrl)[];
  /**
   * `require`: every certificate below the root needs a current CRL of its issuer that verifies
   * (else REVOCATION_UNKNOWN). `if-present` (default): only the CRLs given are applied, so without
   * CRLs nothing is checked.
   */
  readonly revocation?: 'require' | 'if-present';
}

function summary(certificate: ParsedCertificate, role: CertificateRole): CertificateSummary {
  return {
    role,
    serialNumberHex: certificate.serialNumberHex,
    fingerprintSha256: certificate.fingerprintSha256,
    keyAlgorithm: describeKey(certificate.publicKey),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

function algorithmProblem(certificate: ParsedCertificate, what: string): CertificateFailure | null {
  if (!keyFamily(certificate.publicKey)) {
    return fail(
      'UNSUPPORTED_ALGORITHM',
      `${what}: ${describeKey(certificate.publicKey)} key is not accepted`,
    );
  }
  if (!isSupportedCertificateSignature(certificate)) {
    return fail(
      'UNSUPPORTED_ALGORITHM',
      `${what}: signature algorithm ${certificate.signatureAlgorithmOid} is not accepted`,
    );
  }
  return null;
}

/**
 * Builds the path from `leafPem` through `intermediatesPem` (any order, unrelated ones ignored) to a
 * root of `trustStore`, and checks, in this order: algorithms, signatures, validity periods at
 * `now`, CA flags, key usages and path lengths, critical extensions, revocation (against the CRLs
 * given in `options`), and the subject's identifier.
 */
export function verifyCertificateChain(
  leafPem: string | Uint8Array,
  intermediatesPem: readonly (string | Uint8Array)[],
  trustStore: TrustStore,
  now: Date = new Date(),
  options: ChainOptions = {},
): ChainVerification {
  const inputs = parseInputs(leafPem, intermediatesPem, options.crls ?? []);
  if (!inputs.ok) return inputs;
  const { leaf, intermediates, crls } = inputs;
  const leafAlgorithm = algorithmProblem(leaf, 'leaf');
  if (leafAlgorithm) return leafAlgorithm;

  const built = buildPath(leaf, intermediates, trustStore);
  if (!built.ok) return built;
  const { path, anchor } = built;
  /** Leaf first, root last; `issuer` is null for the root. */
  const entries: PathEntry[] = [
    ...path.map((certificate, i) => ({
      certificate,
      what: i === 0 ? 'leaf' : `intermediate ${i}`,
      issuer: path[i + 1] ?? anchor.certificate,
      below: i - 1,
    })),
    { certificate: anchor.certificate, what: `root ${anchor.id}`, issuer: null, below: path.length - 1 },
  ];

  const problem =
    checkValidity(entries, now) ??
    checkUsage(entries) ??
    checkCriticalExtensions(entries) ??
    checkRevocation(entries, crls, now, options.revocation ?? 'if-present');
  if (problem) return problem;

  const identity = extractSubjectIdentity(leaf.subject, now);
  if (!identity.ok) return identity;
  const { ok: _ok, ...subjectIdentity } = identity;
  return {
    ok: true,
    identity: subjectIdentity,
    leaf: summary(leaf, 'leaf'),
    leafCertificate: leaf,
    trustAnchor: { id: anchor.id, label: anchor.label, fingerprintSha256: anchor.fingerprintSha256 },
    path: [
      ...path.map((c, i) => summary(c, i === 0 ? 'leaf' : 'intermediate')),
      summary(anchor.certificate, 'root'),
    ],
  };
}

interface PathEntry {
  readonly certificate: ParsedCertificate;
  /** `leaf`, `intermediate 1`, `root <id>`: for failure details. */
  readonly what: string;
  readonly issuer: ParsedCertificate | null;
  /** Intermediates below this certificate in the path (-1 for the leaf). */
  readonly below: number;
}

type Inputs =
  | {
      readonly ok: true;
      readonly leaf: ParsedCertificate;
      readonly intermediates: ParsedCertificate[];
      readonly crls: ParsedCrl[];
    }
  | CertificateFailure;

function parseInputs(
  leafPem: string | Uint8Array,
  intermediatesPem: readonly (string | Uint8Array)[],
  crlInputs: readonly (string | Uint8Array | ParsedCrl)[],
): Inputs {
  if (intermediatesPem.length > MAX_INTERMEDIATES)
    return fail('MALFORMED', `at most ${MAX_INTERMEDIATES} intermediates`);
  if (crlInputs.length > MAX_CRLS) return fail('MALFORMED', `at most ${MAX_CRLS} CRLs`);
  const parse = <T>(what: string, read: () => T): T | CertificateFailure => {
    try {
      return read();
    } catch (error) {
      if (error instanceof MalformedCertificateError || error instanceof MalformedCrlError)
        return fail('MALFORMED', `${what}: ${error.message}`);
      throw error;
    }
  };
  const leaf = parse('leaf', () => parseCertificate(leafPem));
  if (isFailure(leaf)) return leaf;
  const intermediates: ParsedCertificate[] = [];
  for (const [index, pem] of intermediatesPem.entries()) {
    const intermediate = parse(`intermediate ${index}`, () => parseCertificate(pem));
    if (isFailure(intermediate)) return intermediate;
    intermediates.push(intermediate);
  }
  const crls: ParsedCrl[] = [];
  for (const [index, input] of crlInputs.entries()) {
    const crl =
      typeof input === 'string' || input instanceof Uint8Array
        ? parse(`CRL ${index}`, () => parseCrl(input))
        : input;
    if (isFailure(crl)) return crl;
    crls.push(crl);
  }
  return { ok: true, leaf, intermediates, crls };
}

function checkValidity(entries: readonly PathEntry[], now: Date): CertificateFailure | null {
  for (const { certificate, what } of entries) {
    if (now.getTime() > certificate.notAfter.getTime())
      return fail('EXPIRED', `${what} expired on ${certificate.notAfter.toISOString()}`);
    if (now.getTime() < certificate.notBefore.getTime())
      return fail('NOT_YET_VALID', `${what} is valid from ${certificate.notBefore.toISOString()}`);
  }
  return null;
}

function checkUsage(entries: readonly PathEntry[]): CertificateFailure | null {
  const [leaf, ...issuers] = entries as [PathEntry, ...PathEntry[]];
  const { basicConstraints, keyUsage, extendedKeyUsage } = leaf.certificate;
  if (basicConstraints?.ca) return fail('KEY_USAGE', 'leaf is a CA certificate');
  if (!keyUsage?.has('digitalSignature'))
    return fail('KEY_USAGE', 'leaf key usage does not allow digitalSignature');
  if (
    extendedKeyUsage &&
    !extendedKeyUsage.some((oid) => oid === Oid.EKU_CLIENT_AUTH || oid === Oid.EKU_ANY)
  ) {
    return fail('KEY_USAGE', 'leaf extended key usage does not allow clientAuth');
  }
  for (const { certificate, what, below } of issuers) {
    if (!certificate.basicConstraints?.ca) return fail('KEY_USAGE', `${what} is not a CA (basicConstraints)`);
    if (certificate.keyUsage && !certificate.keyUsage.has('keyCertSign'))
      return fail('KEY_USAGE', `${what} key usage does not allow keyCertSign`);
    const limit = certificate.basicConstraints.pathLength;
    if (limit !== null && below > limit)
      return fail('KEY_USAGE', `${what} allows ${limit} intermediates below it`);
  }
  return null;
}

function checkCriticalExtensions(entries: readonly PathEntry[]): CertificateFailure | null {
  for (const { certificate, what } of entries) {
    const unknown = certificate.criticalExtensions.filter((oid) => !UNDERSTOOD_EXTENSIONS.has(oid));
    if (unknown.length > 0)
      return fail('UNSUPPORTED_CRITICAL_EXTENSION', `${what}: critical extension ${unknown.join(', ')}`);
  }
  return null;
}

function checkRevocation(
  entries: readonly PathEntry[],
  crls: readonly ParsedCrl[],
  now: Date,
  mode: 'require' | 'if-present',
): CertificateFailure | null {
  for (const { certificate, what, issuer } of entries) {
    if (!issuer) continue; // a root is trusted as configured; removing it from the store revokes it
    const status = revocationStatus(certificate, issuer, crls, now);
    if (status === 'REVOKED' || (status === 'UNKNOWN' && mode === 'require')) return crlFailure(status, what);
  }
  return null;
}

type BuiltPath =
  | { readonly ok: true; readonly path: ParsedCertificate[]; readonly anchor: TrustAnchor }
  | CertificateFailure;

/**
 * Walks issuer names upwards. At each step a root of the store is preferred to an intermediate;
 * a candidate is taken only if its key verifies the current certificate's signature. When no
 * candidate verifies, the failure says why: a matching issuer whose key is not accepted, a
 * matching issuer whose signature check failed, or no matching issuer at all.
 */
function buildPath(
  leaf: ParsedCertificate,
  intermediates: readonly ParsedCertificate[],
  store: TrustStore,
): BuiltPath {
  const path: ParsedCertificate[] = [leaf];
  for (;;) {
    const current = path[path.length - 1] as ParsedCertificate;
    const what = path.length === 1 ? 'leaf' : `intermediate ${path.length - 1}`;
    let badSignature = false;
    for (const anchor of store.issuersOf(current)) {
      if (verifyCertificateSignature(current, anchor.certificate)) return { ok: true, path, anchor };
      badSignature = true;
    }
    let unsupported: CertificateFailure | null = null;
    let next: ParsedCertificate | undefined;
    if (path.length <= MAX_INTERMEDIATES) {
      for (const candidate of intermediates) {
        if (path.includes(candidate) || !sameName(candidate.subject, current.issuer)) continue;
        const problem = algorithmProblem(candidate, `intermediate ${path.length}`);
        if (problem) {
          unsupported = problem;
        } else if (verifyCertificateSignature(current, candidate)) {
          next = candidate;
          break;
        } else {
          badSignature = true;
        }
      }
    }
    if (!next) {
      if (unsupported) return unsupported;
      if (badSignature)
        return fail('BAD_SIGNATURE', `${what}: the signature does not verify with its issuer's key`);
      return fail(
        'UNTRUSTED_ISSUER',
        `${what}: its issuer is not in the trust store or among the intermediates`,
      );
    }
    path.push(next);
  }
}
