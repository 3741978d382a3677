/**
 * One model of a question and of a graded answer, the same in a live lesson and in homework
 * (packages/lesson `questionFace` and `gradedAnswer` build them). The live `QuestionView` and
 * `AnswerResult`, and homework's `HomeworkQuestion` and `AttemptFeedback`, add only what is
 * theirs (status and timer, points; attempts and progress).
 */
import type { GivenName, Phase, QuantityName, Shape, Value } from '@backprop/mlp-core';
import type { AnswerMode } from './settings.ts';

/** What a question asks and how it is answered. */
export interface QuestionFace {
  quantity: QuantityName;
  mode: AnswerMode;
  /** LaTeX, from mlp-core's trace. */
  symbol: string;
  formula: string;
  shape: Shape;
  phase: Phase;
  /** The bricks it is computed from. */
  inputs: readonly (GivenName | QuantityName)[];
  /** Multiple-choice option values (no labels: they would give the answer away). */
  options: Value[] | null;
  /** How precise a numeric or sign answer must be, in plain words (mlp-core describeTolerance). */
  precision?: string;
}

/** One entry of a graded answer, row-major (a scalar is row 0, column 0). */
export interface GradedEntry {
  row: number;
  col: number;
  /** The student's entry: the number, the sign, or the chosen option's entry. */
  answer: number;
  /** The true entry (its sign in sign mode); null until the truth may be shown. */
  truth: number | null;
  correct: boolean;
}

/** An answer as graded, entry by entry, with the named slip it matched. */
export interface GradedAnswer {
  correct: boolean;
  /** Share of entries right, 0..1 (partial credit). */
  credit: number;
  entries: GradedEntry[];
  /**
   * The named mistake the answer matched, if any; its hint null where hints are not shown
   * (packages/lesson SPEC M3: live always, at the reveal; homework when the assignment shows hints).
   */
  misconception: { id: string; label: string; hint: string | null } | null;
}
