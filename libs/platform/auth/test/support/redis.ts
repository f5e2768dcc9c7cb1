import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The real Redis on the machine, with a key prefix no other test run shares. */
export async function connectTestRedis(): Promise<{ redis: Redis; prefix: string; cleanUp(): Promise<void> }> {
  const redis = new Redis({ host: '127.0.0.1', port: 6379 });
  await redis.ping();
  const prefix = `test:platform-auth:${randomUUID()}:`;
  return {
    redis,
    prefix,
    async cleanUp() {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
