import { Consumer, Kafka, logLevel } from 'kafkajs';
import { uniqueName } from './test-database';

export const TEST_KAFKA_BROKERS = (process.env['TEST_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

export function testKafka(clientId = uniqueName('test')): Kafka {
  return new Kafka({ clientId, brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
}

/** A topic name no other test or run uses. */
export function uniqueTopic(prefix = 'test'): string {
  return `onewindow.${uniqueName(prefix).replace(/_/g, '-')}`;
}

export interface ProbedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads what is published to some topics, for assertions: everything from the beginning, or with
 * `from: 'now'` only what is published after `start` (for the services' fixed topics, which the
 * end-to-end suite and the benchmarks fill with messages no test needs to read again).
 */
export class TopicProbe {
  readonly messages: ProbedMessage[] = [];
  private consumer?: Consumer;

  constructor(private readonly kafka: Kafka) {}

  async start(topics: string[], options: { from?: 'beginning' | 'now' } = {}): Promise<this> {
    const admin = this.kafka.admin();
    await admin.connect();
    let ends: Array<{ topic: string; partition: number; offset: string }> = [];
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: 3 })) });
      if (options.from === 'now') {
        const offsets = await Promise.all(topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })));
        ends = offsets.flatMap(({ topic, partitions }) => partitions.map(({ partition, high }) => ({ topic, partition, offset: high })));
      }
    } finally {
      await admin.disconnect();
    }
    this.consumer = this.kafka.consumer({ groupId: uniqueName('probe') });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          if (value !== undefined) headers[name] = String(value);
        }
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
        });
      },
    });
    // Applied before the partitions' next fetch: messages from before `start` are skipped.
    for (const end of ends) this.consumer.seek(end);
    return this;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
