import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  DECK_CONFIG,
  entryOf,
  gradeAnswer,
  indistinguishable,
  judgeFor,
  MISCONCEPTION_IDS,
  type Misconception,
  type MisconceptionId,
  misconceptionsFor,
  multipleChoice,
  type QuantityName,
  recomputeStep,
  type StepTrace,
  traceStep,
  type Value,
} from '../src/index.ts';
import {
  biasedTrace,
  close,
  comparedOn,
  deckTrace,
  elementwise,
  mapM,
  matmul,
  matrixOf,
  RICH_CONFIG,
  richTrace,
  squareTrace,
  T,
  truthOf,
} from './helpers.ts';

const TRACES: [string, StepTrace][] = [
  ['the deck', deckTrace()],
  ['biases, batch 4, reg 0.1, tanh', richTrace()],
  ['hidden 2, batch 2', squareTrace()],
];

const find = (trace: StepTrace, name: QuantityName, id: MisconceptionId, origin = name) =>
  misconceptionsFor(trace, name).find((m) => m.id === id && m.origin === origin);

/** The misconception `id` made at `origin` and seen in `name`; fails when it is not listed. */
function the(trace: StepTrace, name: QuantityName, id: MisconceptionId, origin = name) {
  const m = find(trace, name, id, origin);
  expect(m, `${id}@${origin} listed for ${name}`).toBeDefined();
  return m!;
}

/** A misconception is graded wrong and named as itself. */
function expectGradedAsItself(trace: StepTrace, name: QuantityName, m: Misconception) {
  const r = gradeAnswer(trace, name, m.value);
  expect(r.correct, `${m.id}@${m.origin} graded correct for ${name}`).toBe(false);
  expect(r.score).toBeLessThan(1);
  expect(r.misconception).toEqual({ id: m.id, origin: m.origin, label: m.label, hint: m.hint });
}

describe.each(TRACES)('misconceptions of every quantity of %s', (_label, trace) => {
  describe.each(trace.entries.map((e) => [e.name, e.value] as const))('%s', (name, truth) => {
    const list = misconceptionsFor(trace, name);

    it('are each graded wrong and named as themselves', () => {
      for (const m of list) expectGradedAsItself(trace, name, m);
    });

    it('have the quantity’s shape, known ids, and differ from the truth and each other', () => {
      for (const [i, m] of list.entries()) {
        expect(MISCONCEPTION_IDS).toContain(m.id);
        expect(typeof m.value === 'number').toBe(typeof truth === 'number');
        if (typeof m.value !== 'number' && typeof truth !== 'number') {
          expect([m.value.length, m.value[0]!.length]).toEqual([truth.length, truth[0]!.length]);
        }
        const judge = judgeFor(trace, name);
        expect(judge.distinct(m.value, truth)).toBe(true);
        for (const other of list.slice(i + 1)) {
          expect(judge.distinct(m.value, other.value)).toBe(true);
        }
        expect(m.label.length).toBeGreaterThan(0);
        expect(m.hint.length).toBeGreaterThan(0);
      }
    });

    it('list the slips made at this quantity before those carried one hop into it, none further', () => {
      const firstCarried = list.findIndex((m) => m.origin !== name);
      if (firstCarried >= 0)
        expect(list.slice(firstCarried).every((m) => m.origin !== name)).toBe(true);
      const inputs = entryOf(trace, name).inputs as readonly string[];
      for (const m of list) {
        expect(m.origin === name || inputs.includes(m.origin), `${m.id}@${m.origin}`).toBe(true);
        const own = m.label.split('; or ')[0]!;
        expect(own.includes(`carried into ${name}`)).toBe(m.origin !== name);
      }
    });
  });
});

