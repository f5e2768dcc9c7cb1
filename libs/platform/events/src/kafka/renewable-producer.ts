import { Producer } from 'kafkajs';
import { EventsLogger, silentLogger } from './kafka-client';

/**
 * Broker answers that mean an idempotent producer's id or sequence numbers are no longer usable.
 * kafkajs treats them as not retriable and never asks for a new producer id itself
 * (https://github.com/tulios/kafkajs/issues/598): every later send of that producer fails the same
 * way. It happens after a broker restart that kept a batch whose answer was lost: kafkajs lowers
 * its sequence again when a request fails, so the next batch reuses numbers the broker has seen.
 */
const PRODUCER_STATE_ERRORS = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'DUPLICATE_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
]);

/**
 * The broker error type behind a failed send, if it is one of the producer-state errors above.
 * kafkajs wraps the broker's answer (`KafkaJSProtocolError`, with `type`) in retry errors through
 * `cause`, `originalError`, or `errors` (several brokers at once).
 */
export function producerStateErrorOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const { type, cause, originalError, errors } = current as {
      type?: unknown;
      cause?: unknown;
      originalError?: unknown;
      errors?: unknown;
    };
    if (typeof type === 'string' && PRODUCER_STATE_ERRORS.has(type)) return type;
    pending.push(cause, originalError);
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return undefined;
}

/**
 * One connected idempotent producer, replaced by a new one (a new producer id, sequences from 0)
 * when the broker refuses the current one's sequence. The batch that failed is sent again by the
 * caller; consumers de-duplicate by event id in their inbox, so a batch the broker already kept
 * costs a duplicate, never a loss.
 */
export class RenewableProducer {
  private connecting?: Promise<Producer>;
  private current?: Producer;
  private renewals = 0;

  constructor(
    private readonly create: () => Producer,
    private readonly logger: EventsLogger = silentLogger,
    private readonly name = 'producer',
  ) {}

  /** The connected producer; creates and connects one if there is none. */
  get(): Promise<Producer> {
    this.connecting ??= this.connect();
    return this.connecting;
  }

  /**
   * After `producer` failed a send with `error`: when the broker refused its id or sequence, drops it
   * (so the next `get()` makes a new one) and says so. A producer already replaced (a concurrent send
   * failed the same way first) is not dropped twice.
   */
  async renewAfter(error: unknown, producer: Producer): Promise<boolean> {
    const type = producerStateErrorOf(error);
    if (!type || producer !== this.current) return false;
    this.current = undefined;
    this.connecting = undefined;
    this.renewals += 1;
    this.logger.warn(`kafka ${this.name} renewed: the broker refused its sequence`, {
      error: type,
      renewals: this.renewals,
    });
    await producer.disconnect().catch(() => undefined);
    return true;
  }

  async close(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = undefined;
    // Cleared once a connect in flight has settled: it sets `current` when it completes.
    const producer = await connecting?.catch(() => undefined);
    this.current = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async connect(): Promise<Producer> {
    const producer = this.create();
    try {
      await producer.connect();
    } catch (error) {
      this.connecting = undefined;
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.current = producer;
    return producer;
  }
}
