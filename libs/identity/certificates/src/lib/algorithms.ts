import { constants, createPublicKey, KeyObject, verify } from 'node:crypto';
import { ParsedCertificate, PublicKeyInfo } from './certificate';
import {
  children,
  decodeOid,
  decodeSmallInteger,
  decodeUnsignedInteger,
  DerError,
  DerNode,
  DerTag,
  expectTag,
  readSingle,
} from './der';
import { Oid } from './oids';
import { decodeSm2Point, SM2_DEFAULT_USER_ID, verifySm2 } from './sm2';

export const MIN_RSA_BITS = 2048;
/** Larger keys only cost verification time; nothing real uses more. */
export const MAX_RSA_BITS = 8192;

export type KeyFamily = 'RSA' | 'ECDSA_P256' | 'SM2';

/** The accepted key families: RSA 2048–8192 bits, ECDSA on P-256, SM2; null for anything else. */
export function keyFamily(key: PublicKeyInfo): KeyFamily | null {
  switch (key.kind) {
    case 'RSA':
      return key.modulusBits >= MIN_RSA_BITS && key.modulusBits <= MAX_RSA_BITS ? 'RSA' : null;
    case 'EC':
      return key.curveOid === Oid.CURVE_P256 ? 'ECDSA_P256' : null;
    case 'SM2':
      return decodeSm2Point(key.point) ? 'SM2' : null;
    default:
      return null;
  }
}

export function describeKey(key: PublicKeyInfo): string {
  switch (key.kind) {
    case 'RSA':
      return `RSA ${key.modulusBits}`;
    case 'EC':
      return key.curveOid === Oid.CURVE_P256 ? 'ECDSA P-256' : `EC curve ${key.curveOid}`;
    case 'SM2':
      return 'SM2';
    default:
      return `key algorithm ${key.algorithmOid}`;
  }
}

/** Certificate signature algorithms and the key family that must have made them. */
const CERTIFICATE_SIGNATURES: Readonly<Record<string, { family: KeyFamily; digest: string }>> = {
  [Oid.SHA256_WITH_RSA]: { family: 'RSA', digest: 'sha256' },
  [Oid.SHA384_WITH_RSA]: { family: 'RSA', digest: 'sha384' },
  [Oid.SHA512_WITH_RSA]: { family: 'RSA', digest: 'sha512' },
  [Oid.ECDSA_WITH_SHA256]: { family: 'ECDSA_P256', digest: 'sha256' },
  [Oid.ECDSA_WITH_SHA384]: { family: 'ECDSA_P256', digest: 'sha384' },
  [Oid.SM2_WITH_SM3]: { family: 'SM2', digest: 'sm3' },
};

const PSS_HASHES: Readonly<Record<string, string>> = {
  [Oid.SHA256]: 'sha256',
  [Oid.SHA384]: 'sha384',
  [Oid.SHA512]: 'sha512',
};

/** How a certificate or CRL signature is checked: key family, digest, and PSS salt length (null: PKCS#1 v1.5 / ECDSA / SM2). */
export interface SignatureAlgorithm {
  readonly family: KeyFamily;
  readonly digest: string;
  readonly pssSaltLength: number | null;
}

/** A certificate or CRL: the signed bytes, the signature and its algorithm. */
export interface SignedObject {
  readonly tbs: Buffer;
  readonly signatureAlgorithmOid: string;
  readonly signatureAlgorithmParameters: Buffer | null;
  readonly signature: Buffer;
}

/** The accepted signature algorithm of a certificate or CRL, or null (SHA-1, MD5, unknown, bad parameters). */
export function certificateSignatureAlgorithm(signed: SignedObject): SignatureAlgorithm | null {
  const plain = CERTIFICATE_SIGNATURES[signed.signatureAlgorithmOid];
  if (plain) return signed.signatureAlgorithmParameters === null ? { ...plain, pssSaltLength: null } : null;
  if (signed.signatureAlgorithmOid === Oid.RSASSA_PSS && signed.signatureAlgorithmParameters) {
    return pssParameters(signed.signatureAlgorithmParameters);
  }
  return null;
}

export function isSupportedCertificateSignature(signed: SignedObject): boolean {
  return certificateSignatureAlgorithm(signed) !== null;
}

/**
 * RSASSA-PSS-params (RFC 4055): the hash must be SHA-256/384/512 (the SHA-1 default is refused),
 * the mask generation MGF1 with the same hash, the trailer field 1.
 */
