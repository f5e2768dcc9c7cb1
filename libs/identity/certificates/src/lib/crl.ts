import { createHash } from 'node:crypto';
import { isSupportedCertificateSignature, verifyCertificateSignature } from './algorithms';
import {
  algorithmParameters,
  NameAttribute,
  parseExtensions,
  parseName,
  ParsedCertificate,
  sameName,
  serialHex,
} from './certificate';
import {
  children,
  decodeBitStringBytes,
  decodeOid,
  decodeSmallInteger,
  decodeTime,
  DerError,
  DerNode,
  DerTag,
  expectTag,
  readSingle,
} from './der';
import { CertificateFailure, fail } from './failure';
import { Oid } from './oids';

/** A parsed X.509 v2 CRL (RFC 5280 5). */
export interface ParsedCrl {
  readonly tbs: Buffer;
  readonly signatureAlgorithmOid: string;
  /** The DER parameters of the signature algorithm (RSASSA-PSS only), or null. */
  readonly signatureAlgorithmParameters: Buffer | null;
  readonly signature: Buffer;
  readonly issuer: readonly NameAttribute[];
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  /** Serial (content octets in hex, as `ParsedCertificate.serialNumberHex`) → revocation time. */
  readonly revoked: ReadonlyMap<string, Date>;
  /** Critical CRL or entry extensions we do not apply (delta CRLs, indirect CRLs, partitioned CRLs). */
  readonly unsupportedCriticalExtensions: readonly string[];
  readonly fingerprintSha256: string;
}

export class MalformedCrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedCrlError';
  }
}

/** CRLs of large CAs run to megabytes; refuse more than this per CRL. */
export const MAX_CRL_BYTES = 8 * 1024 * 1024;

/** Critical extensions a plain, complete, direct CRL may carry and we can honour. */
const UNDERSTOOD_CRL_EXTENSIONS: ReadonlySet<string> = new Set([
  Oid.AUTHORITY_KEY_IDENTIFIER,
  '2.5.29.20', // cRLNumber
  '2.5.29.21', // reasonCode (entry)
  '2.5.29.24', // invalidityDate (entry)
]);

const PEM_PATTERN = /^-----BEGIN X509 CRL-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END X509 CRL-----$/;

export function parseCrl(input: string | Uint8Array): ParsedCrl {
  let der: Buffer;
  if (typeof input === 'string') {
    const match = PEM_PATTERN.exec(input.trim());
    if (!match) throw new MalformedCrlError('expected exactly one PEM X509 CRL block');
    const base64 = (match[1] as string).replace(/\r?\n/g, '');
    der = Buffer.from(base64, 'base64');
    if (der.toString('base64') !== base64) throw new MalformedCrlError('bad base64');
  } else {
    der = Buffer.from(input);
  }
  if (der.length === 0 || der.length > MAX_CRL_BYTES) throw new MalformedCrlError('CRL size');
  try {
    return parseCrlDer(der);
  } catch (error) {
    if (error instanceof DerError) throw new MalformedCrlError(error.message);
    throw error;
  }
}

