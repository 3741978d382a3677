/** Lesson plans: valid settings, honest estimates, and a network that really learns. */
import { type QuantityName, quantityNames, train } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import {
  DECK_PRESET,
  ESTIMATE_ASSUMPTIONS,
  estimatePlan,
  IDENTITY_QUANTITIES,
  LESSON_PLANS,
  lessonPlan,
  lessonSettingsSchema,
  quizStepLabel,
  stepDoneLabel,
} from '../src/index.ts';

describe('lesson plans', () => {
  it('every plan is settings the server accepts', () => {
    for (const plan of LESSON_PLANS) {
      expect(lessonSettingsSchema.parse(plan.settings), plan.id).toEqual(plan.settings);
    }
    expect(LESSON_PLANS.map((p) => p.title)).toEqual([
      'The deck in 50 minutes',
      'The whole deck',
      'Forward pass only',
      'Watch it learn',
    ]);
  });

  it('[PL1] the 50-minute plan fits 50 minutes, without the identities, with a timer', () => {
    const plan = lessonPlan('deck50');
    const estimate = estimatePlan(plan.settings, plan.fastForwards);
    expect(estimate.seconds).toBeLessThanOrEqual(50 * 60);
    expect(estimate.minutes).toBeLessThanOrEqual(50);
    const asked = plan.settings.questions.map((q) => q.quantity);
    for (const identity of IDENTITY_QUANTITIES) expect(asked).not.toContain(identity);
    expect(asked).toEqual(
      quantityNames({ bias: false }).filter((q) => !IDENTITY_QUANTITIES.includes(q)),
    );
    expect(plan.settings.timerSeconds).not.toBeNull();
    const modes = Object.fromEntries(plan.settings.questions.map((q) => [q.quantity, q.mode]));
    expect(modes).toMatchObject({
      dh2_dz2: 'sign',
      dLoss_dW2: 'choice',
      dLoss_dW1: 'choice',
      W2_new: 'choice',
      W1_new: 'choice',
    } satisfies Partial<Record<QuantityName, string>>);
    // Its network is the deck's: the numbers on the slides.
    expect(plan.settings.network).toEqual(DECK_PRESET.network);
    // [Q11] Opened as shown: two presses per question, the timer paces the class.
    expect(plan.settings.openOnShow).toBe(true);
    expect(DECK_PRESET.openOnShow).toBeUndefined();
  });

  it('[PL1][Q11] opening on show with a timer drops the separate intro; without a timer it does not', () => {
    const a = ESTIMATE_ASSUMPTIONS;
    const base = {
      network: DECK_PRESET.network,
      questions: DECK_PRESET.questions.slice(0, 3),
      timerSeconds: 90,
    };
    const shown = estimatePlan(base);
    const opened = estimatePlan({ ...base, openOnShow: true });
    expect(shown.seconds - opened.seconds).toBe(3 * a.introSeconds);
    expect(opened.seconds).toBe(a.joinSeconds + 3 * (90 + a.revealSeconds));
    const untimed = { ...base, timerSeconds: null };
    expect(estimatePlan({ ...untimed, openOnShow: true })).toEqual(estimatePlan(untimed));
    // The 50-minute plan: 15 questions of 90 s + a minute's reveal, and 3 minutes to join.
    const deck50 = lessonPlan('deck50');
    expect(estimatePlan(deck50.settings)).toMatchObject({
      questions: 15,
      seconds: a.joinSeconds + 15 * (90 + a.revealSeconds),
      minutes: 41,
    });
  });

  it('[PL1] the whole deck is all 18 quantities as numbers and takes longer than a period', () => {
    const plan = lessonPlan('deck');
    expect(plan.settings).toEqual(DECK_PRESET);
    const estimate = estimatePlan(plan.settings);
    expect(estimate).toMatchObject({ questions: 18, entries: 61 });
    expect(estimate.minutes).toBeGreaterThan(50);
  });

  it('[PL1] the estimate is the documented sum, nothing else', () => {
    const a = ESTIMATE_ASSUMPTIONS;
    const untimed = estimatePlan({
      network: DECK_PRESET.network,
      questions: [
        { quantity: 'z1', mode: 'numeric' },
        { quantity: 'dh2_dz2', mode: 'sign' },
        { quantity: 'W1_new', mode: 'choice' },
      ],
      timerSeconds: null,
    });
    const perQuestion = a.introSeconds + a.revealSeconds;
    expect(untimed).toEqual({
      questions: 3,
      entries: 3 + 2 + 6,
      seconds:
        a.joinSeconds +
        3 * perQuestion +
        (a.answerSeconds.numeric + 3 * a.perEntrySeconds.numeric) +
        (a.answerSeconds.sign + 2 * a.perEntrySeconds.sign) +
        a.answerSeconds.choice,
      minutes: expect.any(Number),
    });
    const timed = estimatePlan(
      {
        network: DECK_PRESET.network,
        questions: DECK_PRESET.questions.slice(0, 2),
        timerSeconds: 60,
      },
      [3000],
    );
    expect(timed.seconds).toBe(a.joinSeconds + 2 * (perQuestion + 60) + a.fastForwardSeconds);
    expect(timed.minutes).toBe(Math.ceil(timed.seconds / 60));
  });

  it('"Watch it learn" has biases and reaches 95% within 3,000 full-batch steps (mlp-core train)', () => {
    const plan = lessonPlan('learn');
    expect(plan.settings.network.bias).toBe(true);
    expect(plan.fastForwards).toEqual([3000]);
    const network = {
      ...plan.settings.network,
      batch: plan.settings.network.n,
      lr: plan.settings.fastForwardLr!,
    };
    const run = train(network, { steps: 3000, every: 100 });
    expect(run.accuracy).toBeGreaterThanOrEqual(0.95);
    // Without biases the same network and rate do not get there: the biases are the point.
    const noBias = train({ ...network, bias: false }, { steps: 3000 });
    expect(noBias.accuracy).toBeLessThan(0.8);
  });
});

describe('step wording', () => {
  it('numbers quizzed steps as a teacher says them, with the training steps apart', () => {
    expect(quizStepLabel(1, 0)).toBe('Step 1');
    expect(quizStepLabel(2, 20_501)).toBe('Step 2 (after 20,501 training steps)');
    expect(quizStepLabel(2, 1)).toBe('Step 2 (after 1 training step)');
    expect(stepDoneLabel(1, 501)).toBe('Step 1 done · 501 training steps so far');
  });
});
