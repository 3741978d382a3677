/**
 * Lesson plans: one-click lessons for /teach, as data, each with the time it takes. The estimate
 * is one pure function (`estimatePlan`) over documented assumptions, so the page, the README and
 * the tests all quote the same minutes.
 */
import { DECK_CONFIG, type QuantityName, quantityNames } from '@backprop/mlp-core';
import {
  type AnswerMode,
  DECK_PRESET,
  type LessonSettings,
  type NetworkSettings,
  type QuestionSpec,
} from './settings.ts';

export const LESSON_PLAN_IDS = ['deck50', 'deck', 'forward', 'learn'] as const;
export type LessonPlanId = (typeof LESSON_PLAN_IDS)[number];

export interface LessonPlan {
  id: LessonPlanId;
  title: string;
  /** What the class does, and why the questions are asked the way they are. */
  description: string;
  settings: LessonSettings;
  /** Fast-forwards the plan expects the instructor to run (steps each), for the estimate. */
  fastForwards: readonly number[];
}

/**
 * The assumptions behind every estimate, in seconds. They are a lecturer's rule of thumb, not a
 * measurement: change them here and every plan's minutes follow.
 */
export const ESTIMATE_ASSUMPTIONS = {
  /** Once per lesson: students open the page, type the code and a nickname; the plan is introduced. */
  joinSeconds: 180,
  /**
   * Per question: the instructor shows the brick and reads its formula aloud. Not counted apart
   * when the lesson opens questions on show with a timer: the introduction runs on the timer.
   */
  introSeconds: 20,
  /** Per question: the reveal, reading the values and discussing the mistakes the class made. */
  revealSeconds: 60,
  /**
   * Answering without a timer, per question: thinking time by mode, plus per entry for numbers
   * (reading inputs off the board, a calculator, typing 8 decimals on a phone) and signs (a tap).
   * With a timer the class gets the whole timer: the estimate budgets it in full.
   */
  answerSeconds: { numeric: 30, sign: 20, choice: 45 } satisfies Record<AnswerMode, number>,
  perEntrySeconds: { numeric: 20, sign: 3, choice: 0 } satisfies Record<AnswerMode, number>,
  /** Per fast-forward: the animation (about 3 s) and talking about what the class sees. */
  fastForwardSeconds: 180,
} as const;

/** How many numbers a quantity has for a network (rows are the batch's observations). */
export function entriesOf(
  quantity: QuantityName,
  network: Pick<NetworkSettings, 'batch' | 'hidden'>,
) {
  const { batch: b, hidden: h } = network;
  switch (quantity) {
    case 'loss':
      return 1;
    case 'z2':
    case 'h2':
    case 'dLoss_dh2':
    case 'dh2_dz2':
    case 'dLoss_dz2':
    case 'dz1_dW1':
      return 2 * b;
    case 'dLoss_db2':
    case 'b2_new':
      return 2;
    case 'dLoss_db1':
    case 'b1_new':
      return h;
    case 'dLoss_dW2':
    case 'dz2_dh1':
    case 'W2_new':
    case 'dLoss_dW1':
    case 'W1_new':
      return 2 * h;
    default:
      // z1 h1 dz2_dW2 dLoss_dh1 dh1_dz1 dLoss_dz1: one row of `hidden` per observation.
      return b * h;
  }
}

export interface PlanEstimate {
  questions: number;
  /** Numbers a student types (sign and choice questions count their entries too). */
  entries: number;
  seconds: number;
  /** Rounded up to whole minutes. */
  minutes: number;
}

/**
 * [PL1] The plan's length: join once, then per question the intro, the answering time (the whole
 * timer if there is one, else thinking time by mode plus time per entry) and the reveal, plus each
 * planned fast-forward. With `openOnShow` and a timer the intro overlaps the timer ([Q11]): the
 * class reads the brick while answering. Pure: the same settings always give the same minutes.
 */
export function estimatePlan(
  settings: Pick<LessonSettings, 'network' | 'questions' | 'timerSeconds' | 'openOnShow'>,
  fastForwards: readonly number[] = [],
): PlanEstimate {
  const a = ESTIMATE_ASSUMPTIONS;
  let seconds = a.joinSeconds + fastForwards.length * a.fastForwardSeconds;
  let entries = 0;
  for (const q of settings.questions) {
    const n = entriesOf(q.quantity, settings.network);
    entries += n;
    const answering =
      settings.timerSeconds ?? a.answerSeconds[q.mode] + a.perEntrySeconds[q.mode] * n;
    const intro = settings.openOnShow && settings.timerSeconds !== null ? 0 : a.introSeconds;
    seconds += intro + answering + a.revealSeconds;
  }
  return {
    questions: settings.questions.length,
    entries,
    seconds,
    minutes: Math.ceil(seconds / 60),
  };
}

/** The three bricks that are the step's own inputs again: dz2_dW2 = h1, dz2_dh1 = W2, dz1_dW1 = X. */
export const IDENTITY_QUANTITIES: readonly QuantityName[] = ['dz2_dW2', 'dz2_dh1', 'dz1_dW1'];

