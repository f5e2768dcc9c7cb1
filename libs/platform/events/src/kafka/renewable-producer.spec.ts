import { KafkaJSAggregateError, KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import { brokerRefusal } from '../../test/kafka-refusals';
import { producerStateErrorOf } from './renewable-producer';

describe('producerStateErrorOf', () => {
  it('finds the broker refusal behind the retrier error kafkajs throws', () => {
    expect(producerStateErrorOf(brokerRefusal('OUT_OF_ORDER_SEQUENCE_NUMBER'))).toBe(
      'OUT_OF_ORDER_SEQUENCE_NUMBER',
    );
    expect(producerStateErrorOf(brokerRefusal('UNKNOWN_PRODUCER_ID'))).toBe('UNKNOWN_PRODUCER_ID');
  });

  it('finds it among the errors of several brokers', () => {
    const aggregate = new KafkaJSAggregateError('two brokers failed', [
      new KafkaJSConnectionError('connection closed'),
      brokerRefusal('DUPLICATE_SEQUENCE_NUMBER'),
    ]);
    expect(producerStateErrorOf(aggregate)).toBe('DUPLICATE_SEQUENCE_NUMBER');
  });

  it('finds it under originalError', () => {
    expect(producerStateErrorOf({ originalError: brokerRefusal('OUT_OF_ORDER_SEQUENCE_NUMBER') })).toBe(
      'OUT_OF_ORDER_SEQUENCE_NUMBER',
    );
  });

  it('leaves other failures to the ordinary retry: the producer is still usable after them', () => {
    const retriesExceeded = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('broker down'), {
      retryCount: 10,
      retryTime: 10_000,
    });
    expect(producerStateErrorOf(retriesExceeded)).toBeUndefined();
    expect(producerStateErrorOf(new Error('OUT_OF_ORDER_SEQUENCE_NUMBER'))).toBeUndefined();
    expect(producerStateErrorOf({ type: 'TOPIC_AUTHORIZATION_FAILED' })).toBeUndefined();
    expect(producerStateErrorOf(undefined)).toBeUndefined();
    expect(producerStateErrorOf('UNKNOWN_PRODUCER_ID')).toBeUndefined();
  });

  it('ends on errors that are their own cause', () => {
    const looping = Object.assign(new Error('loop'), { cause: undefined as unknown });
    looping.cause = looping;
    expect(producerStateErrorOf(looping)).toBeUndefined();
  });
});
