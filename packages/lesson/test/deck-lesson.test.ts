/** A whole deck lesson: three students, every quantity of the step, scores from mlp-core's grader. */
import { DECK_PRESET } from '@backprop/contract';
import { gradeAnswer, misconceptionsFor, traceStep } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import { type LessonEvent, type QuestionScore, standings, viewFor } from '../src/index.ts';
import { Driver, I, S } from './helpers.ts';

describe('a whole deck lesson', () => {
  it('[Q1][Q2][Q5][Q6][S1][S3][S4][T1][Q7][P5] lobby to final standings, points as mlp-core grades them', () => {
    const d = new Driver(DECK_PRESET);
    d.join('p-alice', 'Alice');
    d.join('p-bob', 'Bob');
    d.join('p-carol', 'Carol');
    expect(d.state.phase).toBe('lobby');

    const trace = traceStep(DECK_PRESET.network, 0);
    d.do(I, { type: 'start' });
    expect(d.state.trace).toEqual(trace);

    const expected = { 'p-alice': 0, 'p-bob': 0, 'p-carol': 0 };
    const streak = { 'p-alice': 0, 'p-bob': 0, 'p-carol': 0 };
    let misconceptionsSeen = 0;
    for (const [index, spec] of DECK_PRESET.questions.entries()) {
      expect(d.state.question?.key).toEqual({ step: 0, index });
      const entry = trace.entries.find((e) => e.name === spec.quantity)!;
      const truth = entry.value;
      const far =
        typeof truth === 'number' ? truth + 37.25 : truth.map((r) => r.map((x) => x + 37.25));
      const slip = misconceptionsFor(trace, spec.quantity)[0]?.value ?? far;
      const answers = { 'p-alice': truth, 'p-bob': far, 'p-carol': slip };

      d.do(I, { type: 'open' }, { at: d.now + 1000 });
      d.answer('p-alice', { numbers: truth });
      d.answer('p-bob', { numbers: far });
      const last = d.answer('p-carol', { numbers: slip });
      // [Q4] everyone answered: locked without the instructor
      expect(last.at(-1)).toEqual({
        type: 'questionLocked',
        question: { step: 0, index },
        reason: 'allAnswered',
      });

      const events = d.do(I, { type: 'reveal' });
      const revealed = events.find((e) => e.type === 'questionRevealed') as Extract<
        LessonEvent,
        { type: 'questionRevealed' }
      >;
      expect(revealed.scores).toHaveLength(3);
      for (const [playerId, value] of Object.entries(answers) as [
        keyof typeof answers,
        typeof truth,
      ][]) {
        const grade = gradeAnswer(trace, spec.quantity, value, {
          mode: 'numeric',
          tolerance: spec.tolerance ?? DECK_PRESET.tolerance,
        });
        streak[playerId] = grade.correct ? streak[playerId] + 1 : 0;
        const points =
          Math.round(1000 * grade.score) +
          (grade.correct ? 100 * Math.min(streak[playerId] - 1, 5) : 0);
        expected[playerId] += points;
        const row = revealed.scores.find((s) => s.playerId === playerId) as QuestionScore;
        expect(row).toMatchObject({
          quantity: spec.quantity,
          correct: grade.correct,
          credit: grade.score,
          points,
          misconceptionId: grade.misconception?.id ?? null,
          totalScore: expected[playerId],
          streak: streak[playerId],
        });
        // [V2] the student's own result once revealed
        const view = viewFor(d.state, { role: 'student', playerId });
        if (view.kind !== 'student') throw new Error('student view expected');
        expect(view.myResult?.points).toBe(points);
        expect(view.question?.truth).toEqual(truth);
      }
      if (revealed.scores.find((s) => s.playerId === 'p-carol')?.misconceptionId)
        misconceptionsSeen++;
      d.do(I, { type: 'next' });
    }
    expect(misconceptionsSeen).toBeGreaterThan(5);
    expect(streak['p-alice']).toBe(DECK_PRESET.questions.length);
    // 18 right answers: 18 000 + streak bonus 0+100+200+300+400 and 500 for the 13 others
    expect(expected['p-alice']).toBe(18_000 + 1000 + 500 * 13);

    // [Q6] the step's update took effect
    expect(d.state.phase).toBe('stepDone');
    expect(d.state.step).toBe(1);
    expect(d.state.offset).toBe(1);
    const W1new = trace.entries.find((e) => e.name === 'W1_new')!.value as number[][];
    expect(d.state.params.W1).toEqual(W1new.flat());

    // [S5] equal scores share a rank: 1 + the number of higher scores
    const scores = Object.values(expected);
    const rankOf = (score: number) => 1 + scores.filter((x) => x > score).length;
    expect(standings(d.state).map((s) => [s.playerId, s.score, s.rank])).toEqual(
      (['p-alice', 'p-bob', 'p-carol'] as const)
        .map((id) => [id, expected[id], rankOf(expected[id])])
        .sort((x, y) => (y[1] as number) - (x[1] as number)),
    );

    // [T1] fast-forward 100 steps: at most 30 frames, params and step advance
    const trained = d.do(I, { type: 'fastForward', steps: 100 })[0]!;
    if (trained.type !== 'trained') throw new Error('trained expected');
    expect(trained).toMatchObject({ fromStep: 1, toStep: 101 });
    expect(trained.frames.length).toBeLessThanOrEqual(30);
    expect(trained.frames.at(-1)?.last).toBe(true);
    expect(trained.frames[0]?.grid).toHaveLength(25);
    expect(d.state.step).toBe(101);
    // Fast-forward trains on all points at once: the next quizzed point follows the last quizzed one.
    expect(d.state.offset).toBe(1);

    // [Q7] the next step is quizzed on the new weights
    d.do(I, { type: 'next' });
    expect(d.state.question?.key).toEqual({ step: 101, index: 0 });
    expect(d.state.trace?.givens.W1?.flat()).toEqual(d.state.params.W1);
    d.do(I, { type: 'open' });
    d.answer('p-alice', { numbers: d.state.question!.truth });
    d.do(I, { type: 'lock' });
    d.do(I, { type: 'reveal' });

    // [P5] the end: final standings, nothing accepted afterwards
    d.do(I, { type: 'end' });
    expect(d.state.phase).toBe('finished');
    const final = viewFor(d.state, { role: 'projector' });
    expect(final.leaderboard[0]?.nickname).toBe('Alice');
    expect(final.known.W1_new).toBeDefined();
    d.refuse(I, { type: 'next' }, 'LESSON_FINISHED');
    d.refuse(
      { role: 'system' },
      { type: 'join', playerId: 'p-dan', nickname: 'Dan', tokenHash: 'h' },
      'LESSON_FINISHED',
    );
    d.refuse(
      S('p-bob'),
      {
        type: 'answer',
        answerId: 'late-answer-1',
        question: { step: 101, index: 0 },
        value: { numbers: 0 },
      },
      'LESSON_FINISHED',
    );

    // [C4]
    d.checkReplay();
    expect(JSON.parse(JSON.stringify(d.state))).toEqual(d.state);
  });
});
