import { catalogOf, defineEvent } from '@onewindow/contracts/events';
import { TransactionHost } from '@onewindow/platform/persistence';
import { createTestDatabase, TestDatabase, testKafka, uniqueName } from '@onewindow/platform/testing';
import { Admin, Kafka, Producer } from 'kafkajs';
import {
  EventConsumer,
  EventConsumerOptions,
  EventPublisher,
  OutboxRelay,
  OutboxRelayOptions,
  platformEventMigrations,
  ReceivedEvent,
  reliableProducerConfig,
  SchemaValidator,
} from '../src';

/** A ledger whose effect is deliberately not idempotent: a doubled event shows as a doubled row. */
export function ledgerCatalog() {
  const service = uniqueName('t').replace(/_/g, '-');
  const credited = defineEvent({
    type: `gov.onewindow.${service}.ledger.credited.v1`,
    description: 'test: an amount was credited to a ledger',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['ledger', 'seq', 'amount'],
      properties: {
        ledger: { type: 'string', minLength: 1 },
        seq: { type: 'integer', minimum: 0 },
        amount: { type: 'integer' },
        poison: { type: 'boolean' },
      },
    },
  });
  return { credited, catalog: catalogOf([credited]) };
}

export type Credit = { ledger: string; seq: number; amount: number; poison?: boolean };

export class Harness {
  readonly kafka: Kafka = testKafka();
  readonly relays: OutboxRelay[] = [];
  readonly consumers: EventConsumer[] = [];
  readonly producers: Producer[] = [];
  private readonly admins: Admin[] = [];
  readonly catalogInfo = ledgerCatalog();
  readonly validator = new SchemaValidator(this.catalogInfo.catalog);
  db!: TestDatabase;
  tx!: TransactionHost;
  publisher!: EventPublisher<Record<string, Credit>>;
  /** Set to make the handler throw for events marked poison. */
  poisonFails = true;
  readonly outcomes: Array<{ id: string; outcome: string }> = [];

  get type(): string {
    return this.catalogInfo.credited.type;
  }

  get topic(): string {
    return this.catalogInfo.credited.topic;
  }

  async setUp(): Promise<this> {
    this.db = await createTestDatabase({ entities: [], migrations: platformEventMigrations, prefix: 'ow_events' });
    await this.db.dataSource.query(
      `CREATE TABLE ledger_effect (id bigserial PRIMARY KEY, ledger text NOT NULL, seq int NOT NULL, event_id text NOT NULL, consumer text NOT NULL)`,
    );
    this.tx = new TransactionHost(this.db.dataSource);
    this.publisher = new EventPublisher(this.tx, this.validator, '/onewindow/test');
    return this;
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop().catch(() => undefined)));
    await Promise.all(this.relays.map((r) => r.stop().catch(() => undefined)));
    await Promise.all([...this.producers, ...this.admins].map((c) => c.disconnect().catch(() => undefined)));
    await this.db?.drop();
  }

  async publishCredits(ledgers: number, perLedger: number, prefix = 'L', fromSeq = 0): Promise<void> {
    await Promise.all(
      Array.from({ length: ledgers }, async (_, l) => {
        for (let seq = fromSeq; seq < fromSeq + perLedger; seq++) {
          await this.tx.transaction(() =>
            this.publisher.publish(this.type, { key: `${prefix}${l}`, data: { ledger: `${prefix}${l}`, seq, amount: 1 } }),
          );
        }
      }),
    );
  }

  async newRelay<T extends OutboxRelay>(
    ctor: new (...args: ConstructorParameters<typeof OutboxRelay>) => T = OutboxRelay as never,
    options: OutboxRelayOptions = {},
    createProducer: () => Producer = () => this.kafka.producer(reliableProducerConfig()),
  ): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    this.admins.push(admin);
    const relay = new ctor(this.db.dataSource, createProducer, admin, { pollIntervalMs: 200, batchSize: 100, ...options });
    this.relays.push(relay);
    return relay;
  }

  handler = (consumerName: string) => async (event: ReceivedEvent) => {
    const data = event.data as Credit;
    if (data.poison && this.poisonFails) throw new Error(`ledger ${data.ledger} rejects poison`);
    await this.tx.manager.query(`INSERT INTO ledger_effect (ledger, seq, event_id, consumer) VALUES ($1, $2, $3, $4)`, [
      data.ledger,
      data.seq,
      event.id,
      consumerName,
    ]);
  };

  newConsumer<T extends EventConsumer>(
    name: string,
    ctor: new (options: EventConsumerOptions) => T = EventConsumer as never,
    options: Partial<EventConsumerOptions> = {},
  ): T {
    const consumer = new ctor({
      kafka: this.kafka,
      groupId: `${this.topic}.group`,
      topics: [this.topic],
      transactions: this.tx,
      validator: this.validator,
      resolveHandler: (type) => (type === this.type ? this.handler(name) : undefined),
      maxAttempts: 3,
      retryInitialMs: 20,
      retryMaxMs: 50,
      onProcessed: (event, outcome) => this.outcomes.push({ id: event.id, outcome }),
      ...options,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  async effectCount(): Promise<{ rows: number; distinct: number }> {
    const [row] = await this.db.dataSource.query(
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct FROM ledger_effect`,
    );
    return row;
  }

  /** Ledgers whose effects were not applied in seq order. */
  async outOfOrderLedgers(): Promise<string[]> {
    const rows: Array<{ ledger: string; seqs: number[] }> = await this.db.dataSource.query(
      `SELECT ledger, array_agg(seq ORDER BY id) AS seqs FROM ledger_effect GROUP BY ledger`,
    );
    return rows.filter((r) => r.seqs.some((s, i) => i > 0 && s < (r.seqs[i - 1] as number))).map((r) => r.ledger);
  }

  async pendingOutbox(): Promise<number> {
    const [row] = await this.db.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`);
    return row.n;
  }
}
