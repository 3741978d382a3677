/** Fast-forward over the whole data, the bias-free stall, addBiases, and step numbering. */
import {
  DECK_PRESET,
  fastForwardLrOf,
  instructorCommandSchema,
  lessonPlan,
  maxFastForwardSteps,
} from '@backprop/contract';
import { accuracy, DECK_CONFIG, initParams, xorData } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import { viewFor } from '../src/index.ts';
import { toParams } from '../src/training.ts';
import { Driver, I, settingsWith } from './helpers.ts';

/** The deck with one question per step, so a step is two commands. */
const ONE_QUESTION = settingsWith({ questions: [{ quantity: 'z1', mode: 'numeric' }] });

function betweenSteps(settings = ONE_QUESTION) {
  const d = new Driver(settings);
  d.do(I, { type: 'start' });
  d.do(I, { type: 'skip' });
  return d;
}

function trained(d: Driver, steps: number) {
  const [event] = d.do(I, { type: 'fastForward', steps });
  if (event?.type !== 'trained') throw new Error('expected trained');
  return event;
}

describe('fast-forward over the whole data', () => {
  it('[T1] frames start at the current weights and end at the lesson step; loss and accuracy are over all points', () => {
    const d = betweenSteps();
    const event = trained(d, 500);
    const frames = event.frames;
    expect(frames[0]!.step).toBe(1);
    expect(frames.at(-1)!.step).toBe(d.state.step);
    expect(d.state.step).toBe(501);
    expect(frames.length).toBeLessThanOrEqual(30);
    // The last frame's figures are those of the lesson's weights over all 300 points.
    const data = xorData(DECK_CONFIG.dataSeed, DECK_CONFIG.n);
    expect(frames.at(-1)!.accuracy).toBe(accuracy(toParams(d.state.params), 'sigmoid', data));
    expect(d.state.training).toMatchObject({
      lastLoss: frames.at(-1)!.loss,
      lastAccuracy: frames.at(-1)!.accuracy,
    });
    // Full-data loss falls steadily in full-batch descent (a single point's loss zig-zags).
    for (let i = 1; i < frames.length; i++)
      expect(frames[i]!.loss).toBeLessThanOrEqual(frames[i - 1]!.loss + 1e-12);
  });

  it('[T1] trains at the fast-forward learning rate (the deck: 2), not the quizzed 0.001', () => {
    expect(fastForwardLrOf(DECK_PRESET)).toBe(2);
    const slow = betweenSteps(settingsWith({ ...ONE_QUESTION, fastForwardLr: undefined }));
    const fast = betweenSteps();
    trained(slow, 200);
    trained(fast, 200);
    // At lr 0.001 the deck's network stays where it started (47%); at lr 2 it moves.
    expect(slow.state.training.lastAccuracy).toBeCloseTo(0.473, 2);
    expect(fast.state.training.lastAccuracy).toBeGreaterThan(0.6);
  });
});

describe('the cost of a fast-forward', () => {
  it('[T1] steps × n is capped: 2,000 points fast-forward at most 3,000 steps at a time', () => {
    expect(maxFastForwardSteps(300)).toBe(20_000);
    expect(maxFastForwardSteps(2000)).toBe(3000);
    const d = betweenSteps(
      settingsWith({ ...ONE_QUESTION, network: { ...ONE_QUESTION.network, n: 2000 } }),
    );
    d.refuse(I, { type: 'fastForward', steps: 3001 }, 'INVALID_INPUT');
    expect(trained(d, 30).frames.at(-1)!.step).toBe(31);
  });
});

