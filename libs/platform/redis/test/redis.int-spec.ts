import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { ConfigModule, PlatformConfig } from '@onewindow/platform/config';
import { freePort } from '@onewindow/platform/testing';
import { Redis } from 'ioredis';
import { RedisClient, RedisModule, RedisReadiness, RedisScript } from '../src';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

async function boot(env: Record<string, string>): Promise<TestingModule> {
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(PlatformConfig, { SERVICE_NAME: 'redis-test', ...env }),
      RedisModule.forRoot(),
    ],
  }).compile();
  module.useLogger(false);
  return module.init();
}

describe('RedisModule against a running Redis', () => {
  let module: TestingModule;
  let client: RedisClient;

  beforeAll(async () => {
    module = await boot({ REDIS_URL });
    client = module.get(RedisClient);
    if (client.status !== 'ready') await once(client, 'ready');
  });

  afterAll(async () => {
    await module.close();
  });

  it('passes readiness', async () => {
    await expect(module.get(RedisReadiness).check()).resolves.toBeUndefined();
  });

  it('shares one connection, named after the service, that runs commands', async () => {
    const key = `platform-redis-test:${randomUUID()}`;
    await client.set(key, 'v', 'EX', 30);
    expect(await client.get(key)).toBe('v');
    await client.del(key);
    expect(await client.client('GETNAME')).toBe('redis-test');
  });
});

describe('RedisModule without a reachable Redis', () => {
  it('fails readiness with the connection error instead of waiting', async () => {
    // A port nothing listens on: the connection is refused.
    const module = await boot({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    const client = module.get(RedisClient);
    if (!client.lastError) await once(client, 'error');
    try {
      await expect(module.get(RedisReadiness).check()).rejects.toThrow(
        /^Redis is not connected \((connecting|reconnecting)\): .*ECONNREFUSED/,
      );
    } finally {
      const ended = once(client, 'end');
      await module.close();
      await ended;
    }
  });
});

describe('shutdown', () => {
  it('quits the connection when the application shuts down', async () => {
    const module = await boot({ REDIS_URL });
    const client = module.get(RedisClient);
    if (client.status !== 'ready') await once(client, 'ready');
    const ended = once(client, 'end');
    await module.close();
    await ended;
    expect(client.status).toBe('end');
  });

  it('runs a script by its digest, sending its text only when Redis does not have it yet', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      // A comment unique to this run, so Redis cannot have the script cached already.
      const script = new RedisScript(`return redis.call('INCRBY', KEYS[1], ARGV[1]) -- ${randomUUID()}`);
      const key = `test:redis-script:${randomUUID()}`;
      expect(await redis.script('EXISTS', script.sha)).toEqual([0]);
      expect(await script.run(redis, [key], [2])).toBe(2);
      expect(await redis.script('EXISTS', script.sha)).toEqual([1]);
      expect(await script.run(redis, [key], [3])).toBe(5);
      await redis.del(key);
    } finally {
      await redis.quit();
    }
  });
});