function pssParameters(parameters: Buffer): SignatureAlgorithm | null {
  const hashOf = (algorithm: DerNode | undefined): string | null => {
    const [oid] = children(expectTag(algorithm, DerTag.SEQUENCE, 'AlgorithmIdentifier'));
    return PSS_HASHES[decodeOid(oid as DerNode)] ?? null;
  };
  try {
    let hash: string | null = null;
    let mgfHash: string | null = null;
    let saltLength = 20;
    let trailer = 1;
    for (const field of children(expectTag(readSingle(parameters), DerTag.SEQUENCE, 'RSASSA-PSS-params'))) {
      const [inner] = children(field);
      if (field.tag === 0xa0) {
        hash = hashOf(inner);
      } else if (field.tag === 0xa1) {
        const [mgfOid, mgfParameters] = children(expectTag(inner, DerTag.SEQUENCE, 'maskGenAlgorithm'));
        if (decodeOid(mgfOid as DerNode) !== Oid.MGF1) return null;
        mgfHash = hashOf(mgfParameters);
      } else if (field.tag === 0xa2) {
        saltLength = decodeSmallInteger(inner as DerNode);
      } else if (field.tag === 0xa3) {
        trailer = decodeSmallInteger(inner as DerNode);
      } else {
        return null;
      }
    }
    if (!hash || hash !== mgfHash || trailer !== 1 || saltLength > 64) return null;
    return { family: 'RSA', digest: hash, pssSaltLength: saltLength };
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}

/** Verifies a certificate's (or CRL's) signature with `issuer`'s key; false also for a mismatched key family. */
export function verifyCertificateSignature(signed: SignedObject, issuer: ParsedCertificate): boolean {
  const algorithm = certificateSignatureAlgorithm(signed);
  if (!algorithm || keyFamily(issuer.publicKey) !== algorithm.family) return false;
  return verifyWithKey(algorithm.family, algorithm.digest, issuer, signed.tbs, signed.signature, {
    encoding: 'der',
    pssSaltLength: algorithm.pssSaltLength,
    sm2UserId: SM2_DEFAULT_USER_ID,
  });
}

export interface SignatureOptions {
  /** ECDSA/SM2 only: ASN.1 DER SEQUENCE { r, s } or the 64-byte r || s of IEEE P1363 / WebCrypto. */
  readonly encoding: 'der' | 'p1363';
  /** RSA only: RSASSA-PSS with MGF1 over the same digest and this salt length ('auto': any), or null for PKCS#1 v1.5. */
  readonly pssSaltLength: number | 'auto' | null;
  readonly sm2UserId: string;
}

export function verifyWithKey(
  family: KeyFamily,
  digest: string,
  signer: ParsedCertificate,
  data: Uint8Array,
  signature: Uint8Array,
  options: SignatureOptions,
): boolean {
  try {
    if (family === 'SM2') {
      if (signer.publicKey.kind !== 'SM2') return false;
      const point = decodeSm2Point(signer.publicKey.point);
      const rs = decodeEcSignature(signature, options.encoding);
      return point !== null && rs !== null && verifySm2(point, data, rs, options.sm2UserId);
    }
    const key: KeyObject = createPublicKey({ key: signer.spki, format: 'der', type: 'spki' });
    if (family === 'RSA') {
      const padding =
        options.pssSaltLength === null
          ? { padding: constants.RSA_PKCS1_PADDING }
          : {
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength:
                options.pssSaltLength === 'auto' ? constants.RSA_PSS_SALTLEN_AUTO : options.pssSaltLength,
            };
      return verify(digest, data, { key, ...padding }, signature);
    }
    return verify(
      digest,
      data,
      { key, dsaEncoding: options.encoding === 'p1363' ? 'ieee-p1363' : 'der' },
      signature,
    );
  } catch {
    // OpenSSL throws on structurally broken signatures; that is a bad signature, not an error.
    return false;
  }
}

/** (r, s) of a 256-bit ECDSA or SM2 signature, or null if it is not well formed. */
export function decodeEcSignature(
  signature: Uint8Array,
  encoding: 'der' | 'p1363',
): { r: bigint; s: bigint } | null {
  const buffer = Buffer.from(signature);
  if (encoding === 'p1363') {
    if (buffer.length !== 64) return null;
    return {
      r: BigInt(`0x${buffer.subarray(0, 32).toString('hex')}`),
      s: BigInt(`0x${buffer.subarray(32).toString('hex')}`),
    };
  }
  try {
    const parts = children(expectTag(readSingle(buffer), DerTag.SEQUENCE, 'signature'));
    if (parts.length !== 2) return null;
    const [r, s] = parts.map((part: DerNode) =>
      decodeUnsignedInteger(expectTag(part, DerTag.INTEGER, 'integer')),
    );
    return r === undefined || s === undefined ? null : { r, s };
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}
