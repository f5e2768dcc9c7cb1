import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  currentTraceparent,
  defaultSampler,
  extractTraceContext,
  initTracing,
  injectTraceContext,
  withSpan,
} from './tracing';

const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('tracing', () => {
  beforeAll(() => {
    initTracing('catalog');
    initTracing('catalog');
  });

  it('continues the trace of an incoming traceparent', async () => {
    const parent = extractTraceContext({ traceparent: incoming });
    const spanContext = await withSpan('handle', SpanKind.SERVER, (span) => span.spanContext(), parent);
    expect(spanContext.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(spanContext.spanId).not.toBe('00f067aa0ba902b7');
  });

  it('reads traceparent from Kafka-style buffer headers', async () => {
    const parent = extractTraceContext({ traceparent: Buffer.from(incoming) });
    const traceId = await withSpan(
      'consume',
      SpanKind.CONSUMER,
      (span) => span.spanContext().traceId,
      parent,
    );
    expect(traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('starts a new trace when the carrier has no valid traceparent', async () => {
    const parent = extractTraceContext({ traceparent: 'garbage' });
    const traceId = await withSpan('handle', SpanKind.SERVER, (span) => span.spanContext().traceId, parent);
    expect(traceId).toMatch(/^[\da-f]{32}$/);
    expect(traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('injects the active span as traceparent so the next hop continues it', async () => {
    const { carrier, spanId } = await withSpan(
      'publish',
      SpanKind.PRODUCER,
      (span) => ({
        carrier: injectTraceContext({}),
        spanId: span.spanContext().spanId,
      }),
      extractTraceContext({ traceparent: incoming }),
    );
    expect(carrier['traceparent']).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${spanId}-01`);
  });

  it('makes the span active inside the callback, across awaits, and not after', async () => {
    await withSpan('outer', SpanKind.INTERNAL, async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(trace.getActiveSpan()).toBe(span);
      expect(currentTraceparent()).toContain(span.spanContext().spanId);
    });
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(currentTraceparent()).toBeUndefined();
  });

  it('ends the span and marks it failed with the error name only when the callback throws', async () => {
    let captured: ReadableSpan | undefined;
    await expect(
      withSpan(
        'failing',
        SpanKind.INTERNAL,
        (span) => {
          captured = span as unknown as ReadableSpan;
          throw new RangeError('ID number 11010519491231002X invalid');
        },
        extractTraceContext({ traceparent: incoming }),
      ),
    ).rejects.toThrow(RangeError);
    expect(captured?.ended).toBe(true);
    expect(captured?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'RangeError' });
  });

  it('uses the active context as parent by default', async () => {
    const parent = extractTraceContext({ traceparent: incoming });
    const traceId = await context.with(parent, () =>
      withSpan('child', SpanKind.INTERNAL, (span) => span.spanContext().traceId),
    );
    expect(traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(trace.getSpanContext(ROOT_CONTEXT)).toBeUndefined();
  });

  it('formats the current traceparent exactly as the propagator writes it, sampled or not', async () => {
    for (const flags of ['01', '00']) {
      const parent = extractTraceContext({ traceparent: `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-${flags}` });
      const [formatted, injected] = await withSpan('format', SpanKind.INTERNAL, () => [currentTraceparent(), injectTraceContext({})['traceparent']], parent);
      expect(formatted).toBe(injected);
      expect(formatted).toMatch(new RegExp(`^00-4bf92f3577b34da6a3ce929d0e0e4736-[\\da-f]{16}-${flags}$`));
    }
  });

  it('records a span only when the caller sampled its trace, and gives every span ids to pass on', async () => {
    const root = await withSpan('root', SpanKind.SERVER, (span) => ({ recording: span.isRecording(), traceparent: currentTraceparent() }));
    expect(root.recording).toBe(false);
    expect(root.traceparent).toMatch(/^00-[\da-f]{32}-[\da-f]{16}-00$/);
    for (const [flags, recording] of [['01', true], ['00', false]] as const) {
      const parent = extractTraceContext({ traceparent: `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-${flags}` });
      const child = await withSpan('child', SpanKind.SERVER, (span) => ({ recording: span.isRecording(), traceparent: currentTraceparent() }), parent);
      expect(child.recording).toBe(recording);
      expect(child.traceparent).toMatch(new RegExp(`^00-4bf92f3577b34da6a3ce929d0e0e4736-[\\da-f]{16}-${flags}$`));
    }
  });

  it('leaves the choice of sampler to OTEL_TRACES_SAMPLER when it is set', () => {
    expect(defaultSampler({ OTEL_TRACES_SAMPLER: 'always_on' })).toBeUndefined();
    expect(defaultSampler({})?.toString()).toMatch(/ParentBased\{root=AlwaysOffSampler/);
  });
});
