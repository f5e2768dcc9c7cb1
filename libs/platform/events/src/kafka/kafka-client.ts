import { Kafka, logLevel, LogEntry, Partitioners, ProducerConfig } from 'kafkajs';

/** The slice of a logger the events code needs; pino loggers satisfy it through `fromPino`. */
export interface EventsLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: EventsLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Adapts a pino-style logger (`logger.warn(fields, message)`). */
export function fromPino(logger: {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}): EventsLogger {
  return {
    info: (message, fields = {}) => logger.info(fields, message),
    warn: (message, fields = {}) => logger.warn(fields, message),
    error: (message, fields = {}) => logger.error(fields, message),
  };
}

export interface KafkaClientOptions {
  clientId: string;
  brokers: string[];
  logger?: EventsLogger;
}

/**
 * kafkajs client with retries long enough to ride out a broker restart (about a minute of
 * backoff) and its log lines routed to our logger at warn and above.
 */
export function createKafka(options: KafkaClientOptions): Kafka {
  const logger = options.logger ?? silentLogger;
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 10 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...fields } = log;
        // kafkajs warns that bounded retries weaken the idempotent producer's exactly-once. We bound
        // them on purpose (shutdown must not hang on a dead broker); after a failed send the relay
        // produces the batch again and consumers de-duplicate by event id in their inbox.
        if (message.startsWith('Limiting retries for the idempotent producer')) return;
        if (level <= logLevel.ERROR) logger.error(`kafka: ${message}`, fields);
        else logger.warn(`kafka: ${message}`, fields);
      },
  });
}

/**
 * Every OneWindow producer: idempotent with one request in flight (so a retry cannot reorder or
 * double a batch), topics created by their owners only, and Kafka's default murmur2 partitioner, so
 * a department's Java client that keys by aggregate id finds the same partition.
 */
export function reliableProducerConfig(): ProducerConfig {
  return {
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  };
}
