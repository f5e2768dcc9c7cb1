/** The nearest-rank percentile `p` (0–100) of ascending `sorted`; NaN when empty. Shared by every benchmark. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
