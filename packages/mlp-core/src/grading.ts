/**
 * Grading a student's prediction of one quantity of a step: entry by entry, with partial credit,
 * and, when the answer is wrong as a whole, the named mistake it matches.
 */

import { flatten } from './matrix-ops.ts';
import { type Misconception, misconceptionsFor } from './misconceptions.ts';
import { judgeFor, type Tolerance } from './tolerance.ts';
import { QUANTITY_NAMES, type QuantityName, type StepTrace, type Value } from './types.ts';

export const ANSWER_ERROR_CODES = [
  'UNKNOWN_QUANTITY',
  'WRONG_SHAPE',
  'NOT_A_NUMBER',
  'NOT_A_SIGN',
] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

/** An answer that cannot be graded; `message` says what was expected. */
export class AnswerError extends Error {
  constructor(
    readonly code: AnswerErrorCode,
    /** The quantity asked, as given. */
    readonly quantity: string,
    message: string,
    /** The offending entry (0-based), when there is one. */
    readonly at?: { row: number; col: number },
  ) {
    super(message);
    this.name = 'AnswerError';
  }
}

export const GRADE_MODES = ['numeric', 'sign'] as const;
export type GradeMode = (typeof GRADE_MODES)[number];

/** A prediction: a number for the loss, rows of numbers (rows are observations) otherwise. */
export type Answer = number | readonly (readonly number[])[];

export interface GradeOptions {
  /** 'numeric' (default) compares values; 'sign' asks only for -1, 0 or 1 per entry. */
  mode?: GradeMode;
  /**
   * The question's tolerance; defaults to DEFAULT_TOLERANCE. The absolute floor is scaled to the
   * quantity and updates are graded on their step: see tolerance.ts, THE RULE.
   */
  tolerance?: Partial<Tolerance>;
}

export interface GradedEntry {
  /** 0-based; the scalar loss is row 0, col 0. */
  row: number;
  col: number;
  /** What the answer is compared with: the true value, or in sign mode its sign. */
  truth: number;
  answer: number;
  correct: boolean;
}

export interface GradeResult {
  name: QuantityName;
  mode: GradeMode;
  /** Every entry right. */
  correct: boolean;
  /** Share of entries right, 0 to 1: partial credit. */
  score: number;
  entries: GradedEntry[];
  /** The named mistake the whole answer matches; null when correct or when none matches. */
  misconception: Pick<Misconception, 'id' | 'origin' | 'label' | 'hint'> | null;
}

/**
 * Grades `answer` as a prediction of `name` in `trace`. Throws AnswerError when the answer cannot
 * be graded (unknown quantity, wrong shape, entries that are not finite numbers or, in sign mode,
 * not -1, 0 or 1) and RangeError for invalid options.
 *
 * Numeric mode follows tolerance.ts (THE RULE): the absolute floor is at most 1% of the largest
 * |entry| of the truth, and W*_new / b*_new are graded on their step from the old weights, so
 * unchanged weights and the gradient added are wrong at every learning rate.
 *
 * Sign mode: the true sign is right; on an entry that is negligible next to its matrix
 * (|truth| ≤ the floor) 0 is right too, so a truth too small to call is never held against the
 * student and the exact true signs always score 1. Updates are asked the sign of the new value.
 *
 * The misconception named is the first of misconceptionsFor(trace, name, tolerance) whose every
 * entry the answer matches under the same rules.
 */
export function gradeAnswer(
  trace: StepTrace,
  name: string,
  answer: Answer,
  options: GradeOptions = {},
): GradeResult {
  const mode = options.mode ?? 'numeric';
  if (!GRADE_MODES.includes(mode)) {
    throw new RangeError(`mode must be one of ${GRADE_MODES.join(', ')}, got ${String(mode)}`);
  }
  const entry = findEntry(trace, name);
  const judge = judgeFor(trace, entry.name, options.tolerance);
  const truth = entry.value;
  const given = readAnswer(entry.name, truth, answer as unknown, mode);

  const truths = flatten(truth);
  const cols = typeof truth === 'number' ? 1 : (truth[0]?.length ?? 1);
  const verdicts = mode === 'sign' ? judge.sign(given, truth) : judge.numeric(given, truth);
  const entries: GradedEntry[] = given.map((a, i) => {
    const t = truths[i]!;
    const expected = mode === 'sign' ? Math.sign(t) : t;
    return {
      row: Math.floor(i / cols),
      col: i % cols,
      truth: expected,
      answer: a,
      correct: verdicts[i]!,
    };
  });
  const right = entries.filter((e) => e.correct).length;
  const correct = right === entries.length;

  let misconception: GradeResult['misconception'] = null;
  if (!correct) {
    const matches = (m: Misconception) =>
      (mode === 'sign' ? judge.sign(given, m.value) : judge.numeric(given, m.value)).every(Boolean);
    const found = misconceptionsFor(trace, entry.name, judge.tolerance).find(matches);
    if (found) {
      const { id, origin, label, hint } = found;
      misconception = { id, origin, label, hint };
    }
  }
  return {
    name: entry.name,
    mode,
    correct,
    score: right / entries.length,
    entries,
    misconception,
  };
}