/**
 * How the 50-minute plan asks the harder bricks. Signs: the sigmoid's slope h2(1 − h2) is always
 * positive, and the deck itself prints it negative, so "which sign?" is the question worth a
 * minute. Multiple choice: the weight gradients are outer products (h1ᵀ·dLoss_dz2, Xᵀ·dLoss_dz1)
 * whose classic slips are a transpose or the wrong layer's input, and the updates' slips are
 * adding the gradient or forgetting the learning rate: the options are exactly those slips, so
 * choosing teaches the shape and the direction without typing 6 numbers of 8 decimals each.
 */
const DECK50_MODES: Partial<Record<QuantityName, AnswerMode>> = {
  dh2_dz2: 'sign',
  dLoss_dW2: 'choice',
  dLoss_dW1: 'choice',
  W2_new: 'choice',
  W1_new: 'choice',
};

const deckQuestions = (keep: (q: QuestionSpec) => boolean): QuestionSpec[] =>
  DECK_PRESET.questions.filter(keep);

const DECK50: LessonSettings = {
  ...DECK_PRESET,
  questions: deckQuestions((q) => !IDENTITY_QUANTITIES.includes(q.quantity)).map((q) => {
    const mode = DECK50_MODES[q.quantity];
    // A choice is right or wrong as a whole: the tight update tolerance is for typed numbers.
    return mode ? { quantity: q.quantity, mode } : q;
  }),
  timerSeconds: 90,
  // [Q11] Two presses per question (Reveal, Next): the 90 s timer paces the class.
  openOnShow: true,
};

const FORWARD: LessonSettings = {
  ...DECK_PRESET,
  questions: deckQuestions((q) => quantityNames({ bias: false }).indexOf(q.quantity) <= 4),
  timerSeconds: 90,
};

/**
 * A network that learns XOR in a few seconds of fast-forward: biases on (zero at the start), 4
 * hidden units; fast-forward at lr 3 full batch: 98% of the 300 points within 1,000 steps, at
 * least 95% by 3,000 (checked with mlp-core's train, and through the lesson engine). The quizzed
 * step uses lr 0.5: its update on one point is visible in W_new, while lr 3 on a single point
 * throws the weights far enough that 3,000 steps then end near 90%.
 */
export const WATCH_IT_LEARN_NETWORK: NetworkSettings = {
  ...DECK_CONFIG,
  hidden: 4,
  bias: true,
  lr: 0.5,
};

const LEARN: LessonSettings = {
  network: WATCH_IT_LEARN_NETWORK,
  questions: ['z1', 'h1', 'z2', 'h2', 'loss'].map((quantity) => ({
    quantity: quantity as QuantityName,
    mode: 'numeric' as const,
  })),
  timerSeconds: 90,
  scoring: { speedBonus: false, streakBonus: true },
  tolerance: DECK_PRESET.tolerance,
  fastForwardLr: 3,
};

export const LESSON_PLANS: readonly LessonPlan[] = [
  {
    id: 'deck50',
    title: 'The deck in 50 minutes',
    description:
      "The deck's step without its three identities (dz2_dW2 = h1, dz2_dh1 = W2, dz1_dW1 = X are shown, not asked), 90 s per question. dh2_dz2 is asked as a sign: the sigmoid's slope is always positive, and the deck itself prints it negative. The weight gradients and the updates are multiple choice: their options are the real slips (a transpose, the wrong layer's input, adding the gradient, forgetting the learning rate), so the class learns the shape and direction without typing 6 numbers of 8 decimals. Each question opens as it is shown: the 90 s timer paces the class and the instructor explains the brick while it runs, so the console asks two presses per question (Reveal, Next).",
    settings: DECK50,
    fastForwards: [],
  },
  {
    id: 'deck',
    title: 'The whole deck',
    description:
      "All 18 quantities of the deck's worked step, from z1 to W1_new, typed as numbers, no timer: the slides to the last digit. A 2-3-2 sigmoid network without biases, seeds 0 and 2017, learning rate 0.001, one point per step.",
    settings: DECK_PRESET,
    fastForwards: [],
  },
  {
    id: 'forward',
    title: 'Forward pass only',
    description:
      "z1, h1, z2, h2 and the loss of the deck's first point, as numbers, 90 s each: the first half of a lecture, or a warm-up.",
    settings: FORWARD,
    fastForwards: [],
  },
  {
    id: 'learn',
    title: 'Watch it learn',
    description:
      'A 2-4-2 sigmoid network with biases: the class computes one forward pass (learning rate 0.5 for that step), then fast-forward 3,000 steps on all 300 points at learning rate 3 and watch the decision boundary bend into XOR (at least 95% right).',
    settings: LEARN,
    fastForwards: [3000],
  },
];

export function lessonPlan(id: LessonPlanId): LessonPlan {
  return LESSON_PLANS.find((p) => p.id === id)!;
}