describe('the named mistakes, computed from the trace', () => {
  const deck = deckTrace();
  const rich = richTrace();
  const y = deck.givens.y!;
  const h2 = matrixOf(deck, 'h2');

  it('dLoss_dh2 with its sign flipped is (y - h2)/N', () => {
    const m = the(deck, 'dLoss_dh2', 'ERROR_SIGN_FLIPPED');
    expect(
      close(
        m.value,
        elementwise(y, h2, (a, b) => a - b),
      ),
    ).toBe(true);
    const richM = the(rich, 'dLoss_dh2', 'ERROR_SIGN_FLIPPED');
    const { y: ry } = rich.givens;
    expect(
      close(
        richM.value,
        elementwise(ry!, matrixOf(rich, 'h2'), (a, b) => (a - b) / 4),
      ),
    ).toBe(true);
  });

  it('the sigmoid derivative taken of z is z(1 - z) for dh2_dz2 and, with sigmoid, dh1_dz1', () => {
    const z = (x: number) => x * (1 - x);
    expect(
      close(the(deck, 'dh2_dz2', 'DERIVATIVE_OF_Z').value, mapM(matrixOf(deck, 'z2'), z)),
    ).toBe(true);
    expect(
      close(the(deck, 'dh1_dz1', 'DERIVATIVE_OF_Z').value, mapM(matrixOf(deck, 'z1'), z)),
    ).toBe(true);
    // tanh's is 1 - z1²; ReLU's reads the same from z1 or h1, so there is none.
    const tanh = (x: number) => 1 - x * x;
    expect(
      close(the(rich, 'dh1_dz1', 'DERIVATIVE_OF_Z').value, mapM(matrixOf(rich, 'z1'), tanh)),
    ).toBe(true);
    const relu = traceStep({ ...DECK_CONFIG, activation: 'relu' }, 0);
    expect(find(relu, 'dh1_dz1', 'DERIVATIVE_OF_Z')).toBeUndefined();
  });

  it("the deck's dh2_dz2 slip is the value the deck prints", () => {
    const m = the(deck, 'dh2_dz2', 'DERIVATIVE_SIGNED_BY_ERROR');
    expect(close(m.value, [[-0.23353037, 0.2478971]], 5e-9)).toBe(true);
  });

  it('a forgotten derivative factor: dLoss_dz2 = dLoss_dh2, dLoss_dz1 = dLoss_dh1, dLoss_dW2 = h1ᵀ dLoss_dh2', () => {
    const f = 'DERIVATIVE_FACTOR_FORGOTTEN';
    expect(close(the(deck, 'dLoss_dz2', f).value, matrixOf(deck, 'dLoss_dh2'))).toBe(true);
    expect(close(the(deck, 'dLoss_dz1', f).value, matrixOf(deck, 'dLoss_dh1'))).toBe(true);
    const carried = the(deck, 'dLoss_dW2', f, 'dLoss_dz2');
    expect(close(carried.value, matmul(T(matrixOf(deck, 'h1')), matrixOf(deck, 'dLoss_dh2')))).toBe(
      true,
    );
  });

  it('the wrong layer’s weights: dLoss_dh1 = dLoss_dz2 · W1', () => {
    const m = the(deck, 'dLoss_dh1', 'WRONG_LAYER_WEIGHTS');
    expect(close(m.value, matmul(matrixOf(deck, 'dLoss_dz2'), deck.givens.W1!))).toBe(true);
  });

  it('forward slips: h = z, and the 1/2 of the loss forgotten', () => {
    expect(close(the(deck, 'h1', 'ACTIVATION_FORGOTTEN').value, matrixOf(deck, 'z1'))).toBe(true);
    expect(close(the(deck, 'h2', 'ACTIVATION_FORGOTTEN').value, matrixOf(deck, 'z2'))).toBe(true);
    const loss = truthOf(deck, 'loss') as number;
    expect(the(deck, 'loss', 'HALF_FORGOTTEN').value).toBeCloseTo(2 * loss, 14);
  });

  it('the 1/N forgotten is dropped for one point and listed for a batch of 4', () => {
    for (const e of deck.entries) expect(find(deck, e.name, 'MEAN_FORGOTTEN')).toBeUndefined();
    const dh2 = the(rich, 'dLoss_dh2', 'MEAN_FORGOTTEN');
    expect(
      close(
        dh2.value,
        mapM(matrixOf(rich, 'dLoss_dh2'), (x) => 4 * x),
      ),
    ).toBe(true);
    expect(the(rich, 'loss', 'MEAN_FORGOTTEN').value).toBeCloseTo(
      4 * (truthOf(rich, 'loss') as number),
      12,
    );
    // Carried one hop into dLoss_dz2 (4 × the truth), and no further: dLoss_dW2 is two hops on.
    const dz2 = the(rich, 'dLoss_dz2', 'MEAN_FORGOTTEN', 'dLoss_dh2');
    expect(
      close(
        dz2.value,
        mapM(matrixOf(rich, 'dLoss_dz2'), (x) => 4 * x),
      ),
    ).toBe(true);
    expect(find(rich, 'dLoss_dW2', 'MEAN_FORGOTTEN', 'dLoss_dh2')).toBeUndefined();
  });

  it('regularisation forgotten and the batch averaged twice, with λ = 0.1 and N = 4', () => {
    const dW2 = matrixOf(rich, 'dLoss_dW2');
    const noReg = elementwise(dW2, rich.givens.W2!, (g, w) => g - (0.1 / 4) * w);
    expect(close(the(rich, 'dLoss_dW2', 'REG_FORGOTTEN').value, noReg)).toBe(true);
    const db2 = matrixOf(rich, 'dLoss_db2');
    expect(
      close(
        the(rich, 'dLoss_db2', 'MEAN_TAKEN_TWICE').value,
        mapM(db2, (x) => x / 4),
      ),
    ).toBe(true);
    expect(find(deck, 'dLoss_dW2', 'REG_FORGOTTEN')).toBeUndefined();
  });

  it('updates: learning rate forgotten, and the gradient added at any lr', () => {
    const g = matrixOf(deck, 'dLoss_dW2');
    const W2 = deck.givens.W2!;
    expect(
      close(
        the(deck, 'W2_new', 'LR_FORGOTTEN').value,
        elementwise(W2, g, (w, d) => w - d),
      ),
    ).toBe(true);
    // Graded on the step, W2 + αg is told apart from W2 − αg at the deck's lr 0.001 too.
    const slow = elementwise(W2, g, (w, d) => w + 0.001 * d);
    expect(close(the(deck, 'W2_new', 'UPDATE_ADDED').value, slow)).toBe(true);
    const fast = traceStep({ ...DECK_CONFIG, lr: 1 }, 0);
    const added = elementwise(fast.givens.W2!, matrixOf(fast, 'dLoss_dW2'), (w, d) => w + d);
    expect(close(the(fast, 'W2_new', 'UPDATE_ADDED').value, added)).toBe(true);
  });

  it('errors propagate one hop: a flipped dLoss_dh2 is named in dLoss_dz2, not further down', () => {
    const m = the(deck, 'dLoss_dz2', 'ERROR_SIGN_FLIPPED', 'dLoss_dh2');
    expect(
      close(
        m.value,
        mapM(matrixOf(deck, 'dLoss_dz2'), (x) => -x),
      ),
    ).toBe(true);
    expect(m.label).toContain('carried into dLoss_dz2');
    // Further down, −truth is graded wrong without a hint about a quantity several steps back.
    for (const name of ['dLoss_dW2', 'dLoss_dh1', 'dLoss_dz1', 'dLoss_dW1'] as const) {
      expect(find(deck, name, 'ERROR_SIGN_FLIPPED', 'dLoss_dh2')).toBeUndefined();
      const r = gradeAnswer(
        deck,
        name,
        mapM(matrixOf(deck, name), (x) => -x),
      );
      expect(r.score).toBe(0);
      expect(r.misconception?.origin ?? name).not.toBe('dLoss_dh2');
    }
  });

  it('errors propagate forward: h1 = z1 carried into z2 = z1 W2 (+ b2)', () => {
    const m = the(rich, 'z2', 'ACTIVATION_FORGOTTEN', 'h1');
    const b2 = rich.givens.b2![0]!;
    const expected = matmul(matrixOf(rich, 'z1'), rich.givens.W2!).map((r) =>
      r.map((x, c) => x + b2[c]!),
    );
    expect(close(m.value, expected)).toBe(true);
  });

  it("the deck's sigmoid assumed for a tanh network", () => {
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    expect(close(the(rich, 'h1', 'SIGMOID_ASSUMED').value, mapM(matrixOf(rich, 'z1'), sig))).toBe(
      true,
    );
    const h = matrixOf(rich, 'h1');
    expect(
      close(
        the(rich, 'dh1_dz1', 'SIGMOID_ASSUMED').value,
        mapM(h, (x) => x * (1 - x)),
      ),
    ).toBe(true);
    expect(find(deck, 'h1', 'SIGMOID_ASSUMED')).toBeUndefined();
  });

  it('biases forgotten only when the biases are not zero', () => {
    const biased = biasedTrace();
    const X = biased.givens.X!;
    expect(close(the(biased, 'z1', 'BIAS_FORGOTTEN').value, matmul(X, biased.givens.W1!))).toBe(
      true,
    );
    const hW2 = matmul(matrixOf(biased, 'h1'), biased.givens.W2!);
    expect(close(the(biased, 'z2', 'BIAS_FORGOTTEN').value, hW2)).toBe(true);
    // A first step starts from zero biases: forgetting them changes nothing, so it is dropped.
    expect(find(rich, 'z1', 'BIAS_FORGOTTEN')).toBeUndefined();
  });
});

