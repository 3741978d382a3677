/**
 * One question's numbers: built once when it is shown (truth, misconceptions, options) and used
 * to validate and grade each answer as it arrives.
 */
import type { AnswerValue, LessonSettings, QuestionKey, QuestionSpec } from '@backprop/contract';
import {
  AnswerError,
  entryOf,
  gradeAnswer,
  misconceptionsFor,
  multipleChoice,
  resolveTolerance,
  type StepTrace,
  type Tolerance,
  type Value,
  withinTolerance,
} from '@backprop/mlp-core';
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

/** [Q2] The question at `key`, shown: everything grading and views need, computed once. */
export function showQuestion(
  choiceKey: string,
  trace: StepTrace,
  spec: QuestionSpec,
  key: QuestionKey,
): QuestionState {
  const truth = entryOf(trace, spec.quantity).value;
  const misconceptions = misconceptionsFor(trace, spec.quantity).map(
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
    answers: {},
    answerCount: 0,
    answerIds: {},
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
    const values = flatten(option.value);
    const entryCorrect = truths.map((t, i) => correct || withinTolerance(values[i]!, t, tolerance));
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
    const signOf = (x: number) => (Math.abs(x) <= tolerance.absolute ? 0 : Math.sign(x));
    // Per entry: right, or the first misconception whose same entry it matches, or neither.
    const entryClass = result.entries.map((e, i) => {
      if (e.correct) return 'correct';
      const a = answers[i]!;
      const m = q.misconceptions.find((mc) => {
        const v = flatten(mc.value)[i]!;
        return mode === 'sign' ? signOf(v) === a : withinTolerance(a, v, tolerance);
      });
      return m?.id ?? 'other';
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
