import { Consumer, EachMessagePayload, IHeaders, Kafka } from 'kafkajs';
import { DLQ_HEADERS, dlqTopicOf } from '@onewindow/contracts/events';
import { TransactionHost } from '@onewindow/platform/persistence';
import { decodeEvent, EventDecodeError, headersToStrings, ReceivedEvent } from '../event-envelope';
import { EventsLogger, reliableProducerConfig, silentLogger } from '../kafka/kafka-client';
import { RenewableProducer } from '../kafka/renewable-producer';
import { ensureTopics } from '../kafka/topics';
import { EventSchemaError, SchemaValidator } from '../schema-validator';
import { errorCodeOf, errorMessageOf, NonRetryableEventError } from './errors';
import { InboxRepository } from './inbox.repository';

export type EventHandlerFn = (event: ReceivedEvent) => Promise<void>;

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  transactions: TransactionHost;
  validator: SchemaValidator;
  /** The handler for a type, or undefined to skip events this service does not handle. */
  resolveHandler: (type: string) => EventHandlerFn | undefined;
  /** Tries before an event goes to `<topic>.dlq`. */
  maxAttempts?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  topicPartitions?: number;
  fromBeginning?: boolean;
  logger?: EventsLogger;
  /** Wraps each handler call, e.g. to continue the trace and set the request context. */
  around?: (event: ReceivedEvent, work: () => Promise<void>) => Promise<void>;
  onProcessed?: (event: ReceivedEvent, outcome: 'applied' | 'duplicate' | 'skipped' | 'dead-lettered') => void;
}

type Outcome = 'applied' | 'duplicate' | 'skipped' | 'dead-lettered';

/**
 * Consumes with manual offsets: the handler's effect and the inbox record commit in one
 * database transaction, and only then is the offset committed. A redelivered event finds its
 * inbox row and changes nothing. A failing event is retried with backoff, then sent to the DLQ
 * with the error so the partition keeps flowing.
 */
export class EventConsumer {
  private readonly inbox = new InboxRepository();
  private readonly logger: EventsLogger;
  private consumer?: Consumer;
  private producer?: RenewableProducer;
  private readonly maxAttempts: number;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(private readonly options: EventConsumerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, [...topics, ...topics.map(dlqTopicOf)], this.options.topicPartitions ?? 3);
    } finally {
      await admin.disconnect();
    }
    this.producer = new RenewableProducer(() => kafka.producer(reliableProducerConfig()), this.logger, 'dead-letter producer');
    await this.producer.get();
    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 30_000, heartbeatInterval: 3000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    this.stopping = false;
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 3,
      eachMessage: (payload) => {
        // Fetched but not started before stop: left uncommitted, so it is redelivered later.
        if (this.stopping) return Promise.resolve();
        const work = this.handle(payload).finally(() => this.inFlight.delete(work));
        this.inFlight.add(work);
        return work;
      },
    });
  }

  /**
   * Stops taking messages, lets the ones in flight finish their transaction and offset commit,
   * then leaves the group and closes. kafkajs' own stop would drop the group before our commit.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.consumer?.pause(this.options.topics.map((topic) => ({ topic })));
    await Promise.allSettled([...this.inFlight]);
    await this.consumer?.stop();
    await this.consumer?.disconnect();
    await this.producer?.close();
    this.consumer = undefined;
    this.producer = undefined;
  }

  protected async handle(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const headers = headersToStrings(message.headers as Record<string, unknown>);
    const position = { topic, partition, offset: message.offset };
    let outcome: Outcome;
    let event: ReceivedEvent | undefined;
    try {
      event = decodeEvent({ key: message.key, value: message.value, headers }, position);
      const handler = this.options.resolveHandler(event.type);
      if (!handler) {
        outcome = 'skipped';
      } else {
        this.options.validator.assertValid(event.type, event.data);
        outcome = await this.applyWithRetries(event, handler, payload);
      }
    } catch (error) {
      // Undecodable or schema-invalid: no retry can fix it.
      await this.deadLetter(payload, headers, error, 1);
      outcome = 'dead-lettered';
    }
    await this.commitOffset(topic, partition, message.offset);
    if (event) this.options.onProcessed?.(event, outcome);
  }

  private async applyWithRetries(event: ReceivedEvent, handler: EventHandlerFn, payload: EachMessagePayload): Promise<Outcome> {
    const initial = this.options.retryInitialMs ?? 200;
    const max = this.options.retryMaxMs ?? 5000;
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.applyOnce(event, handler)) ? 'applied' : 'duplicate';
      } catch (error) {
        const final = attempt >= this.maxAttempts || error instanceof NonRetryableEventError || error instanceof EventSchemaError;
        this.logger.warn('event handler failed', {
          eventId: event.id,
          type: event.type,
          attempt,
          final,
          error: errorMessageOf(error),
        });
        if (final) {
          await this.deadLetter(payload, headersToStrings(payload.message.headers as Record<string, unknown>), error, attempt);
          return 'dead-lettered';
        }
        await this.backoff(Math.min(max, initial * 2 ** (attempt - 1)), payload);
      }
    }
  }

  /** Inbox record and handler effect in one transaction; false when this group already applied the event. */
  private async applyOnce(event: ReceivedEvent, handler: EventHandlerFn): Promise<boolean> {
    const { transactions, groupId } = this.options;
    return transactions.transaction(async () => {
      const fresh = await this.inbox.record(transactions.manager, {
        consumerGroup: groupId,
        eventId: event.id,
        type: event.type,
        topic: event.topic,
        partition: event.partition,
        offset: event.offset,
      });
      if (!fresh) return false;
      const work = () => handler(event);
      await (this.options.around ? this.options.around(event, work) : work());
      return true;
    });
  }

  protected async commitOffset(topic: string, partition: number, offset: string): Promise<void> {
    await this.consumer?.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
  }

  private async deadLetter(payload: EachMessagePayload, headers: Record<string, string>, error: unknown, attempts: number): Promise<void> {
    const { topic, partition, message } = payload;
    // A credential (a department system's bearer token on a command) is not kept on the DLQ.
    const { authorization: _credential, ...kept } = headers;
    const dlqHeaders: IHeaders = {
      ...kept,
      [DLQ_HEADERS.error]: errorMessageOf(error),
      [DLQ_HEADERS.errorCode]: error instanceof EventDecodeError ? 'UNDECODABLE' : errorCodeOf(error),
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.consumerGroup]: this.options.groupId,
      [DLQ_HEADERS.originalTopic]: topic,
      [DLQ_HEADERS.originalPartition]: String(partition),
      [DLQ_HEADERS.originalOffset]: message.offset,
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
    };
    if (!this.producer) throw new Error('consumer is not started');
    const producer = await this.producer.get();
    try {
      await producer.send({
        topic: dlqTopicOf(topic),
        acks: -1,
        messages: [{ key: message.key, value: message.value, headers: dlqHeaders }],
      });
    } catch (sendError) {
      // The offset is not committed and kafkajs redelivers: nothing is lost. The next attempt uses a
      // new producer if the broker refused this one's sequence.
      await this.producer.renewAfter(sendError, producer);
      throw sendError;
    }
    this.logger.error('event sent to dead-letter topic', {
      topic,
      partition,
      offset: message.offset,
      attempts,
      error: errorMessageOf(error),
    });
  }

  private async backoff(ms: number, payload: EachMessagePayload): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, until - Date.now())));
      await payload.heartbeat();
    }
  }
}
