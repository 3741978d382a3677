import {
  DECK_CONFIG,
  initParams,
  type Matrix,
  type NetworkConfig,
  type StepTrace,
  traceStep,
  type Value,
} from '../src/index.ts';

/** The deck's worked example. */
export const deckTrace = () => traceStep(DECK_CONFIG, 0);

/** Biases, a batch of 4, λ = 0.1, tanh: every optional term of the chain switched on. */
export const RICH_CONFIG: NetworkConfig = {
  ...DECK_CONFIG,
  bias: true,
  batch: 4,
  reg: 0.1,
  activation: 'tanh',
};
export const richTrace = () => traceStep(RICH_CONFIG, 0);

/**
 * hidden = batch = 2: the shapes that let transposes and swapped layers fit. (At some offsets a
 * mistake lands within tolerance of the truth and is rightly dropped; offset 0 is not one.)
 */
export const squareTrace = () =>
  traceStep({ ...DECK_CONFIG, hidden: 2, batch: 2, bias: true, reg: 0.1 }, 0);

/** Non-zero biases (a later step), so forgetting them changes z1 and z2. */
export function biasedTrace(): StepTrace {
  const config = { ...DECK_CONFIG, bias: true, batch: 2 };
  const params = initParams(config);
  params.b1!.set([0.3, -0.2, 0.1]);
  params.b2!.set([-0.25, 0.15]);
  return traceStep(config, 0, { params });
}

export const truthOf = (trace: StepTrace, name: string): Value => {
  const e = trace.entries.find((x) => x.name === name);
  if (!e) throw new Error(`no ${name}`);
  return e.value;
};
export const matrixOf = (trace: StepTrace, name: string) => truthOf(trace, name) as Matrix;

/**
 * The weights an update quantity starts from (W1 for W1_new), row-major; null otherwise. Written
 * here again, apart from src, so the tests check the rule rather than restate the code.
 */
export function baseOf(trace: StepTrace, name: string): number[] | null {
  if (!name.endsWith('_new')) return null;
  return (trace.givens[name.slice(0, -4) as 'W1'] ?? null)?.flat() ?? null;
}

/**
 * What each entry of `name` is compared on, row-major: the value, or for an update its step
 * (value − old weights).
 */
export function comparedOn(trace: StepTrace, name: string, v: Value): number[] {
  const xs = typeof v === 'number' ? [v] : v.flat();
  const base = baseOf(trace, name);
  return base ? xs.map((x, i) => x - base[i]!) : xs;
}

/** The rule's floor for the compared entries `r`: min(absolute, max(1% of max |r|, 1e-8)). */
export const floorFor = (r: number[], t = { relative: 0.01, absolute: 0.0005 }) =>
  Math.min(t.absolute, Math.max(0.01 * Math.max(...r.map(Math.abs)), 1e-8));

/**
 * The accepted error of each entry of `name` under a tolerance (the default: 1%, 0.0005):
 * max(relative·|r|, min(absolute, 1% of the largest |r|)), r the truth or, for updates, its step.
 */
export function widthsOf(
  trace: StepTrace,
  name: string,
  t = { relative: 0.01, absolute: 0.0005 },
): number[] {
  const r = comparedOn(trace, name, truthOf(trace, name));
  const floor = floorFor(r, t);
  return r.map((x) => Math.max(t.relative * Math.abs(x), floor));
}

/** The truth of `name` with the entries at flat indices `which` moved by factor × their width. */
export function nudge(
  trace: StepTrace,
  name: string,
  which: (i: number) => boolean,
  factor: number,
): Value {
  const v = truthOf(trace, name);
  const w = widthsOf(trace, name);
  if (typeof v === 'number') return which(0) ? v + factor * w[0]! : v;
  const cols = v[0]!.length;
  return v.map((row, r) =>
    row.map((x, c) => (which(r * cols + c) ? x + factor * w[r * cols + c]! : x)),
  );
}

export const sizeOf = (v: Value) => (typeof v === 'number' ? 1 : v.length * v[0]!.length);

export const T = (m: Matrix): Matrix => m[0]!.map((_, c) => m.map((row) => row[c]!));
export const matmul = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => b[0]!.map((_, c) => row.reduce((s, x, k) => s + x * b[k]![c]!, 0)));
export const elementwise = (a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix =>
  a.map((row, r) => row.map((x, c) => f(x, b[r]![c]!)));
export const mapM = (a: Matrix, f: (x: number) => number): Matrix => a.map((row) => row.map(f));

/** Entrywise agreement to `eps`, shapes included. */
export function close(a: Value, b: Value, eps = 1e-12): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= eps;
  }
  return (
    a.length === b.length &&
    a.every(
      (row, r) =>
        row.length === b[r]!.length && row.every((x, c) => Math.abs(x - b[r]![c]!) <= eps),
    )
  );
}