function parseCrlDer(der: Buffer): ParsedCrl {
  const [tbsNode, outerAlgorithm, signatureNode, ...rest] = children(
    expectTag(readSingle(der), DerTag.SEQUENCE, 'CertificateList'),
  );
  if (rest.length > 0) throw new DerError('extra fields in CertificateList');
  const tbs = expectTag(tbsNode, DerTag.SEQUENCE, 'TBSCertList');
  const signatureAlgorithm = expectTag(outerAlgorithm, DerTag.SEQUENCE, 'signatureAlgorithm');
  const signature = decodeBitStringBytes(expectTag(signatureNode, DerTag.BIT_STRING, 'signatureValue'));
  const fields = children(tbs);
  let index = 0;
  if (fields[0]?.tag === DerTag.INTEGER) {
    if (decodeSmallInteger(fields[0]) !== 1) throw new DerError('only v2 CRLs are accepted');
    index += 1;
  }
  const innerAlgorithm = expectTag(fields[index++], DerTag.SEQUENCE, 'signature');
  if (!innerAlgorithm.raw.equals(signatureAlgorithm.raw)) throw new DerError('signature algorithms differ');
  const issuer = parseName(expectTag(fields[index++], DerTag.SEQUENCE, 'issuer'));
  const thisUpdate = decodeTime(fields[index++] as DerNode);
  let nextUpdate: Date | null = null;
  if (fields[index]?.tag === DerTag.UTC_TIME || fields[index]?.tag === DerTag.GENERALIZED_TIME)
    nextUpdate = decodeTime(fields[index++] as DerNode);
  const revoked = new Map<string, Date>();
  const unsupported = new Set<string>();
  if (fields[index]?.tag === DerTag.SEQUENCE) {
    for (const entry of children(fields[index++] as DerNode)) {
      const [serial, date, extensions] = children(expectTag(entry, DerTag.SEQUENCE, 'revokedCertificate'));
      const serialNode = expectTag(serial, DerTag.INTEGER, 'userCertificate');
      const revokedAt = decodeTime(date as DerNode);
      for (const oid of parseExtensions(extensions).criticalExtensions)
        if (!UNDERSTOOD_CRL_EXTENSIONS.has(oid)) unsupported.add(oid);
      revoked.set(serialHex(serialNode), revokedAt);
    }
  }
  const extensionsNode = fields[index];
  if (extensionsNode) {
    if (extensionsNode.tag !== 0xa0 || index + 1 !== fields.length)
      throw new DerError('unexpected field in TBSCertList');
    for (const oid of parseExtensions(children(extensionsNode)[0]).criticalExtensions)
      if (!UNDERSTOOD_CRL_EXTENSIONS.has(oid)) unsupported.add(oid);
  }
  return {
    tbs: tbs.raw,
    signatureAlgorithmOid: decodeOid(children(signatureAlgorithm)[0] as DerNode),
    signatureAlgorithmParameters: algorithmParameters(signatureAlgorithm),
    signature,
    issuer,
    thisUpdate,
    nextUpdate,
    revoked,
    unsupportedCriticalExtensions: [...unsupported],
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
  };
}

/**
 * Whether `crl` is a usable statement by `issuer` about the certificates it issued: same issuer
 * name, signature verifying with the issuer's key, the issuer allowed to sign CRLs, and no critical
 * extension that would change its meaning.
 */
export function crlIsFrom(crl: ParsedCrl, issuer: ParsedCertificate): boolean {
  return (
    sameName(crl.issuer, issuer.subject) &&
    crl.unsupportedCriticalExtensions.length === 0 &&
    (issuer.keyUsage === null || issuer.keyUsage.has('cRLSign')) &&
    isSupportedCertificateSignature(crl) &&
    verifyCertificateSignature(crl, issuer)
  );
}

/**
 * Checks one certificate against the CRLs of its issuer. Listed on any authentic CRL of the issuer:
 * REVOKED, even if that CRL is past its nextUpdate (revocation is permanent). Otherwise at least one
 * authentic CRL must be current at `now`, or the status is unknown.
 */
export function revocationStatus(
  certificate: ParsedCertificate,
  issuer: ParsedCertificate,
  crls: readonly ParsedCrl[],
  now: Date,
): 'GOOD' | 'REVOKED' | 'UNKNOWN' {
  const authentic = crls.filter((crl) => crlIsFrom(crl, issuer));
  if (authentic.some((crl) => crl.revoked.has(certificate.serialNumberHex))) return 'REVOKED';
  const current = authentic.some(
    (crl) =>
      crl.thisUpdate.getTime() <= now.getTime() &&
      (crl.nextUpdate === null || now.getTime() <= crl.nextUpdate.getTime()),
  );
  return current ? 'GOOD' : 'UNKNOWN';
}

export function crlFailure(status: 'REVOKED' | 'UNKNOWN', what: string): CertificateFailure {
  return status === 'REVOKED'
    ? fail('REVOKED', `${what} is revoked by its issuer's CRL`)
    : fail('REVOCATION_UNKNOWN', `${what}: no current CRL of its issuer that verifies`);
}
