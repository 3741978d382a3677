/** How the lesson calls mlp-core's grader: the question's tolerance, updates on the step (issue 13). */
import { DECK_PRESET, type LessonSettings } from '@backprop/contract';
import { type Matrix, traceStep } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import { type LessonEvent, viewFor } from '../src/index.ts';
import { Driver, I } from './helpers.ts';

const only = (questions: LessonSettings['questions'], network = DECK_PRESET.network) => ({
  ...DECK_PRESET,
  network,
  questions,
});

function revealScores(d: Driver) {
  const events = d.do(I, { type: 'reveal' });
  const revealed = events.find((e) => e.type === 'questionRevealed') as Extract<
    LessonEvent,
    { type: 'questionRevealed' }
  >;
  return Object.fromEntries(revealed.scores.map((s) => [s.playerId, s]));
}

describe('grading in a lesson', () => {
  it('[A3] W1_new is graded on the step: W1 unchanged earns nothing, W1 + α·g is named', () => {
    const d = new Driver(only([{ quantity: 'W1_new', mode: 'numeric' }]));
    for (const p of ['a', 'b', 'c']) d.join(`p-${p}`, p.toUpperCase());
    d.do(I, { type: 'start' });
    d.do(I, { type: 'open' }, { at: d.now + 1000 });
    const trace = traceStep(DECK_PRESET.network, 0);
    const W1 = trace.givens.W1!;
    const g = trace.entries.find((e) => e.name === 'dLoss_dW1')!.value as Matrix;
    const truth = trace.entries.find((e) => e.name === 'W1_new')!.value as Matrix;
    d.answer('p-a', { numbers: W1 });
    d.answer('p-b', { numbers: W1.map((r, i) => r.map((x, j) => x + 0.001 * g[i]![j]!)) });
    d.answer('p-c', { numbers: truth });
    const scores = revealScores(d);
    expect(scores['p-a']).toMatchObject({ correct: false, credit: 0, misconceptionId: null });
    expect(scores['p-b']).toMatchObject({
      correct: false,
      credit: 0,
      misconceptionId: 'UPDATE_ADDED',
    });
    expect(scores['p-c']).toMatchObject({ correct: true, credit: 1 });
  });

  it('[Q2] multiple choice on W1_new offers the gradient added, told apart under the question tolerance', () => {
    const d = new Driver(only([{ quantity: 'W1_new', mode: 'choice' }]));
    d.join('p-a', 'A');
    d.do(I, { type: 'start' });
    const kinds = d.state.question!.options!.map((o) => o.misconception);
    expect(kinds).toContain('UPDATE_ADDED');
    expect(d.state.question!.misconceptions.map((m) => m.id)).toContain('UPDATE_ADDED');
  });

  it('[A3] sign mode at batch 8: the exact true signs of dLoss_dz1 get full credit, all zeros almost none', () => {
    const network = { ...DECK_PRESET.network, batch: 8 };
    const d = new Driver(only([{ quantity: 'dLoss_dz1', mode: 'sign' }], network));
    d.join('p-a', 'A');
    d.join('p-b', 'B');
    d.do(I, { type: 'start' });
    d.do(I, { type: 'open' }, { at: d.now + 1000 });
    const truth = traceStep(network, 0).entries.find((e) => e.name === 'dLoss_dz1')!
      .value as Matrix;
    d.answer('p-a', { signs: truth.map((r) => r.map(Math.sign)) });
    d.answer('p-b', { signs: truth.map((r) => r.map(() => 0)) });
    const scores = revealScores(d);
    expect(scores['p-a']).toMatchObject({ correct: true, credit: 1 });
    expect(scores['p-b']!.credit).toBeLessThan(0.1);
  });

  it('[V2] a student sees how precise an answer must be, in words', () => {
    const d = new Driver(
      only([
        { quantity: 'h1', mode: 'numeric' },
        { quantity: 'W1_new', mode: 'numeric' },
      ]),
    );
    d.join('p-a', 'A');
    d.do(I, { type: 'start' });
    const view = viewFor(d.state, { role: 'student', playerId: 'p-a' });
    if (view.kind !== 'student') throw new Error('student view expected');
    expect(view.question?.precision).toBe(
      '3 significant figures are enough; entries under 1% of the largest may be given as 0.',
    );
  });
});
