/**
 * Event backbone benchmark: outbox → relay → Kafka → inbox consumer, on the real PostgreSQL and
 * Kafka of the machine. A script, not a test: it prints figures and goals and never fails on a
 * timing. Writes nothing but `bench/results/events-<timestamp>.json`.
 *
 *   1. Propagation latency at a fixed rate (open loop, one transaction per event).
 *   2. Maximum sustained rate with N closed-loop publishers.
 *   3. Relay drain throughput vs a bare kafkajs idempotent producer sending the same messages.
 *
 * Settings come from environment variables (see `config` below); the defaults are the documented run.
 * Exit code: 0 whenever it ran to the end (goals missed included); 1 only when it could not run
 * (e.g. PostgreSQL or Kafka unreachable).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { catalogOf, defineEvent } from '@onewindow/contracts/events';
import {
  createKafka,
  ensureTopics,
  EventConsumer,
  EventPublisher,
  EventsLogger,
  OutboxRelay,
  OutboxRow,
  platformEventMigrations,
  ReceivedEvent,
  reliableProducerConfig,
  SchemaValidator,
} from '@onewindow/platform/events';
import { createServiceDataSource, IsolationLevel, TransactionHost } from '@onewindow/platform/persistence';
import { createTestDatabase, TEST_KAFKA_BROKERS, TestDatabase, uniqueName } from '@onewindow/platform/testing';
import { Admin, EachMessagePayload, Kafka, Message, Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { percentile } from './stats';

// ---------------------------------------------------------------------------------------------
// Settings

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

const config = {
  rate: envInt('BENCH_RATE', 200),
  warmupS: envInt('BENCH_WARMUP_S', 3),
  latencyS: envInt('BENCH_LATENCY_S', 20),
  publishers: envInt('BENCH_PUBLISHERS', 8),
  sustainedS: envInt('BENCH_SUSTAINED_S', 15),
  drainEvents: envInt('BENCH_DRAIN_EVENTS', 20_000),
  drainBatch: envInt('BENCH_DRAIN_BATCH', 500),
  drainRounds: envInt('BENCH_DRAIN_ROUNDS', 3),
  preloadTxSize: 1_000,
  aggregates: 500,
  /** Most open-loop publishes in flight before the scheduler holds back (bounded memory). */
  maxInFlight: 200,
  /** Longest wait for a phase's events to reach the consumer after publishing stopped. */
  settleTimeoutMs: envInt('BENCH_SETTLE_TIMEOUT_S', 120) * 1000,
  /** Hard stop for the whole run; it still cleans up. */
  watchdogMs: envInt('BENCH_WATCHDOG_S', 900) * 1000,
};

const GOALS = { p99Ms: 100, relayVsBare: 0.5 };

// ---------------------------------------------------------------------------------------------
// Small utilities

const now = () => performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
let aborted = false;

function summarise(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : NaN,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Polls until `done()` or the deadline; never throws. */
async function settle(done: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !aborted) {
    if (await done()) return true;
    await sleep(intervalMs);
  }
  return done();
}

/** Machine CPU from /proc/stat, this process's CPU and event-loop delay over a phase. */
class LoadSampler {
  private static readProcStat(): { busy: number; total: number } | undefined {
    try {
      const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
      const fields = line.trim().split(/\s+/).slice(1).map(Number);
      const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
      const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
      return { busy: total - idle, total };
    } catch {
      return undefined;
    }
  }

  private readonly stat0 = LoadSampler.readProcStat();
  private readonly cpu0 = process.cpuUsage();
  private readonly t0 = now();
  private readonly loadavg0 = os.loadavg()[0] as number;
  private static readonly LOOP_RESOLUTION_MS = 10;
  private readonly loop = monitorEventLoopDelay({ resolution: LoadSampler.LOOP_RESOLUTION_MS });

  constructor() {
    this.loop.enable();
  }