const BIAS_QUANTITIES: readonly string[] = ['dLoss_db2', 'dLoss_db1', 'b2_new', 'b1_new'];

function findEntry(trace: StepTrace, name: string) {
  const entry = trace.entries.find((e) => e.name === name);
  if (entry) return entry;
  const why = !QUANTITY_NAMES.includes(name as QuantityName)
    ? `expected one of ${trace.entries.map((e) => e.name).join(', ')}`
    : BIAS_QUANTITIES.includes(name)
      ? 'this network has no biases'
      : 'it is not computed in this step';
  throw new AnswerError('UNKNOWN_QUANTITY', name, `${name} is not a quantity of this step: ${why}`);
}

/** How a bad value reads in a message. */
function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'nothing';
  if (typeof x === 'string') return `the string ${JSON.stringify(x)}`;
  if (typeof x === 'number') return String(x);
  if (Array.isArray(x)) return 'a list';
  return `a ${typeof x}`;
}

const shapeText = (v: Value) =>
  typeof v === 'number' ? 'a scalar' : `${v.length}×${v[0]!.length}`;

/** The answer's entries, row-major, once it is known to have the truth's shape and kind. */
function readAnswer(name: QuantityName, truth: Value, answer: unknown, mode: GradeMode): number[] {
  const fail = (code: AnswerErrorCode, message: string, at?: { row: number; col: number }) =>
    new AnswerError(code, name, message, at);
  const expects = `${name} is ${shapeText(truth)}`;

  let grid: unknown[][];
  if (typeof truth === 'number') {
    if (Array.isArray(answer)) {
      const rows = answer.length;
      const cols = Array.isArray(answer[0]) ? answer[0].length : 1;
      throw fail('WRONG_SHAPE', `${expects}: answer one number, got a ${rows}×${cols} list`);
    }
    grid = [[answer]];
  } else {
    if (!Array.isArray(answer)) {
      throw fail('WRONG_SHAPE', `${expects}: answer a list of rows, got ${describe(answer)}`);
    }
    const bad = answer.findIndex((row) => !Array.isArray(row));
    if (bad >= 0) {
      throw fail(
        'WRONG_SHAPE',
        `${expects}: row ${bad + 1} should be a list of numbers, got ${describe(answer[bad])}`,
      );
    }
    grid = answer as unknown[][];
    const lengths = grid.map((row) => row.length);
    if (lengths.some((n) => n !== lengths[0])) {
      throw fail('WRONG_SHAPE', `${expects}, got ragged rows of ${lengths.join(', ')} entries`);
    }
    const rows = grid.length;
    const cols = lengths[0] ?? 0;
    if (rows !== truth.length || cols !== truth[0]!.length) {
      throw fail('WRONG_SHAPE', `${expects}, got ${rows}×${cols}`);
    }
  }

  const out: number[] = [];
  grid.forEach((row, r) => {
    row.forEach((x, c) => {
      const where = typeof truth === 'number' ? name : `${name}, row ${r + 1}, column ${c + 1},`;
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw fail('NOT_A_NUMBER', `${where} should be a finite number, got ${describe(x)}`, {
          row: r,
          col: c,
        });
      }
      if (mode === 'sign' && x !== -1 && x !== 0 && x !== 1) {
        throw fail('NOT_A_SIGN', `${where} should be a sign (-1, 0 or 1), got ${x}`, {
          row: r,
          col: c,
        });
      }
      out.push(x === 0 ? 0 : x); // -0 reads as 0
    });
  });
  return out;
}
