import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test PKI built with the `openssl` CLI (3.0) in a temp directory: keys, self-signed roots, and
 * certificates issued with `openssl ca` (which, unlike `openssl x509 -req` on 3.0, sets any
 * notBefore / notAfter). SM2 certificates and signatures use the GM/T 0009 identifier
 * `1234567812345678` unless `sm2Id` says otherwise. Test-only; never exported from the library.
 */

export type KeyType = 'rsa2048' | 'rsa1024' | 'p256' | 'p384' | 'sm2';

export interface Issued {
  readonly name: string;
  readonly pem: string;
  readonly keyPath: string;
  readonly certPath: string;
  readonly keyType: KeyType;
}

export interface CertificateSpec {
  /** OpenSSL `-subj` form, e.g. `/C=CN/CN=Zhang San/serialNumber=11010519491231002X`. */
  readonly subject: string;
  readonly key: string;
  readonly extensions: readonly string[];
  /** Default: the digest matching the key (sha256, or sm3 for SM2). */
  readonly digest?: string;
  /** Default: the GM/T 0009 identifier; `null` signs with OpenSSL's own default (an empty identifier). */
  readonly sm2Id?: string | null;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Extra `-sigopt` values for the issuer's signature, e.g. `rsa_padding_mode:pss`. */
  readonly sigopts?: readonly string[];
  /** OpenSSL `string_mask` for the subject: `utf8only` (default) or `default` (BMPString for Chinese text). */
  readonly stringMask?: 'utf8only' | 'default';
}

export const CA_EXTENSIONS = [
  'basicConstraints = critical,CA:TRUE',
  'keyUsage = critical,keyCertSign,cRLSign',
  'subjectKeyIdentifier = hash',
];
export const LEAF_EXTENSIONS = [
  'basicConstraints = CA:FALSE',
  'keyUsage = critical,digitalSignature,nonRepudiation',
];
export const STANDARD_SM2_ID = '1234567812345678';

const DAY = 86_400_000;

function opensslTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

export class OpenSslPki {
  private readonly keys = new Map<string, KeyType>();
  private counter = 0;

  private constructor(readonly dir: string) {
    mkdirSync(join(dir, 'newcerts'));
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
  }

