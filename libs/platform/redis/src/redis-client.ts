import { Redis, RedisOptions } from 'ioredis';

/** Reconnect after 100 ms, doubling to at most 3 s, forever: Redis coming back must not need a restart. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(attempt - 1, 0), 3000);
}

export const REDIS_CLIENT_OPTIONS: RedisOptions = {
  lazyConnect: false,
  retryStrategy: reconnectDelay,
  // A command waits through at most two reconnect attempts (about 300 ms) before failing, so callers
  // such as the gateway's rate limiter decide quickly what to do without Redis.
  maxRetriesPerRequest: 2,
  connectTimeout: 5000,
  enableReadyCheck: true,
  // Commands issued in the same event-loop turn leave in one write and come back in one read: the
  // gateway's rate limits and revocation check for a request cost one round trip, not three.
  enableAutoPipelining: true,
};

/**
 * The process's shared Redis connection (the ioredis client itself), injected by this class.
 * Remembers the last connection error so readiness can say why Redis is unavailable.
 */
export class RedisClient extends Redis {
  lastError: Error | undefined;

  constructor(url: string, options: RedisOptions = {}) {
    super(url, { ...REDIS_CLIENT_OPTIONS, ...options });
    this.on('error', (error: Error) => {
      this.lastError = error;
    });
    this.on('ready', () => {
      this.lastError = undefined;
    });
  }
}
