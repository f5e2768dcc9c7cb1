import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit } from '@onewindow/platform/auth';
import { EDGE_CACHE_PURGE_CHANNEL } from '@onewindow/platform/http';
import { waitFor } from '@onewindow/platform/testing';
import { Redis } from 'ioredis';
import { EDGE_CACHE_CONNECTION_NAME, EdgeCache } from '../src/cache/edge-cache';
import { deleteKeys, nextClientAddress, startGateway, testKeyPrefix, upstreamEnv } from './support/gateway';
import { TestUpstream } from './support/upstream';

/**
 * A gateway in front of a real upstream catalogue, with its own rate-limit keys (`env` on top), started
 * before the block's tests once it is subscribed to purges (it serves from memory only then), and
 * stopped after them.
 */
function gatewayInFrontOfCatalog(env: Record<string, string> = {}) {
  const f = { prefix: testKeyPrefix() } as {
    prefix: string;
    idp: AuthTestKit.TestIdentityProvider;
    catalog: TestUpstream;
    gateway: NestFastifyApplication;
    redis: Redis;
  };
  beforeAll(async () => {
    f.idp = await AuthTestKit.TestIdentityProvider.start();
    f.catalog = await TestUpstream.start('catalog');
    f.redis = new Redis({ host: '127.0.0.1', port: 6379 });
    f.gateway = await startGateway({
      ...f.idp.env(),
      RATE_LIMIT_KEY_PREFIX: f.prefix,
      ...env,
      ...(await upstreamEnv({ catalog: f.catalog.url })),
    });
    await waitFor('the purge subscription', () => f.gateway.get(EdgeCache).serving, { timeoutMs: 5000 });
  });
  afterAll(async () => {
    await f.gateway?.close();
    await f.catalog?.close();
    await f.idp?.close();
    await f.redis?.quit();
    await deleteKeys(f.prefix);
  });
  return f;
}