describe('mistakes that need shapes to fit', () => {
  const deck = deckTrace();
  const sq = squareTrace();
  const SHAPED: [QuantityName, MisconceptionId][] = [
    ['z1', 'WRONG_LAYER_WEIGHTS'],
    ['z2', 'WRONG_LAYER_INPUT'],
    ['z2', 'WRONG_LAYER_WEIGHTS'],
    ['dz2_dW2', 'WRONG_LAYER_INPUT'],
    ['dz2_dW2', 'WRT_CONFUSED'],
    ['dLoss_dW2', 'TRANSPOSE_MISSING'],
    ['dLoss_dW2', 'GRADIENT_TRANSPOSED'],
    ['dz2_dh1', 'JACOBIAN_LAYOUT'],
    ['dz2_dh1', 'WRONG_LAYER_WEIGHTS'],
    ['dz2_dh1', 'WRT_CONFUSED'],
    ['dLoss_dh1', 'TRANSPOSE_MISSING'],
    ['dz1_dW1', 'WRONG_LAYER_INPUT'],
    ['dz1_dW1', 'WRT_CONFUSED'],
    ['dLoss_dW1', 'TRANSPOSE_MISSING'],
    ['dLoss_dW1', 'GRADIENT_TRANSPOSED'],
  ];

  it.each(SHAPED)(
    '%s %s is listed with hidden = batch = 2 and not in the deck (hidden 3)',
    (name, id) => {
      expectGradedAsItself(sq, name, the(sq, name, id));
      expect(find(deck, name, id)).toBeUndefined();
    },
  );

  it('X in place of h1, h1 in place of X, and the transposes, by value', () => {
    expect(close(the(sq, 'dz2_dW2', 'WRONG_LAYER_INPUT').value, sq.givens.X!)).toBe(true);
    expect(close(the(sq, 'dz1_dW1', 'WRONG_LAYER_INPUT').value, matrixOf(sq, 'h1'))).toBe(true);
    expect(
      close(the(sq, 'dLoss_dW2', 'GRADIENT_TRANSPOSED').value, T(matrixOf(sq, 'dLoss_dW2'))),
    ).toBe(true);
    const noT = matmul(matrixOf(sq, 'dLoss_dz2'), sq.givens.W2!);
    expect(close(the(sq, 'dLoss_dh1', 'TRANSPOSE_MISSING').value, noT)).toBe(true);
    // Carried: X in place of h1 in dz2_dW2 gives dLoss_dW2 = Xᵀ dLoss_dz2 + λ/N W2.
    const carried = the(sq, 'dLoss_dW2', 'WRONG_LAYER_INPUT', 'dz2_dW2');
    const expected = elementwise(
      matmul(T(sq.givens.X!), matrixOf(sq, 'dLoss_dz2')),
      sq.givens.W2!,
      (g, w) => g + (0.1 / 2) * w,
    );
    expect(close(carried.value, expected)).toBe(true);
  });
});

