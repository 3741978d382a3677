import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The numpy reference numbers, copied as they are into the repository's fixtures/ folder. */
export const FIXTURE_PATH = fileURLToPath(
  new URL('../../../fixtures/seed-worked-example.json', import.meta.url),
);

type Nested = number | Nested[];
export interface Fixture {
  config: {
    data_seed: number;
    n: number;
    weight_seed: number;
    sizes: number[];
    lr: number;
    reg: number;
    batch: number;
  };
  values: Record<string, Nested>;
  rng: { seed: number; random_sample: number[]; randn: number[] }[];
  first_points: { X: number[][]; y: number[][] };
}

export const fixture: Fixture = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'));

export function flatten(v: Nested): number[] {
  return typeof v === 'number' ? [v] : v.flatMap(flatten);
}

/** Largest |a - b| / max(1, |b|) entry by entry; Infinity when the shapes differ. */
export function maxRelativeDifference(a: Nested, b: Nested): number {
  const x = flatten(a);
  const y = flatten(b);
  if (x.length !== y.length || JSON.stringify(shapeOf(a)) !== JSON.stringify(shapeOf(b)))
    return Infinity;
  return x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i]!) / Math.max(1, Math.abs(y[i]!))), 0);
}

function shapeOf(v: Nested): number[] {
  return typeof v === 'number' ? [] : [v.length, ...shapeOf(v[0] ?? 0)];
}