  finish() {
    this.loop.disable();
    const stat1 = LoadSampler.readProcStat();
    const cpu = process.cpuUsage(this.cpu0);
    const wallMs = now() - this.t0;
    const machine =
      this.stat0 && stat1 && stat1.total > this.stat0.total
        ? (100 * (stat1.busy - this.stat0.busy)) / (stat1.total - this.stat0.total)
        : NaN;
    return {
      wallS: round1(wallMs / 1000),
      loadavg1mStart: round2(this.loadavg0),
      loadavg1mEnd: round2(os.loadavg()[0] as number),
      /** Busy share of all cores of the machine (bench + PostgreSQL + Kafka + whatever else runs). */
      machineCpuBusyPct: round1(machine),
      /** This Node process, in % of one core. */
      benchProcessCpuPctOfOneCore: round1((100 * (cpu.user + cpu.system)) / 1000 / wallMs),
      /** How late the event loop ran a timer (the histogram includes the sampling interval; removed here). */
      eventLoopLagP99Ms: round1(Math.max(0, this.loop.percentile(99) / 1e6 - LoadSampler.LOOP_RESOLUTION_MS)),
      eventLoopLagMaxMs: round1(Math.max(0, this.loop.max / 1e6 - LoadSampler.LOOP_RESOLUTION_MS)),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Instrumentation (subclasses and wrappers only; library code is used as is)

interface Track {
  phase: string;
  /** Set once the publishing transaction has committed. */
  committedAt?: number;
  producedAt?: number;
  effectAt?: number;
  effects: number;
}
const tracks = new Map<string, Track>();

/** Records when the relay's produce of a row was acknowledged, and where its batch time goes. */
class TimedOutboxRelay extends OutboxRelay {
  produced = 0;
  batches = 0;
  produceMs = 0;
  markMs = 0;
  drainMs = 0;

  override async drainOnce(): Promise<number> {
    const t = now();
    const published = await super.drainOnce();
    if (published > 0) this.drainMs += now() - t;
    return published;
  }

  protected override async produce(rows: OutboxRow[]): Promise<void> {
    const t = now();
    await super.produce(rows);
    const acked = now();
    this.produceMs += acked - t;
    this.batches += 1;
    this.produced += rows.length;
    for (const row of rows) {
      const track = tracks.get(row.id);
      if (track && track.producedAt === undefined) track.producedAt = acked;
    }
  }

  protected override async markPublished(manager: EntityManager, positions: string[]): Promise<void> {
    const t = now();
    await super.markPublished(manager, positions);
    this.markMs += now() - t;
  }
}

/**
 * The consumer's TransactionHost, noting when each handler's transaction (inbox row + effect row)
 * has committed: the moment the effect becomes visible.
 */
class CommitClockTransactionHost extends TransactionHost {
  private readonly handled = new AsyncLocalStorage<string[]>();
  transactions = 0;
  transactionMs = 0;

  override async transaction<T>(work: () => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (this.inTransaction) return work();
    const ids: string[] = [];
    const t = now();
    const result = await this.handled.run(ids, () => super.transaction(work, isolation));
    const committed = now();
    this.transactions += 1;
    this.transactionMs += committed - t;
    for (const id of ids) {
      const track = tracks.get(id);
      if (!track) continue;
      track.effects += 1;
      if (track.effectAt === undefined) track.effectAt = committed;
    }
    return result;
  }

  /** Called by the handler inside the transaction. */
  noteHandled(eventId: string): void {
    this.handled.getStore()?.push(eventId);
  }
}

/** Where a consumer's time per message goes: the whole handling vs the Kafka offset commit after it. */
class TimedEventConsumer extends EventConsumer {
  messages = 0;
  handleMs = 0;
  offsetCommitMs = 0;

  protected override async handle(payload: EachMessagePayload): Promise<void> {
    const t = now();
    await super.handle(payload);
    this.handleMs += now() - t;
    this.messages += 1;
  }

  protected override async commitOffset(topic: string, partition: number, offset: string): Promise<void> {
    const t = now();
    await super.commitOffset(topic, partition, offset);
    this.offsetCommitMs += now() - t;
  }
}

/** Per-message consumer costs since the last call (ms, averages over the messages handled). */
function consumerCosts(rig: Rig) {
  const c = rig.consumer;
  const clock = rig.consumerTx;
  const messages = c.messages - rig.consumerMark.messages;
  const per = (x: number) => round2(x / Math.max(1, messages));
  const result = {
    messages,
    handleMsPerMessage: per(c.handleMs - rig.consumerMark.handleMs),
    transactionMsPerMessage: round2((clock.transactionMs - rig.consumerMark.transactionMs) / Math.max(1, clock.transactions - rig.consumerMark.transactions)),
    offsetCommitMsPerMessage: per(c.offsetCommitMs - rig.consumerMark.offsetCommitMs),
  };
  rig.consumerMark = {
    messages: c.messages,
    handleMs: c.handleMs,
    offsetCommitMs: c.offsetCommitMs,
    transactions: clock.transactions,
    transactionMs: clock.transactionMs,
  };
  return result;
}

const kafkaWarnings: string[] = [];
const countingLogger: EventsLogger = {
  info: () => undefined,
  warn: (message, fields) => void kafkaWarnings.push(`warn: ${message} ${JSON.stringify(fields ?? {})}`.slice(0, 300)),
  error: (message, fields) => void kafkaWarnings.push(`error: ${message} ${JSON.stringify(fields ?? {})}`.slice(0, 300)),
};

// ---------------------------------------------------------------------------------------------
// The bench catalog: a unique service segment so every topic is new for this run

const service = uniqueName('bench').replace(/_/g, '-');
const payloadSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['phase', 'seq', 'publishedAt', 'reference', 'note'],
  properties: {
    phase: { type: 'string', minLength: 1 },
    seq: { type: 'integer', minimum: 0 },
    /** Epoch ms (fractional) when the publishing transaction started. */
    publishedAt: { type: 'number' },
    reference: { type: 'string' },
    note: { type: 'string', maxLength: 512 },
  },
} as const;
type Payload = { phase: string; seq: number; publishedAt: number; reference: string; note: string };

const streamEvent = defineEvent({
  type: `gov.onewindow.${service}.stream.happened.v1`,
  description: 'bench: an event that travels outbox → relay → Kafka → consumer',
  schema: payloadSchema,
});
const drainEvents = Array.from({ length: config.drainRounds }, (_, i) =>
  defineEvent({
    type: `gov.onewindow.${service}.drain-r${i + 1}.happened.v1`,
    description: 'bench: an event pre-loaded into the outbox for the relay drain',
    schema: payloadSchema,
  }),
);
const catalog = catalogOf([streamEvent, ...drainEvents]);
const validator = new SchemaValidator(catalog);
// Roughly the size of a real case event: a reference and a couple of hundred bytes of text.
const NOTE = 'Application accepted at the comprehensive window; materials checked against the item guide. '.repeat(2);

function payload(phase: string, seq: number): Payload {
  return {
    phase,
    seq,
    publishedAt: performance.timeOrigin + now(),
    reference: `OW-${service}-${String(seq).padStart(8, '0')}`,
    note: NOTE,
  };
}
const keyOf = (seq: number) => `app-${seq % config.aggregates}`;

// ---------------------------------------------------------------------------------------------
// The run

interface Rig {
  db: TestDatabase;
  producerDs: DataSource;
  consumerDs: DataSource;
  kafka: Kafka;
  admin: Admin;
  tx: TransactionHost;
  consumerTx: CommitClockTransactionHost;
  publisher: EventPublisher<Record<string, Payload>>;
  relay: TimedOutboxRelay;
  consumer: TimedEventConsumer;
  consumerMark: { messages: number; handleMs: number; offsetCommitMs: number; transactions: number; transactionMs: number };
  outcomes: Record<string, number>;
  extraProducers: Producer[];
  extraRelays: OutboxRelay[];
}

async function setUp(): Promise<Rig> {
  const db = await createTestDatabase({ entities: [], migrations: platformEventMigrations, prefix: 'ow_bench' });
  await db.dataSource.query(
    `CREATE TABLE bench_effect (id bigserial PRIMARY KEY, event_id uuid NOT NULL, phase text NOT NULL, seq int NOT NULL)`,
  );
  // The publishing service (publishers + relay) and the consuming service each with their own pool,
  // configured as services configure them (createServiceDataSource: pool 10, statement timeout).
  const producerDs = createServiceDataSource({ url: db.url, entities: [], migrations: [], applicationName: 'bench-producer' });
  const consumerDs = createServiceDataSource({ url: db.url, entities: [], migrations: [], applicationName: 'bench-consumer' });
  await producerDs.initialize();
  await consumerDs.initialize();
  const kafka = createKafka({ clientId: `bench-${service}`, brokers: TEST_KAFKA_BROKERS, logger: countingLogger });
  const admin = kafka.admin();
  await admin.connect();
  const tx = new TransactionHost(producerDs);
  const consumerTx = new CommitClockTransactionHost(consumerDs);
  const publisher = new EventPublisher<Record<string, Payload>>(tx, validator, `/onewindow/${service}`);
  const outcomes: Record<string, number> = {};
  const consumer = new TimedEventConsumer({
    kafka,
    groupId: `${streamEvent.topic}.bench`,
    topics: [streamEvent.topic],
    transactions: consumerTx,
    validator,
    logger: countingLogger,
    resolveHandler: (type) =>
      type === streamEvent.type
        ? async (event: ReceivedEvent) => {
            const data = event.data as Payload;
            await consumerTx.manager.query(`INSERT INTO bench_effect (event_id, phase, seq) VALUES ($1, $2, $3)`, [
              event.id,
              data.phase,
              data.seq,
            ]);
            consumerTx.noteHandled(event.id);
          }
        : undefined,
    onProcessed: (_event, outcome) => {
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    },
  });
  // As OutboxRelayService does it.
  const relay = new TimedOutboxRelay(producerDs, () => kafka.producer(reliableProducerConfig()), admin, {
    logger: countingLogger,
  });
  return {
    db,
    producerDs,
    consumerDs,
    kafka,
    admin,
    tx,
    consumerTx,
    publisher,
    relay,
    consumer,
    consumerMark: { messages: 0, handleMs: 0, offsetCommitMs: 0, transactions: 0, transactionMs: 0 },
    outcomes,
    extraProducers: [],
    extraRelays: [],
  };
}

async function publishOne(rig: Rig, phase: string, seq: number): Promise<void> {
  // Our own id, so the track exists before the relay or the consumer can see the event.
  const id = randomUUID();
  const track: Track = { phase, effects: 0 };
  tracks.set(id, track);
  try {
    await rig.tx.transaction(() => rig.publisher.publish(streamEvent.type, { id, key: keyOf(seq), data: payload(phase, seq) }));
    track.committedAt = now();
  } catch (error) {
    tracks.delete(id);
    throw error;
  }
}

/** Events of a phase whose publishing transaction committed. */
function phaseTracks(phase: string): Track[] {
  return [...tracks.values()].filter((t) => t.phase === phase && t.committedAt !== undefined);
}

function latest(values: Array<number | undefined>): number {
  return values.reduce<number>((max, v) => (v !== undefined && v > max ? v : max), 0);
}

async function waitForPhase(phase: string, timeoutMs: number): Promise<boolean> {
  return settle(() => phaseTracks(phase).every((t) => t.effectAt !== undefined), timeoutMs, 100);
}

/** Lost and duplicated, from the database: outbox rows of the phase vs effect rows. */
async function integrity(rig: Rig, phase: string) {
  const [row] = await rig.db.dataSource.query(
    `SELECT
       (SELECT count(*)::int FROM outbox_event WHERE payload->>'phase' = $1) AS outbox,
       (SELECT count(*)::int FROM outbox_event o WHERE o.payload->>'phase' = $1
          AND NOT EXISTS (SELECT 1 FROM bench_effect e WHERE e.event_id = o.id)) AS lost,
       (SELECT count(*)::int - count(DISTINCT event_id)::int FROM bench_effect WHERE phase = $1) AS duplicated`,
    [phase],
  );
  return row as { outbox: number; lost: number; duplicated: number };
}

async function publishedProbe(rig: Rig): Promise<boolean> {
  await publishOne(rig, 'probe', 0);
  return waitForPhase('probe', 60_000);
}

/** Phase 1: open-loop publishing at a fixed rate, each event in its own transaction. */
async function latencyPhase(rig: Rig) {
  const { rate, warmupS, latencyS } = config;
  const totalMs = (warmupS + latencyS) * 1000;
  const warmupEndsAt = warmupS * 1000;
  let issued = 0;
  let inFlight = 0;
  let maxInFlightSeen = 0;
  let publishErrors = 0;
  let sampler: LoadSampler | undefined;
  const pending = new Set<Promise<void>>();
  const start = now();
  while (!aborted) {
    const elapsed = now() - start;
    if (elapsed >= totalMs) break;
    if (!sampler && elapsed >= warmupEndsAt) {
      sampler = new LoadSampler();
      consumerCosts(rig);
    }
    const due = Math.floor((elapsed / 1000) * rate);
    while (issued < due && inFlight < config.maxInFlight) {
      const seq = issued++;
      const phase = seq < warmupS * rate ? 'warmup' : 'latency';
      inFlight += 1;
      maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
      const p: Promise<void> = publishOne(rig, phase, seq)
        .catch(() => void (publishErrors += 1))
        .finally(() => {
          inFlight -= 1;
          pending.delete(p);
        });
      pending.add(p);
    }
    await sleep(1);
  }
  const publishWindowS = (now() - start - warmupEndsAt) / 1000;
  const load = (sampler ?? new LoadSampler()).finish();
  await Promise.race([Promise.allSettled([...pending]), sleep(30_000)]);
  const settled = await waitForPhase('latency', config.settleTimeoutMs);
  const consumer = consumerCosts(rig);
  await waitForPhase('warmup', 5_000);

  const measured = phaseTracks('latency');
  const done = measured.filter((t) => t.effectAt !== undefined);
  const e2e = summarise(done.map((t) => (t.effectAt as number) - (t.committedAt as number)));
  const relayStage = summarise(done.filter((t) => t.producedAt).map((t) => (t.producedAt as number) - (t.committedAt as number)));
  const consumerStage = summarise(done.filter((t) => t.producedAt).map((t) => (t.effectAt as number) - (t.producedAt as number)));
  const checks = { latency: await integrity(rig, 'latency'), warmup: await integrity(rig, 'warmup') };
  return {
    targetRate: rate,
    warmupS,
    measuredS: latencyS,
    published: measured.length,
    achievedPublishRate: round1(measured.length / publishWindowS),
    publishErrors,
    maxInFlightSeen,
    allArrived: settled,
    latencyMs: roundAll(e2e),
    relayStageMs: roundAll(relayStage),
    consumerStageMs: roundAll(consumerStage),
    consumer,
    lost: checks.latency.lost + checks.warmup.lost,
    duplicated: checks.latency.duplicated + checks.warmup.duplicated,
    outboxRows: checks.latency.outbox + checks.warmup.outbox,
    load,
  };
}

function roundAll<T extends Record<string, number>>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === 'n' ? v : round1(v)])) as T;
}

