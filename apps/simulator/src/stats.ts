// Percentiles (nearest rank) and counters for the summary.

export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

const round = (x: number): number => Math.round(x * 10) / 10;

/** Nearest-rank percentiles of `samples` (milliseconds), rounded to 0.1. */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!);
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: round(sorted[sorted.length - 1]!),
  };
}

/** Counts by key (error codes). */
export class Tally {
  readonly counts: Record<string, number> = {};
  add(key: string, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }
}
