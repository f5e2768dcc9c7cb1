import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  currentTraceparent,
  extractTraceContext,
  Metrics,
  RequestContext,
  tracer,
} from '@onewindow/platform/observability';
import { acceptedId } from './request-id';

/**
 * Runs first for every request, before Nest middleware, guards and body parsing: echoes the ids, opens
 * the server span (continuing an incoming `traceparent`) and the RequestContext the rest runs in, and
 * records the duration when the response is done.
 */
export function installRequestLifecycle(adapter: FastifyAdapter, metrics: Metrics): void {
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
    });

    const traceparent = currentTraceparent(spanContext);
    context.with(spanContext, () =>
      RequestContext.run({ requestId, correlationId, ...(traceparent ? { traceparent } : {}) }, () => done()),
    );
  });
}
