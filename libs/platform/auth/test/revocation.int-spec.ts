import { AuthTestKit, TokenRevocationStore } from '../src';
import { connectTestRedis } from './support/redis';
import { ProbeApp, startProbeApp } from './support/probe-app';

const now = (): number => Math.floor(Date.now() / 1000);

describe('token revocation through the real Redis', () => {
  let idp: AuthTestKit.TestIdentityProvider;
  let probe: ProbeApp;
  let redis: Awaited<ReturnType<typeof connectTestRedis>>;
  let store: TokenRevocationStore;
  let subjects = 0;
  const uniqueSubject = () => `citizen-${process.pid}-${Date.now()}-${(subjects += 1)}`;

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    redis = await connectTestRedis();
    probe = await startProbeApp(idp.env({ AUTH_REVOCATION_KEY_PREFIX: redis.prefix }), redis.redis);
    store = probe.app.get(TokenRevocationStore);
  });

  afterAll(async () => {
    await probe?.close();
    await redis?.cleanUp();
    await idp?.close();
  });

  it('refuses a token on the next request once its jti is revoked, and keeps the subject\'s other tokens working', async () => {
    const sub = uniqueSubject();
    const exp = now() + 300;
    const revoked = await idp.sign({ claims: { sub, jti: `jti-${sub}-1`, exp } });
    const other = await idp.sign({ claims: { sub, jti: `jti-${sub}-2` } });
    expect((await probe.get('/me', revoked)).status).toBe(200);

    await store.revokeToken(`jti-${sub}-1`, new Date(exp * 1000));

    const response = await probe.get('/me', revoked);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await probe.get('/me', other)).status).toBe(200);
  });

  it('refuses every token of a revoked session and none of another session', async () => {
    const sub = uniqueSubject();
    const first = await idp.sign({ claims: { sub, sid: `sid-${sub}-1` } });
    const second = await idp.sign({ claims: { sub, sid: `sid-${sub}-1` } });
    const otherSession = await idp.sign({ claims: { sub, sid: `sid-${sub}-2` } });
    expect((await probe.get('/me', first)).status).toBe(200);

    await store.revokeSession(`sid-${sub}-1`, new Date((now() + 900) * 1000));

    expect((await probe.get('/me', first)).status).toBe(401);
    expect((await probe.get('/me', second)).status).toBe(401);
    expect((await probe.get('/me', otherSession)).status).toBe(200);
  });

  it('refuses tokens of a subject issued before the cut-off and accepts those issued after it', async () => {
    const sub = uniqueSubject();
    const before = await idp.sign({ claims: { sub, iat: now() - 120, nbf: now() - 120 } });
    const after = await idp.sign({ claims: { sub } });
    const otherSubject = await idp.sign({ claims: { sub: uniqueSubject(), iat: now() - 120, nbf: now() - 120 } });
    expect((await probe.get('/me', before)).status).toBe(200);

    await store.revokeSubject(sub, new Date((now() - 60) * 1000));

    expect((await probe.get('/me', before)).status).toBe(401);
    expect((await probe.get('/me', after)).status).toBe(200);
    expect((await probe.get('/me', otherSubject)).status).toBe(200);
  });

  it('keeps the later cut-off when a subject is revoked again with an earlier one', async () => {
    const sub = uniqueSubject();
    const token = await idp.sign({ claims: { sub, iat: now() - 120, nbf: now() - 120 } });

    await store.revokeSubject(sub, new Date((now() - 60) * 1000));
    await store.revokeSubject(sub, new Date((now() - 600) * 1000));

    expect((await probe.get('/me', token)).status).toBe(401);
  });

  it('lets a revocation key expire when the token it covers would, plus the clock tolerance', async () => {
    const jti = `jti-${uniqueSubject()}`;
    await store.revokeToken(jti, new Date((now() + 300) * 1000));

    const ttl = await redis.redis.pttl(`${redis.prefix}jti:${jti}`);
    expect(ttl).toBeGreaterThan(240_000);
    expect(ttl).toBeLessThanOrEqual(306_000);
  });

  it('keeps a session revocation for the longest of two requested periods', async () => {
    const sid = `sid-${uniqueSubject()}`;
    await store.revokeSession(sid, new Date((now() + 900) * 1000));
    await store.revokeSession(sid, new Date((now() + 60) * 1000));

    expect(await redis.redis.pttl(`${redis.prefix}sid:${sid}`)).toBeGreaterThan(600_000);
  });

  it('writes nothing for a token that has already expired', async () => {
    const jti = `jti-${uniqueSubject()}`;
    await store.revokeToken(jti, new Date((now() - 60) * 1000));

    expect(await redis.redis.exists(`${redis.prefix}jti:${jti}`)).toBe(0);
  });
});
