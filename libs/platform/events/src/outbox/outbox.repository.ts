import { EntityManager } from 'typeorm';

export const OUTBOX_CHANNEL = 'outbox_event';

/** Lanes split the outbox between relay replicas while keeping each aggregate on one lane. */
export const OUTBOX_LANES = 16;

/** Advisory-lock class id that namespaces the outbox lane locks ("OW" in ASCII). */
const LANE_LOCK_CLASS = 0x4f57;

export interface OutboxRow {
  position: string;
  id: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: unknown;
}

export interface NewOutboxRow {
  id: string;
  topic: string;
  key: string;
  type: string;
  headers: Record<string, string>;
  payload: unknown;
}

/** FNV-1a: stable across processes and releases, so an aggregate never changes lane. */
export function laneOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % OUTBOX_LANES;
}

export class OutboxRepository {
  async append(manager: EntityManager, rows: NewOutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    const values: unknown[] = [];
    const tuples = rows.map((row, i) => {
      values.push(row.id, row.topic, row.key, laneOf(row.key), row.type, JSON.stringify(row.headers), JSON.stringify(row.payload));
      const b = i * 7;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::jsonb, $${b + 7}::jsonb)`;
    });
    await manager.query(
      `INSERT INTO outbox_event (id, topic, message_key, lane, type, headers, payload) VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  /**
   * Inside the caller's transaction: takes the lanes no other relay holds (transaction-scoped
   * advisory locks) and returns their oldest pending rows in commit order. Rows of one lane are
   * only ever read by the relay holding that lane, so each aggregate's events leave in order.
   */
  async claimBatch(manager: EntityManager, limit: number): Promise<OutboxRow[]> {
    return manager.query(
      `WITH pending_lanes AS MATERIALIZED (
         SELECT DISTINCT lane FROM outbox_event WHERE published_at IS NULL
       ), claimed AS MATERIALIZED (
         SELECT lane FROM pending_lanes WHERE pg_try_advisory_xact_lock(${LANE_LOCK_CLASS}, lane)
       )
       SELECT position::text AS position, id, topic, message_key, headers, payload
         FROM outbox_event
        WHERE published_at IS NULL AND lane IN (SELECT lane FROM claimed)
        ORDER BY outbox_event.position
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markPublished(manager: EntityManager, positions: string[]): Promise<void> {
    await manager.query(
      `UPDATE outbox_event SET published_at = now(), publish_attempts = publish_attempts + 1, last_error = NULL
        WHERE position = ANY($1::bigint[])`,
      [positions],
    );
  }

  async recordFailure(manager: EntityManager, positions: string[], error: string): Promise<void> {
    await manager.query(
      `UPDATE outbox_event SET publish_attempts = publish_attempts + 1, last_error = $2 WHERE position = ANY($1::bigint[])`,
      [positions, error.slice(0, 1000)],
    );
  }

  async deletePublishedBefore(manager: EntityManager, before: Date): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < $1`,
      [before],
    );
    return result[1];
  }

  /** Age in seconds of the oldest unpublished event (0 when none): the relay's lag. */
  async pendingLagSeconds(manager: EntityManager): Promise<number> {
    const [row] = await manager.query(
      `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS lag
         FROM outbox_event WHERE published_at IS NULL`,
    );
    return Number(row?.lag ?? 0);
  }
}
