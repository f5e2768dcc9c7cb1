/** Object identifiers this library understands. */
export const Oid = {
  // public keys
  RSA_ENCRYPTION: '1.2.840.113549.1.1.1',
  EC_PUBLIC_KEY: '1.2.840.10045.2.1',
  CURVE_P256: '1.2.840.10045.3.1.7',
  /** sm2p256v1: OpenSSL writes it as the curve of id-ecPublicKey; some CAs as the key algorithm itself. */
  SM2: '1.2.156.10197.1.301',
  // signatures
  SHA256_WITH_RSA: '1.2.840.113549.1.1.11',
  SHA384_WITH_RSA: '1.2.840.113549.1.1.12',
  SHA512_WITH_RSA: '1.2.840.113549.1.1.13',
  ECDSA_WITH_SHA256: '1.2.840.10045.4.3.2',
  ECDSA_WITH_SHA384: '1.2.840.10045.4.3.3',
  SM2_WITH_SM3: '1.2.156.10197.1.501',
  RSASSA_PSS: '1.2.840.113549.1.1.10',
  MGF1: '1.2.840.113549.1.1.8',
  SHA256: '2.16.840.1.101.3.4.2.1',
  SHA384: '2.16.840.1.101.3.4.2.2',
  SHA512: '2.16.840.1.101.3.4.2.3',
  // name attributes
  COMMON_NAME: '2.5.4.3',
  SERIAL_NUMBER: '2.5.4.5',
  COUNTRY: '2.5.4.6',
  LOCALITY: '2.5.4.7',
  STATE: '2.5.4.8',
  ORGANIZATION: '2.5.4.10',
  ORGANIZATIONAL_UNIT: '2.5.4.11',
  USER_ID: '0.9.2342.19200300.100.1.1',
  EMAIL: '1.2.840.113549.1.9.1',
  // extensions
  SUBJECT_KEY_IDENTIFIER: '2.5.29.14',
  KEY_USAGE: '2.5.29.15',
  SUBJECT_ALT_NAME: '2.5.29.17',
  BASIC_CONSTRAINTS: '2.5.29.19',
  CRL_DISTRIBUTION_POINTS: '2.5.29.31',
  CERTIFICATE_POLICIES: '2.5.29.32',
  AUTHORITY_KEY_IDENTIFIER: '2.5.29.35',
  EXTENDED_KEY_USAGE: '2.5.29.37',
  AUTHORITY_INFO_ACCESS: '1.3.6.1.5.5.7.1.1',
  // extended key usages
  EKU_CLIENT_AUTH: '1.3.6.1.5.5.7.3.2',
  EKU_ANY: '2.5.29.37.0',
} as const;

export const ATTRIBUTE_SHORT_NAMES: Readonly<Record<string, string>> = {
  [Oid.COMMON_NAME]: 'CN',
  [Oid.SERIAL_NUMBER]: 'serialNumber',
  [Oid.COUNTRY]: 'C',
  [Oid.LOCALITY]: 'L',
  [Oid.STATE]: 'ST',
  [Oid.ORGANIZATION]: 'O',
  [Oid.ORGANIZATIONAL_UNIT]: 'OU',
  [Oid.USER_ID]: 'UID',
  [Oid.EMAIL]: 'emailAddress',
};

/**
 * Extensions this library either enforces or may safely ignore when marked critical (they add
 * information but no constraint we fail to apply). A critical extension outside this set (name
 * constraints, policy constraints, ...) makes the certificate unusable, as RFC 5280 4.2 requires.
 */
export const UNDERSTOOD_EXTENSIONS: ReadonlySet<string> = new Set([
  Oid.SUBJECT_KEY_IDENTIFIER,
  Oid.KEY_USAGE,
  Oid.SUBJECT_ALT_NAME,
  Oid.BASIC_CONSTRAINTS,
  Oid.CRL_DISTRIBUTION_POINTS,
  Oid.CERTIFICATE_POLICIES,
  Oid.AUTHORITY_KEY_IDENTIFIER,
  Oid.EXTENDED_KEY_USAGE,
  Oid.AUTHORITY_INFO_ACCESS,
]);