describe('the student model', () => {
  it.each([
    ['the deck', DECK_CONFIG],
    ['the rich config', RICH_CONFIG],
    [
      'relu, hidden 16, batch 7',
      { ...DECK_CONFIG, activation: 'relu' as const, hidden: 16, batch: 7, bias: true, reg: 0.5 },
    ],
  ])('recomputes %s exactly as the trace when it makes no slip', (_label, config) => {
    const trace = traceStep(config, 11);
    const again = recomputeStep(trace);
    for (const e of trace.entries) expect(close(again[e.name]!, e.value, 1e-12), e.name).toBe(true);
  });

  it('refuses a quantity the step does not have', () => {
    expect(() => misconceptionsFor(deckTrace(), 'b1_new')).toThrow(RangeError);
  });
});

describe('multiple choice', () => {
  const deck = deckTrace();
  const rich = richTrace();

  describe.each([
    ['the deck', deck],
    ['the rich trace', rich],
  ])('every quantity of %s', (_label, trace) => {
    it.each(trace.entries.map((e) => [e.name] as const))(
      '%s: the truth once, distinct distractors',
      (name) => {
        for (const seed of [0, 1, 2]) {
          const q = multipleChoice(trace, name, { seed });
          expect(q.options).toHaveLength(4);
          expect(q.options.map((o) => o.id)).toEqual(['A', 'B', 'C', 'D']);
          const truths = q.options.filter((o) => gradeAnswer(trace, name, o.value).correct);
          expect(truths).toHaveLength(1);
          expect(truths[0]).toBe(q.options[q.correctIndex]);
          expect(q.options[q.correctIndex]!.kind).toBe('truth');
          const judge = judgeFor(trace, name);
          for (const [i, a] of q.options.entries()) {
            for (const b of q.options.slice(i + 1))
              expect(judge.distinct(a.value, b.value)).toBe(true);
          }
          const named = misconceptionsFor(trace, name);
          for (const o of q.options.filter((x) => x.kind === 'misconception')) {
            const r = gradeAnswer(trace, name, o.value);
            expect(r.misconception?.id).toBe(o.misconception);
            expect(r.misconception?.label).toBe(o.label);
          }
          // Plausible named mistakes (within ×10 of the truth's size) come before generic ones.
          const size = (v: Value) => Math.max(...comparedOn(trace, name, v).map(Math.abs));
          const top = size(truthOf(trace, name));
          const plausible = named.filter(
            (m) => size(m.value) <= 10 * top && size(m.value) >= top / 10,
          );
          const namedShown = q.options.filter((o) => o.kind === 'misconception').length;
          expect(namedShown).toBeGreaterThanOrEqual(Math.min(3, plausible.length));
        }
      },
    );
  });

  it('is the same for the same seed', () => {
    expect(multipleChoice(deck, 'dLoss_dW2', { seed: 7 })).toEqual(
      multipleChoice(deck, 'dLoss_dW2', { seed: 7 }),
    );
  });

  it("moves the truth's position with the seed", () => {
    const positions = new Set(
      Array.from(
        { length: 20 },
        (_, seed) => multipleChoice(deck, 'dLoss_dh2', { seed }).correctIndex,
      ),
    );
    expect(positions.size).toBeGreaterThan(2);
  });

  it('draws the likeliest named mistakes first', () => {
    const q = multipleChoice(deck, 'dLoss_dh2', { seed: 3 });
    const first3 = misconceptionsFor(deck, 'dLoss_dh2')
      .slice(0, 3)
      .map((m) => m.id);
    expect(
      q.options
        .map((o) => o.misconception)
        .filter((x) => x !== null)
        .sort(),
    ).toEqual([...first3].sort());
  });

  it('pads with labelled generic distractors when there are too few misconceptions', () => {
    expect(misconceptionsFor(deck, 'z1')).toHaveLength(1);
    const q = multipleChoice(deck, 'z1', { seed: 0, count: 10 });
    expect(q.options).toHaveLength(10);
    const generic = q.options.filter((o) => o.kind === 'generic');
    expect(generic).toHaveLength(8);
    for (const o of generic) {
      expect(o.misconception).toBeNull();
      expect(o.label).toMatch(/^Generic distractor/);
      expect(gradeAnswer(deck, 'z1', o.value).correct).toBe(false);
    }
    for (const [i, a] of q.options.entries()) {
      for (const b of q.options.slice(i + 1))
        expect(indistinguishable(a.value, b.value)).toBe(false);
    }
  });

  it('pads even when the truth is all zeros', () => {
    // One ReLU unit, off for the first point: dh1_dz1 is [[0]].
    const relu = traceStep({ ...DECK_CONFIG, activation: 'relu', hidden: 1 }, 0);
    expect(matrixOf(relu, 'dh1_dz1')).toEqual([[0]]);
    const q = multipleChoice(relu, 'dh1_dz1', { seed: 5, count: 6 });
    expect(q.options).toHaveLength(6);
    expect(q.options.filter((o) => gradeAnswer(relu, 'dh1_dz1', o.value).correct)).toHaveLength(1);
  });

  it('refuses a count outside 2 to 10 and a bad seed', () => {
    for (const count of [1, 11, 2.5])
      expect(() => multipleChoice(deck, 'h2', { seed: 0, count })).toThrow(RangeError);
    expect(() => multipleChoice(deck, 'h2', { seed: -1 })).toThrow(RangeError);
  });
});

