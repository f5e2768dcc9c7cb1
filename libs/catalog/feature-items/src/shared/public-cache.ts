import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, PlatformConfig } from '@onewindow/platform/config';
import { EDGE_CACHE_PURGE_CHANNEL, etagMatches, SURROGATE_CONTROL, SURROGATE_KEY } from '@onewindow/platform/http';
import { RedisClient, RedisScript } from '@onewindow/platform/redis';
import type { FastifyReply } from 'fastify';

export interface Rendered {
  body: string;
  contentType: string;
}

interface Cached extends Rendered {
  etag: string;
}

const TTL_SECONDS = 300;

/**
 * KEYS[1] = generation key, ARGV = prefix, request hash. The answer's key is derived inside the
 * script, which a Redis Cluster would refuse; OneWindow runs one Redis (primary + replicas).
 */
const READ_SCRIPT = new RedisScript(`local g = redis.call('GET', KEYS[1]) or '0'
return { g, redis.call('GET', ARGV[1] .. g .. ':' .. ARGV[2]) }`);

export const JSON_TYPE = 'application/json; charset=utf-8';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** What the gateway's edge cache purges when the catalogue changes (ADR 0031): every public answer. */
export const CATALOG_SURROGATE_KEY = 'catalog-public';

/**
 * Public reads rendered once and kept in Redis under a generation number; publishing or retiring
 * bumps the generation, which drops every cached answer at once (ADR 0020), and tells the gateways
 * to drop their edge copies (ADR 0031). Redis trouble never fails a public read: the answer is then
 * rendered from the database.
 */
@Injectable()
export class PublicCache {
  private readonly logger = new Logger(PublicCache.name);

  /** `<SERVICE_NAME>:public:`, so deployments and test runs sharing a Redis never read each other's answers. */
  private readonly prefix: string;
  private readonly generationKey: string;

  constructor(
    private readonly redis: RedisClient,
    config: AppConfig<PlatformConfig>,
  ) {
    this.prefix = `${config.get('SERVICE_NAME')}:public:`;
    this.generationKey = `${this.prefix}generation`;
  }

  async serve(reply: FastifyReply, ifNoneMatch: string | undefined, key: string, render: () => Promise<Rendered>): Promise<string | undefined> {
    const cached = await this.lookup(key, render);
    reply.header('etag', cached.etag);
    reply.header('cache-control', 'public, no-cache');
    reply.header('vary', 'accept-encoding');
    // Browsers revalidate every time (no-cache); the gateway may keep the answer until a purge.
    reply.header(SURROGATE_CONTROL, `max-age=${TTL_SECONDS}`);
    reply.header(SURROGATE_KEY, CATALOG_SURROGATE_KEY);
    if (etagMatches(ifNoneMatch, cached.etag)) {
      reply.status(304);
      return undefined;
    }
    reply.header('content-type', cached.contentType);
    return cached.body;
  }

  /** Drops every cached public answer. Call after the transaction that changed the catalogue committed. */
  async invalidate(): Promise<void> {
    try {
      await this.redis.multi().incr(this.generationKey).publish(EDGE_CACHE_PURGE_CHANNEL, CATALOG_SURROGATE_KEY).exec();
    } catch (error) {
      this.logger.warn({ msg: 'Public cache invalidation failed; answers expire within the TTL', error: (error as Error).message });
    }
  }

  private async lookup(key: string, render: () => Promise<Rendered>): Promise<Cached> {
    const hash = createHash('sha256').update(key).digest('base64url');
    let redisKey: string | undefined;
    try {
      // One round trip: the current generation and the answer cached under it.
      const [generation, hit] = (await READ_SCRIPT.run(this.redis, [this.generationKey], [this.prefix, hash])) as [string, string | null];
      redisKey = `${this.prefix}${generation}:${hash}`;
      if (hit) return JSON.parse(hit) as Cached;
    } catch (error) {
      this.logger.warn({ msg: 'Public cache unavailable; rendering from the database', error: (error as Error).message });
      redisKey = undefined;
    }
    const rendered = await render();
    const cached: Cached = { ...rendered, etag: `"${createHash('sha256').update(rendered.body).digest('base64url').slice(0, 27)}"` };
    if (redisKey) {
      // Not awaited: the answer does not wait for the cache write, and a failed write only costs a later render.
      this.redis.set(redisKey, JSON.stringify(cached), 'EX', TTL_SECONDS).catch((error: unknown) => {
        this.logger.warn({ msg: 'Public cache write failed', error: (error as Error).message });
      });
    }
    return cached;
  }
}
