import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { catalogOf, defineEvent, EventMapOf } from '@onewindow/contracts/events';
import { AuthTestKit, CurrentPrincipal, Principal, Public } from '@onewindow/platform/auth';
import { DatabaseConfig } from '@onewindow/platform/config';
import { EventPublisher } from '@onewindow/platform/events';
import { createServiceApp } from '@onewindow/platform/http';
import { TransactionHost } from '@onewindow/platform/persistence';
import { createTestDatabase, testKafka, TestDatabase, TopicProbe, uniqueName, waitFor } from '@onewindow/platform/testing';
import { IsString, MaxLength } from 'class-validator';
import { Idempotent, serviceMigrations, ServicePlatformModule } from '../src';

// A catalog of its own, so the topic is new for this run.
const service = uniqueName('svc').replace(/_/g, '-');
const noted = defineEvent({
  type: `gov.onewindow.${service}.note.written.v1`,
  description: 'A note was written',
  schema: {
    type: 'object',
    properties: { text: { type: 'string' } },
    required: ['text'],
    additionalProperties: false,
  },
});
const catalog = catalogOf([noted]);
type Events = EventMapOf<typeof catalog>;

class WriteNoteDto {
  @IsString()
  @MaxLength(100)
  text!: string;
}

@Controller()
class NotesController {
  constructor(
    private readonly tx: TransactionHost,
    private readonly events: EventPublisher<Events>,
  ) {}

  @Public()
  @Get('open')
  open(): { open: true } {
    return { open: true };
  }

  @Get('whoami')
  whoami(@CurrentPrincipal() principal: Principal): { id: string } {
    return { id: principal.id };
  }

  @Post('notes')
  @Idempotent()
  async write(@Body() body: WriteNoteDto): Promise<{ eventId: string }> {
    const eventId = await this.tx.transaction(() => this.events.publish(noted.type, { key: 'note-1', data: { text: body.text } }));
    return { eventId };
  }
}

describe('a service on the platform (config, database, outbox, Kafka, Redis, auth)', () => {
  let idp: AuthTestKit.TestIdentityProvider;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let probe: TopicProbe;

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    db = await createTestDatabase({ entities: [], migrations: serviceMigrations([]), prefix: 'ow_service' });
    const env = {
      SERVICE_NAME: service,
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      ...idp.env(),
    };
    Object.assign(process.env, env);
    @Module({
      imports: [
        ServicePlatformModule.forService({
          config: DatabaseConfig,
          database: { entities: [], migrations: [] },
          events: { catalog },
          auth: { env: { ...process.env, ...env } },
        }),
      ],
      controllers: [NotesController],
    })
    class NotesModule {}
    app = await createServiceApp(NotesModule);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    probe = await new TopicProbe(testKafka()).start([noted.topic]);
  });

  afterAll(async () => {
    await probe?.stop();
    await app?.close();
    await db?.drop();
    await idp?.close();
  });

  let keys = 0;
  const request = (method: 'GET' | 'POST', url: string, token?: string, payload?: object, key = `key-${service}-${++keys}`) =>
    app.inject({
      method,
      url,
      payload,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'x-correlation-id': 'corr-int-1',
        ...(method === 'POST' && key ? { 'idempotency-key': key } : {}),
      },
    });
  const eventsWithText = async (text: string): Promise<number> =>
    (await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE payload->>'text' = $1`, [text]))[0].n;

  it('answers the probes and the metrics scrape without a token', async () => {
    expect((await request('GET', '/health/live')).statusCode).toBe(200);
    const ready = await waitFor('the service to be ready', async () => {
      const response = await request('GET', '/health/ready');
      return response.statusCode === 200 ? response : undefined;
    });
    expect(ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' }, kafka: { status: 'up' } } });
    const metrics = await request('GET', '/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^onewindow_outbox_pending_events\{service="[^"]+"\} \d+$/m);
  });

  it('refuses a protected route without a token as problem+json, and serves it with one', async () => {
    const refused = await request('GET', '/whoami');
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const token = await idp.sign({ claims: { sub: 'person-1', roles: ['citizen'] } });
    const served = await request('GET', '/whoami', token);
    expect(served.statusCode).toBe(200);
    expect(served.json()).toEqual({ id: 'person-1' });
    expect((await request('GET', '/open')).json()).toEqual({ open: true });
  });

  it('relays an event written in a request to Kafka with the caller as actor and the request correlation id', async () => {
    const token = await idp.sign({ claims: { sub: 'person-2', roles: ['citizen'] } });
    const response = await request('POST', '/notes', token, { text: 'hello' });
    expect(response.statusCode).toBe(201);
    const { eventId } = response.json<{ eventId: string }>();
    const message = await waitFor('the event on Kafka', () => probe.messages.find((m) => m.headers['ce_id'] === eventId));
    expect(message.key).toBe('note-1');
    expect(JSON.parse(message.value ?? '')).toEqual({ text: 'hello' });
    expect(message.headers).toMatchObject({
      ce_type: noted.type,
      ce_source: `/onewindow/${service}`,
      ce_actor: 'user:person-2',
      ce_correlationid: 'corr-int-1',
    });
  });

  it('refuses an unknown field with 400 naming it and writes nothing', async () => {
    const token = await idp.sign({ claims: { sub: 'person-3', roles: ['citizen'] } });
    const response = await request('POST', '/notes', token, { text: 'x', extra: 1 });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'extra' }] });
    expect(await eventsWithText('x')).toBe(0);
  });

  it('runs a request once per Idempotency-Key and replays the stored response to a retry', async () => {
    const token = await idp.sign({ claims: { sub: 'person-4', roles: ['citizen'] } });
    const first = await request('POST', '/notes', token, { text: 'once' }, 'retry-key-0001');
    const retry = await request('POST', '/notes', token, { text: 'once' }, 'retry-key-0001');
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await eventsWithText('once')).toBe(1);
  });

  it('runs concurrent requests with one key once, both getting the same response', async () => {
    const token = await idp.sign({ claims: { sub: 'person-5', roles: ['citizen'] } });
    const responses = await Promise.all(
      [1, 2, 3].map(() => request('POST', '/notes', token, { text: 'concurrent' }, 'concurrent-key-1')),
    );
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(await eventsWithText('concurrent')).toBe(1);
  });

  it('refuses a key reused for another body, and a missing key, changing nothing', async () => {
    const token = await idp.sign({ claims: { sub: 'person-6', roles: ['citizen'] } });
    await request('POST', '/notes', token, { text: 'first body' }, 'reused-key-0001');
    const reused = await request('POST', '/notes', token, { text: 'second body' }, 'reused-key-0001');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const missing = await request('POST', '/notes', token, { text: 'no key' }, '');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', errors: [{ field: 'Idempotency-Key' }] });
    expect(await eventsWithText('second body')).toBe(0);
    expect(await eventsWithText('no key')).toBe(0);
  });

  it('keeps keys apart per caller', async () => {
    const alice = await idp.sign({ claims: { sub: 'person-7', roles: ['citizen'] } });
    const bob = await idp.sign({ claims: { sub: 'person-8', roles: ['citizen'] } });
    await request('POST', '/notes', alice, { text: 'shared key' }, 'shared-key-0001');
    const other = await request('POST', '/notes', bob, { text: 'shared key' }, 'shared-key-0001');
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await eventsWithText('shared key')).toBe(2);
  });
});