/** Phase 2: N closed-loop publishers as fast as they go; what the relay and the consumer keep up with. */
async function sustainedPhase(rig: Rig) {
  const phase = 'sustained';
  const windowMs = config.sustainedS * 1000;
  const relayedBefore = rig.relay.produced;
  const relayBatchesBefore = rig.relay.batches;
  consumerCosts(rig);
  let seq = 0;
  let publishErrors = 0;
  const sampler = new LoadSampler();
  const start = now();
  const end = start + windowMs;
  await Promise.all(
    Array.from({ length: config.publishers }, async () => {
      while (now() < end && !aborted) {
        await publishOne(rig, phase, seq++).catch(() => void (publishErrors += 1));
      }
    }),
  );
  const windowEnd = now();
  const load = sampler.finish();
  const windowS = (windowEnd - start) / 1000;
  const all = phaseTracks(phase);
  const relayedInWindow = all.filter((t) => t.producedAt !== undefined && t.producedAt <= windowEnd).length;
  const consumedInWindow = all.filter((t) => t.effectAt !== undefined && t.effectAt <= windowEnd).length;
  const relayCountInWindow = rig.relay.produced - relayedBefore;
  const relayBatchesInWindow = rig.relay.batches - relayBatchesBefore;
  const consumerInWindow = consumerCosts(rig);
  const settled = await waitForPhase(phase, config.settleTimeoutMs);
  const consumerAfterWindow = consumerCosts(rig);
  const lastEffect = latest(all.map((t) => t.effectAt));
  const lastProduced = latest(all.map((t) => t.producedAt));
  const e2e = summarise(all.filter((t) => t.effectAt).map((t) => (t.effectAt as number) - (t.committedAt as number)));
  const check = await integrity(rig, phase);
  return {
    publishers: config.publishers,
    windowS: round1(windowS),
    published: all.length,
    publishRate: round1(all.length / windowS),
    relayRateInWindow: round1(relayedInWindow / windowS),
    relayEventsPerBatchInWindow: round1(relayCountInWindow / Math.max(1, relayBatchesInWindow)),
    relayCountInWindow,
    consumedRateInWindow: round1(consumedInWindow / windowS),
    backlogAtWindowEnd: { outbox: all.length - relayedInWindow, kafka: relayedInWindow - consumedInWindow },
    allArrived: settled,
    relayRateOverall: round1(all.filter((t) => t.producedAt).length / ((lastProduced - start) / 1000)),
    consumedRateOverall: round1(all.filter((t) => t.effectAt).length / ((lastEffect - start) / 1000)),
    drainAfterWindowS: round1((lastEffect - windowEnd) / 1000),
    /** The consumer on its own, once the publishers stopped: its ceiling on this machine. */
    consumedRateAfterWindow: round1((all.length - consumedInWindow) / Math.max(0.001, (lastEffect - windowEnd) / 1000)),
    consumerInWindow,
    consumerAfterWindow,
    latencyUnderLoadMs: roundAll(e2e),
    publishErrors,
    lost: check.lost,
    duplicated: check.duplicated,
    load,
  };
}

