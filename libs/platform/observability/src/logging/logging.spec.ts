import { SpanKind } from '@opentelemetry/api';
import { RequestContext } from '../context/request-context';
import { initTracing, withSpan } from '../tracing/tracing';
import { createLogger } from './create-logger';
import { httpLoggerOptions } from './logging.module';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('workflow', {
    level: 'debug',
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON line with the service, a level name and the message', () => {
    const { logger, lines } = capture();
    logger.info('started');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: 'workflow', level: 'info', msg: 'started' });
    expect(typeof lines[0]?.['time']).toBe('string');
  });

  it('adds the request, correlation and causation ids of the current context', () => {
    const { logger, lines } = capture();
    RequestContext.run({ requestId: 'req-1', correlationId: 'corr-1', causationId: 'evt-1' }, () =>
      logger.info('in context'),
    );
    logger.info('outside');
    expect(lines[0]).toMatchObject({ requestId: 'req-1', correlationId: 'corr-1', causationId: 'evt-1' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('takes trace and span ids from the context traceparent when no span is active', () => {
    const { logger, lines } = capture();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    RequestContext.run({ requestId: 'r', correlationId: 'c', traceparent }, () => logger.info('x'));
    expect(lines[0]).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
    });
  });

  it('adds trace and span ids of the active span', async () => {
    initTracing('workflow');
    const { logger, lines } = capture();
    const ids = await withSpan('work', SpanKind.INTERNAL, (span) => {
      logger.info('inside span');
      return span.spanContext();
    });
    expect(lines[0]).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId });
  });

  it('redacts credential headers and personal fields at any of the first three levels', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'p1',
        headers: { authorization: 'Bearer abc', cookie: 's=1', 'x-api-key': 'k', 'user-agent': 'curl' },
        applicant: {
          idNumber: '11010519491231002X',
          phone: '13800000000',
          fullName: 'Zhang San',
          kind: 'person',
        },
        body: { account: { refreshToken: 'r', accessToken: 'a' } },
        res: { headers: { 'set-cookie': 'sid=1' } },
      },
      'submitted',
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of [
      'p1',
      'Bearer abc',
      's=1',
      '"k"',
      '11010519491231002X',
      '13800000000',
      'Zhang San',
      'sid=1',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ headers: { 'user-agent': 'curl' }, applicant: { kind: 'person' } });
  });

  it('redacts personal fields inside arrays, through a child logger too', () => {
    const { logger, lines } = capture();
    logger.child({ component: 'intake' }).info({ applicants: [{ idNumber: '11010519491231002X', phone: '13900000000', kind: 'person' }] }, 'batch');
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('13900000000');
    expect(line).not.toContain('11010519491231002X');
    expect(lines[0]).toMatchObject({ component: 'intake', applicants: [{ kind: 'person' }] });
  });

  it('logs an error with its name, message and code but never its stack', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new TypeError('broken pipe'), { code: 'EPIPE', detail: { idNumber: 'x' } });
    logger.error({ err: error }, 'failed');
    logger.error(error);
    expect(lines[0]?.['err']).toEqual({ type: 'TypeError', message: 'broken pipe', code: 'EPIPE' });
    expect(lines[1]?.['err']).toEqual({ type: 'TypeError', message: 'broken pipe', code: 'EPIPE' });
    expect(JSON.stringify(lines)).not.toMatch(/\bat .*:\d+:\d+/);
  });
});

describe('httpLoggerOptions', () => {
  const options = httpLoggerOptions('workflow', 'info');
  const ignore = (url: string) => {
    const autoLogging = options.autoLogging;
    if (typeof autoLogging !== 'object' || !autoLogging.ignore)
      throw new Error('expected an ignore function');
    return autoLogging.ignore({ url } as Parameters<typeof autoLogging.ignore>[0]);
  };

  it('skips access lines for probes and scrapes only', () => {
    expect(ignore('/health/live')).toBe(true);
    expect(ignore('/health/ready')).toBe(true);
    expect(ignore('/metrics')).toBe(true);
    expect(ignore('/metrics?x=1')).toBe(true);
    expect(ignore('/applications')).toBe(false);
    expect(ignore('/metrics-report')).toBe(false);
  });

  it('logs the request path without its query string', () => {
    const serialize = options.serializers?.['req'] as (req: { method: string; url: string }) => unknown;
    expect(serialize({ method: 'GET', url: '/persons?idNumber=11010519491231002X' })).toEqual({
      method: 'GET',
      path: '/persons',
    });
  });
});
