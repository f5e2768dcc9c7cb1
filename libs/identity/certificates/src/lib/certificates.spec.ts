import { createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  CA_EXTENSIONS,
  Issued,
  LEAF_EXTENSIONS,
  OpenSslPki,
  STANDARD_SM2_ID,
} from '../test-support/openssl-pki';
import { ChainVerification, verifyCertificateChain, VerifiedChain } from './chain';
import { parseCertificate } from './certificate';
import { parseCrl } from './crl';
import { challengeMessage, createChallenge, LoginChallenge, verifyChallengeSignature } from './challenge';
import { TrustStore, validateTrustAnchor } from './trust-store';

/**
 * Every certificate here is made by the openssl CLI in beforeAll: three CAs with different
 * algorithms (RSA, ECDSA P-256, SM2), an intermediate chain, an untrusted CA, and leaves that each
 * break one rule.
 */

const ZHANG_SAN = '11010519491231002X'; // GB 11643 example
const LI_SI = '35012319900101123X';
const CREDIT_CODE = '91350123MA31ABCDEX';
const DAY = 86_400_000;

let pki: OpenSslPki;
const c: Record<string, Issued> = {};
const k: Record<string, string> = {};
const crl: Record<string, string> = {};
let store: TrustStore;

beforeAll(() => {
  pki = OpenSslPki.create();
  k.rsaRoot = pki.key('rsa-root', 'rsa2048');
  k.rsaLeaf = pki.key('rsa-leaf', 'rsa2048');
  k.rsaSmall = pki.key('rsa-1024', 'rsa1024');
  k.ecRoot = pki.key('ec-root', 'p256');
  k.ecInter = pki.key('ec-inter', 'p256');
  k.ecLeaf = pki.key('ec-leaf', 'p256');
  k.ecOther = pki.key('ec-other', 'p256');
  k.p384 = pki.key('p384', 'p384');
  k.sm2Root = pki.key('sm2-root', 'sm2');
  k.sm2Leaf = pki.key('sm2-leaf', 'sm2');
  k.sm2Other = pki.key('sm2-other', 'sm2');

  const root = (name: string, key: string, subject: string, extensions = CA_EXTENSIONS) =>
    (c[name] = pki.selfSigned(name, { key, subject, extensions }));
  const leaf = (
    name: string,
    issuer: string,
    key: string,
    subject: string,
    more: Partial<Parameters<OpenSslPki['issue']>[2]> = {},
  ) =>
    (c[name] = pki.issue(name, c[issuer] as Issued, { key, subject, extensions: LEAF_EXTENSIONS, ...more }));

  root('rsaRoot', k.rsaRoot, '/C=CN/O=Test RSA CA/CN=Test RSA Root');
  root('ecRoot', k.ecRoot, '/C=CN/O=Test ECC CA/CN=Test ECC Root');
  root('sm2Root', k.sm2Root, '/C=CN/O=Test SM2 CA/CN=Test SM2 Root');
  root('untrustedRoot', k.ecOther, '/C=CN/O=Rogue CA/CN=Rogue Root');
  root('rsaRootPathLen0', k.rsaRoot, '/C=CN/O=Test RSA CA/CN=Test RSA Root No Sub-CA', [
    'basicConstraints = critical,CA:TRUE,pathlen:0',
    'keyUsage = critical,keyCertSign,cRLSign',
  ]);

  leaf('rsaLeaf', 'rsaRoot', k.rsaLeaf, `/C=CN/CN=Zhang San/serialNumber=${ZHANG_SAN}`);
  leaf('ecLeaf', 'ecRoot', k.ecLeaf, `/C=CN/CN=李四(${LI_SI})`);
  leaf(
    'sm2Leaf',
    'sm2Root',
    k.sm2Leaf,
    `/C=CN/O=罗源测试有限公司/CN=罗源测试有限公司/serialNumber=${CREDIT_CODE}`,
  );
  leaf('sm2EmptyIdLeaf', 'sm2Root', k.sm2Leaf, `/C=CN/CN=Zhang San/serialNumber=${ZHANG_SAN}`, {
    sm2Id: null,
  });

  c.ecInter = pki.issue('ecInter', c.rsaRoot as Issued, {
    key: k.ecInter,
    subject: '/C=CN/O=Test RSA CA/CN=Test Issuing CA 1',
    extensions: CA_EXTENSIONS,
  });
  leaf('interLeaf', 'ecInter', k.ecLeaf, `/C=CN/OU=${LI_SI}/CN=Li Si`);
  c.notCaInter = pki.issue('notCaInter', c.rsaRoot as Issued, {
    key: k.ecInter,
    subject: '/C=CN/O=Test RSA CA/CN=Not A CA',
    extensions: LEAF_EXTENSIONS,
  });
  leaf('leafOfNotCa', 'notCaInter', k.ecLeaf, `/CN=Li Si/serialNumber=${LI_SI}`);
  c.interUnderPathLen0 = pki.issue('interUnderPathLen0', c.rsaRootPathLen0 as Issued, {
    key: k.ecInter,
    subject: '/C=CN/O=Test RSA CA/CN=Test Issuing CA 2',
    extensions: CA_EXTENSIONS,
  });
  leaf('leafUnderPathLen0', 'interUnderPathLen0', k.ecLeaf, `/CN=Li Si/serialNumber=${LI_SI}`);

  leaf('untrustedLeaf', 'untrustedRoot', k.ecLeaf, `/CN=Li Si/serialNumber=${LI_SI}`);
  leaf('expiredLeaf', 'rsaRoot', k.rsaLeaf, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`, {
    notBefore: new Date(Date.now() - 400 * DAY),
    notAfter: new Date(Date.now() - 35 * DAY),
  });
  leaf('futureLeaf', 'rsaRoot', k.rsaLeaf, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`, {
    notBefore: new Date(Date.now() + 30 * DAY),
    notAfter: new Date(Date.now() + 400 * DAY),
  });
  leaf('encipherOnlyLeaf', 'rsaRoot', k.rsaLeaf, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`, {
    extensions: ['basicConstraints = CA:FALSE', 'keyUsage = critical,keyEncipherment,dataEncipherment'],
  });
  leaf('caLeaf', 'rsaRoot', k.rsaLeaf, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`, {
    extensions: CA_EXTENSIONS.concat([]),
  });
  leaf('serverAuthLeaf', 'rsaRoot', k.rsaLeaf, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`, {
    extensions: [...LEAF_EXTENSIONS, 'extendedKeyUsage = serverAuth'],
  });
  leaf('clientAuthLeaf', 'rsaRoot', k.rsaLeaf, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`, {
    extensions: [...LEAF_EXTENSIONS, 'extendedKeyUsage = clientAuth,emailProtection'],
  });
  leaf('criticalUnknownLeaf', 'rsaRoot', k.rsaLeaf, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`, {
    extensions: [...LEAF_EXTENSIONS, '1.2.3.4.5 = critical,ASN1:UTF8String:must understand'],
  });
  leaf('smallKeyLeaf', 'rsaRoot', k.rsaSmall, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`);
  leaf('p384Leaf', 'ecRoot', k.p384, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`);
  leaf('sha1Leaf', 'rsaRoot', k.rsaLeaf, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`, { digest: 'sha1' });
  leaf('anonymousLeaf', 'rsaRoot', k.rsaLeaf, '/C=CN/CN=Zhang San/OU=Citizens');

  leaf('revokedLeaf', 'rsaRoot', k.rsaLeaf, `/CN=Zhang San/serialNumber=${ZHANG_SAN}`);
  leaf(
    'revokedSm2Leaf',
    'sm2Root',
    k.sm2Leaf,
    `/O=罗源测试有限公司/CN=罗源测试有限公司/serialNumber=${CREDIT_CODE}`,
  );
  pki.revoke(c.revokedLeaf as Issued, c.rsaRoot as Issued);
  pki.revoke(c.revokedSm2Leaf as Issued, c.sm2Root as Issued);
  crl.rsaRoot = pki.crl('rsa-root', c.rsaRoot as Issued);
  crl.sm2Root = pki.crl('sm2-root', c.sm2Root as Issued);
  crl.ecInter = pki.crl('ec-inter', c.ecInter as Issued);
  crl.untrustedRoot = pki.crl('untrusted-root', c.untrustedRoot as Issued);

  const created = TrustStore.create([
    { id: 'test-rsa-root', label: 'Test RSA CA root', certificatePem: (c.rsaRoot as Issued).pem },
    { id: 'test-ecc-root', label: 'Test ECC CA root', certificatePem: (c.ecRoot as Issued).pem },
    { id: 'test-sm2-root', label: 'Test SM2 CA root', certificatePem: (c.sm2Root as Issued).pem },
    {
      id: 'test-rsa-root-pathlen0',
      label: 'Test RSA CA root without sub-CAs',
      certificatePem: (c.rsaRootPathLen0 as Issued).pem,
    },
  ]);
  if (!created.ok) throw new Error(`test trust store refused: ${JSON.stringify(created.problems)}`);
  store = created.store;
}, 120_000);

