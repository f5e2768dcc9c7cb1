import { AsyncResource } from 'node:async_hooks';
import { Socket } from 'node:net';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Logger } from 'pino';
import {
  currentTraceparent,
  extractTraceContext,
  Metrics,
  RequestContext,
  tracer,
} from '@onewindow/platform/observability';
import { accessMessage, isQuietPath, pathOf } from './access-line';
import { acceptedId } from './request-id';

/**
 * An async scope that belongs to no request: created when the module loads, so it carries no
 * AsyncLocalStorage store (neither the RequestContext, nor OpenTelemetry's).
 */
const outsideAnyRequest = new AsyncResource('onewindow.outside-request');

/**
 * Runs `fn` outside the current request's async context: timers, promises and sockets it creates
 * carry none of the request's stores, so work that outlives the request (a background count, an idle
 * connection's timer) does not keep the request's span and context alive with it.
 */
export function outsideRequest<T>(fn: () => T): T {
  return outsideAnyRequest.runInAsyncScope(fn);
}

/**
 * Node re-arms a keep-alive socket's idle timer when a response finishes, inside that request's async
 * context, and every AsyncLocalStorage copies its store onto the new timer. The idle connection then
 * holds the whole request (its span, its context, what they reference) until the client's next request or
 * the keep-alive timeout (72 s by default): behind an ingress that is one dead request per connection,
 * and under load those objects outlive the young generation and are promoted, so the old generation
 * fills with garbage and full collections pause every few seconds. Arming the same timeout again from
 * a scope outside any request replaces that timer (`setTimeout` clears the previous one) with one
 * that holds nothing. A socket closing, or already serving its next request (timeout 0), is left alone.
 */
export function releaseRequestFromIdleSocket(socket: Socket | null | undefined): void {
  const timeout = socket?.timeout;
  if (!socket || socket.destroyed || !timeout) return;
  outsideRequest(() => socket.setTimeout(timeout));
}

/**
 * Runs first for every request, before Nest middleware, guards and body parsing: echoes the ids, opens
 * the server span (continuing an incoming `traceparent`) and the RequestContext the rest runs in; when
 * the response is done, records the duration and writes the request's one access line (ids, method,
 * path without query, status, duration; none for probes and scrapes) with the service's logger: no
 * logger per request (ADR 0009).
 */
export function installRequestLifecycle(adapter: FastifyAdapter, metrics: Metrics, logger: Logger): void {
  const duration = metrics.httpServerRequestDuration();
  adapter.setOnRequestHook((request, reply, done) => {
    const requestId = String(request.id);
    const correlationId = acceptedId(request.headers['x-correlation-id']) ?? requestId;
    void reply.header('x-request-id', requestId).header('x-correlation-id', correlationId);

    const route = request.routeOptions.url;
    const parent = extractTraceContext(request.headers);
    const span = tracer().startSpan(
      route ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, ...(route ? { 'http.route': route } : {}) },
      },
      parent,
    );
    const spanContext = trace.setSpan(parent, span);
    const started = process.hrtime.bigint();
    const socket = request.raw.socket;

    reply.raw.once('close', () => {
      const status = reply.raw.statusCode;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe(
        { method: request.method, route: route ?? 'unmatched', status: String(status) },
        seconds,
      );
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      if (logger.isLevelEnabled('info') && !isQuietPath(request.url)) {
        const { traceId, spanId } = span.spanContext();
        logger.info(
          {
            requestId,
            correlationId,
            traceId,
            spanId,
            req: { method: request.method, path: pathOf(request.url) },
            res: { statusCode: status },
            durationMs: Math.round(seconds * 10_000) / 10,
          },
          accessMessage(reply.raw.writableFinished, status),
        );
      }
      releaseRequestFromIdleSocket(socket);
    });

    const traceparent = currentTraceparent(spanContext);
    context.with(spanContext, () =>
      RequestContext.run({ requestId, correlationId, ...(traceparent ? { traceparent } : {}) }, () => done()),
    );
  });
}
