/**
 * The grading table of issue 13: for the deck's step and random configurations, what every
 * typical answer earns, checked against the rule written again here (helpers.ts: widthsOf,
 * comparedOn) rather than against the code that implements it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  DECK_CONFIG,
  describeTolerance,
  gradeAnswer,
  judgeFor,
  type Matrix,
  misconceptionsFor,
  multipleChoice,
  type NetworkConfig,
  type StepTrace,
  significantFigures,
  type Tolerance,
  traceStep,
  type Value,
} from '../src/index.ts';
import { baseOf, comparedOn, deckTrace, floorFor, truthOf, widthsOf } from './helpers.ts';

const DEFAULT = { relative: 0.01, absolute: 0.0005 };

/** `truth` with each entry (of the step, for an update) replaced by f(entry). */
function transform(trace: StepTrace, name: string, f: (x: number) => number): Value {
  const truth = truthOf(trace, name);
  if (typeof truth === 'number') return f(truth);
  const base = baseOf(trace, name);
  const cols = truth[0]!.length;
  return truth.map((row, r) =>
    row.map((x, c) => {
      if (!base) return f(x);
      const w = base[r * cols + c]!;
      return w + f(x - w);
    }),
  );
}

/** The answers that must earn nothing except on negligible entries, per quantity. */
function wrongAnswers(trace: StepTrace, name: string): [string, Value][] {
  const out: [string, Value][] = [
    ['−truth', transform(trace, name, (x) => -x)],
    ['0', transform(trace, name, () => 0)],
    ['×2', transform(trace, name, (x) => 2 * x)],
  ];
  if (baseOf(trace, name)) {
    // For an update the transforms above act on the step: 0 is "weights unchanged", −step is
    // "gradient added". Here they are again, built from the givens as a student would.
    const w = name.slice(0, -4) as 'W1';
    const W = trace.givens[w]!;
    const g = truthOf(trace, `dLoss_d${w}`) as Matrix;
    out.push(['unchanged', W]);
    out.push(['W + α·g', W.map((r, i) => r.map((x, j) => x + trace.config.lr * g[i]![j]!))]);
  }
  return out;
}

/** Per entry, the rule's verdict: |a − r| ≤ width (on the step for updates). */
function oracle(trace: StepTrace, name: string, answer: Value, t: Tolerance = DEFAULT): boolean[] {
  const a = comparedOn(trace, name, answer);
  const r = comparedOn(trace, name, truthOf(trace, name));
  const w = widthsOf(trace, name, t);
  // A hair of slack for the rounding of a − W, r − W (1e-15 relative to the weights).
  return a.map((x, i) => Math.abs(x - r[i]!) <= w[i]! + 1e-12 * (1 + Math.abs(x)));
}

/** Entries that are negligible next to their matrix: |r| ≤ the floor (1% of the largest |r|). */
function negligible(trace: StepTrace, name: string, t: Tolerance = DEFAULT): boolean[] {
  const r = comparedOn(trace, name, truthOf(trace, name));
  const floor = floorFor(r, t);
  return r.map((x) => Math.abs(x) <= floor);
}

function checkTable(trace: StepTrace, t: Tolerance = DEFAULT) {
  for (const e of trace.entries) {
    const name = e.name;
    const truth = gradeAnswer(trace, name, e.value, { tolerance: t });
    expect(truth.score, `${name}: the truth`).toBe(1);
    const small = negligible(trace, name, t);

    for (const [label, answer] of wrongAnswers(trace, name)) {
      const r = gradeAnswer(trace, name, answer, { tolerance: t });
      const verdicts = r.entries.map((x) => x.correct);
      const expected = oracle(trace, name, answer, t);
      // Borderline entries (exactly at the width) may round either way.
      verdicts.forEach((v, i) => {
        if (!small[i]) expect(v, `${name} ${label}, entry ${i}: not negligible`).toBe(false);
        else if (v !== expected[i]) expect.fail(`${name} ${label}, entry ${i}: ${v}`);
      });
      if (small.every((s) => !s)) expect(r.score, `${name} ${label}`).toBe(0);
    }

    for (const m of misconceptionsFor(trace, name, t)) {
      const r = gradeAnswer(trace, name, m.value, { tolerance: t });
      const expected = oracle(trace, name, m.value, t);
      expect(r.correct, `${m.id}@${m.origin} at ${name}`).toBe(false);
      expect(r.score).toBeCloseTo(expected.filter(Boolean).length / expected.length, 12);
      expect(r.misconception).toEqual({
        id: m.id,
        origin: m.origin,
        label: m.label,
        hint: m.hint,
      });
    }
  }
}

