import { IncomingHttpHeaders } from 'node:http';
import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import replyFrom from '@fastify/reply-from';
import {
  clientAddress,
  edgeCacheKey,
  clientProtocol,
  isPublicRoute,
  parsePublicRoutes,
  PublicRoute,
  resolveRoute,
  RoutedService,
} from '@onewindow/gateway/domain';
import { AppConfig } from '@onewindow/platform/config';
import { pathOf, PROBLEM_CONTENT_TYPE, toProblem } from '@onewindow/platform/http';
import { Metrics, RequestContext } from '@onewindow/platform/observability';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';
import { EdgeCache } from '../cache/edge-cache';
import type { EdgeEntry } from '../cache/edge-cache-store';
import { GatewayConfig } from '../gateway.config';
import { GatewayException } from '../gateway.exception';
import { EdgeAuthenticator } from '../security/edge-authenticator';
import { RateLimiter, RateLimitSubject } from '../security/rate-limiter';
import { Upstream, Upstreams } from './upstreams';

/** What the edge checks established about a request before it is forwarded. */
interface EdgeRequest {
  readonly service: RoutedService;
  readonly path: string;
  /** Set when the answer may come from, or go into, the edge cache. */
  readonly cacheKey?: string;
  /** The edge cache's answer, when it held one as the request was admitted. */
  readonly cached?: EdgeEntry;
  readonly address: string;
  readonly protocol: string;
  readonly correlationId: string;
  readonly traceparent?: string;
}

export const PROXY_ROUTE = '/api/v1/*';
const PROXIED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const IDEMPOTENT = new Set(['GET', 'HEAD']);

/**
 * Request headers never forwarded: those that would let a client speak for a proxy (the gateway writes
 * its own), and hop-by-hop ones (RFC 9110 §7.6.1) that describe the client's connection, not the
 * upstream's; the body goes upstream as buffered bytes with its own Content-Length.
 */
const DROPPED_REQUEST_HEADERS = [
  'forwarded',
  'x-real-ip',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'expect',
];
/** Upstream response headers the edge owns (CORS), that name internals, or that are meant for the edge only. */
const HIDDEN_RESPONSE_HEADERS = /^(access-control-|server$|x-powered-by$|surrogate-)/i;

type UpstreamFailure = 'timeout' | 'refused' | 'unavailable' | 'invalid-request';

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** How reply-from's error (and the undici/socket error it wraps) reads to the client. */
export function classifyUpstreamError(error: unknown): UpstreamFailure {
  const codes = errorCodes(error);
  // undici refused to send what it was given: the request's fault, not the upstream's.
  if (codes.includes('UND_ERR_INVALID_ARG') || codes.includes('UND_ERR_NOT_SUPPORTED')) return 'invalid-request';
  if (codes.some((code) => /TIMEOUT/.test(code))) return 'timeout';
  if (codes.some((code) => ['ENOTFOUND', 'EAI_AGAIN', 'FST_REPLY_FROM_SERVICE_UNAVAILABLE'].includes(code))) return 'unavailable';
  return 'refused';
}

/**
 * The `/api/v1/*` route: resolve the owning service, rate-limit the address, authenticate unless the
 * route is public, rate-limit the user, then forward over the upstream's keep-alive pool. It is a
 * Fastify route in its own encapsulated plugin (not a Nest controller) so bodies pass through as bytes
 * under their own size limit and nothing is parsed or re-serialised on the way.
 */
@Injectable()
export class EdgeProxy {
  private readonly logger = new Logger(EdgeProxy.name);
  private readonly requests = new WeakMap<FastifyRequest, EdgeRequest>();
  private readonly publicRoutes: readonly PublicRoute[];
  private readonly outcomes: Counter<'upstream' | 'outcome'>;

  constructor(
    private readonly config: AppConfig<GatewayConfig>,
    private readonly upstreams: Upstreams,
    private readonly authenticator: EdgeAuthenticator,
    private readonly limiter: RateLimiter,
    private readonly cache: EdgeCache,
    metrics: Metrics,
  ) {
    this.publicRoutes = parsePublicRoutes(config.get('GATEWAY_PUBLIC_ROUTES'));
    this.outcomes = metrics.counter<'upstream' | 'outcome'>({
      name: 'onewindow_gateway_upstream_requests_total',
      help: 'Requests forwarded by the gateway, by upstream and outcome (status class, timeout, refused, unavailable, circuit_open)',
      labelNames: ['upstream', 'outcome'],
    });
  }

