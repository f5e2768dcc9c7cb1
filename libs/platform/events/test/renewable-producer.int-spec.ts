import { Admin, KafkaJSConnectionError } from 'kafkajs';
import { testKafka, TopicProbe, uniqueTopic, waitFor } from '@onewindow/platform/testing';
import { ensureTopics, reliableProducerConfig, RenewableProducer } from '../src';
import { brokerRefusal } from './kafka-refusals';

/** The producer the outbox relay and the dead-letter path use, against the real broker. */
describe('renewable producer', () => {
  const kafka = testKafka();
  const topic = uniqueTopic('renewable-producer');
  let admin: Admin;
  let renewable: RenewableProducer;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [topic], 1);
  });

  beforeEach(() => {
    renewable = new RenewableProducer(() => kafka.producer(reliableProducerConfig()));
  });

  afterEach(() => renewable.close());

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('gives a new connected producer after the broker refused the sequence of the old one', async () => {
    const first = await renewable.get();
    expect(await renewable.get()).toBe(first);
    await first.send({ topic, acks: -1, messages: [{ key: 'k', value: 'before' }] });

    expect(await renewable.renewAfter(brokerRefusal('OUT_OF_ORDER_SEQUENCE_NUMBER'), first)).toBe(true);
    const second = await renewable.get();
    expect(second).not.toBe(first);
    await second.send({ topic, acks: -1, messages: [{ key: 'k', value: 'after' }] });
    // The old one was disconnected: it can no longer send.
    await expect(first.send({ topic, messages: [{ value: 'stale' }] })).rejects.toThrow();

    const probe = await new TopicProbe(kafka).start([topic]);
    await waitFor('both messages', () => probe.messages.length >= 2);
    await probe.stop();
    expect(probe.messages.map((m) => m.value)).toEqual(['before', 'after']);
  });

  it('replaces a producer once when concurrent sends fail on it', async () => {
    const first = await renewable.get();
    expect(await renewable.renewAfter(brokerRefusal('DUPLICATE_SEQUENCE_NUMBER'), first)).toBe(true);
    const second = await renewable.get();
    expect(await renewable.renewAfter(brokerRefusal('DUPLICATE_SEQUENCE_NUMBER'), first)).toBe(false);
    expect(await renewable.get()).toBe(second);
  });

  it('keeps the producer after a failure a retry can cure', async () => {
    const first = await renewable.get();
    expect(await renewable.renewAfter(new KafkaJSConnectionError('Connection timeout'), first)).toBe(false);
    expect(await renewable.get()).toBe(first);
    await first.send({ topic, acks: -1, messages: [{ value: 'still usable' }] });
  });
});
