/**
 * One question's numbers: built once when it is shown (truth, misconceptions, options) and used
 * to validate and grade each answer as it arrives.
 */
import type {
  AnswerValue,
  GradedAnswer,
  GradedEntry,
  LessonSettings,
  QuestionFace,
  QuestionKey,
  QuestionSpec,
} from '@backprop/contract';
import {
  AnswerError,
  describeTolerance,
  entryOf,
  gradeAnswer,
  judgeFor,
  misconceptionsFor,
  multipleChoice,
  resolveTolerance,
  type StepTrace,
  type Tolerance,
  type Value,
} from '@backprop/mlp-core';
import { NO_SHARDS } from './shards.ts';
import type { AnswerGrade, QuestionState } from './state.ts';

/** A value's entries, row-major (the scalar loss is one entry). */
export const flatten = (v: Value): number[] => (typeof v === 'number' ? [v] : v.flat());

/** Options per multiple-choice question (the truth included). */
export const CHOICE_COUNT = 4;

/**
 * FNV-1a over the lesson's choice key (its secret salt and code, state.ts) and the question key:
 * the option order is the same on every server and in every replay, differs between questions
 * and lessons, and cannot be computed by a student, who never sees the salt.
 */
export function choiceSeed(choiceKey: string, key: QuestionKey): number {
  let h = 0x811c9dc5;
  for (const ch of `${choiceKey}:${key.step}:${key.index}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function toleranceOf(settings: LessonSettings, spec: QuestionSpec): Tolerance {
  return resolveTolerance(spec.tolerance ?? settings.tolerance);
}

/** The question's tolerance in plain words for students; none for multiple choice. */
export function precisionOf(settings: LessonSettings, spec: QuestionSpec): string | undefined {
  if (spec.mode === 'choice') return undefined;
  const update = spec.quantity.endsWith('_new') ? spec.quantity.slice(0, -4) : undefined;
  return describeTolerance(toleranceOf(settings, spec), { update, mode: spec.mode });
}

/**
 * [Q2] The question at `key`, shown: everything grading and views need, computed once. Its
 * misconceptions and options are told apart under the question's own tolerance.
 */
export function showQuestion(
  choiceKey: string,
  trace: StepTrace,
  spec: QuestionSpec,
  key: QuestionKey,
  tolerance: Tolerance,
): QuestionState {
  const truth = entryOf(trace, spec.quantity).value;
  const misconceptions = misconceptionsFor(trace, spec.quantity, tolerance).map(
    ({ id, label, hint, value }) => ({
      id,
      label,
      hint,
      value,
    }),
  );
  let options: QuestionState['options'] = null;
  let correctIndex: number | null = null;
  if (spec.mode === 'choice') {
    const mc = multipleChoice(trace, spec.quantity, {
      seed: choiceSeed(choiceKey, key),
      count: CHOICE_COUNT,
      tolerance,
    });
    options = mc.options.map((o) => ({
      value: o.value,
      misconception: o.misconception,
      kind: o.kind,
    }));
    correctIndex = mc.correctIndex;
  }
  return {
    key,
    spec,
    status: 'shown',
    deadline: null,
    remainingMs: null,
    closedVersion: null,
    truth,
    misconceptions,
    options,
    correctIndex,
    answers: NO_SHARDS,
    answerCount: 0,
    answerIds: NO_SHARDS,
    scored: null,
  };
}

export type GradeOutcome = { ok: true; grade: AnswerGrade } | { ok: false; message: string };

/**
 * [A3] Validates and grades an answer. Numeric and sign answers go through mlp-core's
 * gradeAnswer, whose AnswerError message is the student's explanation of a malformed one.
 */
export function gradeSubmission(
  trace: StepTrace,
  settings: LessonSettings,
  q: QuestionState,
  value: AnswerValue,
): GradeOutcome {
  const tolerance = toleranceOf(settings, q.spec);
  // The same rules as gradeAnswer: the floor scaled to the quantity, updates on their step.
  const judge = judgeFor(trace, q.spec.quantity, tolerance);
  const truths = flatten(q.truth);
  const mode = q.spec.mode;

  if (mode === 'choice') {
    if (!('choice' in value)) return { ok: false, message: 'this question takes {choice}' };
    const option = q.options?.[value.choice];
    if (!option) {
      return {
        ok: false,
        message: `choice must be an option index from 0 to ${(q.options?.length ?? 0) - 1}`,
      };
    }
    const correct = value.choice === q.correctIndex;
    const near = judge.numeric(flatten(option.value), q.truth);
    const entryCorrect = truths.map((_, i) => correct || near[i]!);
    const cls = correct ? 'correct' : (option.misconception ?? 'other');
    return {
      ok: true,
      grade: {
        correct,
        credit: correct ? 1 : 0,
        misconceptionId: correct ? null : option.misconception,
        entryCorrect,
        entryClass: truths.map(() => cls),
      },
    };
  }

  const given = mode === 'numeric' ? 'numbers' : 'signs';
  if (!(given in value)) return { ok: false, message: `this question takes {${given}}` };
  const answer = (value as { numbers?: unknown; signs?: unknown })[given] as number | number[][];
  try {
    const result = gradeAnswer(trace, q.spec.quantity, answer, { mode, tolerance });
    const answers = flatten(answer);
    const matched = q.misconceptions.map((mc) =>
      mode === 'sign' ? judge.sign(answers, mc.value) : judge.numeric(answers, mc.value),
    );
    // Per entry: right, or the first misconception whose same entry it matches, or neither.
    const entryClass = result.entries.map((e, i) => {
      if (e.correct) return 'correct';
      const m = q.misconceptions.findIndex((_, k) => matched[k]![i]);
      return m >= 0 ? q.misconceptions[m]!.id : 'other';
    });
    return {
      ok: true,
      grade: {
        correct: result.correct,
        credit: result.score,
        misconceptionId: result.misconception?.id ?? null,
        entryCorrect: result.entries.map((e) => e.correct),
        entryClass,
      },
    };
  } catch (err) {
    if (err instanceof AnswerError) return { ok: false, message: err.message };
    throw err;
  }
}

/**
 * [M1] The question's face, live and in homework: the quantity, mode, symbol, formula, shape,
 * phase and inputs from the trace, the tolerance in words, and the option values (no kinds nor
 * misconceptions: they would give the answer away) when `options` (homework: once reachable).
 */
export function questionFace(
  settings: LessonSettings,
  trace: StepTrace,
  q: QuestionState,
  options = true,
): QuestionFace {
  const entry = entryOf(trace, q.spec.quantity);
  return {
    quantity: q.spec.quantity,
    mode: q.spec.mode,
    symbol: entry.symbol,
    formula: entry.formula,
    shape: entry.shape,
    phase: entry.phase,
    inputs: entry.inputs,
    options: options && q.options ? q.options.map((o) => o.value) : null,
    precision: precisionOf(settings, q.spec),
  };
}

/** Each entry of the question's truth as students are shown it (the sign in sign mode), once per question. */
const truthCache = new WeakMap<QuestionState, { row: number; col: number; truth: number }[]>();

function truthEntries(q: QuestionState) {
  let shown = truthCache.get(q);
  if (!shown) {
    const cols = typeof q.truth === 'number' ? 1 : (q.truth[0]?.length ?? 1);
    const sign = q.spec.mode === 'sign';
    // In sign mode the true sign (gradeAnswer also accepts 0 on a negligible entry).
    shown = flatten(q.truth).map((t, i) => ({
      row: Math.floor(i / cols),
      col: i % cols,
      truth: sign ? Math.sign(t) : t,
    }));
    truthCache.set(q, shown);
  }
  return shown;
}

/** The entries of an answer, row-major: numbers, signs, or the chosen option's value. */
function answerEntries(q: QuestionState, value: AnswerValue): number[] {
  if ('numbers' in value) return flatten(value.numbers);
  if ('signs' in value) return flatten(value.signs);
  return flatten(q.options![value.choice]!.value);
}

/**
 * [M2] A graded answer, live and in homework: per entry the student's entry, the true one (only
 * with `truth`), right or not; the credit; the named slip the whole answer matched (ids repeat
 * when a slip is carried forward: the first is the nearest origin) with its hint only with
 * `hints` [M3].
 */
export function gradedAnswer(
  q: QuestionState,
  value: AnswerValue,
  grade: Pick<AnswerGrade, 'correct' | 'credit' | 'entryCorrect' | 'misconceptionId'>,
  opts: { truth: boolean; hints: boolean },
): GradedAnswer {
  const shown = truthEntries(q);
  const given = answerEntries(q, value);
  const entries: GradedEntry[] = shown.map(({ row, col, truth }, i) => ({
    row,
    col,
    answer: given[i]!,
    truth: opts.truth ? truth : null,
    correct: grade.entryCorrect[i]!,
  }));
  const m = grade.misconceptionId
    ? q.misconceptions.find((x) => x.id === grade.misconceptionId)
    : undefined;
  return {
    correct: grade.correct,
    credit: grade.credit,
    entries,
    misconception: m ? { id: m.id, label: m.label, hint: opts.hints ? m.hint : null } : null,
  };
}
