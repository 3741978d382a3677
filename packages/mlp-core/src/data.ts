import { RandomState } from './rng.ts';

/** The XOR points: `x` is n×2 row-major, `y` is n×2 one-hot (label 0 -> [1, 0], 1 -> [0, 1]). */
export interface Dataset {
  n: number;
  x: Float64Array;
  y: Float64Array;
  /** The class of each row: xor(x0 > 0, x1 > 0). */
  labels: Uint8Array;
}

/** The deck's data: `X = RandomState(dataSeed).randn(n, 2)`, label xor(x0 > 0, x1 > 0). */
export function xorData(dataSeed: number, n: number): Dataset {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const x = new RandomState(dataSeed).randns(n * 2);
  const y = new Float64Array(n * 2);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const label = x[2 * i]! > 0 !== x[2 * i + 1]! > 0 ? 1 : 0;
    labels[i] = label;
    y[2 * i + label] = 1;
  }
  return { n, x, y, labels };
}
