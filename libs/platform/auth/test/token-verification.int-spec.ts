import { exportSPKI, SignJWT } from 'jose';
import { AuthTestKit } from '../src';
import { connectTestRedis } from './support/redis';
import { ProbeApp, startProbeApp } from './support/probe-app';

const { TestIdentityProvider, generateSigningKey, unsignedToken } = AuthTestKit;

type Idp = AuthTestKit.TestIdentityProvider;

const now = (): number => Math.floor(Date.now() / 1000);

function segments(token: string): [string, string, string] {
  const [header, payload, signature] = token.split('.');
  return [header ?? '', payload ?? '', signature ?? ''];
}

function encodeJson(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('access token verification over HTTP', () => {
  let idp: Idp;
  let attacker: Idp;
  let probe: ProbeApp;
  let redis: Awaited<ReturnType<typeof connectTestRedis>>;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    // Same issuer and audience as the real one: only the keys differ.
    attacker = await TestIdentityProvider.start({ issuer: idp.issuer, audience: idp.audience });
    redis = await connectTestRedis();
    probe = await startProbeApp(idp.env({ JWKS_COOLDOWN_MS: '0', AUTH_REVOCATION_KEY_PREFIX: redis.prefix }), redis.redis);
  });

  afterAll(async () => {
    await probe?.close();
    await redis?.cleanUp();
    await attacker?.close();
    await idp?.close();
  });

  async function expectInvalidToken(token: string): Promise<void> {
    const response = await probe.get('/me', token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(response.body).toMatchObject({ code: 'AUTH_INVALID_TOKEN' });
    for (const part of segments(token).filter(Boolean)) expect(response.text).not.toContain(part);
  }

  it('serves a @Public() route without a token', async () => {
    const response = await probe.get('/public/ping');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true });
  });

  it('answers a request without a bearer token with 401 and a bare Bearer challenge', async () => {
    const response = await probe.get('/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body).toMatchObject({ code: 'AUTH_MISSING_TOKEN' });
  });

  it('accepts a valid ES256 token and hands the handler its principal', async () => {
    const expiresAt = now() + 300;
    const token = await idp.sign({
      claims: { sub: 'clerk-7', roles: ['window_clerk'], org: 'org-a', dept: 'dept-1', sid: 'session-1', jti: 'jti-valid', exp: expiresAt },
    });
    const response = await probe.get('/me', token);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: 'clerk-7',
      roles: ['window_clerk'],
      organisationId: 'org-a',
      departmentId: 'dept-1',
      scopes: [],
      sessionId: 'session-1',
      tokenId: 'jti-valid',
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    });
  });

  it.each(['RS256', 'PS256', 'EdDSA'] as const)('accepts a %s token from a key the JWKS publishes', async (alg) => {
    const key = await generateSigningKey(alg);
    idp.jwks.publish(key);
    const response = await probe.get('/me', await idp.sign({ key }));
    expect(response.status).toBe(200);
  });

  it('accepts a service token and splits its scope claim', async () => {
    const token = await idp.sign({ claims: { sub: 'svc-licence', roles: ['service'], scope: 'cases:read licences:write' } });
    const response = await probe.get('/me', token);
    expect(response.body).toMatchObject({ id: 'svc-licence', scopes: ['cases:read', 'licences:write'] });
  });

  describe('refuses with 401 invalid_token', () => {
    const attacks: [string, () => Promise<string>][] = [
      ['an alg none token with an empty signature', async () => unsignedToken({ typ: 'at+jwt', kid: idp.signingKey.kid }, idp.defaultClaims())],
      [
        'an alg none header grafted onto a validly signed token',
        async () => {
          const [, payload, signature] = segments(await idp.sign());
          return `${encodeJson({ alg: 'none', typ: 'at+jwt', kid: idp.signingKey.kid })}.${payload}.${signature}`;
        },
      ],
      [
        'an HS256 token whose secret is the public key (algorithm confusion)',
        async () => {
          const secret = new TextEncoder().encode(await exportSPKI(idp.signingKey.publicKey));
          return new SignJWT(idp.defaultClaims())
            .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: idp.signingKey.kid })
            .sign(secret);
        },
      ],
      ['an expired token', () => idp.sign({ claims: { iat: now() - 900, nbf: now() - 900, exp: now() - 600 } })],
      ['a token not yet valid', () => idp.sign({ claims: { nbf: now() + 600, exp: now() + 900 } })],
      ['a token issued in the future', () => idp.sign({ claims: { iat: now() + 600, exp: now() + 900 } })],
      ['a token living longer than 15 minutes', () => idp.sign({ claims: { exp: now() + 3600 } })],
      ['a token for another audience', () => idp.sign({ claims: { aud: 'some-other-api' } })],
      ['a token from another issuer', () => idp.sign({ claims: { iss: 'https://evil.example' } })],
      [
        'a token whose payload was changed after signing',
        async () => {
          const token = await idp.sign();
          const [header, payload, signature] = segments(token);
          const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
          return `${header}.${encodeJson({ ...claims, roles: ['platform_admin'], org: 'org-a' })}.${signature}`;
        },
      ],
      ['a token signed by another key under a published kid', () => attacker.sign({ header: { kid: idp.signingKey.kid } })],
      ['a token that carries its own key in a jwk header', () => attacker.sign({ header: { jwk: attacker.signingKey.publicJwk } })],
      ['a token with a crit header', () => idp.sign({ header: { crit: ['urn:onewindow:x'], 'urn:onewindow:x': true } })],
      ['a refresh token (typ rt+jwt)', () => idp.sign({ header: { typ: 'rt+jwt' } })],
      ['a plain JWT (typ JWT)', () => idp.sign({ header: { typ: 'JWT' } })],
      ['a token without typ', () => idp.sign({ header: { typ: undefined } })],
      ['a token without kid', () => idp.sign({ header: { kid: undefined } })],
      ['a token without jti', () => idp.sign({ claims: { jti: undefined } })],
      ['a token without nbf', () => idp.sign({ claims: { nbf: undefined } })],
      ['a token without roles', () => idp.sign({ claims: { roles: undefined } })],
      ['a staff token without org', () => idp.sign({ claims: { roles: ['department_reviewer'] } })],
      ['a value that is not a JWT', async () => 'not-a-jwt'],
    ];

    it.each(attacks)('%s', async (_attack, forge) => {
      await expectInvalidToken(await forge());
    });
  });

  it('refuses a token whose jku points at a JWKS the attacker serves, without ever fetching it', async () => {
    const token = await attacker.sign({ header: { jku: attacker.jwks.url } });
    await expectInvalidToken(token);
    expect(attacker.jwks.requestCount).toBe(0);
  });

  it('refetches the JWKS for an unknown kid and still refuses the token', async () => {
    const unpublished = await generateSigningKey('ES256');
    const fetchesBefore = idp.jwks.requestCount;
    await expectInvalidToken(await idp.sign({ key: unpublished }));
    expect(idp.jwks.requestCount).toBeGreaterThan(fetchesBefore);
  });
});
