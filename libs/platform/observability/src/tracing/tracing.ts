import {
  context,
  Context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  TextMapGetter,
  trace,
  Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AlwaysOffSampler, NodeTracerProvider, ParentBasedSampler, Sampler } from '@opentelemetry/sdk-trace-node';
import { createLogger } from '../logging/create-logger';

const TRACER_NAME = '@onewindow/platform';

/** Header values as they arrive from Node's HTTP server or a Kafka client. */
export type TraceCarrier = Record<string, string | Buffer | ReadonlyArray<string | Buffer> | undefined>;

const propagator = new W3CTraceContextPropagator();

const getter: TextMapGetter<TraceCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key] ?? carrier[key.toLowerCase()];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    if (Buffer.isBuffer(value)) return value.toString('utf8');
    return value.map((v) => (typeof v === 'string' ? v : v.toString('utf8')));
  },
};

let initialised = false;

/**
 * The sampler when OTEL_TRACES_SAMPLER does not name one: follow the caller's decision (a sampled
 * `traceparent` is recorded and stays sampled downstream) and record nothing a trace starts here. No
 * span exporter ships yet, so a recorded span is only ever dropped; unrecorded spans still carry their
 * trace and span ids into logs, headers and events (ADR 0009, amendment of 2026-11-30).
 */
export function defaultSampler(env: NodeJS.ProcessEnv = process.env): Sampler | undefined {
  return env['OTEL_TRACES_SAMPLER'] ? undefined : new ParentBasedSampler({ root: new AlwaysOffSampler() });
}

/**
 * Registers the process-wide tracer provider, async context manager and W3C Trace Context propagator.
 * Safe to call more than once. Spans are created and propagated but not exported: no exporter package
 * is installed yet, so OTEL_EXPORTER_OTLP_ENDPOINT only produces a warning. OTEL_TRACES_SAMPLER, when
 * set, chooses the sampler (OpenTelemetry's names); otherwise `defaultSampler`.
 */
export function initTracing(serviceName: string): void {
  if (initialised) return;
  initialised = true;
  const sampler = defaultSampler();
  const provider = new NodeTracerProvider(sampler ? { sampler } : {});
  // false means another copy of the OTel API in this process already registered a provider; keep it.
  if (!trace.setGlobalTracerProvider(provider)) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(propagator);
  if (process.env['OTEL_EXPORTER_OTLP_ENDPOINT']) {
    createLogger(serviceName).warn(
      'OTEL_EXPORTER_OTLP_ENDPOINT is set but no span exporter is installed yet; spans are not exported',
    );
  }
}

export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/** Writes `traceparent` (and `tracestate`) of `ctx` (default: the active context) into `carrier` and returns it. */
export function injectTraceContext(
  carrier: Record<string, string>,
  ctx: Context = context.active(),
): Record<string, string> {
  propagator.inject(ctx, carrier, {
    set: (target, key, value) => {
      target[key] = value;
    },
  });
  return carrier;
}

/**
 * The remote parent described by `carrier`, on top of `base` (default: an empty context, so an incoming
 * request or message never inherits whatever happened to be active). Without a valid `traceparent`
 * the result has no parent and a new trace starts.
 */
export function extractTraceContext(carrier: TraceCarrier, base: Context = ROOT_CONTEXT): Context {
  return propagator.extract(base, carrier, getter);
}

/**
 * The `traceparent` of the active span, if there is one: W3C Trace Context version 00, formatted
 * directly (what the propagator writes, without its carrier object: this runs on every request).
 */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const spanContext = trace.getSpanContext(ctx);
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/**
 * Runs `fn` in a new active span, child of `parentContext` (default: the active context), and ends it.
 * A thrown error marks the span as failed with the error's name only: messages may hold personal data.
 */
export async function withSpan<T>(
  name: string,
  kind: SpanKind,
  fn: (span: Span) => Promise<T> | T,
  parentContext: Context = context.active(),
): Promise<T> {
  const span = tracer().startSpan(name, { kind }, parentContext);
  try {
    return await context.with(trace.setSpan(parentContext, span), () => fn(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'Error' });
    throw error;
  } finally {
    span.end();
  }
}
