/**
 * Commands: what clients ask for. The server validates each with these schemas, then hands it to
 * the lesson state machine (packages/lesson), which accepts or refuses it.
 */

import { MAX_HIDDEN } from '@backprop/mlp-core';
import { z } from 'zod';
import { MAX_QUIZ_BATCH } from './settings.ts';

/** The most steps one fast-forward may take, whatever the data. */
export const MAX_FAST_FORWARD_STEPS = 20_000;
/**
 * Fast-forward trains on every point at every step, so its cost is steps × n: capped at the
 * cost of 20,000 steps on the deck's 300 points (about half a second on an idle core), so a
 * 2,000-point lesson fast-forwards at most 3,000 steps at a time and no command (nor its replay
 * after a restart) holds the server for long.
 */
export const MAX_FAST_FORWARD_POINT_STEPS = 20_000 * 300;

/** The most steps one fast-forward may take with `n` data points. */
export function maxFastForwardSteps(n: number): number {
  return Math.max(
    1,
    Math.min(MAX_FAST_FORWARD_STEPS, Math.floor(MAX_FAST_FORWARD_POINT_STEPS / n)),
  );
}

/** Identifies one question: training step and position in the step's question list. */
export const questionKeySchema = z.strictObject({
  step: z.number().int().min(0),
  index: z.number().int().min(0),
});
export type QuestionKey = z.infer<typeof questionKeySchema>;

const finite = z.number().finite();
/** Rows are observations; no quantity is larger than batch × max(hidden, 2) or hidden × 2. */
const matrix = z
  .array(z.array(finite).min(1).max(MAX_HIDDEN))
  .min(1)
  .max(Math.max(MAX_QUIZ_BATCH, MAX_HIDDEN));

/**
 * An answer's value, by mode: numbers (a number for the loss, rows otherwise), signs (-1/0/1 in
 * the same shape), or the index of a multiple-choice option.
 */
export const answerValueSchema = z.union([
  z.strictObject({ numbers: z.union([finite, matrix]) }),
  z.strictObject({ signs: z.union([finite, matrix]) }),
  z.strictObject({ choice: z.number().int().min(0).max(9) }),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

export const answerCommandSchema = z.strictObject({
  type: z.literal('answer'),
  /** Made by the client; sending the same id twice counts once. */
  answerId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  question: questionKeySchema,
  value: answerValueSchema,
});
export type AnswerCommand = z.infer<typeof answerCommandSchema>;

export const studentCommandSchema = z.discriminatedUnion('type', [answerCommandSchema]);
export type StudentCommand = z.infer<typeof studentCommandSchema>;

const playerId = z.string().min(1).max(64);

export const instructorCommandSchema = z.discriminatedUnion('type', [
  /** Lobby -> the first question, shown but not yet open. */
  z.strictObject({ type: z.literal('start') }),
  /** Open the shown question for answers (starts its timer). */
  z.strictObject({ type: z.literal('open') }),
  z.strictObject({ type: z.literal('lock') }),
  /** Reveal the truth and score the answers (locks first if still open). */
  z.strictObject({ type: z.literal('reveal') }),
  /** After a reveal: the next question, or the end of the step's chain. */
  z.strictObject({ type: z.literal('next') }),
  /** Move past the current question without scoring it. */
  z.strictObject({ type: z.literal('skip') }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  /** Between steps: train this many steps on, then quiz the next step on the new weights. */
  z.strictObject({
    type: z.literal('fastForward'),
    steps: z.number().int().min(1).max(MAX_FAST_FORWARD_STEPS),
  }),
  /**
   * Between steps, on a network without biases: turn biases on (zero), keep the weights. A
   * bias-free network cannot learn XOR; after this the same class can watch it learn.
   */
  z.strictObject({ type: z.literal('addBiases') }),
  z.strictObject({ type: z.literal('kick'), playerId }),
  z.strictObject({ type: z.literal('readmit'), playerId }),
  z.strictObject({ type: z.literal('end') }),
]);
export type InstructorCommand = z.infer<typeof instructorCommandSchema>;
export type InstructorCommandType = InstructorCommand['type'];