describe("the grading table on the deck's step", () => {
  const deck = deckTrace();

  it('the truth gets full credit; −truth, 0, ×2, W unchanged and W + α·g none except on negligible entries; each slip its own name and the credit the rule gives it', () => {
    checkTable(deck);
  });

  it('W1 unchanged and W1 + α·g earn nothing for W1_new, and the latter is named', () => {
    const W1 = deck.givens.W1!;
    expect(gradeAnswer(deck, 'W1_new', W1).score).toBe(0);
    const g = truthOf(deck, 'dLoss_dW1') as Matrix;
    const added = W1.map((r, i) => r.map((x, j) => x + 0.001 * g[i]![j]!));
    const r = gradeAnswer(deck, 'W1_new', added);
    expect(r.score).toBe(0);
    expect(r.misconception?.id).toBe('UPDATE_ADDED');
    expect(r.misconception?.hint).toMatch(/against the gradient/);
  });

  it('names both beliefs when two slips give the same number (batch 2: ½ forgotten, 1/N forgotten)', () => {
    const t = traceStep({ ...DECK_CONFIG, batch: 2 }, 0);
    const twice = transform(t, 'dLoss_dh2', (x) => 2 * x);
    const r = gradeAnswer(t, 'dLoss_dh2', twice);
    expect(r.misconception?.id).toBe('MEAN_FORGOTTEN');
    expect(r.misconception?.label).toMatch(/1\/N forgotten.*; or .*1\/2 forgotten/);
  });

  it('names the cross-entropy shortcut with the forgotten σ′ at dLoss_dz2 (they are one value)', () => {
    const y = deck.givens.y!;
    const h2 = truthOf(deck, 'h2') as Matrix;
    const shortcut = h2.map((r, i) => r.map((h, k) => h - y[i]![k]!));
    const r = gradeAnswer(deck, 'dLoss_dz2', shortcut);
    expect(r.misconception?.label).toMatch(/cross-entropy shortcut/);
    expect(r.misconception?.hint).toMatch(/cross-entropy/);
  });

  it('never asks for more than the 8 printed decimals: a step of zero accepts W as printed', () => {
    // One ReLU unit, off for the first point: no gradient reaches W1, W1_new = W1.
    const relu = traceStep({ ...DECK_CONFIG, activation: 'relu', hidden: 1 }, 0);
    const W1 = relu.givens.W1!;
    expect(truthOf(relu, 'W1_new')).toEqual(W1);
    const printed = W1.map((r) => r.map((x) => Number(x.toFixed(8))));
    expect(gradeAnswer(relu, 'W1_new', printed).correct).toBe(true);
    const off = printed.map((r) => r.map((x) => x + 1e-6));
    expect(gradeAnswer(relu, 'W1_new', off).correct).toBe(false);
  });

  it('has a named slip at z1 and dz2_dh1, and a local one first everywhere one exists', () => {
    for (const name of ['z1', 'dz2_dh1', 'loss', 'dLoss_dh1', 'dh1_dz1', 'W1_new'] as const) {
      const list = misconceptionsFor(deck, name);
      expect(list.length, name).toBeGreaterThan(0);
      expect(list[0]!.origin).toBe(name);
    }
  });
});

const CONFIGS: [string, NetworkConfig][] = [
  [
    'biases, λ 0.1, batch 4, tanh',
    { ...DECK_CONFIG, bias: true, reg: 0.1, batch: 4, activation: 'tanh' },
  ],
  [
    'ReLU, hidden 5, batch 8, λ 0.5',
    { ...DECK_CONFIG, activation: 'relu', hidden: 5, batch: 8, reg: 0.5, bias: true },
  ],
  ['batch 2, lr 2', { ...DECK_CONFIG, batch: 2, lr: 2 }],
  [
    'tanh, batch 3, lr 0.05',
    { ...DECK_CONFIG, activation: 'tanh', batch: 3, lr: 0.05, weightSeed: 9 },
  ],
];

describe.each(CONFIGS)('the grading table, %s', (_label, config) => {
  it.each([0, 37, 151])('at row %i', (offset) => {
    checkTable(traceStep(config, offset));
  });
});

