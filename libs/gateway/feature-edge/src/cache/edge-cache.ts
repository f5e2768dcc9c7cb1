import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EdgeStorability, edgeStorability, storedHeaders } from '@onewindow/gateway/domain';
import { AppConfig } from '@onewindow/platform/config';
import { EDGE_CACHE_PURGE_CHANNEL, etagMatches } from '@onewindow/platform/http';
import { Metrics } from '@onewindow/platform/observability';
import { RedisClient } from '@onewindow/platform/redis';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import type { Counter } from 'prom-client';
import { GatewayConfig } from '../gateway.config';
import { EdgeCacheStore, EdgeEntry } from './edge-cache-store';

/** The Redis client name of each replica's purge subscription (visible in CLIENT LIST). */
export const EDGE_CACHE_CONNECTION_NAME = 'onewindow-gateway-edge-purges';

/**
 * The gateway's edge cache (ADR 0031): public answers kept in this replica's memory and dropped the
 * moment their service publishes a purge on Redis. It only serves while this replica is subscribed to
 * the purge channel; whenever the subscription is lost the cache is emptied and bypassed until it is
 * back, so a purge can never be missed, only make answers slower.
 */
@Injectable()
export class EdgeCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EdgeCache.name);
  private readonly store: EdgeCacheStore | undefined;
  private readonly maxEntryBytes: number;
  private readonly results: Counter<'result'>;
  private readonly purges: Counter;
  private subscriber: Redis | undefined;
  private subscribed = false;

  constructor(
    config: AppConfig<GatewayConfig>,
    private readonly redis: RedisClient,
    metrics: Metrics,
  ) {
    const maxBytes = config.get('GATEWAY_EDGE_CACHE_MAX_BYTES');
    this.store = maxBytes > 0 ? new EdgeCacheStore(maxBytes) : undefined;
    this.maxEntryBytes = config.get('GATEWAY_EDGE_CACHE_MAX_ENTRY_BYTES');
    this.results = metrics.counter<'result'>({
      name: 'onewindow_gateway_edge_cache_requests_total',
      help: 'Anonymous GETs seen by the edge cache: hit, miss, stored (a miss kept), bypass (cache not subscribed to purges)',
      labelNames: ['result'],
    });
    this.purges = metrics.counter({ name: 'onewindow_gateway_edge_cache_purges_total', help: 'Purges received from services' });
  }

  /** Whether answers may be served from and kept in memory right now. */
  get serving(): boolean {
    return this.store !== undefined && this.subscribed;
  }

  get epoch(): number {
    return this.store?.epoch ?? 0;
  }

  onModuleInit(): void {
    if (!this.store) return;
    const store = this.store;
    const subscriber = this.redis.duplicate({
      autoResubscribe: false,
      maxRetriesPerRequest: null,
      enableAutoPipelining: false,
      connectionName: EDGE_CACHE_CONNECTION_NAME,
    });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, surrogateKey: string) => {
      if (channel !== EDGE_CACHE_PURGE_CHANNEL) return;
      this.purges.inc();
      store.purge(surrogateKey);
    });
    subscriber.on('ready', () => {
      subscriber.subscribe(EDGE_CACHE_PURGE_CHANNEL).then(
        () => {
          // Answers in flight while unsubscribed may predate a purge we never heard: make them unstorable.
          store.clear();
          this.subscribed = true;
        },
        (error: Error) => this.logger.warn({ msg: 'Edge cache could not subscribe to purges; bypassing it', error: error.message }),
      );
    });
    subscriber.on('close', () => {
      if (this.subscribed) this.logger.warn({ msg: 'Edge cache lost its purge subscription; emptied and bypassed until Redis is back' });
      this.subscribed = false;
      store.clear();
    });
    subscriber.on('error', () => undefined); // 'close' says what matters; the shared client logs Redis errors
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscribed = false;
    if (this.subscriber) {
      this.subscriber.removeAllListeners('close');
      this.subscriber.disconnect();
    }
  }

  /** The answer kept for `key`, if this replica may serve from memory now; counts a bypass or a miss otherwise. */
  lookup(key: string): EdgeEntry | undefined {
    if (!this.store || !this.subscribed) {
      this.results.inc({ result: 'bypass' });
      return undefined;
    }
    const entry = this.store.get(key);
    if (!entry) this.results.inc({ result: 'miss' });
    return entry;
  }

  /** Answers with `entry`, found by `lookup` for this request (304 when If-None-Match matches). */
  send(entry: EdgeEntry, ifNoneMatch: string | undefined, reply: FastifyReply): void {
    this.results.inc({ result: 'hit' });
    void reply
      .headers(entry.headers)
      .header('age', String(Math.floor((Date.now() - entry.storedAt) / 1000)))
      .header('x-cache', 'HIT')
      .code(etagMatches(ifNoneMatch, entry.headers['etag'] ?? '') ? 304 : 200);
    void (reply.statusCode === 304 ? reply.send() : reply.send(entry.body));
  }

  /** Whether an upstream answer qualifies for the edge (and is small enough to buffer). */
  storability(status: number, headers: Record<string, string | string[] | undefined>): EdgeStorability | undefined {
    if (!this.serving) return undefined;
    const length = Number(headers['content-length']);
    if (!Number.isFinite(length) || length > this.maxEntryBytes) return undefined;
    return edgeStorability(status, headers);
  }

  /** Keeps an answer fetched at `epochAtRequest`, unless a purge came in since. */
  keep(key: string, epochAtRequest: number, headers: Record<string, string | string[] | undefined>, body: Buffer, storability: EdgeStorability): void {
    if (!this.store || !this.subscribed) return;
    const entry: Omit<EdgeEntry, 'storedAt'> = { headers: storedHeaders(headers), body, surrogateKeys: storability.surrogateKeys };
    if (this.store.store(key, epochAtRequest, entry, storability.maxAgeSeconds)) this.results.inc({ result: 'stored' });
  }
}
