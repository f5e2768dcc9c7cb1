import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit } from '@onewindow/platform/auth';
import { startGateway, upstreamEnv } from './support/gateway';
import { refusedUrl, TestUpstream } from './support/upstream';

describe('gateway without Redis (a Redis address where nothing listens)', () => {
  let idp: AuthTestKit.TestIdentityProvider;
  let upstream: TestUpstream;
  let gateway: NestFastifyApplication;

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    upstream = await TestUpstream.start('catalog');
    const refused = await refusedUrl();
    gateway = await startGateway({
      ...idp.env(),
      REDIS_URL: refused.replace('http://', 'redis://'),
      AUTH_REVOCATION_TIMEOUT_MS: '300',
      ...(await upstreamEnv({ catalog: upstream.url })),
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    await idp?.close();
    // Later suites in this process use the real Redis again.
    process.env['REDIS_URL'] = 'redis://127.0.0.1:6379';
  });

  it('is not ready', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
  });

  it('keeps public routes open: the rate limiter fails open', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/api/v1/catalog/public/items' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ url: '/public/items' });
  });

  it('refuses protected routes with 503 because revocations cannot be checked (fails closed)', async () => {
    const before = upstream.received.length;
    const response = await gateway.inject({
      method: 'GET',
      url: '/api/v1/catalog/items/mine',
      headers: { authorization: `Bearer ${await idp.sign()}` },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toMatchObject({ code: 'AUTH_VERIFICATION_UNAVAILABLE' });
    expect(upstream.received.length).toBe(before);
  });
});
