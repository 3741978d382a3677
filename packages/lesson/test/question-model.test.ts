/**
 * One model of a question and a graded answer ([M1]-[M3]): a live lesson and a homework on the
 * same network build the same face and the same graded answer for the same answer.
 */
import type {
  AnswerValue,
  AttemptFeedback,
  GradedAnswer,
  LessonSettings,
  QuestionFace,
  StudentView,
} from '@backprop/contract';
import { DECK_PRESET } from '@backprop/contract';
import { misconceptionsFor, type Value } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import {
  type HomeworkAssignment,
  type HomeworkAttemptRecord,
  type HomeworkStudentRecord,
  homeworkSeeds,
  homeworkView,
  studentNetwork,
  submitAttempt,
  viewFor,
} from '../src/index.ts';
import { Driver, farOff, I, rightAnswer } from './helpers.ts';

/** One question of each mode, and one with a named slip. */
const QUESTIONS: LessonSettings['questions'] = [
  { quantity: 'z1', mode: 'numeric' },
  { quantity: 'h2', mode: 'choice' },
  { quantity: 'loss', mode: 'numeric' },
  { quantity: 'dLoss_dW2', mode: 'sign' },
];

function homework(showHints: boolean) {
  const a: HomeworkAssignment = {
    id: 'asg_model0001',
    title: 'One model',
    settings: { ...DECK_PRESET, questions: QUESTIONS },
    seed: 777,
    opensAt: 0,
    dueAt: 10_000_000,
    // One attempt: every answer finishes its question, so its truth may be shown.
    attempts: 1,
    showHints,
    askStudentNumber: false,
  };
  const student: HomeworkStudentRecord = {
    id: 'st-model',
    name: 'Ada',
    studentNumber: null,
    resumeCode: '',
    ...homeworkSeeds(a.seed, 'st-model'),
    startedAt: 1,
    finishedAt: null,
  };
  return { a, student };
}

/** The face without the order of the options (seeded per lesson and per student). */
function faceOf(q: QuestionFace): QuestionFace {
  const {
    quantity,
    mode,
    symbol,
    formula,
    shape,
    phase,
    inputs,
    options,
    precision,
  }: QuestionFace = q;
  const sorted = options ? [...options].sort((x, y) => order(x) - order(y)) : null;
  return { quantity, mode, symbol, formula, shape, phase, inputs, options: sorted, precision };
}
const order = (v: Value) => (typeof v === 'number' ? v : v.flat().reduce((s, x) => s + x, 0));

const graded = ({ correct, credit, entries, misconception }: GradedAnswer): GradedAnswer => ({
  correct,
  credit,
  entries,
  misconception,
});

/** The live lesson on the homework student's network, one student, each question answered and revealed. */
function liveAndHomework(showHints: boolean, pick: (d: Driver, index: number) => AnswerValue) {
  const { a, student } = homework(showHints);
  const d = new Driver({ ...a.settings, network: studentNetwork(a, student) });
  d.join('p1', 'Ada');
  d.do(I, { type: 'start' });
  const attempts: HomeworkAttemptRecord[] = [];
  const pairs: {
    live: StudentView;
    feedback: AttemptFeedback;
    face: QuestionFace;
  }[] = [];
  for (let i = 0; i < QUESTIONS.length; i++) {
    if (i > 0) d.do(I, { type: 'next' });
    d.do(I, { type: 'open' });
    const value = pick(d, i);
    d.answer('p1', value);
    d.do(I, { type: 'reveal' });
    const live = viewFor(d.state, { role: 'student', playerId: 'p1' }) as StudentView;
    // The same answer in homework: a choice by its option's value (the order differs).
    const liveOptions = d.state.question!.options;
    const hwBefore = homeworkView(a, student, attempts, 100);
    const hwValue: AnswerValue =
      'choice' in value
        ? {
            choice: hwBefore.questions[i]!.options!.findIndex(
              (o) => JSON.stringify(o) === JSON.stringify(liveOptions![value.choice]!.value),
            ),
          }
        : value;
    const out = submitAttempt(
      a,
      student,
      attempts,
      { attemptId: `att-${i}-000`, questionIndex: i, value: hwValue },
      200 + i,
    );
    if (!out.ok) throw new Error(out.error.message);
    attempts.push(out.record);
    pairs.push({
      live,
      feedback: out.feedback,
      face: homeworkView(a, student, attempts, 300).questions[i]!,
    });
  }
  return pairs;
}

describe('one model of a question and a graded answer', () => {
  it('[M1][M2] live and homework build the same face and graded answer for the same answer', () => {
    // z1 far off, h2 a wrong option, loss the named slip, dLoss_dW2 right.
    const pairs = liveAndHomework(true, (d, i) => {
      if (i === 2) {
        const slip = misconceptionsFor(d.state.trace!, 'loss')[0]!;
        return { numbers: slip.value };
      }
      return i === 3 ? rightAnswer(d.state) : farOff(d.state);
    });
    for (const { live, feedback, face } of pairs) {
      expect(faceOf(live.question!)).toEqual(faceOf(face));
      expect(live.myResult).not.toBeNull();
      expect(graded(live.myResult!)).toEqual(graded(feedback));
    }
    const [z1, h2, loss, sign] = pairs.map((p) => p.feedback);
    expect(z1!.correct).toBe(false);
    expect(z1!.entries.every((e) => e.truth !== null)).toBe(true);
    expect(h2!.correct).toBe(false);
    expect(loss!.misconception?.hint).toBeTruthy();
    expect(sign!.correct).toBe(true);
  });

  it('[M3] the hint: always with the live verdict (at the reveal), in homework only with showHints', () => {
    const slipOf = (d: Driver, i: number): AnswerValue =>
      i === 2
        ? { numbers: misconceptionsFor(d.state.trace!, 'loss')[0]!.value }
        : rightAnswer(d.state);
    const [, , loss] = liveAndHomework(false, slipOf);
    expect(loss!.live.myResult!.misconception?.hint).toBeTruthy();
    expect(loss!.feedback.misconception).toMatchObject({
      id: loss!.live.myResult!.misconception!.id,
      hint: null,
    });
  });

  it('[M2] in homework the true entries stay null until the question is finished', () => {
    const { a, student } = homework(true);
    const two = { ...a, attempts: 2 };
    const first = submitAttempt(
      two,
      student,
      [],
      { attemptId: 'att-first-0', questionIndex: 0, value: { numbers: [[99, 99, 99]] } },
      100,
    );
    if (!first.ok) throw new Error(first.error.message);
    expect(first.feedback.correct).toBe(false);
    expect(first.feedback.entries.map((e) => e.truth)).toEqual([null, null, null]);
    expect(first.feedback.entries.map((e) => e.answer)).toEqual([99, 99, 99]);
  });
});
