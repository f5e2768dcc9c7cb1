import { randomUUID } from 'node:crypto';
import { DLQ_HEADERS, dlqTopicOf, REPLAY_HEADER } from '@onewindow/contracts/events';
import { TopicProbe, waitFor } from '@onewindow/platform/testing';
import { encodeEvent, EventConsumer, ReceivedEvent, replayDeadLetters } from '../src';
import { Credit, Harness } from './harness';

/** Commits its database work but dies before every offset commit, as a process killed at that point would. */
class ConsumerDyingBeforeOffsetCommit extends EventConsumer {
  protected override async commitOffset(): Promise<void> {
    // The process is gone before Kafka hears about the offset.
  }
}

describe('inbox consumer', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await new Harness().setUp();
  });

  afterEach(() => h.tearDown());

  async function produceRaw(messages: Array<{ key: string; value: string; headers: Record<string, string> }>) {
    const producer = h.kafka.producer();
    await producer.connect();
    h.producers.push(producer);
    await producer.send({ topic: h.topic, messages });
  }

  function encoded(data: Credit, id = randomUUID()) {
    return encodeEvent({ id, type: h.type, source: '/onewindow/test', key: data.ledger, time: new Date() }, data);
  }

  it('applies an event that arrives twice only once', async () => {
    const message = encoded({ ledger: 'D', seq: 0, amount: 1 });
    await produceRaw([message, message]);
    await h.newConsumer('c1').start();

    await waitFor('both deliveries', () => h.outcomes.length === 2);
    expect(h.outcomes.map((o) => o.outcome)).toEqual(['applied', 'duplicate']);
    expect(await h.effectCount()).toEqual({ rows: 1, distinct: 1 });
  });

  it('applies exactly once when the consumer dies after its database commit and before its offset commit', async () => {
    await (await h.newRelay()).start();
    await h.publishCredits(3, 4);
    const dying = h.newConsumer('dying', ConsumerDyingBeforeOffsetCommit);
    await dying.start();
    await waitFor('the first consumer to apply all 12', async () => (await h.effectCount()).rows === 12);
    await dying.stop();

    const successor = h.newConsumer('successor');
    await successor.start();
    await waitFor('the successor to receive the 12 uncommitted events again', () =>
      h.outcomes.filter((o) => o.outcome === 'duplicate').length === 12,
    );
    expect(await h.effectCount()).toEqual({ rows: 12, distinct: 12 });
  });

  it('keeps each aggregate in order over 3 partitions while the group rebalances', async () => {
    await (await h.newRelay()).start();
    const first = h.newConsumer('first');
    await first.start();
    await h.publishCredits(12, 5, 'L');
    await waitFor('the first consumer alone to apply 60', async () => (await h.effectCount()).rows === 60);

    const second = h.newConsumer('second');
    await second.start();
    await h.publishCredits(12, 5, 'M');
    await waitFor('both consumers to apply the next 60', async () => (await h.effectCount()).rows === 120);
    await first.stop();
    await h.publishCredits(12, 5, 'N');

    await waitFor('all 180 applied', async () => (await h.effectCount()).distinct === 180, { timeoutMs: 60_000 });
    expect(await h.effectCount()).toEqual({ rows: 180, distinct: 180 });
    expect(await h.outOfOrderLedgers()).toEqual([]);
    const byConsumer: Array<{ consumer: string; phase: string }> = await h.db.dataSource.query(
      `SELECT DISTINCT consumer, left(ledger, 1) AS phase FROM ledger_effect ORDER BY 1, 2`,
    );
    expect(byConsumer.filter((r) => r.phase === 'M').map((r) => r.consumer)).toEqual(['first', 'second']);
    expect(byConsumer.filter((r) => r.phase === 'N').map((r) => r.consumer)).toEqual(['second']);
  });

  it('dead-letters a poison event after its tries while the partition keeps flowing, and applies it once on replay', async () => {
    await (await h.newRelay()).start();
    await h.newConsumer('c1').start();
    for (const seq of [0, 1, 2]) {
      await h.tx.transaction(() =>
        h.publisher.publish(h.type, { key: 'P', data: { ledger: 'P', seq, amount: 1, poison: seq === 1 } }),
      );
    }
    const dlq = await new TopicProbe(h.kafka).start([dlqTopicOf(h.topic)]);
    await waitFor('the events around the poison to be applied', async () => (await h.effectCount()).rows === 2);
    const [dead] = await waitFor('the poison on the DLQ', () => (dlq.messages.length ? dlq.messages : undefined));
    await dlq.stop();
    expect(dead?.headers).toMatchObject({
      [DLQ_HEADERS.attempts]: '3',
      [DLQ_HEADERS.consumerGroup]: `${h.topic}.group`,
      [DLQ_HEADERS.originalTopic]: h.topic,
      ce_type: h.type,
    });
    expect(dead?.headers[DLQ_HEADERS.error]).toContain('ledger P rejects poison');

    h.poisonFails = false;
    expect(await replayDeadLetters({ kafka: h.kafka, topic: h.topic, replayGroupId: `${h.topic}.replay` })).toEqual({
      replayed: 1,
      skipped: 0,
    });
    await waitFor('the replayed event to be applied', async () => (await h.effectCount()).rows === 3);
    expect(await replayDeadLetters({ kafka: h.kafka, topic: h.topic, replayGroupId: `${h.topic}.replay` })).toEqual({
      replayed: 0,
      skipped: 0,
    });
    const seqs = await h.db.dataSource.query(`SELECT seq FROM ledger_effect ORDER BY seq`);
    expect(seqs).toEqual([{ seq: 0 }, { seq: 1 }, { seq: 2 }]);
  });

  it('marks a replayed message with where it came from', async () => {
    await (await h.newRelay()).start();
    await h.newConsumer('c1').start();
    await h.tx.transaction(() => h.publisher.publish(h.type, { key: 'R', data: { ledger: 'R', seq: 0, amount: 1, poison: true } }));
    const dlq = await new TopicProbe(h.kafka).start([dlqTopicOf(h.topic)]);
    await waitFor('the poison on the DLQ', () => dlq.messages.length === 1);
    await dlq.stop();
    const main = await new TopicProbe(h.kafka).start([h.topic]);
    await replayDeadLetters({ kafka: h.kafka, topic: h.topic, replayGroupId: `${h.topic}.replay`, dryRun: false });
    const replayed = await waitFor('the replayed copy', () => main.messages.find((m) => m.headers[REPLAY_HEADER]));
    await main.stop();
    expect(replayed.headers[REPLAY_HEADER]).toMatch(new RegExp(`^${dlqTopicOf(h.topic).replace(/\./g, '\\.')}/\\d+/\\d+$`));
    expect(Object.keys(replayed.headers).filter((name) => name.startsWith('dlq_') && name !== REPLAY_HEADER)).toEqual([]);
  });

  it('dead-letters a schema-invalid event at consume without retrying it, and keeps going', async () => {
    const invalid = encoded({ ledger: 'S', seq: 0, amount: 1 });
    invalid.value = JSON.stringify({ ledger: 'S', amount: 'lots' });
    await produceRaw([invalid, encoded({ ledger: 'S', seq: 1, amount: 1 })]);
    const dlq = await new TopicProbe(h.kafka).start([dlqTopicOf(h.topic)]);
    await h.newConsumer('c1').start();

    await waitFor('the valid event to be applied', async () => (await h.effectCount()).rows === 1);
    const [dead] = await waitFor('the invalid event on the DLQ', () => (dlq.messages.length ? dlq.messages : undefined));
    await dlq.stop();
    expect(dead?.headers[DLQ_HEADERS.errorCode]).toBe('EventSchemaError');
    expect(dead?.headers[DLQ_HEADERS.attempts]).toBe('1');
    expect(dead?.headers[DLQ_HEADERS.error]).toMatch(/seq is required/);
    expect(dead?.headers[DLQ_HEADERS.error]).toMatch(/amount must be integer/);
  });

  it('dead-letters a message that is not a CloudEvent', async () => {
    await produceRaw([{ key: 'X', value: 'not json', headers: {} }, encoded({ ledger: 'X', seq: 0, amount: 1 })]);
    const dlq = await new TopicProbe(h.kafka).start([dlqTopicOf(h.topic)]);
    await h.newConsumer('c1').start();
    await waitFor('the valid event to be applied', async () => (await h.effectCount()).rows === 1);
    const [dead] = await waitFor('the stray message on the DLQ', () => (dlq.messages.length ? dlq.messages : undefined));
    await dlq.stop();
    expect(dead?.headers[DLQ_HEADERS.errorCode]).toBe('UNDECODABLE');
  });

  it('finishes the handler in flight, commits its offset, then stops', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const consumer = h.newConsumer('slow', EventConsumer, {
      resolveHandler: () => async (event: ReceivedEvent) => {
        started = true;
        await gate;
        await h.handler('slow')(event);
      },
    });
    await produceRaw([encoded({ ledger: 'G', seq: 0, amount: 1 })]);
    await consumer.start();
    await waitFor('the handler to start', () => started);

    const stopping = consumer.stop();
    release();
    await stopping;

    expect(await h.effectCount()).toEqual({ rows: 1, distinct: 1 });
    const admin = h.kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: `${h.topic}.group`, topics: [h.topic] });
    await admin.disconnect();
    expect(committed?.partitions.map((p) => p.offset).filter((o) => o !== '-1')).toEqual(['1']);
  });
});
