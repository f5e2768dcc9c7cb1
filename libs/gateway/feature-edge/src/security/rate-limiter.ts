import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@onewindow/platform/config';
import { outsideRequest } from '@onewindow/platform/http';
import { Metrics } from '@onewindow/platform/observability';
import { RedisClient, RedisScript } from '@onewindow/platform/redis';
import type { Counter } from 'prom-client';
import { GatewayConfig } from '../gateway.config';

/**
 * Sliding-window counters, one Redis hash per subject: the current fixed window's count plus the
 * previous window's count weighted by how much of it still overlaps the sliding window. Time is
 * Redis's own (TIME), so every gateway replica counts against the same clock and the same key.
 * KEYS are checked in order (ARGV[1] the window in ms, ARGV[1 + k] the limit of KEYS[k]); the first
 * one over its limit stops the check, so the subjects after it are not counted.
 * Returns {0, 0} when every key admits the request, else {k, retry-after in ms} for the refusing key.
 */
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local index = math.floor(now / window)
local into = (now % window) / window
for k = 1, #KEYS do
  local limit = tonumber(ARGV[k + 1])
  local stored = redis.call('HMGET', KEYS[k], 'w', 'c', 'p')
  local w = tonumber(stored[1]) or index
  local current = tonumber(stored[2]) or 0
  local previous = tonumber(stored[3]) or 0
  if w ~= index then
    if w == index - 1 then previous = current else previous = 0 end
    current = 0
  end
  local allowed = previous * (1 - into) + current + 1 <= limit
  if allowed then current = current + 1 end
  redis.call('HSET', KEYS[k], 'w', index, 'c', current, 'p', previous)
  redis.call('PEXPIRE', KEYS[k], window * 2)
  if not allowed then
    local wait
    if current + 1 <= limit and previous > 0 then
      wait = math.ceil(((1 - (limit - current - 1) / previous) - into) * window)
    else
      local needed = 0
      if current > 0 then needed = math.max(0, 1 - (limit - 1) / current) end
      wait = math.ceil((1 - into) * window + needed * window)
    end
    return {k, math.max(wait, 1)}
  end
end
return {0, 0}
`;
const SLIDING_WINDOW_SCRIPT = new RedisScript(SLIDING_WINDOW);

export type RateLimitSubject = 'address' | 'user';

export type RateLimitOutcome = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

const refusalKey = (subject: RateLimitSubject, id: string) => `${subject}:${id}`;

/** Refusals remembered by one replica at most; beyond, the oldest are forgotten (and asked of Redis again). */
const REMEMBERED_REFUSALS = 10_000;

/**
 * Edge rate limits per client address and per user, shared by every gateway replica through Redis.
 * Without Redis the limiter lets requests through (logged and counted): the edge stays up, identity
 * still limits logins per account and address, and protected routes fail closed anyway because the
 * revocation check needs Redis (ADR 0018).
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly limits: Record<RateLimitSubject, number>;
  private readonly windowMs: number;
  private readonly prefix: string;
  private readonly rejected: Counter<'subject'>;
  private readonly bypassed: Counter;
  /** Logged once when the store stops answering and once when it is back, not per request. */
  private storeDown = false;
  /** `subject:id` → when (epoch ms) Redis's last refusal of it ends: what `admitWithoutWaiting` refuses on. */
  private readonly refusedUntil = new Map<string, number>();

  constructor(
    private readonly redis: RedisClient,
    config: AppConfig<GatewayConfig>,
    metrics: Metrics,
  ) {
    this.limits = { address: config.get('RATE_LIMIT_PER_ADDRESS'), user: config.get('RATE_LIMIT_PER_USER') };
    this.windowMs = config.get('RATE_LIMIT_WINDOW_SECONDS') * 1000;
    this.prefix = config.get('RATE_LIMIT_KEY_PREFIX');
    this.rejected = metrics.counter<'subject'>({
      name: 'onewindow_gateway_rate_limited_total',
      help: 'Requests refused with 429 by the edge rate limits, by subject (address, user)',
      labelNames: ['subject'],
    });
    this.bypassed = metrics.counter({
      name: 'onewindow_gateway_rate_limit_unavailable_total',
      help: 'Requests let through because the rate-limit store did not answer',
    });
  }

  /** Counts one request against `subject` `id`'s limit. */
  consume(subject: RateLimitSubject, id: string): Promise<RateLimitOutcome> {
    return this.consumeAll([[subject, id]]);
  }

  /**
   * For answers this replica holds already (edge cache hits), where waiting for Redis would cost more
   * than the answer: refuses at once a subject whose last count Redis refused and whose Retry-After
   * has not passed, else admits now and counts the request in the background (the verdict, when it is
   * a refusal, applies from the next request). A subject over its limit therefore gets through only
   * the requests it sends while one verdict travels (a Redis round trip, under a millisecond here);
   * refused requests are not counted, as on the waiting path.
   */
  admitWithoutWaiting(subject: RateLimitSubject, id: string): RateLimitOutcome {
    const key = refusalKey(subject, id);
    const until = this.refusedUntil.get(key);
    if (until !== undefined) {
      const waitMs = until - Date.now();
      if (waitMs > 0) {
        this.rejected.inc({ subject });
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
      this.refusedUntil.delete(key);
    }
    // The count outlives the request: run it outside the request's context so it holds none of it.
    outsideRequest(() => void this.consume(subject, id));
    return { allowed: true };
  }

  /**
   * Counts one request against each subject in order, in one Redis command; the first subject over
   * its limit refuses the request and the ones after it are not counted (as if checked one by one).
   */
  async consumeAll(subjects: ReadonlyArray<readonly [RateLimitSubject, string]>): Promise<RateLimitOutcome> {
    let result: unknown;
    try {
      result = await SLIDING_WINDOW_SCRIPT.run(
        this.redis,
        subjects.map(([subject, id]) => `${this.prefix}${subject}:${id}`),
        [this.windowMs, ...subjects.map(([subject]) => this.limits[subject])],
      );
    } catch (error) {
      this.bypassed.inc();
      if (!this.storeDown) this.logger.warn(`Rate limit store unavailable, letting requests through: ${(error as Error).message}`);
      this.storeDown = true;
      return { allowed: true };
    }
    if (this.storeDown) this.logger.log('Rate limit store answers again');
    this.storeDown = false;
    // The script returns exactly these two integers.
    const [refusedBy, waitMs] = result as [number, number];
    const refused = subjects[refusedBy - 1];
    if (refusedBy === 0 || !refused) return { allowed: true };
    this.rejected.inc({ subject: refused[0] });
    this.rememberRefusal(refusalKey(...refused), Date.now() + waitMs);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private rememberRefusal(key: string, until: number): void {
    this.refusedUntil.delete(key);
    if (this.refusedUntil.size >= REMEMBERED_REFUSALS) {
      const oldest = this.refusedUntil.keys().next();
      if (!oldest.done) this.refusedUntil.delete(oldest.value);
    }
    this.refusedUntil.set(key, until);
  }
}
