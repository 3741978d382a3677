/**
 * When a predicted number counts as the true one. Shared by grading (is the answer right?) and
 * misconceptions (are two wrong answers really different?), so both draw the same line.
 *
 * THE RULE (the one place it is decided; packages/mlp-core/README.md explains it to people):
 *
 * 1. An entry is right when |answer − truth| ≤ max(relative · |truth|, floor).
 * 2. The floor is the tolerance's `absolute`, but never more than NEGLIGIBLE_SHARE (1%) of the
 *    largest |entry| of the true matrix: `floor = min(absolute, 1% · max|truth|)`, and not below
 *    PRINTED_FLOOR (1e-8, what 8 printed decimals allow) unless `absolute` itself is.
 *    Why: a fixed 5e-4 was meant for entries near zero, but whole gradients are that small
 *    (dLoss_dW1 at the deck's step is 0.001–0.04, dLoss_dz1 at batch 8 carries 1/8), and then
 *    0, −truth and ×2 were accepted. Scaled to the matrix, the floor only forgives the entries
 *    that are negligible next to their neighbours (≤ 1% of the largest), whatever the quantity's
 *    size, the batch (1/N) or the learning rate. A relative error of 100% (0, ×2) or 200% (wrong
 *    sign) therefore passes only on such negligible entries, for any relative tolerance below 1.
 * 3. Updates (W*_new, b*_new) are graded on the step: (answer − W) against −α·g, with rules 1–2
 *    applied to the step. At α = 0.001 the step is 10⁴ times smaller than W, so comparing the new
 *    weights themselves either accepted W unchanged (1% of W) or asked for 6–7 significant
 *    figures at large α (a fixed 5e-6). On the step, "W unchanged" (a step of 0) and "gradient
 *    added" (the step's sign flipped) are wrong at every learning rate.
 * 4. Sign mode: the true sign is right; on a negligible entry (|truth| ≤ floor) 0 is right too.
 */
import { flatten } from './matrix-ops.ts';
import type { GivenName, QuantityName, StepTrace, Value } from './types.ts';

export interface Tolerance {
  /** Share of the reference's magnitude, e.g. 0.01 for 1%. */
  relative: number;
  /** Most an entry near zero may be off by; scaled down with its matrix (see floorOf). */
  absolute: number;
}

/** Within 1% relative or 0.0005 absolute (scaled to the matrix), whichever is larger. */
export const DEFAULT_TOLERANCE: Readonly<Tolerance> = Object.freeze({
  relative: 0.01,
  absolute: 0.0005,
});

/** An entry at most this share of the largest |entry| of its matrix is negligible. */
export const NEGLIGIBLE_SHARE = 0.01;

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

/** The largest |entry| of a value or of a flat list of entries. */
export function largestOf(v: Value | readonly number[]): number {
  const xs = typeof v === 'number' ? [v] : (v as readonly (number | readonly number[])[]).flat();
  return xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
}

/**
 * The smallest floor a student can meet: values are shown to 8 decimals, so an answer computed
 * from them is off by up to about 5e-9 per given. Below it (a tiny step, a saturated gradient,
 * a step of zero) the 1% share would ask for digits nobody was shown.
 */
export const PRINTED_FLOOR = 1e-8;

/**
 * The absolute floor for entries of `reference`: min(absolute, max(1% of its largest |entry|,
 * PRINTED_FLOOR)).
 */
export function floorOf(reference: Value | readonly number[], t: Tolerance): number {
  return Math.min(t.absolute, Math.max(NEGLIGIBLE_SHARE * largestOf(reference), PRINTED_FLOOR));
}

/**
 * |x − reference| ≤ max(relative·|reference|, floor). `floor` defaults to the tolerance's
 * absolute; graders pass floorOf(the whole reference matrix) so the floor scales with it.
 */
export function withinTolerance(
  x: number,
  reference: number,
  t: Tolerance,
  floor: number = t.absolute,
): boolean {
  return Math.abs(x - reference) <= Math.max(t.relative * Math.abs(reference), floor);
}

/** Sign mode: the true sign, or 0 when the entry is negligible (|reference| ≤ floor). */
export function signAccepted(sign: number, reference: number, floor: number): boolean {
  return sign === Math.sign(reference) || (sign === 0 && Math.abs(reference) <= floor);
}

/** Per entry of `x`: within tolerance of the same entry of `reference`, floor from `reference`. */
export function entriesWithin(
  x: readonly number[],
  reference: readonly number[],
  t: Tolerance,
): boolean[] {
  const floor = floorOf(reference, t);
  return x.map((v, i) => withinTolerance(v, reference[i]!, t, floor));
}

