/** A lesson's configuration, chosen by the instructor when creating it. */
import {
  ACTIVATIONS,
  DECK_CONFIG,
  MAX_HIDDEN,
  QUANTITY_NAMES,
  quantityNames,
} from '@backprop/mlp-core';
import { z } from 'zod';
import { TIMER_SECONDS } from './constants.ts';

const seed = z.number().int().min(0).max(0xffffffff);

/** Points per lesson are capped so a quiz stays typeable on a phone. */
export const MAX_POINTS = 2000;
export const MAX_QUIZ_BATCH = 8;

export const networkConfigSchema = z
  .strictObject({
    dataSeed: seed,
    n: z.number().int().min(4).max(MAX_POINTS),
    weightSeed: seed,
    hidden: z.number().int().min(1).max(MAX_HIDDEN),
    activation: z.enum(ACTIVATIONS),
    bias: z.boolean(),
    lr: z.number().positive().max(100),
    reg: z.number().min(0).max(100),
    /** Rows per quizzed step: students type every entry, so it stays small. */
    batch: z.number().int().min(1).max(MAX_QUIZ_BATCH),
  })
  .refine((c) => c.batch <= c.n, { message: 'batch must not exceed n', path: ['batch'] });

export const ANSWER_MODES = ['numeric', 'sign', 'choice'] as const;
export const answerModeSchema = z.enum(ANSWER_MODES);
export type AnswerMode = z.infer<typeof answerModeSchema>;

export const quantityNameSchema = z.enum(QUANTITY_NAMES);

export const toleranceSchema = z.strictObject({
  relative: z.number().min(0).max(1),
  absolute: z.number().min(0).max(1),
});
export type ToleranceSettings = z.infer<typeof toleranceSchema>;

export const questionSpecSchema = z.strictObject({
  quantity: quantityNameSchema,
  mode: answerModeSchema,
  /**
   * Overrides the lesson's tolerance for this question. Rarely needed: the floor scales with the
   * quantity and updates are graded on their step (mlp-core's tolerance.ts).
   */
  tolerance: toleranceSchema.optional(),
});
export type QuestionSpec = z.infer<typeof questionSpecSchema>;

export const scoringSchema = z.strictObject({
  /** Extra points for answering fully right early (needs a timer). */
  speedBonus: z.boolean(),
  /** Extra points for consecutive fully right answers. */
  streakBonus: z.boolean(),
});

export const lessonSettingsSchema = z
  .strictObject({
    network: networkConfigSchema,
    /** Asked per training step, in the deck's order; each quantity at most once. */
    questions: z.array(questionSpecSchema).min(1).max(QUANTITY_NAMES.length),
    /** Seconds per question, or null for no timer. */
    timerSeconds: z.number().int().min(TIMER_SECONDS.min).max(TIMER_SECONDS.max).nullable(),
    scoring: scoringSchema,
    tolerance: toleranceSchema,
    /**
     * Fast-forward trains on all n points at once (full batch) at this learning rate; without it,
     * at network.lr. The deck's lr 0.001 keeps its worked step checkable by hand but barely moves
     * the weights in 20,000 steps, so a lesson that wants the class to see training sets this.
     */
    fastForwardLr: z.number().positive().max(100).optional(),
    /**
     * Showing a question opens it at once (the timer starts, students can answer): the instructor
     * presses Reveal then Next, two presses per question. Absent means false (shown, then Open).
     */
    openOnShow: z.boolean().optional(),
  })
  .superRefine((s, ctx) => {
    const available = quantityNames(s.network);
    const order = s.questions.map((q) => available.indexOf(q.quantity));
    s.questions.forEach((q, i) => {
      if (order[i] === -1) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'quantity'],
          message: `${q.quantity} is not a quantity of this network (biases off?)`,
        });
      } else if (i > 0 && order[i]! <= order[i - 1]!) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'quantity'],
          message: 'questions follow the deck order, each quantity once',
        });
      }
    });
  });
export type LessonSettings = z.infer<typeof lessonSettingsSchema>;
export type NetworkSettings = z.infer<typeof networkConfigSchema>;

/** Every quantity of the step, in the deck's order, answered with numbers. */
export function allQuestions(network: Pick<NetworkSettings, 'bias'>): QuestionSpec[] {
  return quantityNames(network).map((quantity) => ({ quantity, mode: 'numeric' as const }));
}

/** The learning rate fast-forward trains at (full batch). */
export function fastForwardLrOf(
  settings: Pick<LessonSettings, 'network' | 'fastForwardLr'>,
): number {
  return settings.fastForwardLr ?? settings.network.lr;
}

/**
 * The deck's worked example as a lesson: seeds 0 and 2017, 2-3-2 sigmoid, no biases, lr 0.001.
 * Fast-forward trains at lr 2 on all 300 points, so the class sees the bias-free network stall
 * near 66% (and, after "add biases", learn) instead of a flat line at lr 0.001.
 */
export const DECK_PRESET: LessonSettings = {
  network: { ...DECK_CONFIG },
  // One tolerance fits every question: mlp-core scales its absolute floor to each quantity and
  // grades W*_new on the step (answer − W against −α·g), so unchanged weights and the gradient
  // added fail at any learning rate (packages/mlp-core/README.md, "Grading tolerance").
  questions: allQuestions(DECK_CONFIG),
  timerSeconds: null,
  scoring: { speedBonus: false, streakBonus: true },
  tolerance: { relative: 0.01, absolute: 0.0005 },
  fastForwardLr: 2,
};