  static create(): OpenSslPki {
    let version = '';
    try {
      version = execFileSync('openssl', ['version'], { encoding: 'utf8' });
    } catch {
      // reported below
    }
    if (!/^OpenSSL 3\./.test(version)) {
      throw new Error(
        `these tests need the OpenSSL 3 command line (SM2 distid options) on PATH; found: ${version.trim() || 'none'}`,
      );
    }
    return new OpenSslPki(mkdtempSync(join(tmpdir(), 'onewindow-pki-')));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  openssl(args: readonly string[], input?: Buffer): Buffer {
    return execFileSync('openssl', args, { cwd: this.dir, input, stdio: ['pipe', 'pipe', 'pipe'] });
  }

  key(name: string, type: KeyType): string {
    const path = join(this.dir, `${name}.key`);
    const algorithm: Record<KeyType, string[]> = {
      rsa2048: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
      rsa1024: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'],
      p256: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      p384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
      sm2: ['-algorithm', 'SM2'],
    };
    this.openssl(['genpkey', ...algorithm[type], '-out', path]);
    this.keys.set(path, type);
    return path;
  }

  /** A self-signed certificate (a root) valid from `notBefore` (default: a day ago) for `days`. */
  selfSigned(name: string, spec: CertificateSpec & { days?: number }): Issued {
    const keyType = this.typeOf(spec.key);
    const config = this.config(spec.extensions, spec.stringMask);
    const certPath = join(this.dir, `${name}.pem`);
    this.openssl([
      'req',
      '-x509',
      '-new',
      '-utf8',
      '-config',
      config,
      '-extensions',
      'ext',
      '-key',
      spec.key,
      '-subj',
      spec.subject,
      '-days',
      String(spec.days ?? 3650),
      '-set_serial',
      String(this.nextSerial()),
      `-${spec.digest ?? this.defaultDigest(keyType)}`,
      ...this.sigopt(keyType, spec.sm2Id),
      ...this.extraSigopts(spec),
      '-out',
      certPath,
    ]);
    return { name, pem: readFileSync(certPath, 'utf8'), keyPath: spec.key, certPath, keyType };
  }

  /** A certificate for `spec.key` issued by `issuer` with `openssl ca`. */
  issue(name: string, issuer: Issued, spec: CertificateSpec): Issued {
    const keyType = this.typeOf(spec.key);
    const config = this.config(spec.extensions, spec.stringMask);
    const csr = join(this.dir, `${name}.csr`);
    const certPath = join(this.dir, `${name}.pem`);
    this.openssl([
      'req',
      '-new',
      '-utf8',
      '-config',
      config,
      '-key',
      spec.key,
      '-subj',
      spec.subject,
      `-${this.defaultDigest(keyType)}`,
      '-out',
      csr,
    ]);
    const notBefore = spec.notBefore ?? new Date(Date.now() - DAY);
    const notAfter = spec.notAfter ?? new Date(Date.now() + 365 * DAY);
    this.openssl([
      'ca',
      '-batch',
      '-config',
      config,
      '-cert',
      issuer.certPath,
      '-keyfile',
      issuer.keyPath,
      '-in',
      csr,
      '-out',
      certPath,
      '-startdate',
      opensslTime(notBefore),
      '-enddate',
      opensslTime(notAfter),
      '-md',
      spec.digest ?? this.defaultDigest(issuer.keyType),
      ...this.sigopt(issuer.keyType, spec.sm2Id),
      ...this.extraSigopts(spec),
      '-extfile',
      config,
      '-extensions',
      'ext',
      '-preserveDN',
      '-notext',
    ]);
    return { name, pem: readFileSync(certPath, 'utf8'), keyPath: spec.key, certPath, keyType };
  }

  /** Marks `certificate` revoked in the shared `openssl ca` database (it shows on the next CRL of its issuer). */
  revoke(certificate: Issued, issuer: Issued): void {
    this.openssl([
      'ca',
      '-config',
      this.config([]),
      '-cert',
      issuer.certPath,
      '-keyfile',
      issuer.keyPath,
      '-revoke',
      certificate.certPath,
    ]);
  }

  /** A CRL signed by `issuer`, valid from now for `hours` (PEM). */
  crl(name: string, issuer: Issued, hours = 24): string {
    const path = join(this.dir, `${name}.crl.pem`);
    this.openssl([
      'ca',
      '-gencrl',
      '-config',
      this.config([]),
      '-cert',
      issuer.certPath,
      '-keyfile',
      issuer.keyPath,
      '-crlhours',
      String(hours),
      '-md',
      this.defaultDigest(issuer.keyType),
      ...this.sigopt(issuer.keyType, undefined),
      '-out',
      path,
    ]);
    return readFileSync(path, 'utf8');
  }

  /** Signs `message` with a key: `openssl dgst` for RSA (PKCS#1 v1.5 or PSS), ECDSA and SM2 (DER signatures). */
  sign(keyPath: string, message: string, options: { pss?: boolean; sm2Id?: string | null } = {}): Buffer {
    const keyType = this.typeOf(keyPath);
    const digest = keyType === 'sm2' ? 'sm3' : 'sha256';
    const pss = options.pss ? ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'] : [];
    return this.openssl(
      ['dgst', `-${digest}`, '-sign', keyPath, ...pss, ...this.sigopt(keyType, options.sm2Id), '-binary'],
      Buffer.from(message, 'utf8'),
    );
  }

  private typeOf(keyPath: string): KeyType {
    const type = this.keys.get(keyPath);
    if (!type) throw new Error(`unknown key ${keyPath}`);
    return type;
  }

  private defaultDigest(type: KeyType): string {
    return type === 'sm2' ? 'sm3' : 'sha256';
  }

  private sigopt(type: KeyType, sm2Id: string | null | undefined): string[] {
    if (type !== 'sm2' || sm2Id === null) return [];
    return ['-sigopt', `distid:${sm2Id ?? STANDARD_SM2_ID}`];
  }

  private extraSigopts(spec: CertificateSpec): string[] {
    return (spec.sigopts ?? []).flatMap((option) => ['-sigopt', option]);
  }

  private nextSerial(): number {
    this.counter += 1;
    return 5000 + this.counter;
  }

  private config(extensions: readonly string[], stringMask: 'utf8only' | 'default' = 'utf8only'): string {
    const path = join(this.dir, `openssl-${(this.counter += 1)}.cnf`);
    writeFileSync(
      path,
      [
        '[ ca ]',
        'default_ca = ca_default',
        '[ ca_default ]',
        `database = ${join(this.dir, 'index.txt')}`,
        `new_certs_dir = ${join(this.dir, 'newcerts')}`,
        `serial = ${join(this.dir, 'serial')}`,
        'policy = policy_any',
        'unique_subject = no',
        'email_in_dn = no',
        'copy_extensions = none',
        'default_md = sha256',
        '[ policy_any ]',
        'commonName = optional',
        '[ req ]',
        'distinguished_name = dn',
        `string_mask = ${stringMask}`,
        'utf8 = yes',
        '[ dn ]',
        '[ ext ]',
        ...extensions,
        '',
      ].join('\n'),
    );
    return path;
  }
}
