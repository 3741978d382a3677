import { describe, expect, it } from 'vitest';
import {
  type Answer,
  AnswerError,
  type AnswerErrorCode,
  DECK_CONFIG,
  type GradeOptions,
  gradeAnswer,
  type Matrix,
  type StepTrace,
  traceStep,
} from '../src/index.ts';
import { deckTrace, matrixOf, nudge, richTrace, sizeOf, truthOf } from './helpers.ts';

const TRACES: [string, StepTrace][] = [
  ['the deck', deckTrace()],
  ['biases, batch 4, reg 0.1, tanh', richTrace()],
];

/** Runs `f` and returns the AnswerError it throws. */
function answerError(f: () => unknown): AnswerError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AnswerError);
    return e as AnswerError;
  }
  throw new Error('expected an AnswerError, nothing was thrown');
}

const expectCode = (code: AnswerErrorCode, f: () => unknown) => {
  const e = answerError(f);
  expect(e.code).toBe(code);
  return e;
};

describe.each(TRACES)('every quantity of %s', (_label, trace) => {
  describe.each(trace.entries.map((e) => [e.name, e.value] as const))('%s', (name, truth) => {
    const size = sizeOf(truth);

    it('grades the truth correct with score 1 and no misconception', () => {
      const r = gradeAnswer(trace, name, truth);
      expect(r).toMatchObject({ name, mode: 'numeric', correct: true, score: 1 });
      expect(r.misconception).toBeNull();
      expect(r.entries).toHaveLength(size);
      expect(r.entries.every((e) => e.correct)).toBe(true);
    });

    it('accepts every entry just inside the default tolerance (scaled floor; updates on the step)', () => {
      for (const factor of [0.999, -0.999]) {
        expect(
          gradeAnswer(
            trace,
            name,
            nudge(trace, name, () => true, factor),
          ).correct,
        ).toBe(true);
      }
    });

    it('marks an entry just outside the default tolerance wrong, and only that entry', () => {
      for (const factor of [1.001, -1.001]) {
        const r = gradeAnswer(
          trace,
          name,
          nudge(trace, name, (i) => i === 0, factor),
        );
        expect(r.correct).toBe(false);
        expect(r.entries[0]!.correct).toBe(false);
        expect(r.entries.slice(1).every((e) => e.correct)).toBe(true);
        expect(r.score).toBeCloseTo((size - 1) / size, 12);
      }
    });

    it('gives partial credit: the share of entries right', () => {
      for (let wrong = 0; wrong <= size; wrong++) {
        const r = gradeAnswer(
          trace,
          name,
          nudge(trace, name, (i) => i < wrong, 3),
        );
        expect(r.score).toBeCloseTo((size - wrong) / size, 12);
        expect(r.correct).toBe(wrong === 0);
        expect(r.entries.filter((e) => !e.correct)).toHaveLength(wrong);
      }
    });

    it('reports each entry with its row, column, truth and answer', () => {
      const answer = nudge(trace, name, () => true, 5);
      const r = gradeAnswer(trace, name, answer);
      const cols = typeof truth === 'number' ? 1 : truth[0]!.length;
      r.entries.forEach((e, i) => {
        expect([e.row, e.col]).toEqual([Math.floor(i / cols), i % cols]);
        const at = (v: typeof truth) => (typeof v === 'number' ? v : v[e.row]![e.col]!);
        expect(e.truth).toBe(at(truth));
        expect(e.answer).toBe(at(answer));
      });
    });

    it("grades the truth's exact signs correct in sign mode", () => {
      const sign = Math.sign;
      const answer = typeof truth === 'number' ? sign(truth) : truth.map((r) => r.map(sign));
      expect(gradeAnswer(trace, name, answer, { mode: 'sign' })).toMatchObject({
        correct: true,
        score: 1,
      });
    });
  });
});

