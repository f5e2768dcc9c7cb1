import { randomBytes, randomUUID } from 'node:crypto';
import { keyFamily, KeyFamily, verifyWithKey } from './algorithms';
import { MalformedCertificateError, parseCertificate, ParsedCertificate } from './certificate';
import { CertificateFailure, fail } from './failure';
import { SM2_DEFAULT_USER_ID } from './sm2';

/** What the holder's key signs the challenge with. */
export const ChallengeAlgorithm = {
  /** RSASSA-PKCS1-v1_5 with SHA-256 (JOSE RS256). */
  RS256: 'RS256',
  /** RSASSA-PSS with SHA-256 and MGF1-SHA-256, any salt length (JOSE PS256). */
  PS256: 'PS256',
  /** ECDSA on P-256 with SHA-256 (JOSE ES256). */
  ES256: 'ES256',
  /** SM2 with SM3 (GB/T 32918, GM/T 0009). */
  SM2_SM3: 'SM2_SM3',
} as const;
export type ChallengeAlgorithm = (typeof ChallengeAlgorithm)[keyof typeof ChallengeAlgorithm];

const ALGORITHMS: Readonly<
  Record<ChallengeAlgorithm, { family: KeyFamily; digest: string; pssSaltLength: 'auto' | null }>
> = {
  RS256: { family: 'RSA', digest: 'sha256', pssSaltLength: null },
  PS256: { family: 'RSA', digest: 'sha256', pssSaltLength: 'auto' },
  ES256: { family: 'ECDSA_P256', digest: 'sha256', pssSaltLength: null },
  SM2_SM3: { family: 'SM2', digest: 'sm3', pssSaltLength: null },
};

/** A login challenge; identity stores it, hands out `message`, and deletes it on first use. */
export interface LoginChallenge {
  readonly id: string;
  /** 32 random bytes, base64url. */
  readonly nonce: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

export const DEFAULT_CHALLENGE_TTL_SECONDS = 120;
export const MAX_CHALLENGE_TTL_SECONDS = 600;
/** Larger than an RSA-8192 signature; refuses junk before any work. */
export const MAX_SIGNATURE_BYTES = 1100;

const MESSAGE_PREFIX = 'onewindow-certificate-login:v1';

export function createChallenge(options: { now?: Date; ttlSeconds?: number } = {}): LoginChallenge {
  const now = options.now ?? new Date();
  const ttl = options.ttlSeconds ?? DEFAULT_CHALLENGE_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_CHALLENGE_TTL_SECONDS) {
    throw new RangeError(`ttlSeconds must be an integer from 1 to ${MAX_CHALLENGE_TTL_SECONDS}`);
  }
  return {
    id: randomUUID(),
    nonce: randomBytes(32).toString('base64url'),
    issuedAt: new Date(now.getTime()),
    expiresAt: new Date(now.getTime() + ttl * 1000),
  };
}

/**
 * The exact UTF-8 text the client signs. It names the purpose, so a signature made for this login
 * cannot be replayed as a signature over some other document, and the expiry, so a stale challenge
 * cannot be presented as fresh.
 */
export function challengeMessage(challenge: Pick<LoginChallenge, 'id' | 'nonce' | 'expiresAt'>): string {
  return `${MESSAGE_PREFIX}:${challenge.id}:${challenge.nonce}:${challenge.expiresAt.toISOString()}`;
}

export interface ChallengeSignatureOptions {
  /** ES256 and SM2_SM3: `der` (default; what USB keys and OpenSSL produce) or `p1363` (r || s, WebCrypto). */
  readonly signatureEncoding?: 'der' | 'p1363';
  /** SM2 distinguishing identifier; GM/T 0009's `1234567812345678` unless the client says otherwise. */
  readonly sm2UserId?: string;
}

export type ChallengeVerification = { readonly ok: true } | CertificateFailure;

/**
 * Checks that `signature` over `challengeMessage(challenge)` was made with the leaf's key. Call it
 * with the `leafCertificate` of a successful `verifyCertificateChain`; the leaf's key usage is
 * checked again so a PEM passed directly cannot skip it. Replay is identity's part: a challenge
 * is consumed on first use.
 */
export function verifyChallengeSignature(
  leafCertificate: ParsedCertificate | string,
  challenge: LoginChallenge,
  signature: Uint8Array,
  algorithm: ChallengeAlgorithm,
  now: Date = new Date(),
  options: ChallengeSignatureOptions = {},
): ChallengeVerification {
  let leaf: ParsedCertificate;
  try {
    leaf = typeof leafCertificate === 'string' ? parseCertificate(leafCertificate) : leafCertificate;
  } catch (error) {
    if (error instanceof MalformedCertificateError) return fail('MALFORMED', `leaf: ${error.message}`);
    throw error;
  }
  const spec = Object.prototype.hasOwnProperty.call(ALGORITHMS, algorithm)
    ? ALGORITHMS[algorithm]
    : undefined;
  if (!spec) return fail('UNSUPPORTED_ALGORITHM', 'algorithm must be RS256, PS256, ES256 or SM2_SM3');
  if (
    !(challenge.expiresAt instanceof Date) ||
    Number.isNaN(challenge.expiresAt.getTime()) ||
    !/^[A-Za-z0-9_-]{43}$/.test(challenge.nonce)
  ) {
    return fail('MALFORMED', 'challenge');
  }
  if (now.getTime() > challenge.expiresAt.getTime())
    return fail('CHALLENGE_EXPIRED', `challenge expired at ${challenge.expiresAt.toISOString()}`);
  const family = keyFamily(leaf.publicKey);
  if (!family) return fail('UNSUPPORTED_ALGORITHM', 'the certificate key is not accepted');
  if (family !== spec.family)
    return fail('UNSUPPORTED_ALGORITHM', `${algorithm} does not match the certificate's ${family} key`);
  if (!leaf.keyUsage?.has('digitalSignature'))
    return fail('KEY_USAGE', 'leaf key usage does not allow digitalSignature');
  if (signature.length === 0 || signature.length > MAX_SIGNATURE_BYTES)
    return fail('MALFORMED', 'signature size');
  const valid = verifyWithKey(
    spec.family,
    spec.digest,
    leaf,
    Buffer.from(challengeMessage(challenge), 'utf8'),
    signature,
    {
      encoding: options.signatureEncoding ?? 'der',
      pssSaltLength: spec.pssSaltLength,
      sm2UserId: options.sm2UserId ?? SM2_DEFAULT_USER_ID,
    },
  );
  return valid
    ? { ok: true }
    : fail('BAD_SIGNATURE', 'the challenge signature does not verify with the certificate key');
}
