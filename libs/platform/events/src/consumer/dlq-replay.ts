import { Kafka } from 'kafkajs';
import { DLQ_HEADERS, dlqTopicOf, REPLAY_HEADER } from '@onewindow/contracts/events';
import { headersToStrings } from '../event-envelope';
import { reliableProducerConfig } from '../kafka/kafka-client';

export interface DlqReplayOptions {
  kafka: Kafka;
  /** The original topic; records are read from `<topic>.dlq`. */
  topic: string;
  /** Replay only records a given consumer group dead-lettered. */
  onlyGroup?: string;
  /** Consumer group remembering how far replay has gone, so a record is replayed once. */
  replayGroupId?: string;
  dryRun?: boolean;
}

export interface DlqReplayReport {
  replayed: number;
  skipped: number;
}

const DLQ_ONLY = new Set<string>(Object.values(DLQ_HEADERS));

/**
 * Puts dead-lettered events back on their original topic with their original key, headers and
 * id, then commits the DLQ offset. Consumers that applied the event before de-duplicate it by
 * id in their inbox, so replaying to every group is safe. Reads up to the end offsets seen at start.
 */
export async function replayDeadLetters(options: DlqReplayOptions): Promise<DlqReplayReport> {
  const { kafka, topic } = options;
  const dlq = dlqTopicOf(topic);
  const groupId = options.replayGroupId ?? 'onewindow.dlq-replay';
  const admin = kafka.admin();
  await admin.connect();
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(dlq),
    admin.fetchOffsets({ groupId, topics: [dlq] }),
  ]);
  await admin.disconnect();

  const startOf = new Map<number, bigint>();
  for (const p of committed[0]?.partitions ?? []) startOf.set(p.partition, BigInt(p.offset === '-1' ? '0' : p.offset));
  const remaining = new Map<number, bigint>();
  for (const p of ends) {
    const from = startOf.get(p.partition) ?? BigInt(p.low);
    const start = from < BigInt(p.low) ? BigInt(p.low) : from;
    if (BigInt(p.high) > start) remaining.set(p.partition, BigInt(p.high));
  }
  const report: DlqReplayReport = { replayed: 0, skipped: 0 };
  if (remaining.size === 0) return report;

  const producer = kafka.producer(reliableProducerConfig());
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await Promise.all([producer.connect(), consumer.connect()]);
  try {
    await consumer.subscribe({ topics: [dlq], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = remaining.get(partition);
            if (end === undefined || BigInt(message.offset) >= end) return;
            const headers = headersToStrings(message.headers as Record<string, unknown>);
            const wanted = !options.onlyGroup || headers[DLQ_HEADERS.consumerGroup] === options.onlyGroup;
            if (wanted && !options.dryRun) {
              const original = Object.fromEntries(Object.entries(headers).filter(([name]) => !DLQ_ONLY.has(name)));
              original[REPLAY_HEADER] = `${dlq}/${partition}/${message.offset}`;
              await producer.send({
                topic: headers[DLQ_HEADERS.originalTopic] ?? topic,
                acks: -1,
                messages: [{ key: message.key, value: message.value, headers: original }],
              });
            }
            if (wanted) report.replayed += 1;
            else report.skipped += 1;
            if (!options.dryRun) {
              await consumer.commitOffsets([{ topic: dlq, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
            }
            if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return report;
}