describe('the bias-free stall and addBiases', () => {
  it('[T2] a bias-free network stalls below 90% and the views say so; with biases it never stalls', () => {
    const d = betweenSteps();
    trained(d, 500);
    expect(d.state.training.stalled).toBe(true);
    expect(d.state.training.lastAccuracy!).toBeLessThan(0.7);
    for (const viewer of [{ role: 'instructor' }, { role: 'projector' }] as const) {
      expect(viewFor(d.state, viewer).training).toMatchObject({ stalled: true, bias: false });
    }
    const withBias = betweenSteps({
      ...lessonPlan('learn').settings,
      questions: ONE_QUESTION.questions,
    });
    trained(withBias, 500);
    expect(withBias.state.training.stalled).toBe(false);
  });

  it('[T2] a bias-free run that is still improving is not stalled', () => {
    const d = betweenSteps();
    trained(d, 20); // accuracy still climbing from 47% at lr 2
    expect(d.state.training.stalled).toBe(false);
  });

  it('[T3] addBiases: between steps only, biases on at zero, weights kept, logged and replayed', () => {
    const d = new Driver(ONE_QUESTION);
    d.refuse(I, { type: 'addBiases' }, 'WRONG_PHASE');
    d.do(I, { type: 'start' });
    d.refuse(I, { type: 'addBiases' }, 'WRONG_PHASE');
    d.do(I, { type: 'skip' });
    trained(d, 500);
    const before = d.state.params;
    const events = d.do(I, { type: 'addBiases' });
    expect(events).toEqual([{ type: 'biasesAdded', step: 501 }]);
    expect(d.state.settings.network.bias).toBe(true);
    expect(d.state.params).toEqual({ ...before, b1: [0, 0, 0], b2: [0, 0] });
    expect(d.state.training.stalled).toBe(false);
    d.refuse(I, { type: 'addBiases' }, 'INVALID_INPUT');
    d.checkReplay();
    // Every screen sees it: the network has biases now.
    d.join('amy');
    for (const viewer of [
      { role: 'instructor' },
      { role: 'projector' },
      { role: 'student', playerId: 'amy' },
    ] as const) {
      expect(viewFor(d.state, viewer).training.bias).toBe(true);
    }
  });

  it('[T3] only an instructor may add biases, and the contract checks its shape', () => {
    const d = betweenSteps();
    d.join('amy');
    d.refuse({ role: 'student', playerId: 'amy' }, { type: 'addBiases' }, 'NOT_INSTRUCTOR');
    expect(instructorCommandSchema.safeParse({ type: 'addBiases' }).success).toBe(true);
    expect(instructorCommandSchema.safeParse({ type: 'addBiases', b1: [1] }).success).toBe(false);
  });

  it('[T3] add biases and train again: the stalled deck network then learns XOR', () => {
    const d = betweenSteps();
    trained(d, 2000);
    const stalledAt = d.state.training.lastAccuracy!;
    expect(d.state.training.stalled).toBe(true);
    d.do(I, { type: 'addBiases' });
    trained(d, 2000);
    expect(d.state.training.lastAccuracy!).toBeGreaterThan(stalledAt + 0.15);
    expect(d.state.training.stalled).toBe(false);
    // The next quizzed step is traced with biases: its bias quantities exist.
    d.do(I, { type: 'next' });
    expect(d.state.trace!.entries.some((e) => e.name === 'b1_new')).toBe(true);
    d.checkReplay();
  });
});

describe('the "Watch it learn" plan', () => {
  it('[T1] through the lesson: one quizzed step, then 3,000 fast-forward steps reach 95%', () => {
    const plan = lessonPlan('learn');
    const d = new Driver(plan.settings);
    d.do(I, { type: 'start' });
    while (d.state.phase === 'question') d.do(I, { type: 'skip' });
    trained(d, plan.fastForwards[0]!);
    expect(d.state.training.lastAccuracy!).toBeGreaterThanOrEqual(0.95);
    expect(d.state.training.stalled).toBe(false);
  });
});

describe('step numbers', () => {
  it('[Q9] quizzed steps are numbered from 1, apart from the training steps before them', () => {
    const d = new Driver(ONE_QUESTION);
    expect(viewFor(d.state, { role: 'projector' })).toMatchObject({ quizStep: 0, step: 0 });
    d.do(I, { type: 'start' });
    expect(viewFor(d.state, { role: 'projector' })).toMatchObject({ quizStep: 1, step: 0 });
    d.do(I, { type: 'skip' });
    expect(d.state).toMatchObject({ quizStep: 1, step: 1 });
    trained(d, 500);
    trained(d, 20_000);
    d.do(I, { type: 'next' });
    expect(viewFor(d.state, { role: 'instructor' })).toMatchObject({ quizStep: 2, step: 20_501 });
    d.checkReplay();
    // 20,500 full-batch steps, trained and then replayed: seconds of work on a busy machine.
  }, 60_000);
});

it('[T1] initial weights are the deck seed ones (a sanity check on the driver)', () => {
  expect(new Driver().state.params.W1).toEqual(Array.from(initParams(DECK_CONFIG).W1));
});