/** Phase 3, one round: pre-load K events, time the relay draining them and a bare producer sending them. */
async function drainRound(rig: Rig, round: number, bareFirst: boolean) {
  const definition = drainEvents[round - 1] as (typeof drainEvents)[number];
  const relayTopic = definition.topic;
  const bareTopic = `${relayTopic}.bare`;
  await ensureTopics(rig.admin, [relayTopic, bareTopic], 3);

  // Pre-load through the publisher, in big transactions.
  const K = config.drainEvents;
  const preloadStart = now();
  for (let offset = 0; offset < K && !aborted; offset += config.preloadTxSize) {
    const size = Math.min(config.preloadTxSize, K - offset);
    await rig.tx.transaction(() =>
      rig.publisher.publishAll(
        Array.from({ length: size }, (_, i) => ({
          type: definition.type,
          key: keyOf(offset + i),
          data: payload(`drain-r${round}`, offset + i),
        })),
      ),
    );
  }
  const preloadRate = K / ((now() - preloadStart) / 1000);

  // Exactly the messages the relay sends, built before timing.
  const rows: Array<{ message_key: string; headers: Record<string, string>; payload: unknown }> = await rig.db.dataSource.query(
    `SELECT message_key, headers, payload FROM outbox_event WHERE topic = $1 ORDER BY position`,
    [relayTopic],
  );
  const batches: Message[][] = [];
  for (let i = 0; i < rows.length; i += config.drainBatch) {
    batches.push(
      rows.slice(i, i + config.drainBatch).map((row) => ({ key: row.message_key, value: JSON.stringify(row.payload), headers: row.headers })),
    );
  }
  const messageBytes = rows.length
    ? Math.round(
        rows.reduce(
          (sum, r) =>
            sum +
            JSON.stringify(r.payload).length +
            r.message_key.length +
            Object.entries(r.headers).reduce((s, [k, v]) => s + k.length + v.length, 0),
          0,
        ) / rows.length,
      )
    : 0;

  const timeRelay = async () => {
    let published = 0;
    let doneAt = 0;
    // Timed from before start(), which connects the relay's producer, as a starting service does.
    const relay = new TimedOutboxRelay(rig.producerDs, () => rig.kafka.producer(reliableProducerConfig()), rig.admin, {
      batchSize: config.drainBatch,
      logger: countingLogger,
      onPublished: (count) => {
        published += count;
        if (published >= rows.length && !doneAt) doneAt = now();
      },
    });
    rig.extraRelays.push(relay);
    const sampler = new LoadSampler();
    const start = now();
    await relay.start();
    const complete = await settle(() => doneAt > 0, 180_000, 5);
    const end = doneAt || now();
    const load = sampler.finish();
    await relay.stop();
    const seconds = (end - start) / 1000;
    return {
      complete,
      events: published,
      seconds: round2(seconds),
      rate: round1(published / seconds),
      batches: relay.batches,
      msPerBatch: round2(relay.drainMs / Math.max(1, relay.batches)),
      produceMsPerBatch: round2(relay.produceMs / Math.max(1, relay.batches)),
      markPublishedMsPerBatch: round2(relay.markMs / Math.max(1, relay.batches)),
      claimAndCommitMsPerBatch: round2((relay.drainMs - relay.produceMs - relay.markMs) / Math.max(1, relay.batches)),
      load,
    };
  };

  const timeBare = async () => {
    const producer = rig.kafka.producer(reliableProducerConfig());
    await producer.connect();
    rig.extraProducers.push(producer);
    const sampler = new LoadSampler();
    const start = now();
    let sent = 0;
    for (const messages of batches) {
      if (aborted) break;
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic: bareTopic, messages }] });
      sent += messages.length;
    }
    const seconds = (now() - start) / 1000;
    const load = sampler.finish();
    await producer.disconnect();
    return { events: sent, seconds: round2(seconds), rate: round1(sent / seconds), msPerBatch: round2((seconds * 1000) / batches.length), load };
  };

  let relay: Awaited<ReturnType<typeof timeRelay>>;
  let bare: Awaited<ReturnType<typeof timeBare>>;
  if (bareFirst) {
    bare = await timeBare();
    relay = await timeRelay();
  } else {
    relay = await timeRelay();
    bare = await timeBare();
  }
  return { round, order: bareFirst ? 'bare, relay' : 'relay, bare', preloadRate: round1(preloadRate), messageBytes, relay, bare, ratio: round2(relay.rate / bare.rate) };
}

