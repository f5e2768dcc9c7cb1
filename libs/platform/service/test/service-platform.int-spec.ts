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
import { serviceMigrations, ServicePlatformModule } from '../src';

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

  const request = (method: 'GET' | 'POST', url: string, token?: string, payload?: object) =>
    app.inject({
      method,
      url,
      payload,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'x-correlation-id': 'corr-int-1' },
    });

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
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE payload->>'text' = 'x'`);
    expect(n).toBe(0);
  });
});