describe("the deck's printed numbers", () => {
  const trace = deckTrace();
  // Copied from the deck's slides, 8 decimals (trailing zeros dropped, as printed).
  const PRINTED: Record<string, Matrix> = {
    h2: [[0.37166596, 0.45414264]],
    dLoss_dh2: [[-0.62833404, 0.45414264]],
    dz2_dW2: [[0.19626223, 0.71301043, 0.48867814]],
    h1: [[0.19626223, 0.71301043, 0.48867814]],
    dLoss_dW2: [
      [-0.02879856, 0.02209533],
      [-0.10462365, 0.08027117],
      [-0.07170623, 0.0550157],
    ],
    dz2_dh1: [
      [-0.41491732, -0.30992816],
      [-0.31583913, -0.27706468],
      [-0.44701662, 0.15231059],
    ],
    W2_new: [
      [-0.41488852, -0.30995026],
      [-0.31573451, -0.27714495],
      [-0.44694491, 0.15225557],
    ],
    dLoss_dh1: [[0.02599101, 0.01515256, 0.08274025]],
    dh1_dz1: [[0.15774337, 0.20462656, 0.24987182]],
    dz1_dW1: [[1.76405235, 0.40015721]],
    dLoss_dW1: [
      [0.00723246, 0.00546965, 0.03647082],
      [0.00164061, 0.00124073, 0.00827303],
    ],
    W1_new: [
      [-0.67747178, 0.37768878, -0.073689],
      [-0.53663683, 0.60920372, 0.21148795],
    ],
  };

  it.each(Object.entries(PRINTED))('grades the printed %s correct', (name, printed) => {
    expect(gradeAnswer(trace, name, printed)).toMatchObject({ correct: true, score: 1 });
    // Also to the 8th decimal: the deck and the trace agree, not just the loose default.
    const tight = { tolerance: { relative: 0, absolute: 5.1e-9 } };
    expect(gradeAnswer(trace, name, printed, tight).correct).toBe(true);
  });

  it('grades its dh2_dz2 typo [-0.23353037 0.2478971] wrong, half right, as its own sign slip', () => {
    const r = gradeAnswer(trace, 'dh2_dz2', [[-0.23353037, 0.2478971]]);
    expect(r.correct).toBe(false);
    expect(r.score).toBe(0.5);
    expect(r.entries.map((e) => e.correct)).toEqual([false, true]);
    expect(r.misconception).toMatchObject({
      id: 'DERIVATIVE_SIGNED_BY_ERROR',
      origin: 'dh2_dz2',
    });
    expect(r.misconception!.hint).toMatch(/never negative/);
  });

  it('names the typo carried one hop into dLoss_dz2, and no further (dLoss_dW2 is two hops away)', () => {
    const typo = [-0.23353037, 0.2478971];
    const dh2 = matrixOf(trace, 'dLoss_dh2')[0]!;
    const dz2 = [dh2.map((g, k) => g * typo[k]!)];
    const near = gradeAnswer(trace, 'dLoss_dz2', dz2);
    expect(near.correct).toBe(false);
    expect(near.misconception).toMatchObject({
      id: 'DERIVATIVE_SIGNED_BY_ERROR',
      origin: 'dh2_dz2',
    });
    expect(near.misconception!.label).toContain('carried into dLoss_dz2');
    // In a lesson dLoss_dz2 was revealed before dLoss_dW2: a hint about dh2_dz2 would mislead.
    const h1 = matrixOf(trace, 'h1')[0]!;
    const dW2 = h1.map((h) => dz2[0]!.map((d) => h * d));
    const far = gradeAnswer(trace, 'dLoss_dW2', dW2);
    expect(far.correct).toBe(false);
    expect(far.score).toBe(0.5);
    expect(far.misconception).toBeNull();
  });

  it("names the deck's dLoss_dh1 slide factor [0.23353037 0.2478971], given as dLoss_dz2", () => {
    const r = gradeAnswer(trace, 'dLoss_dz2', [[0.23353037, 0.2478971]]);
    expect(r.correct).toBe(false);
    expect(r.score).toBe(0);
    expect(r.misconception).toMatchObject({
      id: 'UPSTREAM_GRADIENT_FORGOTTEN',
      origin: 'dLoss_dz2',
    });
  });
});