async function claimPlan(rig: Rig): Promise<string> {
  // The claim query's plan with the outbox as the drain left it (for the observations).
  try {
    const rows: Array<{ 'QUERY PLAN': string }> = await rig.db.dataSource.query(
      `EXPLAIN SELECT position FROM outbox_event WHERE published_at IS NULL AND lane IN (0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15)
        ORDER BY position LIMIT 500`,
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } catch (error) {
    return `EXPLAIN failed: ${(error as Error).message}`;
  }
}

async function tearDown(rig: Rig | undefined): Promise<void> {
  if (!rig) return;
  const quietly = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), sleep(15_000)]);
  await quietly(rig.consumer.stop());
  await quietly(rig.relay.stop());
  await Promise.all(rig.extraRelays.map((r) => quietly(r.stop())));
  await Promise.all(rig.extraProducers.map((p) => quietly(p.disconnect())));
  const topics = [streamEvent.topic, `${streamEvent.topic}.dlq`, ...drainEvents.flatMap((d) => [d.topic, `${d.topic}.bare`])];
  await quietly(
    (async () => {
      const existing = new Set(await rig.admin.listTopics());
      const mine = topics.filter((t) => existing.has(t));
      if (mine.length) await rig.admin.deleteTopics({ topics: mine, timeout: 10_000 });
    })(),
  );
  await quietly(rig.admin.disconnect());
  await quietly(rig.producerDs.destroy());
  await quietly(rig.consumerDs.destroy());
  await quietly(rig.db.drop());
}

