import { queryPrepared, StatementParams } from '@onewindow/platform/persistence';
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
  /** The payload as JSON text, sent as the message body without a parse and re-serialise. */
  value: string;
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
    const params = new StatementParams();
    // Prepared: one per state change on every service's hot path (its text depends only on the row count).
    await queryPrepared(manager, this.insertStatement(rows, params), params.values);
  }

  /** The INSERT of `rows` (at least one), its values added to `params`: to run alone or inside a caller's statement. */
  insertStatement(rows: readonly NewOutboxRow[], params: StatementParams): string {
    const values = params.rows(
      rows.map((row) => [row.id, row.topic, row.key, laneOf(row.key), row.type, JSON.stringify(row.headers), JSON.stringify(row.payload)]),
      [undefined, undefined, undefined, undefined, undefined, 'jsonb', 'jsonb'],
    );
    return `INSERT INTO outbox_event (id, topic, message_key, lane, type, headers, payload) VALUES ${values}`;
  }

  /**
   * Inside the caller's transaction: takes the lanes no other relay holds (transaction-scoped
   * advisory locks) and returns their oldest pending rows in commit order. Rows of one lane are
   * only ever read by the relay holding that lane, so each aggregate's events leave in order.
   * Each lane is read through the partial (lane, position) index, so the cost follows the batch
   * size, not the backlog. The lane lock is what excludes other relays; row locks (SKIP LOCKED)
   * would add a write per row and still could not keep an aggregate's order across replicas.
   */
  async claimBatch(manager: EntityManager, limit: number, inFlight: readonly string[] = []): Promise<OutboxRow[]> {
    // `inFlight`: rows this transaction already claimed and is producing, not yet marked. Lane locks
    // are re-entrant within the transaction, so a second claim keeps this relay's lanes and reads on
    // after them (and may take lanes another relay has released since).
    return manager.query(
      `WITH claimed AS MATERIALIZED (
         SELECT lane FROM generate_series(0, ${OUTBOX_LANES - 1}) AS lane
          WHERE EXISTS (SELECT 1 FROM outbox_event o WHERE o.lane = lane.lane AND o.published_at IS NULL)
            AND pg_try_advisory_xact_lock(${LANE_LOCK_CLASS}, lane)
       ), picked AS MATERIALIZED (
         SELECT p.position
           FROM claimed c
           CROSS JOIN LATERAL (
             SELECT o.position FROM outbox_event o
              WHERE o.lane = c.lane AND o.published_at IS NULL AND o.position <> ALL ($2::bigint[])
              ORDER BY o.position
              LIMIT $1
           ) p
          ORDER BY p.position
          LIMIT $1
       )
       SELECT position::text AS position, id, topic, message_key, headers, payload::text AS value
         FROM outbox_event
        WHERE position IN (SELECT position FROM picked) AND published_at IS NULL
        ORDER BY outbox_event.position`,
      [limit, inFlight],
    );
  }

  async markPublished(manager: EntityManager, positions: string[]): Promise<void> {
    // Losing this commit in a crash only means the batch is produced again, which consumers'
    // inboxes absorb; so it need not wait for the WAL flush.
    await manager.query(`SET LOCAL synchronous_commit = off`);
    await queryPrepared(
      manager,
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

  /** Unpublished events and the age in seconds of the oldest (0 when none): the relay's lag. */
  async pendingStats(manager: EntityManager): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age
         FROM outbox_event WHERE published_at IS NULL`,
    );
    return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: Number(row?.age ?? 0) };
  }
}
