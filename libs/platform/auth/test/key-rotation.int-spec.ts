import { AuthTestKit } from '../src';
import { connectTestRedis } from './support/redis';
import { ProbeApp, startProbeApp } from './support/probe-app';

describe('signing key rotation', () => {
  let idp: AuthTestKit.TestIdentityProvider;
  let probe: ProbeApp;
  let redis: Awaited<ReturnType<typeof connectTestRedis>>;

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    redis = await connectTestRedis();
    // Cooldown 0 so an unknown kid refetches the JWKS at once; the cache itself stays at its default.
    probe = await startProbeApp(idp.env({ JWKS_COOLDOWN_MS: '0', AUTH_REVOCATION_KEY_PREFIX: redis.prefix }), redis.redis);
  });

  afterAll(async () => {
    await probe?.close();
    await redis?.cleanUp();
    await idp?.close();
  });

  it('accepts tokens of a newly published key without restart, and old-key tokens while the old key stays published', async () => {
    const oldKey = idp.signingKey;
    const oldToken = await idp.sign();
    expect((await probe.get('/me', oldToken)).status).toBe(200);

    const newKey = await idp.rotate('RS256');
    const newToken = await idp.sign();
    expect(idp.jwks.publishedKids).toEqual([oldKey.kid, newKey.kid]);

    expect((await probe.get('/me', newToken)).status).toBe(200);
    expect((await probe.get('/me', oldToken)).status).toBe(200);
  });

  it('stops accepting a withdrawn key once the JWKS has been fetched again', async () => {
    const retiring = idp.signingKey;
    const retiringToken = await idp.sign();
    await idp.rotate();
    expect((await probe.get('/me', await idp.sign())).status).toBe(200);
    expect((await probe.get('/me', retiringToken)).status).toBe(200);

    idp.jwks.withdraw(retiring.kid);
    // Any unknown kid makes the service fetch the JWKS again.
    const unknown = await AuthTestKit.generateSigningKey();
    expect((await probe.get('/me', await idp.sign({ key: unknown }))).status).toBe(401);

    expect((await probe.get('/me', retiringToken)).status).toBe(401);
    expect((await probe.get('/me', await idp.sign())).status).toBe(200);
  });
});
