/**
 * node-postgres turns a `date` column into a JavaScript Date at local midnight; the workflow works
 * with civil dates as `YYYY-MM-DD` strings, so read them back with the local calendar fields.
 */
export function civilDateColumn(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  throw new TypeError(`not a date column value: ${String(value)}`);
}