describe('answers that cannot be graded', () => {
  const trace = deckTrace();
  const W2 = matrixOf(trace, 'dLoss_dW2');

  it('throws WRONG_SHAPE saying what was expected for a transposed matrix', () => {
    const e = expectCode('WRONG_SHAPE', () =>
      gradeAnswer(trace, 'dLoss_dW2', [W2.map((r) => r[0]!), W2.map((r) => r[1]!)]),
    );
    expect(e.message).toContain('dLoss_dW2 is 3×2, got 2×3');
    expect(e.quantity).toBe('dLoss_dW2');
    expect(e.name).toBe('AnswerError');
  });

  it('throws WRONG_SHAPE for too few rows, an empty list, a scalar for a matrix and a matrix for the loss', () => {
    expect(
      expectCode('WRONG_SHAPE', () => gradeAnswer(trace, 'dLoss_dW2', W2.slice(0, 2))).message,
    ).toContain('got 2×2');
    expect(expectCode('WRONG_SHAPE', () => gradeAnswer(trace, 'dLoss_dW2', [])).message).toContain(
      'got 0×0',
    );
    expect(expectCode('WRONG_SHAPE', () => gradeAnswer(trace, 'h2', 0.4)).message).toContain(
      'h2 is 1×2',
    );
    expect(expectCode('WRONG_SHAPE', () => gradeAnswer(trace, 'loss', [[0.3]])).message).toContain(
      'loss is a scalar',
    );
  });

  it('throws WRONG_SHAPE for ragged rows and rows that are not lists', () => {
    const ragged = [[1, 2], [3], [4, 5]];
    expect(
      expectCode('WRONG_SHAPE', () => gradeAnswer(trace, 'dLoss_dW2', ragged)).message,
    ).toContain('ragged');
    const flat = [0.1, 0.2] as unknown as Answer;
    expect(expectCode('WRONG_SHAPE', () => gradeAnswer(trace, 'h2', flat)).message).toContain(
      'row 1 should be a list',
    );
    const text = 'a matrix' as unknown as Answer;
    expectCode('WRONG_SHAPE', () => gradeAnswer(trace, 'h2', text));
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a numeric string', '0.45'],
    ['null', null],
    ['undefined', undefined],
  ])('throws NOT_A_NUMBER for an entry that is %s, pointing at it', (_label, bad) => {
    const answer = [[0.37, bad]] as unknown as Answer;
    const e = expectCode('NOT_A_NUMBER', () => gradeAnswer(trace, 'h2', answer));
    expect(e.at).toEqual({ row: 0, col: 1 });
    expect(e.message).toContain('h2, row 1, column 2, should be a finite number');
  });

  it('throws NOT_A_NUMBER for a loss that is NaN, a string or null', () => {
    for (const bad of [Number.NaN, '0.3', null]) {
      expectCode('NOT_A_NUMBER', () => gradeAnswer(trace, 'loss', bad as unknown as Answer));
    }
  });

  it('throws UNKNOWN_QUANTITY for a bias quantity without biases, a given, and a made-up name', () => {
    expect(
      expectCode('UNKNOWN_QUANTITY', () => gradeAnswer(trace, 'b1_new', [[0, 0, 0]])).message,
    ).toContain('no biases');
    expectCode('UNKNOWN_QUANTITY', () => gradeAnswer(trace, 'dLoss_db2', [[0, 0]]));
    expectCode('UNKNOWN_QUANTITY', () => gradeAnswer(trace, 'X', [[0, 0]]));
    expect(
      expectCode('UNKNOWN_QUANTITY', () => gradeAnswer(trace, 'dLoss_dW3', [[0]])).message,
    ).toContain('expected one of z1, h1');
  });

  it('grades the bias quantities once the network has biases', () => {
    const rich = richTrace();
    expect(gradeAnswer(rich, 'b1_new', truthOf(rich, 'b1_new')).correct).toBe(true);
  });

  it('refuses invalid options with a RangeError', () => {
    const h2 = truthOf(trace, 'h2');
    const bad: GradeOptions[] = [
      { tolerance: { relative: -0.1 } },
      { tolerance: { absolute: Number.NaN } },
      { mode: 'exact' as never },
    ];
    for (const options of bad)
      expect(() => gradeAnswer(trace, 'h2', h2, options)).toThrow(RangeError);
  });
});