  /** The Fastify plugin to register on the application's instance before it starts. */
  plugin(): FastifyPluginAsync {
    return async (instance: FastifyInstance) => {
      await instance.register(replyFrom, {
        undici: {
          connections: this.config.get('UPSTREAM_CONNECTIONS'),
          pipelining: 1,
          keepAliveTimeout: 30_000,
          connect: { timeout: this.config.get('UPSTREAM_CONNECT_TIMEOUT_MS') },
        },
        disableRequestLogging: true,
        destroyAgent: true,
      });
      instance.removeAllContentTypeParsers();
      const passThrough = (_request: FastifyRequest, body: Buffer | string, done: (error: Error | null, body?: unknown) => void) => done(null, body);
      instance.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: this.config.get('GATEWAY_BODY_LIMIT_BYTES') }, passThrough);
      // File uploads (materials) get their own, larger limit; JSON and forms keep the small one.
      instance.addContentTypeParser(
        this.config.get('GATEWAY_FILE_MEDIA_TYPES'),
        { parseAs: 'buffer', bodyLimit: this.config.get('GATEWAY_FILE_BODY_LIMIT_BYTES') },
        passThrough,
      );
      instance.setErrorHandler((error, request, reply) => this.sendProblem(request, reply, error));
      instance.route({
        method: PROXIED_METHODS,
        url: PROXY_ROUTE,
        exposeHeadRoute: false,
        onRequest: (request, reply) => this.admit(request, reply),
        handler: (request, reply) => this.forward(request, reply),
      });
    };
  }

  /** Runs before the body is read, so a refused request costs no upload. */
  private async admit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const context = RequestContext.current();
    const route = resolveRoute(request.url);
    if (route.kind !== 'upstream') throw GatewayException.routeNotFound();
    const hops = this.config.get('GATEWAY_TRUSTED_PROXY_HOPS');
    const address = clientAddress(request.socket.remoteAddress ?? 'unknown', request.headers['x-forwarded-for'], hops);
    const cacheKey = edgeCacheKey(request.method, route.service, route.path, route.query, request.headers);
    let cached: EdgeEntry | undefined;
    if (isPublicRoute(this.publicRoutes, request.method, route.service, route.path)) {
      cached = cacheKey ? this.cache.lookup(cacheKey) : undefined;
      // An answer held in memory is served without waiting for its count (ADR 0018, amendment of 2026-11-30).
      if (cached) this.limitWithoutWaiting('address', address);
      else await this.limit('address', address);
    } else {
      await this.limitAndAuthenticate(address, request.headers.authorization);
    }
    const correlationId = reply.getHeader('x-correlation-id');
    this.requests.set(request, {
      service: route.service,
      path: route.path,
      ...(cacheKey ? { cacheKey } : {}),
      ...(cached ? { cached } : {}),
      address,
      protocol: clientProtocol(request.protocol, request.headers['x-forwarded-proto'], hops),
      correlationId: typeof correlationId === 'string' ? correlationId : String(request.id),
      ...(context?.traceparent ? { traceparent: context.traceparent } : {}),
    });
  }

  /**
   * The address limit, the token and the user limit. A token this replica verified shortly before
   * names its user already, so both limits (one script, address first) and the revocation check leave
   * together in one round trip; the request is admitted only if all pass. Any other token is checked
   * only once the address limit has passed, so a flood of forged tokens costs no signature checks.
   */
  private async limitAndAuthenticate(address: string, authorization: string | string[] | undefined): Promise<void> {
    const known = this.authenticator.rememberedSubject(authorization);
    if (known !== undefined) {
      // The same token text names the same subject, so `known` is the principal `authenticate` returns.
      const [outcome] = await Promise.all([
        this.limiter.consumeAll([
          ['address', address],
          ['user', known],
        ]),
        this.authenticator.authenticate(authorization),
      ]);
      if (!outcome.allowed) throw GatewayException.rateLimited(outcome.retryAfterSeconds);
      return;
    }
    await this.limit('address', address);
    const principal = await this.authenticator.authenticate(authorization);
    await this.limit('user', principal.id);
  }

  private limitWithoutWaiting(subject: RateLimitSubject, id: string): void {
    const outcome = this.limiter.admitWithoutWaiting(subject, id);
    if (!outcome.allowed) throw GatewayException.rateLimited(outcome.retryAfterSeconds);
  }

  private async limit(subject: RateLimitSubject, id: string): Promise<void> {
    const outcome = await this.limiter.consume(subject, id);
    if (!outcome.allowed) throw GatewayException.rateLimited(outcome.retryAfterSeconds);
  }

  private async forward(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const edge = this.requests.get(request);
    if (!edge) throw GatewayException.routeNotFound();
    if (edge.cached) {
      this.cache.send(edge.cached, request.headers['if-none-match'], reply);
      return reply;
    }
    const epochAtRequest = this.cache.epoch;
    const upstream = this.upstreams.get(edge.service);
    const decision = upstream.circuit.tryAcquire();
    if (!decision.allowed) {
      this.outcomes.inc({ upstream: upstream.service, outcome: 'circuit_open' });
      throw GatewayException.upstreamUnavailable(upstream.service, Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
    }
    return reply.from(`${upstream.url}${edge.path}`, {
      timeout: this.config.get('UPSTREAM_TIMEOUT_MS'),
      // Given as `body` so reply-from sends the bytes as received instead of re-encoding JSON.
      ...(Buffer.isBuffer(request.body) ? { body: request.body, contentType: request.headers['content-type'] ?? 'application/octet-stream' } : {}),
      rewriteRequestHeaders: (_request, headers) => this.requestHeaders(request, edge, headers),
      rewriteHeaders: (headers) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HIDDEN_RESPONSE_HEADERS.test(name))),
      // A kept-alive connection the upstream already closed is retried once, for GET and HEAD only.
      retryDelay: ({ err, req, attempt }) =>
        attempt === 0 && err && IDEMPOTENT.has(req.method) && errorCodes(err).some((code) => code === 'UND_ERR_SOCKET' || code === 'ECONNRESET')
          ? 1
          : null,
      onResponse: (_request, outer, response) => {
        upstream.circuit.succeeded();
        this.outcomes.inc({ upstream: upstream.service, outcome: `${Math.floor(response.statusCode / 100)}xx` });
        // reply-from types `response` as a server response; at run time it is the upstream's answer with its headers.
        const upstreamHeaders = (response as unknown as { headers: IncomingHttpHeaders }).headers;
        const storability = edge.cacheKey ? this.cache.storability(response.statusCode, upstreamHeaders) : undefined;
        if (!edge.cacheKey || !storability) {
          void outer.send(response.stream);
          return;
        }
        const cacheKey = edge.cacheKey;
        const chunks: Buffer[] = [];
        response.stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.stream.on('error', (error: unknown) => this.upstreamFailed(request, reply, upstream, error));
        response.stream.on('end', () => {
          const body = Buffer.concat(chunks);
          this.cache.keep(cacheKey, epochAtRequest, upstreamHeaders, body, storability);
          void outer.header('x-cache', 'MISS').send(body);
        });
      },
      onError: (_outer, { error }) => this.upstreamFailed(request, reply, upstream, error),
    });
  }

  private requestHeaders(request: FastifyRequest, edge: EdgeRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders {
    const out: IncomingHttpHeaders = { ...headers };
    for (const name of DROPPED_REQUEST_HEADERS) delete out[name];
    out['x-forwarded-for'] = edge.address;
    out['x-forwarded-proto'] = edge.protocol;
    out['x-request-id'] = String(request.id);
    out['x-correlation-id'] = edge.correlationId;
    if (edge.traceparent) out['traceparent'] = edge.traceparent;
    return out;
  }

  private upstreamFailed(request: FastifyRequest, reply: FastifyReply, upstream: Upstream, error: unknown): void {
    const failure = classifyUpstreamError(error);
    this.outcomes.inc({ upstream: upstream.service, outcome: failure });
    this.logger.warn(`Upstream ${upstream.service} failed (${failure}): ${errorCodes(error).join(' < ') || 'no code'}`);
    if (failure === 'invalid-request') {
      // Never counted against the upstream: a client must not be able to open its circuit.
      upstream.circuit.abandoned();
      this.sendProblem(request, reply, new BadRequestException({ code: 'BAD_REQUEST', message: 'The request cannot be forwarded as sent.' }));
      return;
    }
    upstream.circuit.failed();
    const exception =
      failure === 'timeout'
        ? GatewayException.upstreamTimeout(upstream.service)
        : failure === 'unavailable'
          ? GatewayException.upstreamUnavailable(upstream.service, 1)
          : GatewayException.upstreamUnreachable(upstream.service);
    this.sendProblem(request, reply, exception);
  }

  private sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
    const problem = toProblem(error, { instance: pathOf(request.url), requestId: String(request.id) });
    if (problem.unexpected) this.logger.error(error instanceof Error ? error : `Unhandled gateway error: ${String(error)}`);
    if (reply.sent) return;
    const headers = error instanceof GatewayException ? error.headers : {};
    void reply
      .code(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .headers({ ...problem.headers, ...headers })
      .send(problem.body);
  }
}
