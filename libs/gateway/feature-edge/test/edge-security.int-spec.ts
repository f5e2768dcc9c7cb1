import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit, TokenRevocationStore } from '@onewindow/platform/auth';
import { exportSPKI, SignJWT } from 'jose';
import { deleteKeys, nextClientAddress, startGateway, testKeyPrefix, upstreamEnv } from './support/gateway';
import { TestUpstream } from './support/upstream';

describe('gateway authentication and rate limits (real Redis, two gateway replicas)', () => {
  const prefix = testKeyPrefix();
  let idp: AuthTestKit.TestIdentityProvider;
  let identity: TestUpstream;
  let replicaA: NestFastifyApplication;
  let replicaB: NestFastifyApplication;

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    identity = await TestUpstream.start('identity');
    const env = {
      ...idp.env(),
      RATE_LIMIT_KEY_PREFIX: prefix,
      GATEWAY_TRUSTED_PROXY_HOPS: '1',
      RATE_LIMIT_PER_USER: '5',
      RATE_LIMIT_PER_ADDRESS: '8',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      ...(await upstreamEnv({ identity: identity.url })),
    };
    replicaA = await startGateway(env);
    replicaB = await startGateway(env);
  });

  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await identity?.close();
    await idp?.close();
    await deleteKeys(prefix);
  });

  const get = (token: string | undefined, options: { replica?: NestFastifyApplication; address?: string; url?: string } = {}) =>
    (options.replica ?? replicaA).inject({
      method: 'GET',
      url: options.url ?? '/api/v1/identity/accounts/me',
      headers: { 'x-forwarded-for': options.address ?? nextClientAddress(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });

  const expectRefused = async (token: string) => {
    const before = identity.received.length;
    const response = await get(token);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(response.json()).toMatchObject({ code: 'AUTH_INVALID_TOKEN', detail: 'The access token is invalid, expired or revoked.' });
    expect(identity.received.length).toBe(before);
  };

  it('forwards a request with a valid access token', async () => {
    expect((await get(await idp.sign())).statusCode).toBe(200);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const claims = idp.defaultClaims();
    await expectRefused(AuthTestKit.unsignedToken({ typ: 'at+jwt', kid: idp.signingKey.kid }, claims));
  });

  it('refuses an HS256 token keyed with the published public key', async () => {
    const publicPem = await exportSPKI(idp.signingKey.publicKey);
    const forged = await new SignJWT(idp.defaultClaims())
      .setProtectedHeader({ alg: 'HS256', kid: idp.signingKey.kid, typ: 'at+jwt' })
      .sign(new TextEncoder().encode(publicPem));
    await expectRefused(forged);
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await idp.sign({ claims: { iat: now - 600, nbf: now - 600, exp: now - 300 } }));
  });

  it('refuses a token for another audience', async () => {
    await expectRefused(await idp.sign({ claims: { aud: 'some-other-api' } }));
  });

  it('refuses a token not yet valid, from another issuer, or with its payload altered', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await idp.sign({ claims: { nbf: now + 300, iat: now, exp: now + 600 } }));
    await expectRefused(await idp.sign({ claims: { iss: 'https://identity.elsewhere.example' } }));
    const [header, payload, signature] = (await idp.sign()).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...claims, roles: ['platform_admin'] })).toString('base64url');
    await expectRefused(`${header}.${tampered}.${signature}`);
  });

  it('refuses a refresh token used as an access token and a token naming its own key URL', async () => {
    await expectRefused(await idp.sign({ header: { typ: 'refresh+jwt' } }));
    await expectRefused(await idp.sign({ header: { jku: 'https://attacker.example/jwks.json' } }));
  });

  it('refuses a token signed by a key identity never published', async () => {
    const stranger = await AuthTestKit.generateSigningKey('ES256', idp.signingKey.kid);
    await expectRefused(await idp.sign({ key: stranger }));
  });

  it('refuses a token as soon as its revocation is written to Redis, on every replica', async () => {
    const jti = `revoke-me-${Date.now()}`;
    const token = await idp.sign({ claims: { jti } });
    expect((await get(token, { replica: replicaA })).statusCode).toBe(200);
    expect((await get(token, { replica: replicaB })).statusCode).toBe(200);

    await replicaA.get(TokenRevocationStore, { strict: false }).revokeToken(jti, new Date(Date.now() + 300_000));

    for (const replica of [replicaA, replicaB]) {
      const response = await get(token, { replica });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'AUTH_INVALID_TOKEN' });
    }
  });

  it('limits one user across replicas and addresses: 429 problem+json with Retry-After', async () => {
    const token = await idp.sign({ claims: { sub: `citizen-limited-${Date.now()}` } });
    for (const replica of [replicaA, replicaB, replicaA, replicaB, replicaA]) {
      expect((await get(token, { replica })).statusCode).toBe(200);
    }
    const before = identity.received.length;
    const limited = await get(token, { replica: replicaB });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(identity.received.length).toBe(before);

    // Another user is not affected.
    expect((await get(await idp.sign(), { replica: replicaB })).statusCode).toBe(200);
  });

  it('limits one client address across replicas, on public routes too', async () => {
    const address = nextClientAddress();
    const url = '/.well-known/jwks.json';
    for (let i = 0; i < 8; i += 1) {
      const response = await get(undefined, { replica: i % 2 === 0 ? replicaA : replicaB, address, url: `/api/v1/identity${url}` });
      expect(response.statusCode).toBe(200);
    }
    const limited = await get(undefined, { replica: replicaB, address, url: `/api/v1/identity${url}` });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await get(undefined, { address: nextClientAddress(), url: `/api/v1/identity${url}` })).statusCode).toBe(200);
  });

  it('holds the address limit for a token it already verified and, before any signature check, for forged ones', async () => {
    const address = nextClientAddress();
    const known = await idp.sign({ claims: { sub: `citizen-address-${Date.now()}` } });
    // The first request verifies the token; the next ones check limits, revocation and key together.
    for (let i = 0; i < 4; i += 1) expect((await get(known, { address })).statusCode).toBe(200);
    const others = await Promise.all([1, 2, 3, 4].map(() => idp.sign()));
    for (const token of others) expect((await get(token, { address })).statusCode).toBe(200);

    const before = identity.received.length;
    expect((await get(known, { address })).statusCode).toBe(429);
    const stranger = await AuthTestKit.generateSigningKey('ES256', idp.signingKey.kid);
    // Refused for its address (429), not for its signature (401): the limit comes first.
    expect((await get(await idp.sign({ key: stranger }), { address })).statusCode).toBe(429);
    expect(identity.received.length).toBe(before);
    // The same token from another address still passes: its user budget (5) is not spent.
    expect((await get(known, { address: nextClientAddress() })).statusCode).toBe(200);
  });
});
