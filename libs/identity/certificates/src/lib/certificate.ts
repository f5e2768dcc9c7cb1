import { createHash, X509Certificate } from 'node:crypto';
import {
  children,
  decodeBitStringBytes,
  decodeBoolean,
  decodeNamedBits,
  decodeOid,
  decodeSmallInteger,
  decodeString,
  decodeTime,
  decodeUnsignedInteger,
  DerError,
  DerNode,
  DerTag,
  expectTag,
  readSingle,
} from './der';
import { ATTRIBUTE_SHORT_NAMES, Oid } from './oids';

/** RFC 5280 key usage bits. */
export const KeyUsage = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
  encipherOnly: 7,
  decipherOnly: 8,
} as const;
export type KeyUsageName = keyof typeof KeyUsage;

export interface NameAttribute {
  readonly oid: string;
  /** CN, serialNumber, OU, UID, ... or the dotted OID for others. */
  readonly type: string;
  readonly value: string;
}

export type PublicKeyInfo =
  | { readonly kind: 'RSA'; readonly modulusBits: number }
  | { readonly kind: 'EC'; readonly curveOid: string }
  | { readonly kind: 'SM2'; readonly point: Buffer }
  | { readonly kind: 'OTHER'; readonly algorithmOid: string };

export interface ParsedCertificate {
  readonly der: Buffer;
  readonly tbs: Buffer;
  readonly signatureAlgorithmOid: string;
  /** The DER parameters of the signature algorithm (RSASSA-PSS only), or null. */
  readonly signatureAlgorithmParameters: Buffer | null;
  readonly signature: Buffer;
  readonly serialNumberHex: string;
  readonly issuer: readonly NameAttribute[];
  readonly subject: readonly NameAttribute[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The DER SubjectPublicKeyInfo, as Node's `createPublicKey` takes it. */
  readonly spki: Buffer;
  readonly publicKey: PublicKeyInfo;
  readonly basicConstraints: { readonly ca: boolean; readonly pathLength: number | null } | null;
  /** Null when the certificate has no key usage extension. */
  readonly keyUsage: ReadonlySet<KeyUsageName> | null;
  readonly extendedKeyUsage: readonly string[] | null;
  readonly criticalExtensions: readonly string[];
  readonly fingerprintSha256: string;
}

export class MalformedCertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedCertificateError';
  }
}

/** Upper bound for one certificate; real ones are 1–3 KiB. */
export const MAX_CERTIFICATE_BYTES = 16 * 1024;

const PEM_PATTERN = /^-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END CERTIFICATE-----$/;

/** Accepts one PEM `CERTIFICATE` block (surrounding whitespace ignored) or DER bytes. */
export function certificateDer(input: string | Uint8Array): Buffer {
  if (typeof input !== 'string') {
    if (input.length === 0 || input.length > MAX_CERTIFICATE_BYTES)
      throw new MalformedCertificateError('certificate size');
    return Buffer.from(input);
  }
  if (input.length > (MAX_CERTIFICATE_BYTES * 4) / 3 + 1024)
    throw new MalformedCertificateError('certificate size');
  const match = PEM_PATTERN.exec(input.trim());
  if (!match) throw new MalformedCertificateError('expected exactly one PEM CERTIFICATE block');
  const base64 = (match[1] as string).replace(/\r?\n/g, '');
  const der = Buffer.from(base64, 'base64');
  if (der.length === 0 || der.toString('base64') !== base64)
    throw new MalformedCertificateError('bad base64');
  return der;
}

export function parseCertificate(input: string | Uint8Array): ParsedCertificate {
  const der = certificateDer(input);
  try {
    // OpenSSL must accept it too: a certificate only our reader understands is not a certificate.
    new X509Certificate(der);
  } catch {
    throw new MalformedCertificateError('not an X.509 certificate');
  }
  try {
    return parseDer(der);
  } catch (error) {
    if (error instanceof DerError) throw new MalformedCertificateError(error.message);
    throw error;
  }
}