describe('tolerance settings', () => {
  const trace = deckTrace();

  it('a relative tolerance of 3% accepts an answer 2% off that the default rejects', () => {
    const answer = matrixOf(trace, 'dLoss_dW2').map((r) => r.map((x) => x * 1.02));
    expect(gradeAnswer(trace, 'dLoss_dW2', answer).correct).toBe(false);
    expect(gradeAnswer(trace, 'dLoss_dW2', answer, { tolerance: { relative: 0.03 } }).correct).toBe(
      true,
    );
  });

  it('a smaller absolute floor rejects a near-zero entry the default accepts', () => {
    // dLoss_dW1's largest entry is 0.0365, so the default floor is min(0.0005, 1% of it) = 0.000365.
    const dW1 = matrixOf(trace, 'dLoss_dW1');
    const answer = dW1.map((r, i) => r.map((x, j) => (i === 1 && j === 1 ? x + 0.0003 : x)));
    expect(gradeAnswer(trace, 'dLoss_dW1', answer).correct).toBe(true);
    const strict = gradeAnswer(trace, 'dLoss_dW1', answer, { tolerance: { absolute: 0.0001 } });
    expect(strict.correct).toBe(false);
    expect(strict.entries.filter((e) => !e.correct).map((e) => [e.row, e.col])).toEqual([[1, 1]]);
  });

  it('the floor scales with the quantity: 0.0004 off is accepted on h1, not on dLoss_dW1', () => {
    const off = (name: string) =>
      matrixOf(trace, name).map((r, i) => r.map((x, j) => (i === 0 && j === 0 ? x + 0.0004 : x)));
    expect(gradeAnswer(trace, 'h1', off('h1')).correct).toBe(true);
    expect(gradeAnswer(trace, 'dLoss_dW1', off('dLoss_dW1')).correct).toBe(false);
  });

  it('zero tolerance accepts only the exact value', () => {
    const exact = { tolerance: { relative: 0, absolute: 0 } };
    const loss = truthOf(trace, 'loss') as number;
    expect(gradeAnswer(trace, 'loss', loss, exact).correct).toBe(true);
    expect(gradeAnswer(trace, 'loss', loss + 1e-12, exact).correct).toBe(false);
  });

  it("matches a misconception within the instructor's tolerance, not the default", () => {
    const flipped = matrixOf(trace, 'dLoss_dh2').map((r) => r.map((x) => -x * 1.02));
    expect(gradeAnswer(trace, 'dLoss_dh2', flipped).misconception).toBeNull();
    const loose = gradeAnswer(trace, 'dLoss_dh2', flipped, { tolerance: { relative: 0.03 } });
    expect(loose.misconception?.id).toBe('ERROR_SIGN_FLIPPED');
  });

  it('updates are graded on the step: W unchanged and W + α·g are wrong at lr 0.001, as at lr 2', () => {
    for (const lr of [0.001, 2]) {
      const t = traceStep({ ...DECK_CONFIG, lr }, 0);
      for (const w of ['W1', 'W2'] as const) {
        const name = `${w}_new`;
        const W = t.givens[w]!;
        const g = matrixOf(t, `dLoss_d${w}`);
        const added = W.map((r, i) => r.map((x, j) => x + lr * g[i]![j]!));
        const unchanged = gradeAnswer(t, name, W);
        expect(unchanged.correct).toBe(false);
        expect(unchanged.score).toBe(0);
        const wrongWay = gradeAnswer(t, name, added);
        expect(wrongWay.score).toBe(0);
        expect(wrongWay.misconception?.id).toBe('UPDATE_ADDED');
        // W + the step to 3 significant figures is right, whatever the size of W.
        const step = W.map((r, i) => r.map((x, j) => x + Number((-lr * g[i]![j]!).toPrecision(3))));
        expect(gradeAnswer(t, name, step).correct).toBe(true);
      }
    }
  });
});