describe('property: for random configs', () => {
  const config = fc.record({
    dataSeed: fc.nat({ max: 1000 }),
    weightSeed: fc.nat({ max: 1000 }),
    n: fc.constant(300),
    hidden: fc.integer({ min: 1, max: 16 }),
    activation: fc.constantFrom(...ACTIVATIONS),
    bias: fc.boolean(),
    lr: fc.constantFrom(0.001, 0.1, 1, 3),
    reg: fc.constantFrom(0, 0.01, 0.1, 1),
    batch: fc.integer({ min: 1, max: 6 }),
  });

  it('every listed misconception is graded as itself and never as correct', () => {
    fc.assert(
      fc.property(config, fc.nat({ max: 299 }), (c, offset) => {
        const trace = traceStep(c, offset);
        for (const e of trace.entries) {
          for (const m of misconceptionsFor(trace, e.name)) {
            const r = gradeAnswer(trace, e.name, m.value);
            if (r.correct) return false;
            if (r.misconception?.id !== m.id || r.misconception.origin !== m.origin) return false;
          }
        }
        return true;
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});

describe('misconceptionsFor: computed once per trace, quantity and tolerance', () => {
  it('returns the same frozen list for the same question, a separate one for another tolerance', () => {
    const trace = richTrace();
    const first = misconceptionsFor(trace, 'h2');
    expect(first.length).toBeGreaterThan(0);
    expect(misconceptionsFor(trace, 'h2')).toBe(first);
    expect(Object.isFrozen(first) && first.every((m) => Object.isFrozen(m))).toBe(true);
    // A looser tolerance may merge or drop slips: never answered from the strict one's list.
    const loose = misconceptionsFor(trace, 'h2', { relative: 0.5 });
    expect(loose).not.toBe(first);
    expect(misconceptionsFor(trace, 'h2', { relative: 0.5 })).toBe(loose);
    // Another trace with the same numbers is computed for itself, and agrees.
    expect(misconceptionsFor(richTrace(), 'h2')).toEqual(first);
    expect(misconceptionsFor(richTrace(), 'h2')).not.toBe(first);
  });
});