function parseDer(der: Buffer): ParsedCertificate {
  const root = expectTag(readSingle(der), DerTag.SEQUENCE, 'Certificate');
  const [tbsNode, outerAlgorithm, signatureNode, ...rest] = children(root);
  if (rest.length > 0) throw new DerError('extra fields in Certificate');
  expectTag(tbsNode, DerTag.SEQUENCE, 'TBSCertificate');
  const signatureAlgorithm = expectTag(outerAlgorithm, DerTag.SEQUENCE, 'signatureAlgorithm');
  const signature = decodeBitStringBytes(expectTag(signatureNode, DerTag.BIT_STRING, 'signatureValue'));

  const fields = children(tbsNode as DerNode);
  let index = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    version = decodeSmallInteger(children(fields[0])[0] as DerNode) + 1;
    index += 1;
  }
  if (version !== 3) throw new DerError('only X.509 v3 certificates are accepted');
  const serial = expectTag(fields[index++], DerTag.INTEGER, 'serialNumber');
  if (serial.content.length === 0 || serial.content.length > 64) throw new DerError('bad serialNumber');
  const innerAlgorithm = expectTag(fields[index++], DerTag.SEQUENCE, 'signature');
  if (!innerAlgorithm.raw.equals(signatureAlgorithm.raw)) throw new DerError('signature algorithms differ');
  const issuer = parseName(expectTag(fields[index++], DerTag.SEQUENCE, 'issuer'));
  const validity = children(expectTag(fields[index++], DerTag.SEQUENCE, 'validity'));
  if (validity.length !== 2) throw new DerError('bad validity');
  const subject = parseName(expectTag(fields[index++], DerTag.SEQUENCE, 'subject'));
  const spkiNode = expectTag(fields[index++], DerTag.SEQUENCE, 'subjectPublicKeyInfo');
  let extensionsNode: DerNode | undefined;
  for (; index < fields.length; index += 1) {
    const field = fields[index] as DerNode;
    if (field.tag === 0xa3) extensionsNode = field;
    else if (field.tag !== 0x81 && field.tag !== 0x82)
      throw new DerError('unexpected field in TBSCertificate');
  }

  const certificate: ParsedCertificate = {
    der,
    tbs: (tbsNode as DerNode).raw,
    signatureAlgorithmOid: decodeOid(children(signatureAlgorithm)[0] as DerNode),
    signatureAlgorithmParameters: algorithmParameters(signatureAlgorithm),
    signature,
    serialNumberHex: serialHex(serial),
    issuer,
    subject,
    notBefore: decodeTime(validity[0] as DerNode),
    notAfter: decodeTime(validity[1] as DerNode),
    spki: spkiNode.raw,
    publicKey: parsePublicKey(spkiNode),
    ...parseExtensions(
      extensionsNode ? expectTag(children(extensionsNode)[0], DerTag.SEQUENCE, 'Extensions') : undefined,
    ),
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
  };
  return certificate;
}

/**
 * The serial's content octets in hex: compared byte for byte with CRL entries, and tolerant of the
 * negative serials some CAs issue (RFC 5280 says positive, OpenSSL accepts both).
 */
export function serialHex(node: DerNode): string {
  return node.content.toString('hex').toUpperCase();
}

export function parseName(node: DerNode): NameAttribute[] {
  const attributes: NameAttribute[] = [];
  for (const rdn of children(node)) {
    expectTag(rdn, DerTag.SET, 'RelativeDistinguishedName');
    for (const pair of children(rdn)) {
      const [typeNode, valueNode] = children(expectTag(pair, DerTag.SEQUENCE, 'AttributeTypeAndValue'));
      const oid = decodeOid(typeNode as DerNode);
      if (!valueNode) throw new DerError('attribute without value');
      let value: string;
      try {
        value = decodeString(valueNode);
      } catch {
        value = ''; // a non-string attribute (x500UniqueIdentifier, ...) carries no identity we read
      }
      attributes.push({ oid, type: ATTRIBUTE_SHORT_NAMES[oid] ?? oid, value });
    }
  }
  return attributes;
}

function parsePublicKey(spki: DerNode): PublicKeyInfo {
  const [algorithm, keyBits] = children(spki);
  const [algorithmOidNode, parameters] = children(
    expectTag(algorithm, DerTag.SEQUENCE, 'AlgorithmIdentifier'),
  );
  const algorithmOid = decodeOid(algorithmOidNode as DerNode);
  const key = decodeBitStringBytes(expectTag(keyBits, DerTag.BIT_STRING, 'subjectPublicKey'));
  if (algorithmOid === Oid.RSA_ENCRYPTION) {
    const [modulus] = children(readSingle(key));
    return { kind: 'RSA', modulusBits: decodeUnsignedInteger(modulus as DerNode).toString(2).length };
  }
  const curveOid = parameters?.tag === DerTag.OID ? decodeOid(parameters) : null;
  if (algorithmOid === Oid.SM2 || (algorithmOid === Oid.EC_PUBLIC_KEY && curveOid === Oid.SM2)) {
    return { kind: 'SM2', point: Buffer.from(key) };
  }
  if (algorithmOid === Oid.EC_PUBLIC_KEY) {
    if (!curveOid) throw new DerError('explicit curve parameters are not supported');
    return { kind: 'EC', curveOid };
  }
  return { kind: 'OTHER', algorithmOid };
}

