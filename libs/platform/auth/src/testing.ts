/**
 * Test kit for services that verify OneWindow access tokens: signing keys, a JWKS served over real
 * HTTP on 127.0.0.1, and a token issuer whose headers and claims can be overridden. Test code only;
 * nothing in this library imports it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { base64url, CryptoKey, exportJWK, generateKeyPair, JWK, JWTHeaderParameters, SignJWT } from 'jose';
import { Role } from './role';

export type TestSigningAlgorithm = 'ES256' | 'RS256' | 'PS256' | 'EdDSA';

export interface TestSigningKey {
  readonly kid: string;
  readonly alg: TestSigningAlgorithm;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** Public JWK with kid, alg and use, as the JWKS publishes it. */
  readonly publicJwk: JWK;
}

export async function generateSigningKey(
  alg: TestSigningAlgorithm = 'ES256',
  kid = `test-${alg.toLowerCase()}-${randomUUID()}`,
): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicKey, publicJwk };
}

/** Serves `{ keys }` at /.well-known/jwks.json and counts requests, so tests can see refetches. */
export class JwksTestServer {
  private readonly server: Server;
  private keys: TestSigningKey[];
  private requests = 0;

  private constructor(initialKeys: readonly TestSigningKey[]) {
    this.keys = [...initialKeys];
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/.well-known/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      this.requests += 1;
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      response.end(JSON.stringify({ keys: this.keys.map((key) => key.publicJwk) }));
    });
  }

  static async start(keys: readonly TestSigningKey[] = []): Promise<JwksTestServer> {
    const instance = new JwksTestServer(keys);
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.server.listen(0, '127.0.0.1', () => resolve());
    });
    return instance;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/.well-known/jwks.json`;
  }

  /** JWKS requests served so far. */
  get requestCount(): number {
    return this.requests;
  }

  get publishedKids(): string[] {
    return this.keys.map((key) => key.kid);
  }

  publish(...keys: TestSigningKey[]): void {
    this.keys.push(...keys);
  }

  withdraw(kid: string): void {
    this.keys = this.keys.filter((key) => key.kid !== kid);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

/** Overrides for one token. A value of `undefined` removes that header parameter or claim. */
export interface TestTokenOptions {
  /** Signs with this key instead of the issuer's current one (e.g. a key the JWKS does not publish). */
  readonly key?: TestSigningKey;
  readonly header?: Readonly<Record<string, unknown>>;
  readonly claims?: Readonly<Record<string, unknown>>;
}

export interface TestIssuerOptions {
  readonly issuer?: string;
  readonly audience?: string;
  readonly algorithm?: TestSigningAlgorithm;
}

const nowInSeconds = (): number => Math.floor(Date.now() / 1000);

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/**
 * Stands in for identity: a signing key published on a real JWKS server and a `sign()` that issues
 * valid access tokens (citizen by default, 5 minutes) unless overridden.
 *
 * ```ts
 * const idp = await TestIdentityProvider.start();
 * AuthModule.forRoot({ env: { ...idp.env(), JWKS_COOLDOWN_MS: '0' }, redis: { useValue: redis } });
 * const token = await idp.sign({ claims: { roles: ['window_clerk'], org: 'org-a' } });
 * ```
 */
export class TestIdentityProvider {
  private constructor(
    readonly issuer: string,
    readonly audience: string,
    readonly jwks: JwksTestServer,
    private current: TestSigningKey,
  ) {}

  static async start(options: TestIssuerOptions = {}): Promise<TestIdentityProvider> {
    const key = await generateSigningKey(options.algorithm ?? 'ES256');
    const jwks = await JwksTestServer.start([key]);
    return new TestIdentityProvider(
      options.issuer ?? 'https://identity.test.onewindow.local',
      options.audience ?? 'onewindow-test',
      jwks,
      key,
    );
  }

  /** The key `sign()` uses by default. */
  get signingKey(): TestSigningKey {
    return this.current;
  }

  /** JWKS_URL, JWT_ISSUER and JWT_AUDIENCE for AuthModule.forRoot({ env }). */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { JWKS_URL: this.jwks.url, JWT_ISSUER: this.issuer, JWT_AUDIENCE: this.audience, ...extra };
  }

  /** Publishes a new key next to the old ones and signs with it from now on. */
  async rotate(alg: TestSigningAlgorithm = this.current.alg): Promise<TestSigningKey> {
    const key = await generateSigningKey(alg);
    this.jwks.publish(key);
    this.current = key;
    return key;
  }

  /** Claims of a valid citizen token issued now; `sign()` merges overrides onto these. */
  defaultClaims(): Record<string, unknown> {
    const now = nowInSeconds();
    return {
      iss: this.issuer,
      aud: this.audience,
      sub: `citizen-${randomUUID()}`,
      iat: now,
      nbf: now,
      exp: now + 300,
      jti: randomUUID(),
      roles: [Role.Citizen],
    };
  }

  async sign(options: TestTokenOptions = {}): Promise<string> {
    const key = options.key ?? this.current;
    const header = withoutUndefined({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...options.header });
    const claims = withoutUndefined({ ...this.defaultClaims(), ...options.claims });
    // jose refuses to sign a `crit` it does not know unless told the names are recognised.
    const crit = Array.isArray(header['crit']) ? Object.fromEntries(header['crit'].map((name) => [String(name), true])) : undefined;
    return new SignJWT(claims).setProtectedHeader(header as JWTHeaderParameters).sign(key.privateKey, crit && { crit });
  }

  async close(): Promise<void> {
    await this.jwks.close();
  }
}

/** An `alg: none` token with the given header and claims, for tests that it is refused. */
export function unsignedToken(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const encode = (part: Record<string, unknown>) => base64url.encode(JSON.stringify(part));
  return `${encode({ alg: 'none', ...header })}.${encode(claims)}.`;
}
