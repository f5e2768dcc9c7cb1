import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
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
 * The helpers shared by both scripts: `load` reads a subject's counts rolled over to window `index`,
 * `retry_after` is how long (ms) until one more request fits under `limit`.
 */
const SLIDING_WINDOW_HELPERS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local index = math.floor(now / window)
local into = (now % window) / window
local function load(key)
  local stored = redis.call('HMGET', key, 'w', 'c', 'p')
  local w = tonumber(stored[1]) or index
  local current = tonumber(stored[2]) or 0
  local previous = tonumber(stored[3]) or 0
  if w ~= index then
    if w == index - 1 then previous = current else previous = 0 end
    current = 0
  end
  return current, previous
end
local function save(key, current, previous)
  redis.call('HSET', key, 'w', index, 'c', current, 'p', previous)
  redis.call('PEXPIRE', key, window * 2)
end
local function fits(current, previous, limit)
  return previous * (1 - into) + current + 1 <= limit
end
local function retry_after(current, previous, limit)
  local wait
  if current + 1 <= limit and previous > 0 then
    wait = math.ceil(((1 - (limit - current - 1) / previous) - into) * window)
  else
    local needed = 0
    if current > 0 then needed = math.max(0, 1 - (limit - 1) / current) end
    wait = math.ceil((1 - into) * window + needed * window)
  end
  return math.max(wait, 1)
end
`;

/**
 * Admits one request: KEYS are checked in order (ARGV[1] the window in ms, ARGV[1 + k] the limit of
 * KEYS[k]); the first one over its limit stops the check, so the subjects after it are not counted.
 * Returns {0, 0} when every key admits the request, else {k, retry-after in ms} for the refusing key.
 */
const SLIDING_WINDOW = `${SLIDING_WINDOW_HELPERS}
for k = 1, #KEYS do
  local limit = tonumber(ARGV[k + 1])
  local current, previous = load(KEYS[k])
  local allowed = fits(current, previous, limit)
  if allowed then current = current + 1 end
  save(KEYS[k], current, previous)
  if not allowed then return {k, retry_after(current, previous, limit)} end
end
return {0, 0}
`;
const SLIDING_WINDOW_SCRIPT = new RedisScript(SLIDING_WINDOW);

/**
 * Counts requests already answered (edge cache hits), several subjects at once: ARGV[1] the window in
 * ms, ARGV[1 + k] the limit of KEYS[k], ARGV[1 + n + k] how many of its requests were answered. Every
 * answered request is counted (it went out). Returns, per key, 0 if its next request fits, else the
 * ms until one does: what the replica then refuses from memory.
 */
const COUNT_ANSWERED = `${SLIDING_WINDOW_HELPERS}
local n = #KEYS
local waits = {}
for k = 1, n do
  local limit = tonumber(ARGV[k + 1])
  local current, previous = load(KEYS[k])
  current = current + tonumber(ARGV[n + k + 1])
  save(KEYS[k], current, previous)
  if fits(current, previous, limit) then waits[k] = 0 else waits[k] = retry_after(current, previous, limit) end
