import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { AuthTestKit } from '../src';
import { connectTestRedis } from './support/redis';
import { ProbeApp, startProbeApp } from './support/probe-app';

/** A port on 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('when the revocation store does not answer', () => {
  let idp: AuthTestKit.TestIdentityProvider;
  let probe: ProbeApp;
  let unreachable: Redis;

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    // A real client that cannot connect; no offline queue, so commands fail instead of waiting.
    unreachable = new Redis({
      host: '127.0.0.1',
      port: await closedPort(),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    unreachable.on('error', () => undefined);
    probe = await startProbeApp(idp.env(), unreachable);
  });

  afterAll(async () => {
    await probe?.close();
    unreachable?.disconnect();
    await idp?.close();
  });

  it('fails closed with 503 and Retry-After for an otherwise valid token', async () => {
    const response = await probe.get('/me', await idp.sign());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.body).toMatchObject({ code: 'AUTH_VERIFICATION_UNAVAILABLE' });
  });

  it('still answers 401 for a forged token, which is refused before the store is asked', async () => {
    const response = await probe.get('/me', await idp.sign({ claims: { aud: 'elsewhere' } }));
    expect(response.status).toBe(401);
  });

  it('still serves @Public() routes', async () => {
    expect((await probe.get('/public/ping')).status).toBe(200);
  });
});

describe('when the JWKS endpoint does not answer', () => {
  let idp: AuthTestKit.TestIdentityProvider;
  let probe: ProbeApp;
  let redis: Awaited<ReturnType<typeof connectTestRedis>>;

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    redis = await connectTestRedis();
    const jwksUrl = `http://127.0.0.1:${await closedPort()}/.well-known/jwks.json`;
    probe = await startProbeApp(idp.env({ JWKS_URL: jwksUrl, AUTH_REVOCATION_KEY_PREFIX: redis.prefix }), redis.redis);
  });

  afterAll(async () => {
    await probe?.close();
    await redis?.cleanUp();
    await idp?.close();
  });

  it('fails closed with 503 rather than calling a possibly valid token invalid', async () => {
    const response = await probe.get('/me', await idp.sign());
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'AUTH_VERIFICATION_UNAVAILABLE' });
  });
});
