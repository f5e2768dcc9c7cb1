import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';

// kafkajs' own table of broker error codes, as its response decoders use it (not in its public typings).
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode(code: number): KafkaJSProtocolError;
};

/** Broker error codes (Kafka protocol) of the producer-state refusals used in tests. */
const CODES = {
  OUT_OF_ORDER_SEQUENCE_NUMBER: 45,
  DUPLICATE_SEQUENCE_NUMBER: 46,
  UNKNOWN_PRODUCER_ID: 59,
} as const;

/**
 * The error kafkajs 2.2.4 rejects a send with when the broker refuses the producer's sequence: the
 * broker's answer decoded as kafkajs decodes it, then wrapped by its retrier, which bails on a
 * not-retriable protocol error (node_modules/kafkajs/src/retry/index.js).
 */
export function brokerRefusal(type: keyof typeof CODES): Error {
  const answer = createErrorFromCode(CODES[type]);
  // The public typings omit the `cause` metadata the retrier passes.
  const NonRetriable = KafkaJSNonRetriableError as unknown as new (e: Error, meta: { cause: Error }) => Error;
  return new NonRetriable(answer, { cause: answer });
}
