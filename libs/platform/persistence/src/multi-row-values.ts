import { StatementParams } from './statement-params';

/**
 * The `VALUES (...), (...)` list and parameters of a multi-row INSERT, so a batch of rows costs one
 * round trip. `casts[i]` (e.g. `jsonb`) is appended to every row's i-th placeholder.
 */
export function multiRowValues(rows: ReadonlyArray<readonly unknown[]>, casts: ReadonlyArray<string | undefined> = []): { sql: string; params: unknown[] } {
  const params = new StatementParams();
  return { sql: params.rows(rows, casts), params: params.values };
}
