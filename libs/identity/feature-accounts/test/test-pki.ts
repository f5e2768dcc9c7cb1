import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** GM/T 0009's default SM2 distinguishing identifier. */
const SM2_ID = '1234567812345678';
const DAY = 86_400_000;

export interface TestCertificate {
  readonly pem: string;
  readonly keyPath: string;
  readonly sm2: boolean;
  readonly certPath: string;
}

const opensslTime = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** A throw-away PKI with the OpenSSL 3 CLI: roots and leaves (P-256 or SM2), any validity period. */
export class TestPki {
  private readonly config: string;
  private serial = 0;

  constructor(private readonly dir = mkdtempSync(join(tmpdir(), 'onewindow-identity-pki-'))) {
    mkdirSync(join(dir, 'newcerts'));
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
    this.config = join(dir, 'openssl.cnf');
    writeFileSync(
      this.config,
      [
        '[ca]',
        'default_ca = ca_default',
        '[ca_default]',
        `dir = ${dir}`,
        'database = $dir/index.txt',
        'new_certs_dir = $dir/newcerts',
        'serial = $dir/serial',
        'policy = any',
        'unique_subject = no',
        '[any]',
        'commonName = supplied',
        'serialNumber = optional',
        '[req]',
        'distinguished_name = dn',
        '[dn]',
        '[root]',
        'basicConstraints = critical,CA:TRUE',
        'keyUsage = critical,keyCertSign,cRLSign',
        'subjectKeyIdentifier = hash',
        '[leaf]',
        'basicConstraints = CA:FALSE',
        'keyUsage = critical,digitalSignature,nonRepudiation',
        '',
      ].join('\n'),
    );
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  root(name: string, sm2 = false): TestCertificate {
    const keyPath = this.key(name, sm2);
    const certPath = join(this.dir, `${name}.pem`);
    this.openssl([
      'req', '-x509', '-new', '-utf8', '-config', this.config, '-extensions', 'root', '-key', keyPath,
      '-subj', `/CN=${name}`, '-days', '3650', ...this.digest(sm2), '-out', certPath,
    ]);
    return { pem: readFileSync(certPath, 'utf8'), keyPath, sm2, certPath };
  }

  /** A leaf whose subject carries `serialNumber` (the holder's ID number), valid from/until the dates given. */
  leaf(name: string, issuer: TestCertificate, serialNumber: string, validity: { from?: Date; until?: Date } = {}): TestCertificate {
    const keyPath = this.key(name, issuer.sm2);
    const csr = join(this.dir, `${name}.csr`);
    const certPath = join(this.dir, `${name}.pem`);
    this.openssl(['req', '-new', '-utf8', '-config', this.config, '-key', keyPath, '-subj', `/CN=${name}/serialNumber=${serialNumber}`, ...this.digest(issuer.sm2), '-out', csr]);
    this.serial += 1;
    this.openssl([
      'ca', '-batch', '-config', this.config, '-cert', issuer.certPath, '-keyfile', issuer.keyPath, '-in', csr, '-out', certPath,
      '-startdate', opensslTime(validity.from ?? new Date(Date.now() - DAY)), '-enddate', opensslTime(validity.until ?? new Date(Date.now() + 365 * DAY)),
      '-md', issuer.sm2 ? 'sm3' : 'sha256', ...(issuer.sm2 ? ['-sigopt', `distid:${SM2_ID}`, '-vfyopt', `distid:${SM2_ID}`] : []),
      '-extfile', this.config, '-extensions', 'leaf', '-preserveDN', '-notext',
    ]);
    return { pem: readFileSync(certPath, 'utf8'), keyPath, sm2: issuer.sm2, certPath };
  }

  /** DER signature over `message` with the certificate's key (ECDSA P-256 with SHA-256, or SM2 with SM3). */
  sign(certificate: TestCertificate, message: string): string {
    return this.openssl(
      ['dgst', certificate.sm2 ? '-sm3' : '-sha256', '-sign', certificate.keyPath, ...(certificate.sm2 ? ['-sigopt', `distid:${SM2_ID}`] : []), '-binary'],
      Buffer.from(message, 'utf8'),
    ).toString('base64');
  }

  private key(name: string, sm2: boolean): string {
    const path = join(this.dir, `${name}.key`);
    this.openssl(['genpkey', ...(sm2 ? ['-algorithm', 'SM2'] : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']), '-out', path]);
    return path;
  }

  private digest(sm2: boolean): string[] {
    return sm2 ? ['-sm3', '-sigopt', `distid:${SM2_ID}`] : ['-sha256'];
  }

  private openssl(args: readonly string[], input?: Buffer): Buffer {
    return execFileSync('openssl', args, { cwd: this.dir, input, stdio: ['pipe', 'pipe', 'pipe'] });
  }
}
