import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit } from '@onewindow/platform/auth';
import { deleteKeys, nextClientAddress, startGateway, testKeyPrefix, upstreamEnv } from './support/gateway';
import { TestUpstream } from './support/upstream';

interface SendOptions {
  method: 'GET' | 'POST' | 'PUT' | 'OPTIONS';
  url: string;
  token?: string;
  headers?: Record<string, string>;
  payload?: string | object;
}

describe('gateway routing, forwarding and upstream failures (real upstream HTTP servers, real Redis)', () => {
  const prefix = testKeyPrefix();
  let idp: AuthTestKit.TestIdentityProvider;
  let identity: TestUpstream;
  let licence: TestUpstream;
  let gateway: NestFastifyApplication;

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    identity = await TestUpstream.start('identity');
    licence = await TestUpstream.start('licence');
    gateway = await startGateway({
      ...idp.env(),
      RATE_LIMIT_KEY_PREFIX: prefix,
      GATEWAY_TRUSTED_PROXY_HOPS: '1',
      ...(await upstreamEnv({ identity: identity.url, licence: licence.url })),
      UPSTREAM_TIMEOUT_MS: '300',
      CIRCUIT_FAILURE_THRESHOLD: '3',
      CIRCUIT_OPEN_MS: '60000',
      GATEWAY_BODY_LIMIT_BYTES: '2048',
      GATEWAY_FILE_BODY_LIMIT_BYTES: '8192',
      CORS_ORIGINS: 'https://zwfw.luoyuan.gov.cn,http://localhost:4200',
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await identity?.close();
    await licence?.close();
    await idp?.close();
    await deleteKeys(prefix);
  });

  const send = ({ token, headers, ...rest }: SendOptions) =>
    gateway.inject({
      ...rest,
      headers: { 'x-forwarded-for': nextClientAddress(), ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });

  it('forwards /api/v1/<service>/rest to the service as /rest with the query, method and authorization unchanged', async () => {
    const token = await idp.sign();
    const response = await send({ method: 'GET', url: '/api/v1/identity/accounts/me?fields=name&x=%E5%8C%BB', token });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      upstream: 'identity',
      method: 'GET',
      url: '/accounts/me?fields=name&x=%E5%8C%BB',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.headers['x-upstream']).toBe('identity');
  });

  it('forwards the request id, correlation id, trace context and the client address, not addresses the client made up', async () => {
    const token = await idp.sign();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await send({
      method: 'GET',
      url: '/api/v1/identity/echo',
      token,
      headers: {
        'x-request-id': 'gw-test-request-0001',
        'x-correlation-id': 'journey-0001-abcd',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        'x-forwarded-for': '6.6.6.6, 203.0.113.77',
        forwarded: 'for=6.6.6.6',
        'x-real-ip': '6.6.6.6',
        'x-forwarded-proto': 'https',
      },
    });
    expect(response.statusCode).toBe(200);
    const { headers } = response.json<{ headers: Record<string, string> }>();
    expect(headers['x-request-id']).toBe('gw-test-request-0001');
    expect(headers['x-correlation-id']).toBe('journey-0001-abcd');
    expect(headers['traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`));
    expect(headers['x-forwarded-for']).toBe('203.0.113.77');
    expect(headers['x-forwarded-proto']).toBe('https');
    expect(headers['forwarded']).toBeUndefined();
    expect(headers['x-real-ip']).toBeUndefined();
    expect(response.headers['x-request-id']).toBe('gw-test-request-0001');
  });

  it('passes request bodies through byte for byte, whatever their media type', async () => {
    const token = await idp.sign();
    const json = '{"name":"张三",  "n":1}';
    const asJson = await send({ method: 'POST', url: '/api/v1/identity/echo', token, payload: json, headers: { 'content-type': 'application/json' } });
    expect(asJson.json()).toMatchObject({ method: 'POST', body: json });
    const text = await send({ method: 'PUT', url: '/api/v1/identity/echo', token, payload: 'plain words', headers: { 'content-type': 'text/plain' } });
    expect(text.json()).toMatchObject({ method: 'PUT', body: 'plain words', headers: { 'content-type': 'text/plain' } });
  });

  it('forwards a chunked upload sent over a real connection with its hop-by-hop headers removed', async () => {
    await gateway.listen(0, '127.0.0.1');
    const { port } = gateway.getHttpServer().address() as AddressInfo;
    const headers = {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
      expect: '100-continue',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      'x-forwarded-for': nextClientAddress(),
    };
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/identity/sessions', headers }, (incoming) => {
        let body = '';
        incoming.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
      });
      outgoing.on('error', reject);
      outgoing.write('{"username":');
      outgoing.end('"zhang"}');
    });
    expect(answer.status).toBe(200);
    const received = JSON.parse(answer.body) as { body: string; headers: Record<string, string> };
    expect(received.body).toBe('{"username":"zhang"}');
    expect(received.headers['content-length']).toBe('20');
    for (const name of ['transfer-encoding', 'expect', 'keep-alive', 'te']) expect(received.headers[name]).toBeUndefined();
  });

  it('hides the upstream’s server banner and its own CORS headers', async () => {
    const response = await send({ method: 'GET', url: '/api/v1/identity/echo', token: await idp.sign() });
    expect(response.headers['server']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never routes a service’s /internal, /health or /metrics paths, however encoded: 404 problem+json, nothing reaches it', async () => {
    const token = await idp.sign({ claims: { roles: ['platform_admin'] } });
    const before = identity.received.length;
    for (const url of [
      '/api/v1/identity/internal/accounts',
      '/api/v1/identity/%69nternal/accounts',
      '/api/v1/identity/Internal/accounts',
      '/api/v1/identity/x/../internal/accounts',
      '/api/v1/identity/x/%2e%2e/internal/accounts',
      '/api/v1/identity//internal/accounts',
      '/api/v1/identity/health/ready',
      '/api/v1/identity/metrics',
      '/api/v1/unknown-service/anything',
    ]) {
      const response = await send({ method: 'GET', url, token });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
    }
    expect(identity.received.length).toBe(before);
  });

  it('forwards public routes without a token and refuses protected ones before they reach the service', async () => {
    const login = await send({ method: 'POST', url: '/api/v1/identity/sessions', payload: { username: 'a' } });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ url: '/sessions' });

    const before = identity.requestsTo('/accounts').length;
    const refused = await send({ method: 'GET', url: '/api/v1/identity/accounts/me' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    expect(refused.json()).toMatchObject({ code: 'AUTH_MISSING_TOKEN', status: 401 });
    expect(identity.requestsTo('/accounts').length).toBe(before);
  });

  it('refuses a body over the limit with 413 problem+json without forwarding it', async () => {
    const before = identity.requestsTo('/accounts').length;
    const response = await send({
      method: 'POST',
      url: '/api/v1/identity/accounts',
      payload: JSON.stringify({ name: 'x'.repeat(4096) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(identity.requestsTo('/accounts').length).toBe(before);
  });

  it('forwards a file upload under the larger file limit, byte for byte, and refuses one above it', async () => {
    const token = await idp.sign();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(6000, 0x41)]);
    const forwarded = await send({ method: 'POST', url: '/api/v1/licence/uploads', token, payload: pdf as unknown as string, headers: { 'content-type': 'application/pdf' } });
    expect(forwarded.statusCode).toBe(200);
    const received = licence.requestsTo('/uploads').at(-1);
    expect(received?.headers['content-type']).toBe('application/pdf');
    expect(received?.body.length).toBe(pdf.length);

    const before = licence.requestsTo('/uploads').length;
    const tooBig = await send({
      method: 'POST',
      url: '/api/v1/licence/uploads',
      token,
      payload: Buffer.alloc(9000, 0x41) as unknown as string,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(licence.requestsTo('/uploads').length).toBe(before);
  });

  it('answers 502 when the service refuses connections, then 503 with Retry-After once its circuit is open', async () => {
    const token = await idp.sign();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await send({ method: 'GET', url: '/api/v1/workflow/cases', token });
      expect(response.statusCode).toBe(502);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'UPSTREAM_UNREACHABLE', detail: 'The workflow service could not be reached.' });
      expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    }
    const open = await send({ method: 'GET', url: '/api/v1/workflow/cases', token });
    expect(open.statusCode).toBe(503);
    expect(open.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(Number(open.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers 504 when the service does not answer in time', async () => {
    const response = await send({ method: 'GET', url: '/api/v1/licence/slow', token: await idp.sign() });
    expect(response.statusCode).toBe(504);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT', detail: 'The licence service did not answer in time.' });
  });

  it('passes a service’s own 503 through as it is, without retrying it', async () => {
    const before = licence.requestsTo('/unavailable').length;
    const response = await send({ method: 'GET', url: '/api/v1/licence/unavailable', token: await idp.sign() });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('7');
    expect(licence.requestsTo('/unavailable').length).toBe(before + 1);
  });

  it('answers a CORS preflight from an allowed origin and gives no grant to any other', async () => {
    const preflight = (origin: string) =>
      send({
        method: 'OPTIONS',
        url: '/api/v1/identity/sessions',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const allowed = await preflight('https://zwfw.luoyuan.gov.cn');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://zwfw.luoyuan.gov.cn');
    expect(String(allowed.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(allowed.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');

    const refused = await preflight('https://evil.example.com');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();

    const actual = await send({ method: 'GET', url: '/api/v1/identity/echo', token: await idp.sign(), headers: { origin: 'http://localhost:4200' } });
    expect(actual.headers['access-control-allow-origin']).toBe('http://localhost:4200');
    expect(String(actual.headers['access-control-expose-headers'])).toContain('x-request-id');
  });

  it('sets security headers on proxied and own responses', async () => {
    for (const response of [
      await send({ method: 'GET', url: '/api/v1/identity/echo', token: await idp.sign() }),
      await send({ method: 'GET', url: '/health/live' }),
    ]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    }
  });

  it('is ready when Redis answers and reports forwarded requests in its metrics', async () => {
    const ready = await send({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', info: { redis: { status: 'up' } } });
    const metrics = await send({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^onewindow_gateway_upstream_requests_total\{upstream="identity",outcome="2xx",service="gateway"\} \d+$/m);
    expect(metrics.body).toMatch(/onewindow_gateway_upstream_requests_total\{upstream="workflow",outcome="refused"/);
  });
});
