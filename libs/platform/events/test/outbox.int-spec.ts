import { Producer } from 'kafkajs';
import { EntityManager } from 'typeorm';
import { OutsideTransactionError } from '@onewindow/platform/persistence';
import { TopicProbe, waitFor } from '@onewindow/platform/testing';
import { EventSchemaError, OutboxRelay, reliableProducerConfig, silentLogger } from '../src';
import { Harness } from './harness';
import { brokerRefusal } from './kafka-refusals';

/** Dies between producing a batch and marking it published, as a process killed at that point would. */
class RelayDyingAfterProduce extends OutboxRelay {
  deaths = 0;
  protected override async markPublished(_manager: EntityManager, _positions: string[]): Promise<void> {
    this.deaths += 1;
    throw new Error('relay process died after produce');
  }
}

describe('transactional outbox', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await new Harness().setUp();
  });

  afterEach(() => h.tearDown());

  it('publishes nothing for a rolled-back transaction', async () => {
    await expect(
      h.tx.transaction(async () => {
        await h.publisher.publish(h.type, { key: 'A', data: { ledger: 'A', seq: 0, amount: 1 } });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await h.tx.transaction(() => h.publisher.publish(h.type, { key: 'A', data: { ledger: 'A', seq: 1, amount: 1 } }));

    const probe = await new TopicProbe(h.kafka).start([h.topic]);
    const relay = await h.newRelay();
    await relay.start();
    // Same key, same partition: once the committed event is seen, anything before it would have been too.
    await waitFor('the committed event', () => probe.messages.length >= 1);
    await probe.stop();
    expect(probe.messages.map((m) => JSON.parse(m.value ?? '{}').seq)).toEqual([1]);
  });

  it('refuses a schema-invalid event at publish, naming the field, and writes nothing', async () => {
    const attempt = h.tx.transaction(() =>
      h.publisher.publish(h.type, { key: 'A', data: { ledger: 'A', seq: -1, amount: 1, colour: 'red' } as never }),
    );
    await expect(attempt).rejects.toThrow(EventSchemaError);
    await expect(attempt).rejects.toThrow(/seq must be >= 0/);
    await expect(attempt).rejects.toThrow(/colour is not allowed/);
    expect(await h.pendingOutbox()).toBe(0);
  });

  it('refuses to publish outside a transaction', async () => {
    await expect(h.publisher.publish(h.type, { key: 'A', data: { ledger: 'A', seq: 0, amount: 1 } })).rejects.toThrow(
      OutsideTransactionError,
    );
  });

  it('applies an event exactly once when the relay dies after producing and before marking it sent', async () => {
    await h.publishCredits(4, 5);
    const probe = await new TopicProbe(h.kafka).start([h.topic]);
    const dying = await h.newRelay(RelayDyingAfterProduce);
    await expect(dying.drainOnce()).rejects.toThrow('relay process died after produce');
    expect(dying.deaths).toBe(1);
    expect(await h.pendingOutbox()).toBe(20);

    const relay = await h.newRelay();
    await relay.start();
    const consumer = h.newConsumer('c1');
    await consumer.start();

    await waitFor('every event applied', async () => (await h.effectCount()).distinct === 20);
    await waitFor('both copies of each event on the topic', () => probe.messages.length >= 40);
    await probe.stop();
    await waitFor('the redelivered copies to be absorbed', () => h.outcomes.filter((o) => o.outcome === 'duplicate').length === 20);
    expect(await h.effectCount()).toEqual({ rows: 20, distinct: 20 });
    expect(await h.pendingOutbox()).toBe(0);
    expect(await h.outOfOrderLedgers()).toEqual([]);
  });

  it('replaces a producer whose sequence the broker refuses, and the outbox keeps draining', async () => {
    // The first producer is a real one that fails every send as kafkajs' producer does once the broker
    // has answered OUT_OF_ORDER_SEQUENCE_NUMBER: it never recovers by itself.
    const made: Array<{ producer: Producer; disconnected: boolean }> = [];
    const createProducer = () => {
      const producer = h.kafka.producer(reliableProducerConfig());
      const entry = { producer, disconnected: false };
      if (made.length === 0) {
        producer.sendBatch = () => Promise.reject(brokerRefusal('OUT_OF_ORDER_SEQUENCE_NUMBER'));
      }
      const disconnect = producer.disconnect.bind(producer);
      producer.disconnect = () => {
        entry.disconnected = true;
        return disconnect();
      };
      made.push(entry);
      return producer;
    };
    await h.publishCredits(3, 4);
    const probe = await new TopicProbe(h.kafka).start([h.topic]);
    const warnings: Array<{ message: string; fields?: Record<string, unknown> }> = [];
    const logger = {
      ...silentLogger,
      warn: (message: string, fields?: Record<string, unknown>) => warnings.push({ message, fields }),
    };
    const relay = await h.newRelay(OutboxRelay, { logger }, createProducer);
    await relay.start();

    await waitFor('all 12 events on the topic', () => probe.messages.length >= 12);
    await probe.stop();
    expect(await h.pendingOutbox()).toBe(0);
    expect(new Set(probe.messages.map((m) => m.headers['ce_id'])).size).toBe(12);
    expect(made).toHaveLength(2);
    expect(made[0]?.disconnected).toBe(true);
    expect(made[1]?.disconnected).toBe(false);
    // Each row: one refused attempt, then published by the new producer.
    const [row] = await h.db.dataSource.query(
      `SELECT min(publish_attempts)::int AS min, max(publish_attempts)::int AS max FROM outbox_event`,
    );
    expect(row).toEqual({ min: 2, max: 2 });
    expect(warnings.filter((w) => w.message.includes('renewed'))).toEqual([
      {
        message: 'kafka outbox relay producer renewed: the broker refused its sequence',
        fields: { error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', renewals: 1 },
      },
    ]);
  });

  it('keeps its producer after a failure that is not a refused sequence', async () => {
    let made = 0;
    let failNext = true;
    const createProducer = () => {
      made += 1;
      const producer = h.kafka.producer(reliableProducerConfig());
      const sendBatch = producer.sendBatch.bind(producer);
      producer.sendBatch = (batch) => {
        if (!failNext) return sendBatch(batch);
        failNext = false;
        return Promise.reject(new Error('request timed out'));
      };
      return producer;
    };
    await h.publishCredits(2, 3);
    const relay = await h.newRelay(OutboxRelay, {}, createProducer);
    await expect(relay.drainOnce()).rejects.toThrow('request timed out');
    expect(await relay.drainOnce()).toBe(6);
    expect(made).toBe(1);
    expect(await h.pendingOutbox()).toBe(0);
  });

  it('shares the outbox between two relays without doubling or reordering', async () => {
    const probe = await new TopicProbe(h.kafka).start([h.topic]);
    const [a, b] = [await h.newRelay(OutboxRelay, { batchSize: 7 }), await h.newRelay(OutboxRelay, { batchSize: 7 })];
    await Promise.all([a.start(), b.start()]);
    await h.publishCredits(24, 10);

    await waitFor('all 240 events on the topic', () => probe.messages.length >= 240, { timeoutMs: 40_000 });
    expect(await h.pendingOutbox()).toBe(0);
    await probe.stop();
    const ids = probe.messages.map((m) => m.headers['ce_id']);
    expect(new Set(ids).size).toBe(240);
    expect(ids.length).toBe(240);
    const seqsByLedger = new Map<string, number[]>();
    for (const m of probe.messages) {
      const { ledger, seq } = JSON.parse(m.value ?? '{}');
      seqsByLedger.set(ledger, [...(seqsByLedger.get(ledger) ?? []), seq]);
    }
    for (const seqs of seqsByLedger.values()) expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('drains a backlog with two relays, several pipelined batches per transaction, without doubling or reordering', async () => {
    // Full batches: each relay reads its next batch while the previous one is in flight to Kafka.
    await h.publishCredits(30, 10);
    const probe = await new TopicProbe(h.kafka).start([h.topic]);
    const options = { batchSize: 9, batchesPerTransaction: 4 };
    const [a, b] = [await h.newRelay(OutboxRelay, options), await h.newRelay(OutboxRelay, options)];
    await Promise.all([a.start(), b.start()]);

    await waitFor('all 300 events on the topic', () => probe.messages.length >= 300, { timeoutMs: 40_000 });
    expect(await h.pendingOutbox()).toBe(0);
    await probe.stop();
    const ids = probe.messages.map((m) => m.headers['ce_id']);
    expect(new Set(ids).size).toBe(300);
    expect(ids.length).toBe(300);
    const seqsByLedger = new Map<string, number[]>();
    for (const m of probe.messages) {
      const { ledger, seq } = JSON.parse(m.value ?? '{}');
      seqsByLedger.set(ledger, [...(seqsByLedger.get(ledger) ?? []), seq]);
    }
    expect(seqsByLedger.size).toBe(30);
    for (const seqs of seqsByLedger.values()) expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('sends the CloudEvents headers, the aggregate id as key and the correlation id', async () => {
    await h.tx.transaction(() =>
      h.publisher.publish(h.type, {
        key: 'case-9',
        data: { ledger: 'case-9', seq: 0, amount: 5 },
        correlationId: 'corr-77',
        actor: { kind: 'user', id: 'u-1' },
      }),
    );
    const probe = await new TopicProbe(h.kafka).start([h.topic]);
    const relay = await h.newRelay();
    await relay.start();
    const [message] = await waitFor('the event', () => (probe.messages.length ? probe.messages : undefined));
    await probe.stop();
    expect(message?.key).toBe('case-9');
    expect(message?.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: h.type,
      ce_source: '/onewindow/test',
      ce_subject: 'case-9',
      ce_correlationid: 'corr-77',
      ce_actor: 'user:u-1',
      ce_dataschema: h.catalogInfo.credited.schemaId,
    });
  });
});
