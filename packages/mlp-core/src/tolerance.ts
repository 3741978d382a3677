/**
 * When a predicted number counts as the true one. Shared by grading (is the answer right?) and
 * misconceptions (are two wrong answers really different?), so both draw the same line.
 */
import { flatten } from './matrix-ops.ts';
import type { Value } from './types.ts';

export interface Tolerance {
  /** Share of the reference's magnitude, e.g. 0.01 for 1%. */
  relative: number;
  /** Floor for references near zero, where a relative tolerance shrinks to nothing. */
  absolute: number;
}

/** Within 1% relative or 0.0005 absolute, whichever is larger. */
export const DEFAULT_TOLERANCE: Readonly<Tolerance> = Object.freeze({
  relative: 0.01,
  absolute: 0.0005,
});

/** The default with the instructor's overrides, checked: throws RangeError. */
export function resolveTolerance(overrides: Partial<Tolerance> = {}): Tolerance {
  const t = { ...DEFAULT_TOLERANCE, ...overrides };
  for (const key of ['relative', 'absolute'] as const) {
    const v = t[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`tolerance.${key} must be a finite number >= 0, got ${String(v)}`);
    }
  }
  return t;
}

/** |x - reference| <= max(relative·|reference|, absolute). */
export function withinTolerance(x: number, reference: number, t: Tolerance): boolean {
  return Math.abs(x - reference) <= Math.max(t.relative * Math.abs(reference), t.absolute);
}

/** Every entry of `x` within tolerance of the same entry of `reference` (same shapes). */
export function allWithin(x: Value, reference: Value, t: Tolerance): boolean {
  const xs = flatten(x);
  const rs = flatten(reference);
  return xs.length === rs.length && xs.every((v, i) => withinTolerance(v, rs[i]!, t));
}

/**
 * Two values a grader could confuse: either one, taken as the answer, would be accepted for the
 * other. Symmetric because the tolerance is relative to the reference.
 */
export function indistinguishable(a: Value, b: Value, t: Tolerance = DEFAULT_TOLERANCE): boolean {
  return allWithin(a, b, t) || allWithin(b, a, t);
}