describe('gateway edge cache (real upstream HTTP server, real Redis pub/sub)', () => {
  const f = gatewayInFrontOfCatalog();

  const get = (url: string, headers: Record<string, string> = {}) =>
    f.gateway.inject({ method: 'GET', url, headers: { 'x-forwarded-for': nextClientAddress(), ...headers } });
  const rendersOf = (path: string) => f.catalog.requestsTo(path).length;

  it('answers a repeated public read from memory without asking the service, and keeps edge headers private', async () => {
    const first = await get('/api/v1/catalog/public/cacheable/items/1?q=x');
    const second = await get('/api/v1/catalog/public/cacheable/items/1?q=x');
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(second.statusCode).toBe(200);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toBe(first.body);
    expect(second.headers['etag']).toBe('"v1"');
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    for (const response of [first, second]) {
      expect(response.headers['surrogate-control']).toBeUndefined();
      expect(response.headers['surrogate-key']).toBeUndefined();
    }
    expect(rendersOf('/public/cacheable/items/1')).toBe(1);
    // Another query string is another answer.
    await get('/api/v1/catalog/public/cacheable/items/1?q=y');
    expect(rendersOf('/public/cacheable/items/1')).toBe(2);
  });

  it('answers If-None-Match from memory with 304 and no body', async () => {
    await get('/api/v1/catalog/public/cacheable/items/2');
    const revalidated = await get('/api/v1/catalog/public/cacheable/items/2', { 'if-none-match': '"v1"' });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers['etag']).toBe('"v1"');
    expect(rendersOf('/public/cacheable/items/2')).toBe(1);
  });

  it('drops the answers of a surrogate key as soon as the service publishes a purge, and only those', async () => {
    await get('/api/v1/catalog/public/cacheable/items/3');
    expect((await get('/api/v1/catalog/public/cacheable/items/3')).headers['x-cache']).toBe('HIT');
    await f.redis.publish(EDGE_CACHE_PURGE_CHANNEL, 'some-other-key');
    await f.redis.publish(EDGE_CACHE_PURGE_CHANNEL, 'test-public');
    await waitFor('the purge to arrive', async () => (await get('/api/v1/catalog/public/cacheable/items/3')).headers['x-cache'] === 'MISS', { timeoutMs: 5000 });
    expect(rendersOf('/public/cacheable/items/3')).toBe(2);
    expect(JSON.parse((await get('/api/v1/catalog/public/cacheable/items/3')).body).render).toBe(2);
  });

  it('never shares an answer given to a caller with credentials, and never keeps answers not marked for the edge', async () => {
    const token = await f.idp.sign();
    await get('/api/v1/catalog/public/cacheable/items/4');
    const withToken = await get('/api/v1/catalog/public/cacheable/items/4', { authorization: `Bearer ${token}` });
    expect(withToken.headers['x-cache']).toBeUndefined();
    expect(rendersOf('/public/cacheable/items/4')).toBe(2);

    await get('/api/v1/catalog/public/plain');
    await get('/api/v1/catalog/public/plain');
    expect(f.catalog.requestsTo('/public/plain')).toHaveLength(2);
  });

  it('empties and bypasses the cache while its purge subscription is lost, and serves from memory again once it is back', async () => {
    await get('/api/v1/catalog/public/cacheable/items/5');
    expect((await get('/api/v1/catalog/public/cacheable/items/5')).headers['x-cache']).toBe('HIT');
    const clients = (await f.redis.client('LIST')) as string;
    const ids = clients
      .split('\n')
      .filter((line) => line.includes(`name=${EDGE_CACHE_CONNECTION_NAME}`))
      .map((line) => /id=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) await f.redis.client('KILL', 'ID', id);
    await waitFor('the replica to notice the loss', () => !f.gateway.get(EdgeCache).serving, { timeoutMs: 10_000 });
    await waitFor('the purge subscription to come back', () => f.gateway.get(EdgeCache).serving, { timeoutMs: 10_000 });
    // What was kept before the loss is gone: the service is asked again.
    const rendersBefore = rendersOf('/public/cacheable/items/5');
    expect((await get('/api/v1/catalog/public/cacheable/items/5')).headers['x-cache']).not.toBe('HIT');
    expect(rendersOf('/public/cacheable/items/5')).toBe(rendersBefore + 1);
    await waitFor('answers to be kept again', async () => (await get('/api/v1/catalog/public/cacheable/items/5')).headers['x-cache'] === 'HIT', {
      timeoutMs: 10_000,
    });
  });
});