/** Every entry of `x` within tolerance of the same entry of `reference` (same shapes). */
export function allWithin(x: Value, reference: Value, t: Tolerance): boolean {
  const xs = flatten(x);
  const rs = flatten(reference);
  return xs.length === rs.length && entriesWithin(xs, rs, t).every(Boolean);
}

/**
 * Two values a grader could confuse: either one, taken as the answer, would be accepted for the
 * other.
 */
export function indistinguishable(a: Value, b: Value, t: Tolerance = DEFAULT_TOLERANCE): boolean {
  return allWithin(a, b, t) || allWithin(b, a, t);
}

/**
 * The tolerance in plain words for students, e.g. "3 significant figures are enough; entries
 * under 1% of the largest may be given as 0." For an update (`update` names the weight, e.g.
 * 'W1'), what counts is the change from the old weights. Pure: the same text on every screen.
 */
export function describeTolerance(
  tolerance: Partial<Tolerance> = {},
  options: { update?: string; mode?: 'numeric' | 'sign' } = {},
): string {
  const t = resolveTolerance(tolerance);
  if (options.mode === 'sign') {
    const zero = t.absolute > 0 ? '; an entry under 1% of the largest may be given as 0' : '';
    return `Give the sign of each entry (−1, 0 or 1)${zero}.`;
  }
  const figures = significantFigures(t.relative);
  const precision =
    figures === null
      ? 'Give the exact value'
      : `${figures} significant figure${figures === 1 ? ' is' : 's are'} enough`;
  const zero = t.absolute > 0 ? '; entries under 1% of the largest may be given as 0' : '';
  if (options.update) {
    const w = options.update;
    const keep =
      t.absolute > 0
        ? `; an entry whose change is under 1% of the largest may stay as in ${w}`
        : '';
    return `What counts is your change to ${w}: ${precision.toLowerCase()} for the change, so keep every decimal of ${w}${keep}.`;
  }
  return `${precision}${zero}.`;
}

/**
 * The fewest significant figures that always land within `relative`: rounding to k figures is
 * off by at most 5·10^−k relative to the leading digit (worst case 1.xx), so k is the smallest
 * with 5·10^−k ≤ relative. Null for 0 (exact) and more than 15 figures.
 */
export function significantFigures(relative: number): number | null {
  if (!(relative > 0)) return null;
  for (let k = 1; k <= 15; k++) if (5 * 10 ** -k <= relative * (1 + 1e-9)) return k;
  return null;
}

/** How answers to one quantity of a step are compared with a reference (the truth or a slip). */
export interface Judge {
  tolerance: Tolerance;
  /**
   * For an update (W*_new, b*_new): the weights before the step, row-major. Answers and
   * references are then compared as changes from them (rule 3).
   */
  base: readonly number[] | null;
  /** Per entry: the numeric answer is accepted for `reference`. */
  numeric(answer: readonly number[], reference: Value): boolean[];
  /** Per entry: the sign answer (−1, 0, 1) is accepted for `reference` (rule 4, on the value). */
  sign(answer: readonly number[], reference: Value): boolean[];
  /** Every entry of `answer` accepted for `reference`. */
  accepts(answer: Value, reference: Value): boolean;
  /** Neither value, taken as the answer, would be accepted for the other. */
  distinct(a: Value, b: Value): boolean;
}

/** The given an update quantity starts from: W1 for W1_new, b2 for b2_new; null otherwise. */
export function updateBaseOf(trace: StepTrace, name: QuantityName): GivenName | null {
  if (!name.endsWith('_new')) return null;
  const given = name.slice(0, -4) as GivenName;
  return trace.givens[given] ? given : null;
}

/** The judge of `name` in `trace` under `tolerance` (the question's; the default otherwise). */
export function judgeFor(
  trace: StepTrace,
  name: QuantityName,
  tolerance: Partial<Tolerance> = {},
): Judge {
  const t = resolveTolerance(tolerance);
  const given = updateBaseOf(trace, name);
  const base = given ? trace.givens[given]!.flat() : null;
  const steps = (v: readonly number[]) => (base ? v.map((x, i) => x - base[i]!) : v);
  const numeric = (answer: readonly number[], reference: Value) =>
    entriesWithin(steps(answer), steps(flatten(reference)), t);
  const accepts = (answer: Value, reference: Value) => {
    const a = flatten(answer);
    return a.length === flatten(reference).length && numeric(a, reference).every(Boolean);
  };
  return {
    tolerance: t,
    base,
    numeric,
    sign: (answer, reference) => {
      const r = flatten(reference);
      const floor = floorOf(r, t);
      return answer.map((a, i) => signAccepted(a, r[i]!, floor));
    },
    accepts,
    distinct: (a, b) => !accepts(a, b) && !accepts(b, a),
  };
}
