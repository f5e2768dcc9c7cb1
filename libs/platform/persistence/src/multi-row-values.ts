/**
 * The `VALUES (...), (...)` list and parameters of a multi-row INSERT, so a batch of rows costs one
 * round trip. `casts[i]` (e.g. `jsonb`) is appended to every row's i-th placeholder. `after`: how
 * many parameters the statement uses before this list (its placeholders start at `$after+1`).
 */
export function multiRowValues(
  rows: ReadonlyArray<readonly unknown[]>,
  casts: ReadonlyArray<string | undefined> = [],
  after = 0,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = row.map((value, i) => {
      params.push(value);
      const cast = casts[i];
      return cast ? `$${after + params.length}::${cast}` : `$${after + params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  return { sql: tuples.join(', '), params };
}