describe('rate limits on answers served from memory (real Redis counters)', () => {
  const limit = 5;
  const f = gatewayInFrontOfCatalog({
    RATE_LIMIT_PER_ADDRESS: String(limit),
    // Long enough that a test crosses at most one window boundary (counted by `countOf`).
    RATE_LIMIT_WINDOW_SECONDS: '3600',
    // The test's addresses arrive as X-Forwarded-For from one trusted proxy hop.
    GATEWAY_TRUSTED_PROXY_HOPS: '1',
  });

  /** Requests counted for `address`: this window's and the previous one's, so a boundary in between changes nothing. */
  const countOf = async (address: string) => {
    const [current, previous] = await f.redis.hmget(`${f.prefix}address:${address}`, 'c', 'p');
    return Number(current ?? 0) + Number(previous ?? 0);
  };

  /**
   * Waits until Redis holds `count` requests for `address`, then one more round trip: the gateway reads
   * the reply of the count that wrote it (and remembers any refusal in it) before that round trip ends.
   */
  const countLanded = async (address: string, count: number) => {
    await waitFor(`${count} requests counted for ${address}`, async () => (await countOf(address)) === count, { timeoutMs: 5000 });
    await f.redis.ping();
  };

  const addressRefusals = async () => {
    const text = (await f.gateway.inject({ method: 'GET', url: '/metrics' })).body;
    return Number(/onewindow_gateway_rate_limited_total\{[^}]*subject="address"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
  };

  it('counts every cached answer against the address, and refuses the address once Redis has refused it', async () => {
    const address = nextClientAddress();
    const get = () => f.gateway.inject({ method: 'GET', url: '/api/v1/catalog/public/cacheable/items/limits', headers: { 'x-forwarded-for': address } });
    const refusalsBefore = await addressRefusals();
    const served = [];
    for (let i = 0; i < limit; i++) served.push(await get());
    expect(served.map((response) => response.statusCode)).toEqual(Array(limit).fill(200));
    expect(served.slice(1).map((response) => response.headers['x-cache'])).toEqual(Array(limit - 1).fill('HIT'));
    // Every answer was counted, the ones from memory included.
    await countLanded(address, limit);

    // The count that reached the limit left no room for another request: refused from memory now.
    const refused = await get();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(await addressRefusals()).toBe(refusalsBefore + 1);
    // Refused requests are not counted, and the service was asked once.
    expect(await countOf(address)).toBe(limit);
    expect(f.catalog.requestsTo('/public/cacheable/items/limits')).toHaveLength(1);
    // Another address is not affected.
    const other = await f.gateway.inject({ method: 'GET', url: '/api/v1/catalog/public/cacheable/items/limits', headers: { 'x-forwarded-for': nextClientAddress() } });
    expect(other.statusCode).toBe(200);
  });

  it('counts the answers of many addresses given from memory together, each against its own limit', async () => {
    const addresses = [nextClientAddress(), nextClientAddress(), nextClientAddress()];
    const get = (address: string) =>
      f.gateway.inject({ method: 'GET', url: '/api/v1/catalog/public/cacheable/items/batched', headers: { 'x-forwarded-for': address } });
    // The first answer is fetched from the service and counted before it goes out; the rest come from memory.
    expect((await get(addresses[0] as string)).headers['x-cache']).toBe('MISS');
    const sent = [1, 3, 4];
    const answers = await Promise.all(addresses.flatMap((address, a) => Array.from({ length: (sent[a] as number) - (a === 0 ? 1 : 0) }, () => get(address))));
    expect(answers.map((response) => response.statusCode)).toEqual(Array(answers.length).fill(200));
    expect(answers.map((response) => response.headers['x-cache'])).toEqual(Array(answers.length).fill('HIT'));
    for (const [a, address] of addresses.entries()) await countLanded(address, sent[a] as number);
    // Four answers leave the third address one short of its limit of five: its next request still goes out.
    expect((await get(addresses[2] as string)).statusCode).toBe(200);
    await countLanded(addresses[2] as string, limit);
    expect((await get(addresses[2] as string)).statusCode).toBe(429);
    expect((await get(addresses[1] as string)).statusCode).toBe(200);
  });

  it('serves an answer held in memory while Redis is busy, and counts it once Redis is free', async () => {
    const address = nextClientAddress();
    const get = () => f.gateway.inject({ method: 'GET', url: '/api/v1/catalog/public/cacheable/items/unwaited', headers: { 'x-forwarded-for': address } });
    expect((await get()).headers['x-cache']).toBe('MISS');
    const busy = new Redis({ host: '127.0.0.1', port: 6379 });
    await busy.ping();
    try {
      // A script that spins for 1.5 s: Redis answers nobody until it ends (well below its BUSY threshold).
      let scriptEnded = false;
      const script = busy
        .eval(
          `local t = redis.call('TIME')
           local stop = tonumber(t[1]) * 1000000 + tonumber(t[2]) + 1500000
           repeat t = redis.call('TIME') until tonumber(t[1]) * 1000000 + tonumber(t[2]) >= stop
           return 1`,
          0,
        )
        .then(() => (scriptEnded = true));
      // Sent after the script, so it reaches Redis while the script runs.
      await new Promise((resolve) => setImmediate(resolve));
      const response = await get();
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-cache']).toBe('HIT');
      // Answered while Redis was still running the script: the answer did not wait for its count.
      expect(scriptEnded).toBe(false);
      await script;
      await waitFor('the count to land', async () => (await countOf(address)) === 2, { timeoutMs: 5000 });
    } finally {
      busy.disconnect();
    }
  });
});