describe('properties over seeds and rows (fast-check)', () => {
  const config = fc.record({
    dataSeed: fc.nat({ max: 1000 }),
    weightSeed: fc.nat({ max: 1000 }),
    n: fc.constant(300),
    hidden: fc.integer({ min: 1, max: 8 }),
    activation: fc.constantFrom(...ACTIVATIONS),
    bias: fc.boolean(),
    lr: fc.constantFrom(0.001, 0.01, 0.1, 1, 3),
    reg: fc.constantFrom(0, 0.01, 0.1, 1),
    batch: fc.integer({ min: 1, max: 8 }),
  });
  const tolerance = fc.record({
    relative: fc.constantFrom(0, 0.005, 0.01, 0.05, 0.2),
    absolute: fc.constantFrom(0, 5e-6, 5e-4, 0.01),
  });

  it('the truth and its exact signs score 1; 0, −truth and ×2 are accepted only on negligible entries', () => {
    fc.assert(
      fc.property(config, fc.nat({ max: 299 }), tolerance, (c, offset, t) => {
        const trace = traceStep(c, offset);
        for (const e of trace.entries) {
          if (gradeAnswer(trace, e.name, e.value, { tolerance: t }).score !== 1) return false;
          const signs = transformSigns(e.value);
          const s = gradeAnswer(trace, e.name, signs, { mode: 'sign', tolerance: t });
          if (s.score !== 1) return false;
          const small = negligible(trace, e.name, t);
          for (const [, answer] of wrongAnswers(trace, e.name)) {
            const r = gradeAnswer(trace, e.name, answer, { tolerance: t });
            if (r.entries.some((x, i) => x.correct && !small[i])) return false;
          }
        }
        return true;
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('every named slip is graded as itself under the question tolerance, and multiple-choice options are told apart', () => {
    fc.assert(
      fc.property(config, fc.nat({ max: 299 }), tolerance, fc.nat(), (c, offset, t, seed) => {
        const trace = traceStep(c, offset);
        for (const e of trace.entries) {
          const inputs = e.inputs as readonly string[];
          for (const m of misconceptionsFor(trace, e.name, t)) {
            if (m.origin !== e.name && !inputs.includes(m.origin)) return false;
            const r = gradeAnswer(trace, e.name, m.value, { tolerance: t });
            if (r.correct || r.misconception?.id !== m.id || r.misconception.origin !== m.origin)
              return false;
          }
          const q = multipleChoice(trace, e.name, { seed, tolerance: t });
          const judge = judgeFor(trace, e.name, t);
          const right = q.options.filter(
            (o) => gradeAnswer(trace, e.name, o.value, { tolerance: t }).correct,
          );
          if (right.length !== 1 || right[0] !== q.options[q.correctIndex]) return false;
          for (const [i, a] of q.options.entries())
            for (const b of q.options.slice(i + 1))
              if (!judge.distinct(a.value, b.value)) return false;
        }
        return true;
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('W unchanged earns nothing and W + α·g is named at any learning rate (non-negligible steps)', () => {
    fc.assert(
      fc.property(config, fc.nat({ max: 299 }), (c, offset) => {
        const trace = traceStep(c, offset);
        for (const w of ['W1', 'W2'] as const) {
          const name = `${w}_new`;
          const small = negligible(trace, name);
          if (small.every(Boolean)) continue; // a step of zero (dead ReLU units)
          const [, unchanged] = wrongAnswers(trace, name).find(([l]) => l === 'unchanged')!;
          const [, added] = wrongAnswers(trace, name).find(([l]) => l === 'W + α·g')!;
          const u = gradeAnswer(trace, name, unchanged);
          if (u.entries.some((x, i) => x.correct && !small[i])) return false;
          if (gradeAnswer(trace, name, added).misconception?.id !== 'UPDATE_ADDED') return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

const transformSigns = (v: Value): Value =>
  typeof v === 'number' ? Math.sign(v) : v.map((r) => r.map(Math.sign));

describe('the tolerance in plain words', () => {
  it('says how many significant figures are enough', () => {
    expect(significantFigures(0.01)).toBe(3);
    expect(significantFigures(0.005)).toBe(3);
    expect(significantFigures(0.05)).toBe(2);
    expect(significantFigures(0.001)).toBe(4);
    expect(significantFigures(0)).toBeNull();
    expect(describeTolerance({ relative: 0.01, absolute: 0.0005 })).toBe(
      '3 significant figures are enough; entries under 1% of the largest may be given as 0.',
    );
    expect(describeTolerance({ relative: 0.5, absolute: 0 })).toBe(
      '1 significant figure is enough.',
    );
    expect(describeTolerance({ relative: 0, absolute: 0 })).toBe('Give the exact value.');
  });

  it('for an update, speaks of the change to the weights', () => {
    const text = describeTolerance({}, { update: 'W1' });
    expect(text).toContain('change to W1');
    expect(text).toContain('3 significant figures');
    expect(describeTolerance({}, { mode: 'sign' })).toMatch(/sign of each entry/);
  });

  it('is what grading does: 3 significant figures always pass, 2 do not always', () => {
    const deck = deckTrace();
    const round = (k: number) => (x: number) => Number(x.toPrecision(k));
    for (const e of deck.entries) {
      expect(gradeAnswer(deck, e.name, transform(deck, e.name, round(3))).correct, e.name).toBe(
        true,
      );
    }
    const twoFigures = deck.entries.filter(
      (e) => !gradeAnswer(deck, e.name, transform(deck, e.name, round(2))).correct,
    );
    expect(twoFigures.length).toBeGreaterThan(0);
  });
});
