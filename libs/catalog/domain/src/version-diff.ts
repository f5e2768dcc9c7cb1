export type DiffKind = 'ADDED' | 'REMOVED' | 'CHANGED';

export interface FieldChange {
  /** Path such as `fee.amountFen` or `materials[1].source`. */
  field: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Field-by-field differences between two version contents, leaf by leaf, in a stable order. */
export function diffContent(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ field: path, kind: 'ADDED', after }];
  if (after === undefined) return [{ field: path, kind: 'REMOVED', before }];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffContent(before[key], after[key], join(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffContent(before[i], after[i], `${path}[${i}]`)).flat();
  }
  return Object.is(before, after) ? [] : [{ field: path, kind: 'CHANGED', before, after }];
}
