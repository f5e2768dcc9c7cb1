/**
 * The parameters of one SQL statement assembled from parts (a case's UPDATE with the INSERTs of its
 * tasks, audit act and events as data-modifying WITH clauses): each part adds its values here and
 * writes the placeholders it gets back, so the parts never need to know each other's numbering.
 */
export class StatementParams {
  readonly values: unknown[] = [];

  /** `$n` (with `::cast`) for `value`. */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  /** `(…), (…)`: a row's i-th value cast to `casts[i]` when given. */
  rows(rows: ReadonlyArray<readonly unknown[]>, casts: ReadonlyArray<string | undefined> = []): string {
    return rows.map((row) => `(${row.map((value, i) => this.add(value, casts[i])).join(', ')})`).join(', ');
  }
}
