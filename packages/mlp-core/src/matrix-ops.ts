/**
 * Small operations on nested-row matrices, for recomputing a step the way a student would
 * (misconceptions) and for comparing answers. The hot training loop stays on flat buffers in
 * network.ts; these favour readability over speed.
 */
import type { Matrix, Value } from './types.ts';

export function rowsOf(m: Matrix): number {
  return m.length;
}

export function colsOf(m: Matrix): number {
  return m[0]?.length ?? 0;
}

/** Same kind (scalar or matrix) and, for matrices, the same rows × cols. */
export function sameShape(a: Value, b: Value): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number';
  }
  return rowsOf(a) === rowsOf(b) && colsOf(a) === colsOf(b);
}

/** The values of a scalar or a matrix, row-major. */
export function flatten(v: Value): number[] {
  return typeof v === 'number' ? [v] : v.flat();
}

export function map(m: Matrix, f: (x: number, r: number, c: number) => number): Matrix {
  return m.map((row, r) => row.map((x, c) => f(x, r, c)));
}

/** Elementwise f(a, b); a and b have the same shape. */
export function zip(a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
  return a.map((row, r) => row.map((x, c) => f(x, b[r]![c]!)));
}

export const add = (a: Matrix, b: Matrix) => zip(a, b, (x, y) => x + y);
export const sub = (a: Matrix, b: Matrix) => zip(a, b, (x, y) => x - y);
export const mul = (a: Matrix, b: Matrix) => zip(a, b, (x, y) => x * y);
export const scale = (m: Matrix, k: number) => map(m, (x) => k * x);

/** a + k·b, elementwise. */
export const addScaled = (a: Matrix, k: number, b: Matrix) => zip(a, b, (x, y) => x + k * y);

/** Adds the 1×cols row `bias` to every row of `m`. */
export function addRow(m: Matrix, bias: Matrix): Matrix {
  const b = bias[0]!;
  return map(m, (x, _r, c) => x + b[c]!);
}

export function transpose(m: Matrix): Matrix {
  const out: Matrix = [];
  for (let c = 0; c < colsOf(m); c++) out.push(m.map((row) => row[c]!));
  return out;
}

/** The matrix product a·b, or null when the inner dimensions differ (the student could not). */
export function matmul(a: Matrix, b: Matrix): Matrix | null {
  const inner = colsOf(a);
  if (inner !== rowsOf(b)) return null;
  return a.map((row) => {
    const out: number[] = [];
    for (let c = 0; c < colsOf(b); c++) {
      let s = 0;
      for (let k = 0; k < inner; k++) s += row[k]! * b[k]![c]!;
      out.push(s);
    }
    return out;
  });
}

/** Column sums as a 1×cols row. */
export function columnSums(m: Matrix): Matrix {
  const out = new Array<number>(colsOf(m)).fill(0);
  for (const row of m) {
    row.forEach((x, c) => {
      out[c]! += x;
    });
  }
  return [out];
}

export function sumOfSquares(m: Matrix): number {
  let s = 0;
  for (const row of m) for (const x of row) s += x * x;
  return s;
}

export function sumAll(m: Matrix): number {
  let s = 0;
  for (const row of m) for (const x of row) s += x;
  return s;
}