afterAll(() => pki?.dispose());

const pem = (name: string): string => (c[name] as Issued).pem;
const chain = (leaf: string, intermediates: string[] = []): ChainVerification =>
  verifyCertificateChain(pem(leaf), intermediates.map(pem), store);
const verified = (result: ChainVerification): VerifiedChain => {
  if (!result.ok) throw new Error(`expected a verified chain, got ${result.reason}: ${result.detail}`);
  return result;
};

/** Applies `mutate` to a copy of the certificate's DER and returns it as PEM. */
function tamper(certificatePem: string, mutate: (der: Buffer) => void): string {
  const der = new X509Certificate(certificatePem).raw;
  mutate(der);
  return `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)
    ?.join('\n')}\n-----END CERTIFICATE-----\n`;
}

describe('verifyCertificateChain', () => {
  it('accepts an RSA leaf issued by a trusted RSA root and binds it through serialNumber', () => {
    const result = verified(chain('rsaLeaf'));
    expect(result.identity).toEqual({
      commonName: 'Zhang San',
      citizenIdNumber: { kind: 'CITIZEN_ID_NUMBER', value: ZHANG_SAN, source: 'serialNumber' },
      creditCode: null,
    });
    expect(result.trustAnchor.id).toBe('test-rsa-root');
    expect(result.path.map((p) => [p.role, p.keyAlgorithm])).toEqual([
      ['leaf', 'RSA 2048'],
      ['root', 'RSA 2048'],
    ]);
  });

  it('accepts an ECDSA P-256 leaf and reads the ID number from a Chinese CN', () => {
    const result = verified(chain('ecLeaf'));
    expect(result.identity.citizenIdNumber).toEqual({
      kind: 'CITIZEN_ID_NUMBER',
      value: LI_SI,
      source: 'CN',
    });
    expect(result.identity.commonName).toBe(`李四(${LI_SI})`);
    expect(result.trustAnchor.id).toBe('test-ecc-root');
    expect(result.leaf.keyAlgorithm).toBe('ECDSA P-256');
  });

  it('accepts an SM2 enterprise leaf signed with SM3 under the GM/T 0009 identifier and binds the credit code', () => {
    const result = verified(chain('sm2Leaf'));
    expect(result.identity.creditCode).toEqual({
      kind: 'CREDIT_CODE',
      value: CREDIT_CODE,
      source: 'serialNumber',
    });
    expect(result.identity.citizenIdNumber).toBeNull();
    expect(result.trustAnchor.id).toBe('test-sm2-root');
    expect(result.path.map((p) => p.keyAlgorithm)).toEqual(['SM2', 'SM2']);
  });

  it('builds a path through an intermediate given in any order among unrelated certificates', () => {
    const result = verified(chain('interLeaf', ['untrustedRoot', 'ecInter']));
    expect(result.path.map((p) => p.role)).toEqual(['leaf', 'intermediate', 'root']);
    expect(result.path[1]?.fingerprintSha256).toBe(
      new X509Certificate(pem('ecInter')).fingerprint256.replace(/:/g, '').toLowerCase(),
    );
    expect(result.trustAnchor.id).toBe('test-rsa-root');
    expect(result.identity.citizenIdNumber?.source).toBe('OU');
  });

  it('builds an all-SM2 path (root, intermediate, leaf) as national CAs issue them', () => {
    const sm2Inter = pki.issue('sm2Inter', c.sm2Root as Issued, {
      key: k.sm2Other as string,
      subject: '/C=CN/O=Test SM2 CA/CN=Test SM2 Issuing CA',
      extensions: CA_EXTENSIONS,
    });
    const sm2InterLeaf = pki.issue('sm2InterLeaf', sm2Inter, {
      key: k.sm2Leaf as string,
      subject: `/C=CN/CN=张三/serialNumber=${ZHANG_SAN}`,
      extensions: LEAF_EXTENSIONS,
    });
    const result = verified(verifyCertificateChain(sm2InterLeaf.pem, [sm2Inter.pem], store));
    expect(result.path.map((p) => [p.role, p.keyAlgorithm])).toEqual([
      ['leaf', 'SM2'],
      ['intermediate', 'SM2'],
      ['root', 'SM2'],
    ]);
    expect(result.identity.citizenIdNumber?.value).toBe(ZHANG_SAN);
  });

  it('reads a subject written as BMPString, as older Chinese certificates are', () => {
    const bmpLeaf = pki.issue('bmpLeaf', c.sm2Root as Issued, {
      key: k.sm2Leaf as string,
      subject: `/C=CN/CN=张三(${ZHANG_SAN})/OU=个人用户`,
      extensions: LEAF_EXTENSIONS,
      stringMask: 'default',
    });
    expect(pki.openssl(['asn1parse', '-in', bmpLeaf.certPath]).toString()).toContain('BMPSTRING');
    expect(verifyCertificateChain(bmpLeaf.pem, [], store)).toMatchObject({
      ok: true,
      identity: { commonName: `张三(${ZHANG_SAN})`, citizenIdNumber: { value: ZHANG_SAN, source: 'CN' } },
    });
  });

  it('refuses a leaf whose intermediate is not presented', () => {
    expect(chain('interLeaf')).toMatchObject({ ok: false, reason: 'UNTRUSTED_ISSUER' });
  });

  it('refuses a leaf issued by a CA that is not in the trust store', () => {
    expect(chain('untrustedLeaf')).toMatchObject({ ok: false, reason: 'UNTRUSTED_ISSUER' });
    expect(chain('untrustedLeaf', ['untrustedRoot'])).toMatchObject({
      ok: false,
      reason: 'UNTRUSTED_ISSUER',
    });
  });

  it('refuses an expired leaf', () => {
    expect(chain('expiredLeaf')).toMatchObject({
      ok: false,
      reason: 'EXPIRED',
      detail: expect.stringContaining('leaf expired'),
    });
  });

  it('refuses a leaf that is not yet valid', () => {
    expect(chain('futureLeaf')).toMatchObject({ ok: false, reason: 'NOT_YET_VALID' });
  });

  it('refuses every certificate once the root itself has expired', () => {
    const afterRoot = new Date(new X509Certificate(pem('rsaRoot')).validTo).getTime() + DAY;
    const result = verifyCertificateChain(pem('rsaLeaf'), [], store, new Date(afterRoot));
    expect(result).toMatchObject({ ok: false, reason: 'EXPIRED' });
  });

  it('refuses a leaf whose key usage does not allow digitalSignature', () => {
    expect(chain('encipherOnlyLeaf')).toMatchObject({
      ok: false,
      reason: 'KEY_USAGE',
      detail: expect.stringContaining('digitalSignature'),
    });
  });

  it('refuses a CA certificate presented as a login certificate', () => {
    expect(chain('caLeaf')).toMatchObject({
      ok: false,
      reason: 'KEY_USAGE',
      detail: 'leaf is a CA certificate',
    });
  });

  it('refuses a leaf whose extended key usage excludes client authentication, and accepts one that includes it', () => {
    expect(chain('serverAuthLeaf')).toMatchObject({ ok: false, reason: 'KEY_USAGE' });
    expect(chain('clientAuthLeaf')).toMatchObject({ ok: true });
  });

  it('refuses a chain through an issuer that is not a CA', () => {
    expect(chain('leafOfNotCa', ['notCaInter'])).toMatchObject({
      ok: false,
      reason: 'KEY_USAGE',
      detail: expect.stringContaining('not a CA'),
    });
  });

  it('refuses an intermediate below a root whose path length is 0', () => {
    expect(chain('leafUnderPathLen0', ['interUnderPathLen0'])).toMatchObject({
      ok: false,
      reason: 'KEY_USAGE',
    });
  });

  it('refuses a certificate whose signature bytes were altered', () => {
    const forged = tamper(pem('rsaLeaf'), (der) => {
      der[der.length - 1] = (der[der.length - 1] as number) ^ 0x01;
    });
    expect(verifyCertificateChain(forged, [], store)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuses a certificate whose ID number was edited after signing', () => {
    const forged = tamper(pem('rsaLeaf'), (der) => {
      const at = der.indexOf(Buffer.from(ZHANG_SAN));
      der.write('110105194912310037', at, 'latin1'); // another valid number, same length
    });
    expect(verifyCertificateChain(forged, [], store)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuses an SM2 certificate signed with an empty identifier instead of the GM/T 0009 one', () => {
    expect(chain('sm2EmptyIdLeaf')).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuses RSA keys below 2048 bits, P-384 keys and SHA-1 signatures', () => {
    expect(chain('smallKeyLeaf')).toMatchObject({
      ok: false,
      reason: 'UNSUPPORTED_ALGORITHM',
      detail: expect.stringContaining('RSA 1024'),
    });
    expect(chain('p384Leaf')).toMatchObject({ ok: false, reason: 'UNSUPPORTED_ALGORITHM' });
    expect(chain('sha1Leaf')).toMatchObject({
      ok: false,
      reason: 'UNSUPPORTED_ALGORITHM',
      detail: expect.stringContaining('1.2.840.113549.1.1.5'),
    });
  });

  it('accepts RSASSA-PSS certificate signatures with SHA-256 and refuses them with SHA-1', () => {
    const pss = ['rsa_padding_mode:pss', 'rsa_pss_saltlen:32'];
    const pssRoot = pki.selfSigned('pssRoot', {
      key: k.rsaRoot as string,
      subject: '/CN=Test RSA-PSS Root',
      extensions: CA_EXTENSIONS,
      sigopts: pss,
    });
    const pssLeaf = pki.issue('pssLeaf', pssRoot, {
      key: k.rsaLeaf as string,
      subject: `/CN=Zhang San/serialNumber=${ZHANG_SAN}`,
      extensions: LEAF_EXTENSIONS,
      sigopts: pss,
    });
    const sha1PssLeaf = pki.issue('sha1PssLeaf', pssRoot, {
      key: k.rsaLeaf as string,
      subject: `/CN=Zhang San/serialNumber=${ZHANG_SAN}`,
      extensions: LEAF_EXTENSIONS,
      sigopts: pss,
      digest: 'sha1',
    });
    expect(parseCertificate(pssLeaf.pem).signatureAlgorithmOid).toBe('1.2.840.113549.1.1.10');
    const created = TrustStore.create([
      { id: 'pss-root', label: 'RSA-PSS root', certificatePem: pssRoot.pem },
    ]);
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    expect(verifyCertificateChain(pssLeaf.pem, [], created.store)).toMatchObject({
      ok: true,
      trustAnchor: { id: 'pss-root' },
    });
    expect(verifyCertificateChain(sha1PssLeaf.pem, [], created.store)).toMatchObject({
      ok: false,
      reason: 'UNSUPPORTED_ALGORITHM',
    });
  });

  it('refuses a certificate with a critical extension it does not enforce', () => {
    expect(chain('criticalUnknownLeaf')).toMatchObject({
      ok: false,
      reason: 'UNSUPPORTED_CRITICAL_EXTENSION',
    });
  });

  it('refuses a certificate whose subject carries no ID number or credit code', () => {
    expect(chain('anonymousLeaf')).toMatchObject({ ok: false, reason: 'NO_SUBJECT_IDENTIFIER' });
  });

  it('refuses input that is not one PEM certificate', () => {
    const two = pem('rsaLeaf') + pem('ecLeaf');
    for (const input of [
      '',
      'hello',
      two,
      pem('rsaLeaf').replace('MII', 'M*I'),
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
    ]) {
      expect(verifyCertificateChain(input, [], store)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    }
    expect(verifyCertificateChain(pem('rsaLeaf'), ['junk'], store)).toMatchObject({
      ok: false,
      reason: 'MALFORMED',
      detail: expect.stringContaining('intermediate 0'),
    });
  });

  it.each(['rsaLeaf', 'ecLeaf', 'sm2Leaf'])(
    'never accepts %s with any one byte changed (property)',
    (name) => {
      const der = new X509Certificate(pem(name)).raw;
      fc.assert(
        fc.property(fc.nat({ max: der.length - 1 }), fc.integer({ min: 1, max: 255 }), (offset, xor) => {
          const changed = Buffer.from(der);
          changed[offset] = (changed[offset] as number) ^ xor;
          return verifyCertificateChain(changed, [], store).ok === false;
        }),
        { numRuns: 150 },
      );
    },
  );

  it('accepts the same certificate as DER bytes', () => {
    expect(verifyCertificateChain(new X509Certificate(pem('ecLeaf')).raw, [], store)).toMatchObject({
      ok: true,
    });
  });
});

describe('revocation against CRLs', () => {
  const withCrls = (
    leaf: string,
    crls: string[],
    revocation: 'require' | 'if-present' = 'require',
    intermediates: string[] = [],
    now = new Date(),
  ) =>
    verifyCertificateChain(pem(leaf), intermediates.map(pem), store, now, {
      crls: crls.map((name) => crl[name] as string),
      revocation,
    });

  it("refuses an RSA leaf listed on its root CA's CRL", () => {
    expect(withCrls('revokedLeaf', ['rsaRoot'])).toMatchObject({
      ok: false,
      reason: 'REVOKED',
      detail: expect.stringContaining('leaf'),
    });
    expect(withCrls('revokedLeaf', ['rsaRoot'], 'if-present')).toMatchObject({
      ok: false,
      reason: 'REVOKED',
    });
  });

  it('refuses an SM2 leaf listed on an SM2-with-SM3 signed CRL', () => {
    expect(withCrls('revokedSm2Leaf', ['sm2Root'])).toMatchObject({ ok: false, reason: 'REVOKED' });
    expect(withCrls('sm2Leaf', ['sm2Root'])).toMatchObject({ ok: true });
  });

  it("accepts a leaf its issuer's current CRL does not list", () => {
    expect(withCrls('rsaLeaf', ['sm2Root', 'rsaRoot'])).toMatchObject({ ok: true });
  });

  it('takes CRLs parsed once in advance', () => {
    const parsed = parseCrl(crl.rsaRoot as string);
    expect(
      parsed.revoked.has(
        verified(verifyCertificateChain(pem('revokedLeaf'), [], store)).leaf.serialNumberHex,
      ),
    ).toBe(true);
    expect(
      verifyCertificateChain(pem('revokedLeaf'), [], store, new Date(), {
        crls: [parsed],
        revocation: 'require',
      }),
    ).toMatchObject({ reason: 'REVOKED' });
    expect(
      verifyCertificateChain(pem('rsaLeaf'), [], store, new Date(), {
        crls: [parsed],
        revocation: 'require',
      }),
    ).toMatchObject({ ok: true });
  });

  it('when CRLs are required, refuses without a current CRL of the issuer that verifies', () => {
    expect(withCrls('rsaLeaf', [])).toMatchObject({ ok: false, reason: 'REVOCATION_UNKNOWN' });
    expect(withCrls('rsaLeaf', ['untrustedRoot', 'sm2Root'])).toMatchObject({
      ok: false,
      reason: 'REVOCATION_UNKNOWN',
    });
    const der = Buffer.from((crl.rsaRoot as string).replace(/-----[A-Z0-9 ]+-----|\s/g, ''), 'base64');
    der[der.length - 1] = (der[der.length - 1] as number) ^ 0x01; // the last byte of the signature
    const forged = `-----BEGIN X509 CRL-----\n${der.toString('base64')}\n-----END X509 CRL-----\n`;
    expect(
      verifyCertificateChain(pem('rsaLeaf'), [], store, new Date(), {
        crls: [crl.rsaRoot as string],
        revocation: 'require',
      }),
    ).toMatchObject({ ok: true });
    expect(
      verifyCertificateChain(pem('rsaLeaf'), [], store, new Date(), {
        crls: [forged],
        revocation: 'require',
      }),
    ).toMatchObject({ ok: false, reason: 'REVOCATION_UNKNOWN' });
  });

  it('treats a CRL past its nextUpdate as unknown, but a revocation on it as final', () => {
    const later = new Date(Date.now() + 2 * DAY);
    expect(withCrls('rsaLeaf', ['rsaRoot'], 'require', [], later)).toMatchObject({
      ok: false,
      reason: 'REVOCATION_UNKNOWN',
    });
    expect(withCrls('revokedLeaf', ['rsaRoot'], 'require', [], later)).toMatchObject({
      ok: false,
      reason: 'REVOKED',
    });
  });

  it('needs a CRL for every certificate below the root when required', () => {
    expect(withCrls('interLeaf', ['rsaRoot'], 'require', ['ecInter'])).toMatchObject({
      ok: false,
      reason: 'REVOCATION_UNKNOWN',
      detail: expect.stringContaining('leaf'),
    });
    expect(withCrls('interLeaf', ['ecInter'], 'require', ['ecInter'])).toMatchObject({
      ok: false,
      reason: 'REVOCATION_UNKNOWN',
      detail: expect.stringContaining('intermediate 1'),
    });
    expect(withCrls('interLeaf', ['rsaRoot', 'ecInter'], 'require', ['ecInter'])).toMatchObject({ ok: true });
  });

  it('checks nothing when no CRL is given and revocation is not required', () => {
    expect(verifyCertificateChain(pem('revokedLeaf'), [], store)).toMatchObject({ ok: true });
  });

  it('refuses input that is not a CRL', () => {
    expect(
      verifyCertificateChain(pem('rsaLeaf'), [], store, new Date(), { crls: [pem('rsaRoot')] }),
    ).toMatchObject({ ok: false, reason: 'MALFORMED', detail: expect.stringContaining('CRL 0') });
  });
});

describe('TrustStore', () => {
  it('holds roots of several CAs with their ids, labels and fingerprints', () => {
    expect(store.anchors.map((a) => [a.id, a.keyAlgorithm])).toEqual([
      ['test-rsa-root', 'RSA 2048'],
      ['test-ecc-root', 'ECDSA P-256'],
      ['test-sm2-root', 'SM2'],
      ['test-rsa-root-pathlen0', 'RSA 2048'],
    ]);
    expect(store.find('test-sm2-root')?.subject).toBe('C=CN, O=Test SM2 CA, CN=Test SM2 Root');
    expect(store.find('test-sm2-root')?.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports every refused root at once, naming its position, field and reason', () => {
    const rsaSmallRoot = pki.selfSigned('rsaSmallRoot', {
      key: k.rsaSmall as string,
      subject: '/CN=Small Root',
      extensions: CA_EXTENSIONS,
    });
    const noCertSign = pki.selfSigned('noCertSign', {
      key: k.ecOther as string,
      subject: '/CN=No CertSign',
      extensions: ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,digitalSignature'],
    });
    const result = TrustStore.create([
      { id: 'ok', label: 'fine', certificatePem: pem('ecRoot') },
      { id: 'leaf', label: 'a leaf', certificatePem: pem('rsaLeaf') },
      { id: 'no-cert-sign', label: 'CA without keyCertSign', certificatePem: noCertSign.pem },
      { id: 'intermediate', label: 'not a root', certificatePem: pem('ecInter') },
      { id: 'small', label: 'RSA 1024', certificatePem: rsaSmallRoot.pem },
      { id: 'ok', label: 'same id', certificatePem: pem('sm2Root') },
      { id: 'again', label: 'same root', certificatePem: pem('ecRoot') },
      { id: 'Bad Id', label: 'x', certificatePem: pem('sm2Root') },
      { id: 'empty-label', label: ' ', certificatePem: pem('sm2Root') },
      { id: 'garbage', label: 'not PEM', certificatePem: 'garbage' },
      {
        id: 'sm2-empty-id',
        label: 'SM2 root signed with an empty identifier',
        certificatePem: pki.selfSigned('sm2EmptyIdRoot', {
          key: k.sm2Other as string,
          subject: '/CN=SM2 Empty Id Root',
          extensions: CA_EXTENSIONS,
          sm2Id: null,
        }).pem,
      },
    ]);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => [p.index, p.field, p.reason])).toEqual([
      [1, 'certificatePem', 'NOT_A_CA'],
      [2, 'certificatePem', 'NOT_A_CA'],
      [3, 'certificatePem', 'NOT_SELF_SIGNED'],
      [4, 'certificatePem', 'UNSUPPORTED_ALGORITHM'],
      [5, 'id', 'DUPLICATE_ID'],
      [6, 'certificatePem', 'DUPLICATE_CERTIFICATE'],
      [7, 'id', 'INVALID_ID'],
      [8, 'label', 'INVALID_LABEL'],
      [9, 'certificatePem', 'MALFORMED'],
      [10, 'certificatePem', 'BAD_SIGNATURE'],
    ]);
  });

  it('refuses to add a root outside its validity period when the time is given', () => {
    const input = { id: 'rsa', label: 'RSA', certificatePem: pem('rsaRoot') };
    expect(validateTrustAnchor(input, new Date())).toMatchObject({ ok: true });
    expect(validateTrustAnchor(input, new Date(Date.now() + 20 * 365 * DAY))).toMatchObject({
      ok: false,
      problem: { reason: 'EXPIRED' },
    });
    expect(validateTrustAnchor(input, new Date(Date.now() - 2 * DAY))).toMatchObject({
      ok: false,
      problem: { reason: 'NOT_YET_VALID' },
    });
  });
});

describe('challenge signing', () => {
  let challenge: LoginChallenge;
  beforeEach(() => {
    challenge = createChallenge();
  });

  const leafOf = (name: string) => verified(chain(name)).leafCertificate;
  const message = () => challengeMessage(challenge);

  it('accepts RSA PKCS#1 v1.5 and RSA-PSS signatures with SHA-256', () => {
    expect(
      verifyChallengeSignature(
        leafOf('rsaLeaf'),
        challenge,
        pki.sign(k.rsaLeaf as string, message()),
        'RS256',
      ),
    ).toEqual({ ok: true });
    expect(
      verifyChallengeSignature(
        leafOf('rsaLeaf'),
        challenge,
        pki.sign(k.rsaLeaf as string, message(), { pss: true }),
        'PS256',
      ),
    ).toEqual({ ok: true });
  });

  it('does not accept a PKCS#1 v1.5 signature as PSS or the other way round', () => {
    expect(
      verifyChallengeSignature(
        leafOf('rsaLeaf'),
        challenge,
        pki.sign(k.rsaLeaf as string, message()),
        'PS256',
      ),
    ).toMatchObject({ reason: 'BAD_SIGNATURE' });
    expect(
      verifyChallengeSignature(
        leafOf('rsaLeaf'),
        challenge,
        pki.sign(k.rsaLeaf as string, message(), { pss: true }),
        'RS256',
      ),
    ).toMatchObject({ reason: 'BAD_SIGNATURE' });
  });

  it('accepts ECDSA P-256 signatures in DER and in the r || s form of WebCrypto', () => {
    expect(
      verifyChallengeSignature(leafOf('ecLeaf'), challenge, pki.sign(k.ecLeaf as string, message()), 'ES256'),
    ).toEqual({ ok: true });
    const raw = sign('sha256', Buffer.from(message()), {
      key: createPrivateKey(readFileSync(k.ecLeaf as string)),
      dsaEncoding: 'ieee-p1363',
    });
    expect(
      verifyChallengeSignature(leafOf('ecLeaf'), challenge, raw, 'ES256', new Date(), {
        signatureEncoding: 'p1363',
      }),
    ).toEqual({ ok: true });
    expect(verifyChallengeSignature(leafOf('ecLeaf'), challenge, raw, 'ES256')).toMatchObject({
      reason: 'BAD_SIGNATURE',
    });
  });

  it('accepts SM2 with SM3 signatures made with the GM/T 0009 identifier', () => {
    const signature = pki.sign(k.sm2Leaf as string, message(), { sm2Id: STANDARD_SM2_ID });
    expect(verifyChallengeSignature(leafOf('sm2Leaf'), challenge, signature, 'SM2_SM3')).toEqual({
      ok: true,
    });
  });

  it('checks an SM2 signature against the identifier the client used', () => {
    const emptyId = pki.sign(k.sm2Leaf as string, message(), { sm2Id: null });
    expect(verifyChallengeSignature(leafOf('sm2Leaf'), challenge, emptyId, 'SM2_SM3')).toMatchObject({
      reason: 'BAD_SIGNATURE',
    });
    expect(
      verifyChallengeSignature(leafOf('sm2Leaf'), challenge, emptyId, 'SM2_SM3', new Date(), {
        sm2UserId: '',
      }),
    ).toEqual({ ok: true });
  });

  it('refuses a challenge signed by another key than the certificate', () => {
    expect(
      verifyChallengeSignature(
        leafOf('ecLeaf'),
        challenge,
        pki.sign(k.ecOther as string, message()),
        'ES256',
      ),
    ).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(
      verifyChallengeSignature(
        leafOf('sm2Leaf'),
        challenge,
        pki.sign(k.sm2Other as string, message()),
        'SM2_SM3',
      ),
    ).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuses a signature over a different challenge', () => {
    const other = createChallenge();
    const signature = pki.sign(k.sm2Leaf as string, challengeMessage(other));
    expect(verifyChallengeSignature(leafOf('sm2Leaf'), challenge, signature, 'SM2_SM3')).toMatchObject({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('refuses an expired challenge even with a good signature', () => {
    const signature = pki.sign(k.ecLeaf as string, message());
    const later = new Date(challenge.expiresAt.getTime() + 1000);
    expect(verifyChallengeSignature(leafOf('ecLeaf'), challenge, signature, 'ES256', later)).toMatchObject({
      ok: false,
      reason: 'CHALLENGE_EXPIRED',
    });
  });

  it('refuses an algorithm that does not match the certificate key, or an unknown one', () => {
    const signature = pki.sign(k.rsaLeaf as string, message());
    expect(verifyChallengeSignature(leafOf('rsaLeaf'), challenge, signature, 'ES256')).toMatchObject({
      ok: false,
      reason: 'UNSUPPORTED_ALGORITHM',
    });
    // @ts-expect-error an algorithm a client might send
    expect(verifyChallengeSignature(leafOf('rsaLeaf'), challenge, signature, 'HS256')).toMatchObject({
      ok: false,
      reason: 'UNSUPPORTED_ALGORITHM',
    });
  });

  it('refuses a certificate PEM without digitalSignature and empty or oversized signatures', () => {
    const signature = pki.sign(k.rsaLeaf as string, message());
    expect(verifyChallengeSignature(pem('encipherOnlyLeaf'), challenge, signature, 'RS256')).toMatchObject({
      ok: false,
      reason: 'KEY_USAGE',
    });
    expect(verifyChallengeSignature(leafOf('rsaLeaf'), challenge, Buffer.alloc(0), 'RS256')).toMatchObject({
      ok: false,
      reason: 'MALFORMED',
    });
    expect(
      verifyChallengeSignature(leafOf('rsaLeaf'), challenge, Buffer.alloc(5000, 1), 'RS256'),
    ).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });
});

describe('what Node 20 with OpenSSL 3.0 does with SM2 (recorded in ADR 0022)', () => {
  it('X509Certificate.verify cannot check an SM2 certificate signed with the GM/T 0009 identifier, but can with an empty one', () => {
    const root = new X509Certificate(pem('sm2Root'));
    expect(new X509Certificate(pem('sm2Leaf')).verify(root.publicKey)).toBe(false);
    expect(new X509Certificate(pem('sm2EmptyIdLeaf')).verify(root.publicKey)).toBe(true);
  });
});
