import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

export interface PreparedResult<R> {
  rows: R[];
  /** Rows inserted, updated, deleted or returned. */
  rowCount: number;
}

const names = new Map<string, string>();
/** Above this many distinct texts something builds SQL from values; stop naming rather than grow without end. */
const MAX_NAMED_TEXTS = 2000;

/** A statement's name: derived from its text, so one name always means one text on every connection. */
function nameOf(sql: string): string | undefined {
  const known = names.get(sql);
  if (known !== undefined || names.size >= MAX_NAMED_TEXTS) return known;
  const name = `ow_${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}`;
  names.set(sql, name);
  return name;
}

/**
 * Runs `sql` as a named prepared statement on the connection of `manager`'s transaction (or a pooled
 * connection outside one): each connection parses and plans a text once, later executions only bind
 * and execute — about a third less PostgreSQL CPU per statement on the hot paths (docs/benchmarks.md).
 * For statements whose text comes from a fixed set (placeholders only, never values). Name the
 * result columns instead of `*`, so that adding a column in a migration never changes a prepared
 * statement's result type. Errors are TypeORM's QueryFailedError, as from `manager.query`.
 */
export async function queryPrepared<R = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<PreparedResult<R>> {
  const runner = manager.queryRunner;
  // TypeORM's postgres driver hands out pg pool clients and keeps the pool as `master`.
  const target: PoolClient | Pool =
    runner && !runner.isReleased
      ? ((await runner.connect()) as PoolClient)
      : (manager.connection.driver as unknown as { master: Pool }).master;
  const name = nameOf(sql);
  try {
    const result = await target.query<R & Record<string, unknown>>(name ? { name, text: sql, values: [...params] } : { text: sql, values: [...params] });
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  } catch (error) {
    throw new QueryFailedError(sql, [...params], error as Error);
  }
}
