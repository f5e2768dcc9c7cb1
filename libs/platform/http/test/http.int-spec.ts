import { Agent, get } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '../src';
import { call, postJson } from './fixtures/http';
import { FailingReadiness, HandlerCalls, PassingReadiness, TestAppModule } from './fixtures/test-app.module';

const valid = { itemCode: '350123-XK-001', copies: 2, materials: [{ name: 'Business licence' }] };
const rawLogLines: string[] = [];
const logLines: Record<string, unknown>[] = [];
let app: NestFastifyApplication;
let calls: HandlerCalls;

beforeAll(async () => {
  app = await createServiceApp(() => TestAppModule.with([PassingReadiness, FailingReadiness]), {
    logDestination: {
      write: (line: string) => {
        rawLogLines.push(line);
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
    openApi: { title: 'Test service', version: '1.0.0', description: 'Fixture' },
  });
  await app.listen(0, '127.0.0.1');
  calls = app.get(HandlerCalls);
});

afterAll(async () => {
  await app.close();
});

function expectProblem(
  result: { status: number; headers: Headers; json: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(result.json).toMatchObject({
    type: `https://onewindow.gov.cn/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    status,
    code,
    requestId: result.headers.get('x-request-id'),
  });
  expect(typeof result.json['title']).toBe('string');
  expect(typeof result.json['detail']).toBe('string');
}

describe('request validation', () => {
  it('accepts a valid body and hands the handler a DTO instance', async () => {
    const result = await postJson(app, '/applications', valid);
    expect(result.status).toBe(201);
    expect(result.json).toEqual({ accepted: true, isDto: true, firstMaterial: 'Business licence' });
  });

  it('refuses an unknown body field and names it, without calling the handler', async () => {
    const before = calls.submitted.length;
    const result = await postJson(app, '/applications', { ...valid, isAdmin: true });
    expectProblem(result, 400, 'VALIDATION_FAILED');
    expect(result.json['errors']).toEqual([{ field: 'isAdmin', reason: 'is not allowed' }]);
    expect(result.json['instance']).toBe('/applications');
    expect(calls.submitted.length).toBe(before);
  });

  it('names a missing field and the reason', async () => {
    const { copies: _copies, ...withoutCopies } = valid;
    const result = await postJson(app, '/applications', withoutCopies);
    expectProblem(result, 400, 'VALIDATION_FAILED');
    expect(result.json['errors']).toEqual(
      expect.arrayContaining([
        { field: 'copies', reason: 'must be an integer number' },
        { field: 'copies', reason: 'must not be less than 1' },
      ]),
    );
  });

  it('names a field with an invalid value and the reason', async () => {
    const result = await postJson(app, '/applications', { ...valid, itemCode: 'not a code' });
    expect(result.json['errors']).toEqual([
      { field: 'itemCode', reason: 'must be an item code such as "350123-XK-001"' },
    ]);
  });

  it('names the full path of an invalid nested field', async () => {
    const result = await postJson(app, '/applications', {
      ...valid,
      materials: [{ name: 'ok' }, { name: 7, colour: 'red' }],
    });
    expectProblem(result, 400, 'VALIDATION_FAILED');
    expect(result.json['errors']).toEqual(
      expect.arrayContaining([
        { field: 'materials[1].name', reason: 'must be a string' },
        { field: 'materials[1].colour', reason: 'is not allowed' },
      ]),
    );
  });

  it('refuses malformed JSON', async () => {
    const result = await postJson(app, '/applications', '{"itemCode": ');
    expectProblem(result, 400, 'MALFORMED_JSON');
  });

  it('refuses a body over the 1 MiB limit', async () => {
    const result = await postJson(app, '/applications', { ...valid, padding: 'x'.repeat(1024 * 1024) });
    expectProblem(result, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a body of a media type it does not parse', async () => {
    const result = await call(app, '/applications', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<a/>',
    });
    expectProblem(result, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('errors as problem+json', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const result = await call(app, '/nowhere?x=1');
    expectProblem(result, 404, 'NOT_FOUND');
    expect(result.json['instance']).toBe('/nowhere');
  });

  it('answers a path with malformed percent-encoding with a 400 problem', async () => {
    const result = await call(app, '/things/%zz');
    expectProblem(result, 400, 'BAD_REQUEST');
  });

  it('hides an unexpected error behind a generic 500 and logs it once without a stack', async () => {
    const result = await call(app, '/applications/crash');
    expectProblem(result, 500, 'INTERNAL_ERROR');
    expect(result.text).not.toContain('secret internal detail');
    expect(result.text).not.toMatch(/\bat \S+/);

    const requestId = result.headers.get('x-request-id');
    const errors = logLines.filter((line) => line['level'] === 'error' && line['requestId'] === requestId);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.['err']).toEqual({ type: 'Error', message: 'secret internal detail' });
    const raw = rawLogLines.filter(
      (line) => line.includes('"level":"error"') && line.includes(requestId ?? '-'),
    );
    expect(raw.map((line) => line.match(/"requestId":/g)?.length)).toEqual([1]);
    expect(JSON.stringify(logLines)).not.toMatch(/\bat \S+:\d+:\d+/);
  });

  it('maps a domain exception to its status and code', async () => {
    const result = await call(app, '/applications/42/conclude', { method: 'POST' });
    expectProblem(result, 409, 'CASE_ALREADY_CONCLUDED');
    expect(result.json['detail']).toBe('Case 42 is already concluded');
    expect(result.json['title']).toBe('Conflict');
  });

  it('maps a Nest HttpException to a problem with a stable code', async () => {
    expectProblem(await call(app, '/applications/forbidden'), 403, 'FORBIDDEN');
  });

  it('keeps Retry-After on a 429', async () => {
    const result = await call(app, '/applications/throttled');
    expectProblem(result, 429, 'TOO_MANY_REQUESTS');
    expect(result.headers.get('retry-after')).toBe('30');
    expect(result.json['detail']).toBe('Slow down');
  });
});

describe('request ids and trace context', () => {
  it('echoes an acceptable incoming x-request-id and defaults the correlation id to it', async () => {
    const result = await call(app, '/applications/context', { headers: { 'x-request-id': 'gw-0123456789' } });
    expect(result.headers.get('x-request-id')).toBe('gw-0123456789');
    expect(result.headers.get('x-correlation-id')).toBe('gw-0123456789');
    expect(result.json['context']).toMatchObject({
      requestId: 'gw-0123456789',
      correlationId: 'gw-0123456789',
    });
  });

  it('generates a request id when none or an unacceptable one is sent', async () => {
    const none = await call(app, '/applications/context');
    const bad = await call(app, '/applications/context', { headers: { 'x-request-id': 'bad id<script>' } });
    for (const result of [none, bad]) {
      expect(result.headers.get('x-request-id')).toMatch(
        /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[\da-f]{4}-[\da-f]{12}$/,
      );
    }
    expect(none.headers.get('x-request-id')).not.toBe(bad.headers.get('x-request-id'));
  });

  it('keeps the caller correlation id separate from the request id', async () => {
    const result = await call(app, '/applications/context', {
      headers: { 'x-correlation-id': 'case-flow-0001' },
    });
    expect(result.headers.get('x-correlation-id')).toBe('case-flow-0001');
    expect(result.json['context']).toMatchObject({
      correlationId: 'case-flow-0001',
      requestId: result.headers.get('x-request-id'),
    });
  });

  it('continues an incoming traceparent in the handler span and the request context', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const result = await call(app, '/applications/context', { headers: { traceparent } });
    expect(result.json['traceId']).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    const context = result.json['context'] as { traceparent: string };
    expect(context.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[\da-f]{16}-01$/);
    expect(context.traceparent).not.toBe(traceparent);
  });

  it('writes one access line per request with its ids and without the query string', async () => {
    const result = await call(app, '/applications/context?idNumber=11010519491231002X', {
      headers: { 'x-request-id': 'access-line-0001', authorization: 'Bearer secret-token' },
    });
    expect(result.status).toBe(200);
    const lines = logLines.filter((line) => line['requestId'] === 'access-line-0001');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      service: 'http-test',
      level: 'info',
      req: { method: 'GET', path: '/applications/context' },
      res: { statusCode: 200 },
    });
    const raw = rawLogLines.filter((line) => line.includes('access-line-0001'));
    expect(raw.map((line) => line.match(/"requestId":/g)?.length)).toEqual([1]);
    expect(JSON.stringify(logLines)).not.toContain('11010519491231002X');
    expect(JSON.stringify(logLines)).not.toContain('secret-token');
  });
});

describe('keep-alive connections', () => {
  it('hold nothing of the request they last served while they wait for the next one', async () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(await app.getUrl());
    const fetchRemembered = () =>
      new Promise<number>((resolve, reject) => {
        get({ host: url.hostname, port: url.port, path: '/applications/remembered', agent }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve((JSON.parse(body) as { remembered: number }).remembered));
        }).on('error', reject);
      });
    try {
      const first = await fetchRemembered();
      // The connection stays open and idle. Node's once-a-second Date header cache holds the context of
      // the request that last refreshed it until its timer fires: wait that out.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(Object.keys(agent.freeSockets)).toHaveLength(1);
      collectGarbage();
      await new Promise((resolve) => setImmediate(resolve));
      collectGarbage();
      expect(calls.contexts[first - 1]?.deref()).toBeUndefined();
      // The same connection still serves the next request.
      expect(await fetchRemembered()).toBe(first + 1);
    } finally {
      agent.destroy();
    }
  });
});

describe('operations endpoints', () => {
  it('reports live', async () => {
    const result = await call(app, '/health/live');
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ status: 'ok' });
  });

  it('reports not ready with a 503 problem naming the failing check', async () => {
    const result = await call(app, '/health/ready');
    expectProblem(result, 503, 'NOT_READY');
    expect(result.json['detail']).toBe('Not ready: kafka');
    expect(result.json['checks']).toEqual([
      { name: 'database', status: 'up' },
      { name: 'kafka', status: 'down', reason: 'no broker reachable' },
    ]);
  });

  it('does not write access lines for probes and scrapes', async () => {
    const result = await call(app, '/health/live', { headers: { 'x-request-id': 'probe-000000001' } });
    expect(result.status).toBe(200);
    expect(logLines.filter((line) => line['requestId'] === 'probe-000000001')).toEqual([]);
  });

  it('exposes the request duration histogram by route template after a request', async () => {
    await call(app, '/applications/7/conclude', { method: 'POST' });
    const result = await call(app, '/metrics');
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/^text\/plain/);
    const line = result.text
      .split('\n')
      .find(
        (l) =>
          l.startsWith('http_server_request_duration_seconds_count{') &&
          l.includes('route="/applications/:id/conclude"'),
      );
    expect(line).toBeDefined();
    expect(line).toContain('method="POST"');
    expect(line).toContain('status="409"');
    expect(line).toContain('service="http-test"');
  });

  it('serves the OpenAPI document with the ProblemDetails schema and without operations endpoints', async () => {
    const result = await call(app, '/openapi.json');
    expect(result.status).toBe(200);
    const document = result.json as {
      info: { title: string };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    expect(document.info.title).toBe('Test service');
    expect(Object.keys(document.components.schemas['ProblemDetails']?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'type',
        'title',
        'status',
        'detail',
        'instance',
        'code',
        'requestId',
        'errors',
      ]),
    );
    expect(document.paths['/applications']?.['post']?.responses['default']).toEqual({
      description: 'Problem (RFC 9457)',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
    });
    expect(document.paths['/applications/{id}/conclude']?.['post']?.responses['409']).toEqual({
      description: 'The case is already concluded',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
    });
    expect(Object.keys(document.paths).filter((path) => /health|metrics/.test(path))).toEqual([]);
  });
});

describe('readiness with passing checks', () => {
  let healthy: NestFastifyApplication;

  beforeAll(async () => {
    healthy = await createServiceApp(() => TestAppModule.with([PassingReadiness]));
    await healthy.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await healthy.close();
  });

  it('reports ready when every check passes', async () => {
    const result = await call(healthy, '/health/ready');
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });
});