end
return waits
`;
const COUNT_ANSWERED_SCRIPT = new RedisScript(COUNT_ANSWERED);

/**
 * How long answers from memory wait to be counted together: one script per interval for every subject
 * that had any (instead of one per answer, which cost a Redis round trip and its objects per cache hit).
 * A subject over its limit gets at most this long plus one round trip of answers before it is refused.
 */
export const ANSWERED_COUNT_INTERVAL_MS = 50;
/** Subjects per counting script: a flood from many addresses is counted in several bounded calls. */
const SUBJECTS_PER_COUNT = 500;

export type RateLimitSubject = 'address' | 'user';

export type RateLimitOutcome = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

const refusalKey = (subject: RateLimitSubject, id: string) => `${subject}:${id}`;

/** Refusals remembered by one replica at most; beyond, the oldest are forgotten (and asked of Redis again). */
const REMEMBERED_REFUSALS = 10_000;

/** Answers given from memory and not yet counted in Redis, for one subject. */
interface Uncounted {
  readonly subject: RateLimitSubject;
  readonly id: string;
  answered: number;
}

/**
 * Edge rate limits per client address and per user, shared by every gateway replica through Redis.
 * Without Redis the limiter lets requests through (logged and counted): the edge stays up, identity
 * still limits logins per account and address, and protected routes fail closed anyway because the
 * revocation check needs Redis (ADR 0018).
 */
@Injectable()
export class RateLimiter implements BeforeApplicationShutdown {
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
  /** `subject:id` → answers given from memory since the last count was sent (`admitWithoutWaiting`). */
  private uncounted = new Map<string, Uncounted>();
  private countTimer: NodeJS.Timeout | undefined;

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
   * than the answer: refuses at once a subject whose last count left it over its limit and whose
   * Retry-After has not passed, else admits now. The answers are counted in the background, every
   * subject's together once per ANSWERED_COUNT_INTERVAL_MS, and a count that leaves a subject with no
   * room for one more request makes this replica refuse it from memory until Redis says it fits again.
   * A subject over its limit therefore gets through only the answers it receives while its count is
   * pending (at most the interval plus a Redis round trip); every answer that went out is counted,
   * refused requests are not (as on the waiting path).
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
    const pending = this.uncounted.get(key);
    if (pending) pending.answered += 1;
    else this.uncounted.set(key, { subject, id, answered: 1 });
    // The timer outlives the request: armed outside the request's context so it holds none of it.
    this.countTimer ??= outsideRequest(() => setTimeout(() => void this.countAnswered(), ANSWERED_COUNT_INTERVAL_MS));
    return { allowed: true };
  }

  /** Sends the pending counts of answers given from memory, and remembers the subjects left without room. */
  private async countAnswered(): Promise<void> {
    clearTimeout(this.countTimer);
    this.countTimer = undefined;
    const batch = [...this.uncounted.values()];
    this.uncounted = new Map();
    for (let start = 0; start < batch.length; start += SUBJECTS_PER_COUNT) {
      await this.countChunk(batch.slice(start, start + SUBJECTS_PER_COUNT));
    }
  }

  /** Counts what is still pending before the application closes its Redis connection. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.countAnswered();
  }

  private async countChunk(chunk: readonly Uncounted[]): Promise<void> {
    let result: unknown;
    try {
      result = await COUNT_ANSWERED_SCRIPT.run(
        this.redis,
        chunk.map(({ subject, id }) => this.redisKey(subject, id)),
        [this.windowMs, ...chunk.map(({ subject }) => this.limits[subject]), ...chunk.map(({ answered }) => answered)],
      );
    } catch (error) {
      // Already answered: nothing to let through, but counted as answers the store did not see.
      this.bypassed.inc(chunk.reduce((sum, { answered }) => sum + answered, 0));
      this.storeUnavailable(error);
      return;
    }
    this.storeAnswers();
    // The script returns one integer per key.
    const waits = result as number[];
    const now = Date.now();
    chunk.forEach(({ subject, id }, k) => {
      const waitMs = waits[k] ?? 0;
      if (waitMs > 0) this.rememberRefusal(refusalKey(subject, id), now + waitMs);
    });
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
        subjects.map(([subject, id]) => this.redisKey(subject, id)),
        [this.windowMs, ...subjects.map(([subject]) => this.limits[subject])],
      );
    } catch (error) {
      this.bypassed.inc();
      this.storeUnavailable(error);
      return { allowed: true };
    }
    this.storeAnswers();
    // The script returns exactly these two integers.
    const [refusedBy, waitMs] = result as [number, number];
    const refused = subjects[refusedBy - 1];
    if (refusedBy === 0 || !refused) return { allowed: true };
    this.rejected.inc({ subject: refused[0] });
    this.rememberRefusal(refusalKey(...refused), Date.now() + waitMs);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** The Redis hash of a subject's counts: the refusal key under this deployment's prefix. */
  private redisKey(subject: RateLimitSubject, id: string): string {
    return `${this.prefix}${refusalKey(subject, id)}`;
  }

  private storeUnavailable(error: unknown): void {
    if (!this.storeDown) this.logger.warn(`Rate limit store unavailable, letting requests through: ${(error as Error).message}`);
    this.storeDown = true;
  }

  private storeAnswers(): void {
    if (this.storeDown) this.logger.log('Rate limit store answers again');
    this.storeDown = false;
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
