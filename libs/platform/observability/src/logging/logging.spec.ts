import { SpanKind } from '@opentelemetry/api';
import { RequestContext } from '../context/request-context';
import { initTracing, withSpan } from '../tracing/tracing';
import { createLogger } from './create-logger';
import { ServiceLogger } from './service-logger';

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

describe('ServiceLogger (the logger Nest writes through)', () => {
  function nestLogger(level: 'info' | 'warn' = 'info') {
    const lines: Record<string, unknown>[] = [];
    const pino = createLogger('workflow', {
      level,
      destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    return { logger: new ServiceLogger(pino), lines };
  }

  it('writes Nest messages with their context at the matching level', () => {
    const { logger, lines } = nestLogger();
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('slow', 'Scheduler');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'NestApplication', msg: 'Nest application successfully started' }),
      expect.objectContaining({ level: 'warn', context: 'Scheduler', msg: 'slow' }),
    ]);
  });

  it('never writes the stack Nest passes with an error', () => {
    const { logger, lines } = nestLogger();
    const error = new TypeError('bad config');
    logger.error('boot failed', error.stack, 'NestFactory');
    logger.error(error, 'ExceptionHandler');
    logger.error(error.stack, 'Careless');
    expect(lines[0]).toMatchObject({ level: 'error', context: 'NestFactory', msg: 'boot failed' });
    expect(lines[2]).toMatchObject({ level: 'error', context: 'Careless', msg: 'TypeError: bad config' });
    expect(lines[1]).toMatchObject({ level: 'error', context: 'ExceptionHandler', err: { type: 'TypeError', message: 'bad config' } });
    expect(JSON.stringify(lines)).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('redacts personal fields of an object message and skips levels below the configured one', () => {
    const { logger, lines } = nestLogger('warn');
    logger.log('not written');
    logger.debug('not written either');
    logger.warn({ idNumber: '11010519491231002X', caseId: 'c-1' }, 'Cases');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ context: 'Cases', idNumber: '[REDACTED]', caseId: 'c-1' });
  });
});