describe('sign mode', () => {
  const trace = deckTrace();
  const sign = { mode: 'sign' } as const;

  it("gives half credit to the deck's dh2_dz2 signs and names its sign slip", () => {
    const r = gradeAnswer(trace, 'dh2_dz2', [[-1, 1]], sign);
    expect(r).toMatchObject({ mode: 'sign', correct: false, score: 0.5 });
    expect(r.entries.map((e) => e.truth)).toEqual([1, 1]);
    expect(r.misconception?.id).toBe('DERIVATIVE_SIGNED_BY_ERROR');
  });

  it('names every sign of dLoss_dh2 flipped as the flipped error', () => {
    const r = gradeAnswer(trace, 'dLoss_dh2', [[1, -1]], sign);
    expect(r.score).toBe(0);
    expect(r.misconception?.id).toBe('ERROR_SIGN_FLIPPED');
  });

  it('takes the true sign, or 0 on a negligible entry, and nothing else', () => {
    // A step whose dLoss_dW1 has an entry under 1% of its largest (an input near 0).
    const t = Array.from({ length: 300 }, (_, o) => traceStep(DECK_CONFIG, o)).find((x) => {
      const v = matrixOf(x, 'dLoss_dW1').flat().map(Math.abs);
      return v.some((a) => a > 0 && a <= 0.01 * Math.max(...v));
    })!;
    const dW1 = matrixOf(t, 'dLoss_dW1');
    const flat = dW1.flat();
    const top = Math.max(...flat.map(Math.abs));
    const tiny = flat.findIndex((a) => Math.abs(a) <= 0.01 * top);
    const big = flat.findIndex((a) => Math.abs(a) === top);
    const signs = flat.map(Math.sign);
    const grid = (xs: number[]) => [xs.slice(0, 3), xs.slice(3)];
    const set = (i: number, s: number) => grid(signs.map((x, k) => (k === i ? s : x)));
    expect(gradeAnswer(t, 'dLoss_dW1', grid(signs), sign).score).toBe(1);
    expect(gradeAnswer(t, 'dLoss_dW1', set(tiny, 0), sign).score).toBe(1);
    expect(gradeAnswer(t, 'dLoss_dW1', set(tiny, -signs[tiny]!), sign).correct).toBe(false);
    expect(gradeAnswer(t, 'dLoss_dW1', set(big, 0), sign).correct).toBe(false);
    expect(gradeAnswer(t, 'dLoss_dW1', grid(signs), sign).entries[tiny]!.truth).toBe(signs[tiny]);
  });

  it('scores the exact true signs 1 at batch 8, where dLoss_dz1 carries 1/8', () => {
    const t = traceStep({ ...DECK_CONFIG, batch: 8 }, 0);
    for (const name of ['dLoss_dz1', 'dLoss_dW1', 'dLoss_dh2']) {
      const signs = matrixOf(t, name).map((r) => r.map(Math.sign));
      expect(gradeAnswer(t, name, signs, sign).score).toBe(1);
      const zeros = signs.map((r) => r.map(() => 0));
      expect(gradeAnswer(t, name, zeros, sign).score).toBeLessThan(0.1);
    }
  });

  it('takes an exact zero truth (ReLU off) as sign 0', () => {
    const relu = traceStep({ ...DECK_CONFIG, activation: 'relu', hidden: 8 }, 0);
    const d = matrixOf(relu, 'dh1_dz1');
    expect(d.flat()).toContain(0);
    expect(gradeAnswer(relu, 'dh1_dz1', d, sign).correct).toBe(true);
    expect(
      gradeAnswer(
        relu,
        'dh1_dz1',
        d.map((r) => r.map(() => 1)),
        sign,
      ).correct,
    ).toBe(false);
  });

  it('throws NOT_A_SIGN for entries other than -1, 0, 1 and NOT_A_NUMBER for NaN', () => {
    for (const bad of [0.5, 2, -0.23353037]) {
      const e = expectCode('NOT_A_SIGN', () => gradeAnswer(trace, 'dh2_dz2', [[bad, 1]], sign));
      expect(e.message).toContain('should be a sign (-1, 0 or 1)');
    }
    expectCode('NOT_A_NUMBER', () => gradeAnswer(trace, 'dh2_dz2', [[Number.NaN, 1]], sign));
  });
});
