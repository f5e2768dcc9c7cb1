import { Admin, Producer } from 'kafkajs';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { ensureTopics } from '../kafka/topics';
import { EventsLogger, silentLogger } from '../kafka/kafka-client';
import { RenewableProducer } from '../kafka/renewable-producer';
import { OUTBOX_CHANNEL, OutboxRepository, OutboxRow } from './outbox.repository';

export interface OutboxRelayOptions {
  /** Most rows produced in one Kafka request. */
  batchSize?: number;
  /**
   * Most batches one transaction publishes. While a batch is being produced, the next one is read
   * from the same lanes, so the database work overlaps the Kafka round trip (default 8).
   */
  batchesPerTransaction?: number;
  /** Fallback when a notification is missed (LISTEN connection down). */
  pollIntervalMs?: number;
  /** How long published rows are kept for inspection before deletion. */
  retentionMs?: number;
  /** Partitions of a topic the relay creates. */
  topicPartitions?: number;
  logger?: EventsLogger;
  onPublished?: (count: number) => void;
}

/**
 * Publishes the outbox to Kafka. Each batch is claimed, produced (idempotent producer,
 * acks=all) and marked published in one database transaction: if the process dies between
 * produce and commit, the rows are produced again and consumers' inboxes absorb the duplicate.
 * Several replicas may run; they share the work by lane.
 *
 * The relay owns its producer, made by `createProducer` (unconnected; `reliableProducerConfig()`),
 * and replaces it when the broker refuses its sequence (see RenewableProducer): otherwise one lost
 * answer across a broker restart would stop the outbox for good.
 */
export class OutboxRelay {
  private readonly repository = new OutboxRepository();
  private readonly options: Required<Omit<OutboxRelayOptions, 'onPublished'>> & Pick<OutboxRelayOptions, 'onPublished'>;
  private readonly knownTopics = new Set<string>();
  private listener?: Client;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private dirty = true;
  private lastCleanup = 0;
  private readonly producer: RenewableProducer;

  constructor(
    private readonly dataSource: DataSource,
    createProducer: () => Producer,
    private readonly admin: Admin,
    options: OutboxRelayOptions = {},
  ) {
    this.options = {
      batchSize: options.batchSize ?? 500,
      batchesPerTransaction: options.batchesPerTransaction ?? 8,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      retentionMs: options.retentionMs ?? 7 * 24 * 3600 * 1000,
      topicPartitions: options.topicPartitions ?? 3,
      logger: options.logger ?? silentLogger,
      onPublished: options.onPublished,
    };
    this.producer = new RenewableProducer(createProducer, this.options.logger, 'outbox relay producer');
  }

  /** Connects the producer (a broker that cannot be reached fails the start), then relays. */
  async start(): Promise<void> {
    if (this.running) return;
    await this.producer.get();
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Stops after the batch in flight has been produced and committed, then closes the producer. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.producer.close();
  }

  /**
   * Publishes up to `batchesPerTransaction` batches in one transaction; returns how many events left.
   * Batches are produced one after another (so an aggregate's events keep their order); the next
   * batch is claimed while the current one is in flight to Kafka.
   */
  async drainOnce(): Promise<number> {
    let failure: unknown;
    // READ COMMITTED, the session default of every service connection (serviceDataSourceOptions): no SET TRANSACTION.
    const published = await this.dataSource.transaction(async (manager) => {
      let rows = await this.repository.claimBatch(manager, this.options.batchSize);
      let total = 0;
      for (let batch = 1; rows.length > 0; batch++) {
        const positions = rows.map((row) => row.position);
        const producing = this.produce(rows).then(
          () => undefined,
          (error: unknown) => ({ error }),
        );
        const readNext = rows.length === this.options.batchSize && batch < this.options.batchesPerTransaction;
        const next = readNext ? await this.repository.claimBatch(manager, this.options.batchSize, positions) : [];
        const produced = await producing;
        if (produced) {
          // Recorded in this transaction, with the earlier batches' marks: these rows stay pending.
          failure = produced.error;
          const message = produced.error instanceof Error ? produced.error.message : String(produced.error);
          await this.repository.recordFailure(manager, positions, message);
          return total;
        }
        await this.markPublished(manager, positions);
        total += rows.length;
        rows = next;
      }
      return total;
    });
    if (failure) throw failure;
    return published;
  }

  protected async produce(rows: OutboxRow[]): Promise<void> {
    const topics = [...new Set(rows.map((row) => row.topic))];
    const missing = topics.filter((topic) => !this.knownTopics.has(topic));
    if (missing.length > 0) {
      await ensureTopics(this.admin, missing, this.options.topicPartitions);
      missing.forEach((topic) => this.knownTopics.add(topic));
    }
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const topicRows = byTopic.get(row.topic);
      if (topicRows) topicRows.push(row);
      else byTopic.set(row.topic, [row]);
    }
    const producer = await this.producer.get();
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, topicRows]) => ({
          topic,
          messages: topicRows.map((row) => ({ key: row.message_key, value: row.value, headers: row.headers })),
        })),
      });
    } catch (error) {
      // The rows stay pending; the next attempt sends them with a new producer if the broker refused this one.
      await this.producer.renewAfter(error, producer);
      throw error;
    }
  }

  protected async markPublished(manager: EntityManager, positions: string[]): Promise<void> {
    await this.repository.markPublished(manager, positions);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.dirty = false;
        const published = await this.drainOnce();
        failures = 0;
        if (published > 0) this.options.onPublished?.(published);
        if (published >= this.options.batchSize) continue;
        await this.cleanupIfDue();
      } catch (error) {
        failures += 1;
        this.options.logger.warn('outbox relay batch failed; will retry', {
          error: error instanceof Error ? error.message : String(error),
          failures,
        });
        await this.sleep(Math.min(30_000, 200 * 2 ** Math.min(failures, 8)));
        continue;
      }
      if (!this.dirty) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.dirty = true;
        done();
      };
    });
  }

  private async listen(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url, application_name: 'outbox-relay-listener' });
    client.on('notification', () => {
      this.dirty = true;
      this.wake?.();
    });
    client.on('error', (error) => {
      this.options.logger.warn('outbox LISTEN connection lost; polling until it is back', { error: error.message });
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (this.running) setTimeout(() => void this.listen().catch(() => undefined), this.options.pollIntervalMs);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      await client.end().catch(() => undefined);
      this.options.logger.warn('outbox LISTEN unavailable; polling', { error: (error as Error).message });
      if (this.running) setTimeout(() => void this.listen().catch(() => undefined), this.options.pollIntervalMs * 5);
    }
  }

  private async cleanupIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    await this.repository.deletePublishedBefore(this.dataSource.manager, new Date(now - this.options.retentionMs));
  }
}
