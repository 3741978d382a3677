/**
 * A student's answer draft: typed text to numbers, drafts to the wire's answer (checked with the
 * contract's schema) and back after a reload, what is flagged when the draft is incomplete, and
 * how the arrow keys move through the grid.
 */
import { answerValueSchema } from '@backprop/contract';
import type { Shape } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import {
  arrowTarget,
  type Draft,
  draftFromAnswer,
  entryLabel,
  flipSign,
  gridOf,
  numericAnswer,
  parseDecimal,
  readAnswer,
  type Sign,
  sameAnswer,
  sentAnswerRows,
  signAnswer,
} from '../src/play/answer-draft.ts';

const SCALAR: Shape = [];
const M2x3: Shape = [2, 3];

const draft = (over: Partial<Draft>): Draft => ({ texts: [], signs: [], choice: null, ...over });

describe('parseDecimal', () => {
  it.each([
    ['-0.1234', -0.1234],
    ['.5', 0.5],
    ['+2', 2],
    ['1.', 1],
    ['1e-3', 0.001],
    ['-2.5E+2', -250],
    ['  0.25  ', 0.25],
    ['1 000.5', 1000.5],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it('accepts a decimal comma (phones in many locales) and a real minus sign', () => {
    expect(parseDecimal('0,75')).toBe(0.75);
    expect(parseDecimal('\u22120.5')).toBe(-0.5);
    expect(parseDecimal('\u22121,5')).toBe(-1.5);
  });

  it('refuses a comma that cannot be a decimal comma', () => {
    expect(parseDecimal('1,234,5')).toBeNull();
    expect(parseDecimal('1.234,5')).toBeNull();
  });

  it.each(['', '   ', '-', '.', 'e3', 'abc', '1..2', '--1', '0x10', 'NaN', 'Infinity', '1e400'])(
    'refuses %j',
    (text) => {
      expect(parseDecimal(text)).toBeNull();
    },
  );
});

describe('flipSign', () => {
  it('adds, removes or turns a sign', () => {
    expect(flipSign('0.5')).toBe('-0.5');
    expect(flipSign('-0.5')).toBe('0.5');
    expect(flipSign('+3')).toBe('-3');
    expect(flipSign('\u22122')).toBe('2');
    expect(flipSign(' 7 ')).toBe('-7');
  });

  it('twice is the number typed', () => {
    for (const text of ['0.5', '-1e-3', '.25', '12']) {
      expect(parseDecimal(flipSign(flipSign(text)))).toBe(parseDecimal(text));
      expect(parseDecimal(flipSign(text))).toBe(-parseDecimal(text)!);
    }
  });

  it('on an empty entry leaves a minus to type after', () => {
    expect(flipSign('')).toBe('-');
  });
});

describe('grid and labels', () => {
  it('a scalar is one entry named by the quantity; a matrix names row and column from 1', () => {
    expect(gridOf(SCALAR)).toEqual({ rows: 1, cols: 1, scalar: true });
    expect(gridOf(M2x3)).toEqual({ rows: 2, cols: 3, scalar: false });
    expect(entryLabel('loss', SCALAR, 0, 0)).toBe('loss');
    expect(entryLabel('dLoss_dW2', M2x3, 1, 0)).toBe('dLoss_dW2 row 2 column 1');
  });
});

describe('numericAnswer', () => {
  it('shapes a full matrix row-major, as the contract accepts it', () => {
    const r = numericAnswer(['1', '-2', '.5', '1e-3', '0', '3,5'], M2x3);
    expect(r).toEqual({
      ok: true,
      value: {
        numbers: [
          [1, -2, 0.5],
          [0.001, 0, 3.5],
        ],
      },
    });
    expect(r.ok && answerValueSchema.safeParse(r.value).success).toBe(true);
  });

  it('a scalar is a number, not a 1×1 matrix', () => {
    expect(numericAnswer(['-0.25'], SCALAR)).toEqual({ ok: true, value: { numbers: -0.25 } });
  });

  it('a partial matrix says which entries are empty and which are not numbers', () => {
    expect(numericAnswer(['1', '', 'x', ' ', '2', '1e'], M2x3)).toEqual({
      ok: false,
      invalid: [2, 5],
      empty: [1, 3],
    });
  });
});

describe('signAnswer', () => {
  it('shapes the signs, or lists the entries without one', () => {
    expect(signAnswer([1, 0, -1, 1, 1, -1], M2x3)).toEqual({
      ok: true,
      value: {
        signs: [
          [1, 0, -1],
          [1, 1, -1],
        ],
      },
    });
    expect(signAnswer([1, null, -1, null, 1, 0], M2x3)).toEqual({ ok: false, missing: [1, 3] });
    expect(signAnswer([-1], SCALAR)).toEqual({ ok: true, value: { signs: -1 } });
  });
});

describe('draftFromAnswer (a reload shows what was sent)', () => {
  it('round-trips a numeric matrix', () => {
    const texts = ['0.12345678', '-1', '2.5e-7', '3', '-0.5', '10'];
    const sent = numericAnswer(texts, M2x3);
    if (!sent.ok) throw new Error('draft should be complete');
    const back = draftFromAnswer('numeric', sent.value, 6);
    expect(back.texts.map(parseDecimal)).toEqual(texts.map(parseDecimal));
    expect(numericAnswer(back.texts, M2x3)).toEqual(sent);
  });

  it('round-trips signs and a choice', () => {
    const signs: Sign[] = [1, -1, 0, 0, 1, -1];
    const sent = signAnswer(signs, M2x3);
    if (!sent.ok) throw new Error('draft should be complete');
    expect(draftFromAnswer('sign', sent.value, 6).signs).toEqual(signs);
    expect(draftFromAnswer('choice', { choice: 2 }, 1).choice).toBe(2);
  });

  it('starts empty when there is nothing, or it does not fit the question', () => {
    const empty = { texts: ['', ''], signs: [null, null], choice: null };
    expect(draftFromAnswer('numeric', undefined, 2)).toEqual(empty);
    expect(draftFromAnswer('numeric', null, 2)).toEqual(empty);
    expect(draftFromAnswer('numeric', 'oops', 2)).toEqual(empty);
    // three numbers for two entries (the question changed shape)
    expect(draftFromAnswer('numeric', { numbers: [[1, 2, 3]] }, 2)).toEqual(empty);
    // an answer of another mode
    expect(draftFromAnswer('sign', { numbers: [[1, 2]] }, 2)).toEqual(empty);
    expect(draftFromAnswer('choice', { choice: '1' }, 1)).toEqual({
      texts: [''],
      signs: [null],
      choice: null,
    });
  });

  it('keeps valid signs and leaves out-of-range ones unset', () => {
    expect(draftFromAnswer('sign', { signs: [[1, 2, -1]] }, 3).signs).toEqual([1, null, -1]);
  });
});

describe('sameAnswer', () => {
  it('compares by value', () => {
    expect(sameAnswer({ numbers: [[1, 2]] }, { numbers: [[1, 2]] })).toBe(true);
    expect(sameAnswer({ numbers: [[1, 2]] }, { numbers: [[2, 1]] })).toBe(false);
    expect(sameAnswer({ choice: 0 }, { signs: 0 })).toBe(false);
  });
});

describe('sentAnswerRows', () => {
  it('a choice is one cell naming the option by letter', () => {
    expect(sentAnswerRows({ choice: 1 })).toEqual({ rows: [['option B']], matrix: false });
  });

  it('a matrix keeps its rows; signs read as − 0 +', () => {
    expect(sentAnswerRows({ numbers: [[0.5, -1]] })).toEqual({
      rows: [['0.5', '-1']],
      matrix: true,
    });
    expect(sentAnswerRows({ signs: [[-1, 0, 1]] })).toEqual({
      rows: [['−', '0', '+']],
      matrix: true,
    });
    expect(sentAnswerRows({ numbers: 2 })).toEqual({ rows: [['2']], matrix: false });
  });
});

describe('readAnswer (what the send button checks)', () => {
  const numeric = { mode: 'numeric' as const, quantity: 'z1', shape: M2x3 };

  it('flags empty and non-numbers together; names and focuses the first non-number', () => {
    // Entry 1 is empty, entry 3 ("x") is the typo: the message is about entry 3, not entry 1.
    const r = readAnswer(numeric, draft({ texts: ['1', '', '2', 'x', '3', ''] }));
    expect(r).toEqual({
      ok: false,
      flagged: [1, 3, 5],
      problem: 'z1 row 2 column 1 is not a number: type it like -0.1234, .5 or 1e-3.',
      focus: 3,
    });
  });

  it('counts the entries left, starting with the first', () => {
    const r = readAnswer(numeric, draft({ texts: ['1', '2', '3', '', '5', ''] }));
    expect(r).toMatchObject({
      ok: false,
      flagged: [3, 5],
      focus: 3,
      problem: 'Fill in every entry (2 left, starting with z1 row 2 column 1).',
    });
  });

  it('an empty scalar asks for a number', () => {
    const r = readAnswer(
      { mode: 'numeric', quantity: 'loss', shape: SCALAR },
      draft({ texts: [''] }),
    );
    expect(r).toMatchObject({ ok: false, flagged: [0], problem: 'Type a number first.' });
  });

  it('signs left out are flagged; no choice asks for one', () => {
    expect(
      readAnswer(
        { mode: 'sign', quantity: 'h1', shape: [1, 3] },
        draft({ signs: [1, null, null] }),
      ),
    ).toEqual({ ok: false, flagged: [1, 2], problem: 'Choose a sign for every entry (2 left).' });
    expect(readAnswer({ mode: 'choice', quantity: 'h1', shape: [1, 3] }, draft({}))).toEqual({
      ok: false,
      flagged: [],
      problem: 'Choose one of the options first.',
    });
  });

  it('a complete draft is the answer the contract accepts, in every mode', () => {
    const answers = [
      readAnswer(numeric, draft({ texts: ['1', '2', '3', '4', '5', '6'] })),
      readAnswer({ ...numeric, mode: 'sign' }, draft({ signs: [1, 1, 0, -1, -1, 0] })),
      readAnswer({ ...numeric, mode: 'choice' }, draft({ choice: 3 })),
    ];
    for (const r of answers) {
      expect(r.ok).toBe(true);
      if (r.ok) expect(answerValueSchema.parse(r.value)).toEqual(r.value);
    }
  });
});

describe('arrowTarget (moving through a 2×3 grid)', () => {
  const atEnd = (length: number) => ({ start: length, end: length, length });
  const atStart = { start: 0, end: 0, length: 4 };
  const middle = { start: 2, end: 2, length: 4 };

  it('up and down change rows, and stop at the edges', () => {
    expect(arrowTarget('ArrowDown', 1, 2, 3, middle)).toBe(4);
    expect(arrowTarget('ArrowUp', 4, 2, 3, middle)).toBe(1);
    expect(arrowTarget('ArrowUp', 2, 2, 3, middle)).toBeNull();
    expect(arrowTarget('ArrowDown', 5, 2, 3, middle)).toBeNull();
  });

  it('left and right leave the cell only from the caret at its start or end', () => {
    expect(arrowTarget('ArrowRight', 0, 2, 3, atEnd(4))).toBe(1);
    expect(arrowTarget('ArrowRight', 0, 2, 3, middle)).toBeNull();
    expect(arrowTarget('ArrowLeft', 1, 2, 3, atStart)).toBe(0);
    expect(arrowTarget('ArrowLeft', 1, 2, 3, middle)).toBeNull();
  });

  it('never wraps to the next row, and a selection keeps the keys in the field', () => {
    expect(arrowTarget('ArrowRight', 2, 2, 3, atEnd(4))).toBeNull();
    expect(arrowTarget('ArrowLeft', 3, 2, 3, atStart)).toBeNull();
    expect(arrowTarget('ArrowRight', 0, 2, 3, { start: 0, end: 4, length: 4 })).toBeNull();
    expect(arrowTarget('ArrowLeft', 1, 2, 3, { start: null, end: null, length: 0 })).toBeNull();
  });

  it('other keys are the field’s', () => {
    expect(arrowTarget('Tab', 0, 2, 3, atEnd(0))).toBeNull();
  });
});