export interface Extensions {
  basicConstraints: ParsedCertificate['basicConstraints'];
  keyUsage: ParsedCertificate['keyUsage'];
  extendedKeyUsage: ParsedCertificate['extendedKeyUsage'];
  criticalExtensions: string[];
}

/** Reads an `Extensions` SEQUENCE (absent: no extensions). */
export function parseExtensions(sequence: DerNode | undefined): Extensions {
  const result: Extensions = {
    basicConstraints: null,
    keyUsage: null,
    extendedKeyUsage: null,
    criticalExtensions: [],
  };
  if (!sequence) return result;
  const seen = new Set<string>();
  for (const extension of children(expectTag(sequence, DerTag.SEQUENCE, 'Extensions'))) {
    const parts = children(expectTag(extension, DerTag.SEQUENCE, 'Extension'));
    const oid = decodeOid(parts[0] as DerNode);
    if (seen.has(oid)) throw new DerError('duplicate extension');
    seen.add(oid);
    let critical = false;
    let valueNode = parts[1];
    if (valueNode?.tag === DerTag.BOOLEAN) {
      critical = decodeBoolean(valueNode);
      valueNode = parts[2];
    }
    const value = expectTag(valueNode, DerTag.OCTET_STRING, 'extnValue').content;
    if (critical) result.criticalExtensions.push(oid);
    if (oid === Oid.BASIC_CONSTRAINTS) {
      const items = children(expectTag(readSingle(value), DerTag.SEQUENCE, 'BasicConstraints'));
      let ca = false;
      let pathLength: number | null = null;
      for (const item of items) {
        if (item.tag === DerTag.BOOLEAN) ca = decodeBoolean(item);
        else if (item.tag === DerTag.INTEGER) pathLength = decodeSmallInteger(item);
        else throw new DerError('bad BasicConstraints');
      }
      result.basicConstraints = { ca, pathLength };
    } else if (oid === Oid.KEY_USAGE) {
      const bits = decodeNamedBits(readSingle(value));
      const names = new Set<KeyUsageName>();
      for (const [name, bit] of Object.entries(KeyUsage) as [KeyUsageName, number][])
        if (bits.has(bit)) names.add(name);
      result.keyUsage = names;
    } else if (oid === Oid.EXTENDED_KEY_USAGE) {
      result.extendedKeyUsage = children(
        expectTag(readSingle(value), DerTag.SEQUENCE, 'ExtKeyUsageSyntax'),
      ).map(decodeOid);
    }
  }
  return result;
}

/** The parameters of an AlgorithmIdentifier; an absent or NULL parameter is null. */
export function algorithmParameters(algorithm: DerNode): Buffer | null {
  const [, parameters, ...rest] = children(algorithm);
  if (rest.length > 0) throw new DerError('bad AlgorithmIdentifier');
  return !parameters || parameters.tag === DerTag.NULL ? null : parameters.raw;
}

/** `CN=..., O=...` for logs of CA certificates and admin screens (never for personal certificates). */
export function formatName(attributes: readonly NameAttribute[]): string {
  return attributes.map((a) => `${a.type}=${a.value.replace(/([,+="\\<>;])/g, '\\$1')}`).join(', ');
}

/**
 * Names compare equal when their attributes match in order, ignoring case and runs of spaces
 * (RFC 5280 7.1, simplified), so a PrintableString issuer matches a UTF8String subject.
 */
export function sameName(a: readonly NameAttribute[], b: readonly NameAttribute[]): boolean {
  if (a.length !== b.length) return false;
  const norm = (v: string) => v.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return a.every(
    (attr, i) => attr.oid === b[i]?.oid && norm(attr.value) === norm((b[i] as NameAttribute).value),
  );
}
