import { EntityManager } from 'typeorm';

export interface InboxEntry {
  consumerGroup: string;
  eventId: string;
  type: string;
  topic: string;
  partition: number;
  offset: string;
}

export class InboxRepository {
  /**
   * Records the event as processed by this consumer group, in the caller's transaction.
   * Returns false when it was processed before: the caller must then skip the effect.
   */
  async record(manager: EntityManager, entry: InboxEntry): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO inbox_event (consumer_group, event_id, type, topic, kafka_partition, kafka_offset)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (consumer_group, event_id) DO NOTHING
       RETURNING event_id`,
      [entry.consumerGroup, entry.eventId, entry.type, entry.topic, entry.partition, entry.offset],
    );
    return rows.length === 1;
  }

  async deleteProcessedBefore(manager: EntityManager, before: Date): Promise<void> {
    await manager.query(`DELETE FROM inbox_event WHERE processed_at < $1`, [before]);
  }
}