// ---------------------------------------------------------------------------------------------
// Report

function yesNo(ok: boolean | undefined): string {
  return ok === undefined ? 'n/a' : ok ? 'yes' : 'NO';
}

function printTable(rows: Array<[string, string, string?, string?]>): void {
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: Array<string | undefined>) =>
    r.map((cell, i) => (cell ?? '').padEnd(widths[i] as number)).join('  ').trimEnd();
  const header: [string, string, string, string] = ['metric', 'value', 'goal', 'met'];
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const watchdog = setTimeout(() => {
    console.error(`bench: watchdog (${config.watchdogMs / 1000}s) fired; stopping early`);
    aborted = true;
  }, config.watchdogMs);
  watchdog.unref();
  process.once('SIGINT', () => {
    console.error('bench: interrupted; cleaning up');
    aborted = true;
  });

  // Background load before anything of ours runs (other engineers' tests share the machine).
  const background = new LoadSampler();
  await sleep(3000);
  const backgroundLoad = background.finish();

  let rig: Rig | undefined;
  try {
    rig = await setUp();
    const pgVersion: string = (await rig.db.dataSource.query(`SHOW server_version`))[0].server_version;
    await rig.consumer.start();
    await rig.relay.start();
    const ready = await publishedProbe(rig);
    if (!ready) console.error('bench: the consumer did not receive the first event within 60 s; figures will be incomplete');

    console.error(`bench: phase 1, ${config.rate} events/s for ${config.warmupS}+${config.latencyS} s`);
    const latency = await latencyPhase(rig);
    console.error(`bench: phase 2, ${config.publishers} publishers for ${config.sustainedS} s`);
    const sustained = await sustainedPhase(rig);
    await rig.relay.stop();

    const drain: Array<Awaited<ReturnType<typeof drainRound>>> = [];
    for (let round = 1; round <= config.drainRounds && !aborted; round++) {
      console.error(`bench: phase 3, round ${round}/${config.drainRounds}, ${config.drainEvents} events`);
      drain.push(await drainRound(rig, round, round % 2 === 0));
    }
    const plan = await claimPlan(rig);
    const outboxRows = Number((await rig.db.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event`))[0].n);

    const relayRate = round1(median(drain.map((d) => d.relay.rate)));
    const bareRate = round1(median(drain.map((d) => d.bare.rate)));
    const ratio = round2(median(drain.map((d) => d.ratio)));
    const med = (pick: (d: (typeof drain)[number]) => number) => round1(median(drain.map(pick)));
    const p99Met = latency.latencyMs.n > 0 ? latency.latencyMs.p99 <= GOALS.p99Ms : undefined;
    const ratioMet = drain.length ? ratio >= GOALS.relayVsBare : undefined;

    const results = {
      benchmark: 'events',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      environment: {
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: round1(os.totalmem() / 2 ** 30),
        postgres: pgVersion,
        kafkaBrokers: TEST_KAFKA_BROKERS,
        backgroundLoad,
      },
      config,
      goals: { p99LatencyMsAt200: GOALS.p99Ms, relayVsBareProducer: GOALS.relayVsBare },
      latency,
      sustained,
      drain: { rounds: drain, medianRelayRate: relayRate, medianBareRate: bareRate, medianRatio: ratio, outboxRowsAtEnd: outboxRows, claimPlan: plan },
      consumerOutcomes: rig.outcomes,
      kafkaWarnings: { count: kafkaWarnings.length, first: kafkaWarnings.slice(0, 20) },
      met: { p99: p99Met, lostDuplicated: latency.lost === 0 && latency.duplicated === 0, relayVsBare: ratioMet },
    };

    const stamp = startedAt.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
    const dir = path.join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `events-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

    const l = latency.latencyMs;
    const s = sustained;
    console.log('');
    console.log(`Event backbone benchmark, ${startedAt.toISOString()}`);
    console.log(
      `node ${process.version}, ${os.cpus().length} cores, PostgreSQL ${pgVersion}, Kafka ${TEST_KAFKA_BROKERS.join(',')}; ` +
        `background before start: machine CPU ${backgroundLoad.machineCpuBusyPct}% busy, load avg ${backgroundLoad.loadavg1mStart}`,
    );
    console.log('');
    const rows: Array<[string, string, string?, string?]> = [
      [`1. propagation @ ${config.rate}/s, ${config.latencyS} s (n=${l.n}, achieved ${latency.achievedPublishRate}/s)`, ''],
      ['   latency p50 (outbox commit -> effect commit)', `${l.p50} ms`],
      ['   latency p90', `${l.p90} ms`],
      ['   latency p99', `${l.p99} ms`, `<= ${GOALS.p99Ms} ms`, yesNo(p99Met)],
      ['   latency max', `${l.max} ms`],
      ['   of which relay (commit -> Kafka ack) p50 / p99', `${latency.relayStageMs.p50} / ${latency.relayStageMs.p99} ms`],
      ['   of which consumer (Kafka ack -> effect) p50 / p99', `${latency.consumerStageMs.p50} / ${latency.consumerStageMs.p99} ms`],
      ['   consumer ms/msg: handle (tx, offset commit)', `${latency.consumer.handleMsPerMessage} (${latency.consumer.transactionMsPerMessage}, ${latency.consumer.offsetCommitMsPerMessage})`],
      ['   events lost / duplicated (incl. warm-up)', `${latency.lost} / ${latency.duplicated}`, '0 / 0', yesNo(latency.lost === 0 && latency.duplicated === 0)],
      [`   load: machine CPU, bench process, loop lag p99`, `${latency.load.machineCpuBusyPct}%, ${latency.load.benchProcessCpuPctOfOneCore}% of 1 core, ${latency.load.eventLoopLagP99Ms} ms`],
      [`2. max sustained, ${s.publishers} publishers, ${s.windowS} s`, ''],
      ['   published (outbox commits)', `${s.publishRate} ev/s`],
      ['   relayed to Kafka (in window)', `${s.relayRateInWindow} ev/s`],
      ['   consumed end-to-end (in window)', `${s.consumedRateInWindow} ev/s`],
      ['   backlog at window end: outbox / Kafka', `${s.backlogAtWindowEnd.outbox} / ${s.backlogAtWindowEnd.kafka}`],
      ['   consumer alone, draining after the window', `${s.consumedRateAfterWindow} ev/s (${s.drainAfterWindowS} s)`],
      ['   consumer ms/msg in window: handle (tx, offset commit)', `${s.consumerInWindow.handleMsPerMessage} (${s.consumerInWindow.transactionMsPerMessage}, ${s.consumerInWindow.offsetCommitMsPerMessage})`],
      ['   latency under load p50 / p99', `${s.latencyUnderLoadMs.p50} / ${s.latencyUnderLoadMs.p99} ms`],
      ['   events lost / duplicated', `${s.lost} / ${s.duplicated}`, '0 / 0', yesNo(s.lost === 0 && s.duplicated === 0)],
      [`   load: machine CPU, bench process, loop lag p99`, `${s.load.machineCpuBusyPct}%, ${s.load.benchProcessCpuPctOfOneCore}% of 1 core, ${s.load.eventLoopLagP99Ms} ms`],
      [`3. relay drain, K=${config.drainEvents}, batch ${config.drainBatch}, median of ${drain.length}`, ''],
      ['   relay (next claim overlapped with produce, then mark)', `${relayRate} ev/s`],
      ['   bare kafkajs idempotent producer, acks -1', `${bareRate} ev/s`],
      ['   relay / bare', `${ratio}`, `>= ${GOALS.relayVsBare}`, yesNo(ratioMet)],
      ...drain.map((d): [string, string] => [`   round ${d.round} (${d.order}): relay / bare, ratio`, `${d.relay.rate} / ${d.bare.rate} ev/s, ${d.ratio}`]),
      [
        '   relay ms/batch = produce + mark + rest (claim not overlapped, commit)',
        `${med((d) => d.relay.msPerBatch)} = ${med((d) => d.relay.produceMsPerBatch)} + ${med((d) => d.relay.markPublishedMsPerBatch)} + ${med((d) => d.relay.claimAndCommitMsPerBatch)}`,
      ],
      ['   bare ms/batch', `${med((d) => d.bare.msPerBatch)}`],
    ];
    printTable(rows);
    console.log('');
    console.log(`results: ${path.relative(process.cwd(), file)}`);
    if (kafkaWarnings.length) console.log(`kafka/relay/consumer warnings logged: ${kafkaWarnings.length} (see JSON)`);
    return 0;
  } finally {
    clearTimeout(watchdog);
    await tearDown(rig);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench: could not run:', error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
