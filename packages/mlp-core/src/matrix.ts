import type { Matrix } from './types.ts';

/** A flat row-major buffer as nested rows (the JSON and UI shape). */
export function toRows(data: ArrayLike<number>, rows: number, cols: number): Matrix {
  const out: Matrix = [];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < cols; c++) row.push(data[r * cols + c]!);
    out.push(row);
  }
  return out;
}

/** Nested rows as a flat row-major buffer. */
export function fromRows(m: Matrix): Float64Array {
  const cols = m[0]?.length ?? 0;
  const out = new Float64Array(m.length * cols);
  m.forEach((row, r) => {
    row.forEach((v, c) => {
      out[r * cols + c] = v;
    });
  });
  return out;
}
