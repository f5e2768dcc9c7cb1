import { decodeJwt, decodeProtectedHeader, JWK } from 'jose';
import { AuthTestKit } from '@onewindow/platform/auth';
import { IdentityHarness, ISSUER, AUDIENCE } from './harness';

describe('identity: signing keys, JWKS, discovery and client credentials', () => {
  let identity: IdentityHarness;
  let platformAdmin: string;

  beforeAll(async () => {
    identity = await IdentityHarness.start();
    platformAdmin = await identity.tokenFor({ sub: 'platform-admin-1', roles: ['platform_admin'], org: '350123' });
  });

  afterAll(async () => {
    await identity?.close();
  });

  const jwks = async () => (await identity.request('GET', '/.well-known/jwks.json')).json<{ keys: JWK[] }>().keys;

  it('publishes public keys only and an OIDC discovery document pointing at them', async () => {
    const keys = await jwks();
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
    const discovery = (await identity.request('GET', '/.well-known/openid-configuration')).json();
    expect(discovery).toMatchObject({ issuer: ISSUER, jwks_uri: `${ISSUER}/.well-known/jwks.json` });
  });

  it('rotates without downtime: the old key stays published and its tokens keep working', async () => {
    const before = await identity.tokenFor({ sub: 'clerk-rotation', roles: ['window_clerk'], org: '350123-admin-service-centre' });
    const oldKid = decodeProtectedHeader(before).kid;
    const rotated = await identity.request('POST', '/signing-keys/rotation', { token: platformAdmin });
    expect(rotated.statusCode).toBe(200);
    const newKid = rotated.json<{ kid: string }>().kid;
    expect(newKid).not.toBe(oldKid);
    expect((await jwks()).map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    const after = await identity.tokenFor({ sub: 'clerk-rotation', roles: ['window_clerk'], org: '350123-admin-service-centre' });
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    const missing = '/accounts/00000000-0000-4000-8000-000000000000';
    expect((await identity.request('GET', missing, { token: before })).statusCode).toBe(404);
    expect((await identity.request('GET', missing, { token: after })).statusCode).toBe(404);
  });

  it('refuses a token signed with a key it never published', async () => {
    const foreign = await AuthTestKit.TestIdentityProvider.start({ issuer: ISSUER, audience: AUDIENCE });
    try {
      const token = await foreign.sign({ claims: { roles: ['platform_admin'], org: '350123' } });
      const response = await identity.request('POST', '/signing-keys/rotation', { token });
      expect(response.statusCode).toBe(401);
    } finally {
      await foreign.close();
    }
  });

  it('issues service tokens to registered department systems through client_credentials, within their scopes', async () => {
    const created = await identity.request('POST', '/service-clients', {
      token: platformAdmin,
      payload: { clientId: `market-system-${Date.now()}`, name: 'Market regulation licensing system', organisationId: '350123-market-regulation', scopes: ['workflow:decisions', 'licence:issue'] },
    });
    expect(created.statusCode).toBe(201);
    const { clientId, clientSecret } = created.json<{ clientId: string; clientSecret: string }>();

    const granted = await identity.request('POST', '/oauth/token', {
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'workflow:decisions' },
    });
    expect(granted.statusCode).toBe(200);
    const body = granted.json<{ access_token: string; token_type: string; scope: string }>();
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'workflow:decisions' });
    expect(decodeJwt(body.access_token)).toMatchObject({ sub: clientId, roles: ['service'], org: '350123-market-regulation', scope: 'workflow:decisions' });
    // A service client is no account.
    expect((await identity.request('GET', '/accounts/me', { token: body.access_token })).statusCode).toBe(404);

    const wrongSecret = await identity.request('POST', '/oauth/token', {
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: 'not-the-secret' },
    });
    expect(wrongSecret.statusCode).toBe(401);
    const wrongScope = await identity.request('POST', '/oauth/token', {
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'payments:refund' },
    });
    expect(wrongScope.statusCode).toBe(400);
    expect(wrongScope.json()).toMatchObject({ code: 'INVALID_SCOPE', errors: [{ field: 'scope' }] });
    const notAdmin = await identity.request('POST', '/service-clients', {
      token: body.access_token,
      payload: { clientId: 'sneaky-system', name: 'x', organisationId: '350123', scopes: ['a'] },
    });
    expect(notAdmin.statusCode).toBe(403);
  });

  it('refuses forged and misused tokens: alg none, tampered payload, a refresh token as access token, a jku header', async () => {
    const route = '/signing-keys/rotation';
    const genuine = await identity.tokenFor({ sub: 'clerk-forgery', roles: ['window_clerk'], org: '350123-admin-service-centre' });
    const [header, payload, signature] = genuine.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const elevated = Buffer.from(JSON.stringify({ ...claims, roles: ['platform_admin'], org: '350123' })).toString('base64url');
    const none = AuthTestKit.unsignedToken({ typ: 'at+jwt', kid: decodeProtectedHeader(genuine).kid }, { ...claims, roles: ['platform_admin'], org: '350123' });
    const withJku = `${Buffer.from(JSON.stringify({ ...decodeProtectedHeader(genuine), jku: 'https://attacker.example/jwks.json' })).toString('base64url')}.${payload}.${signature}`;
    for (const token of [`${header}.${elevated}.${signature}`, none, withJku, 'opaque-refresh-token-value']) {
      const response = await identity.request('POST', route, { token });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toContain('invalid_token');
    }
  });
});
