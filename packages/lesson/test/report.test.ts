/**
 * Reports ([RP1]-[RP5]) for small hand-built classes. Expected numbers are worked out in the
 * comments from the inputs.
 */
import { type AnswerValue, DECK_PRESET, type LessonSettings } from '@backprop/contract';
import { entryOf, MISCONCEPTION_NAMES, type QuantityName, traceStep } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import {
  ANSWERS_CSV_HEADER,
  assignmentReport,
  type HomeworkAssignment,
  type HomeworkAttemptRecord,
  type HomeworkStudentRecord,
  homeworkSeeds,
  homeworkView,
  type LiveReportInput,
  lessonReport,
  reportTables,
  STUDENTS_CSV_HEADER,
  submitAttempt,
} from '../src/index.ts';

describe('lessonReport', () => {
  // Ada answers everything; Bo two of three; Al (kicked) one. Steps 0 and 1 quiz z1, step 0 loss.
  const input: LiveReportInput = {
    code: 'ABCDEF',
    title: 'Monday',
    players: [
      { playerId: 'p1', nickname: 'Ada' },
      { playerId: 'p2', nickname: 'Bo' },
      { playerId: 'p3', nickname: 'Al' },
    ],
    questions: [
      { step: 0, index: 0, quantity: 'z1', openedAt: 10_000 },
      { step: 0, index: 1, quantity: 'loss', openedAt: 40_000 },
      { step: 1, index: 0, quantity: 'z1', openedAt: 100_000 },
    ],
    answers: [
      ans('p1', 0, 0, 'z1', true, 1, 1000, null, 25_000), // 15 s
      ans('p1', 0, 1, 'loss', false, 0, 0, 'HALF_FORGOTTEN', 52_500), // 12.5 s
      ans('p1', 1, 0, 'z1', true, 1, 1300, null, 103_000), // 3 s
      ans('p2', 0, 0, 'z1', false, 2 / 3, 667, null, 20_000), // 10 s
      ans('p2', 0, 1, 'loss', false, 0, 0, 'HALF_FORGOTTEN', 50_000), // 10 s
      ans('p3', 0, 0, 'z1', false, 0, 0, 'BIAS_FORGOTTEN', 11_000), // 1 s
    ],
    // Bo and Al tie: Al first by name.
    scores: { p1: 2300, p2: 500, p3: 500 },
  };

  function ans(
    playerId: string,
    step: number,
    questionIndex: number,
    quantity: QuantityName,
    correct: boolean,
    credit: number,
    points: number,
    misconceptionId: string | null,
    submittedAt: number,
  ): LiveReportInput['answers'][number] {
    return {
      playerId,
      step,
      questionIndex,
      quantity,
      correct,
      credit,
      points,
      misconceptionId,
      submittedAt,
    };
  }

  it('[RP1][RP2] per student: cells per question asked, steps from 1, sorted by score then name', () => {
    const r = lessonReport(input);
    expect(r).toMatchObject({ kind: 'lesson', id: 'ABCDEF', title: 'Monday' });
    expect(r.students.map((s) => s.name)).toEqual(['Ada', 'Al', 'Bo']);
    const [ada, al, bo] = r.students;
    expect(ada).toMatchObject({
      id: 'p1',
      studentNumber: null,
      score: 2300,
      correctShare: 2 / 3,
      attempts: 3,
      seconds: 15 + 12.5 + 3,
    });
    expect(ada!.cells).toEqual([
      {
        step: 1,
        quantity: 'z1',
        correct: true,
        credit: 1,
        attempts: 1,
        seconds: 15,
        misconceptionId: null,
        answered: true,
      },
      {
        step: 1,
        quantity: 'loss',
        correct: false,
        credit: 0,
        attempts: 1,
        seconds: 12.5,
        misconceptionId: 'HALF_FORGOTTEN',
        answered: true,
      },
      {
        step: 2,
        quantity: 'z1',
        correct: true,
        credit: 1,
        attempts: 1,
        seconds: 3,
        misconceptionId: null,
        answered: true,
      },
    ]);
    expect(al).toMatchObject({ score: 500, correctShare: 0, attempts: 1, seconds: 1 });
    expect(al!.cells.map((c) => c.answered)).toEqual([true, false, false]);
    expect(al!.cells[1]).toMatchObject({ attempts: 0, seconds: null, credit: 0 });
    expect(bo).toMatchObject({ score: 500, correctShare: 0, attempts: 2, seconds: 20 });
  });

  it('[RP3][RP4] per quantity over every step asked; misconceptions counted; hardest', () => {
    const r = lessonReport(input);
    expect(r.quantities).toEqual([
      {
        quantity: 'z1',
        // Asked at 2 steps to 3 students: 6 chances. Answered: Ada 2, Bo 1, Al 1; right: Ada 2.
        answered: 4,
        correct: 2,
        correctShare: 2 / 6,
        meanAttempts: 1,
        misconceptions: [
          { id: 'BIAS_FORGOTTEN', label: MISCONCEPTION_NAMES.BIAS_FORGOTTEN, count: 1 },
        ],
      },
      {
        quantity: 'loss',
        answered: 2,
        correct: 0,
        correctShare: 0,
        meanAttempts: 1,
        misconceptions: [
          { id: 'HALF_FORGOTTEN', label: MISCONCEPTION_NAMES.HALF_FORGOTTEN, count: 2 },
        ],
      },
    ]);
    expect(r.hardest).toBe('loss');
  });

  it('[RP4] hardest: ties go to the earlier quantity; none without students', () => {
    const tie = lessonReport({
      ...input,
      answers: input.answers.filter((a) => a.playerId !== 'p1'),
    });
    // Nobody right: z1 and loss both 0.
    expect(tie.quantities.map((q) => q.correctShare)).toEqual([0, 0]);
    expect(tie.hardest).toBe('z1');
    const empty = lessonReport({ ...input, players: [], answers: [], scores: {} });
    expect(empty.hardest).toBeNull();
    expect(empty.quantities.map((q) => q.correctShare)).toEqual([0, 0]);
  });

  it('[RP3] misconceptions: most common first, ties by id; unknown ids keep their id as label', () => {
    const r = lessonReport({
      ...input,
      answers: [
        ans('p1', 0, 1, 'loss', false, 0, 0, 'MEAN_FORGOTTEN', 50_000),
        ans('p2', 0, 1, 'loss', false, 0, 0, 'HALF_FORGOTTEN', 50_000),
        ans('p3', 0, 1, 'loss', false, 0, 0, 'ZZ_NEW_ONE', 50_000),
        ans('p3', 1, 0, 'z1', false, 0, 0, 'ZZ_NEW_ONE', 150_000),
        ans('p2', 1, 0, 'z1', false, 0, 0, 'ZZ_NEW_ONE', 150_000),
      ],
    });
    const loss = r.quantities.find((q) => q.quantity === 'loss')!;
    expect(loss.misconceptions.map((m) => [m.id, m.count])).toEqual([
      ['HALF_FORGOTTEN', 1],
      ['MEAN_FORGOTTEN', 1],
      ['ZZ_NEW_ONE', 1],
    ]);
    const z1 = r.quantities.find((q) => q.quantity === 'z1')!;
    expect(z1.misconceptions).toEqual([{ id: 'ZZ_NEW_ONE', label: 'ZZ_NEW_ONE', count: 2 }]);
  });

  it('[RP5] CSV tables, cell by cell', () => {
    const t = reportTables(lessonReport(input));
    expect(t.students).toEqual([
      [...STUDENTS_CSV_HEADER],
      // Live: no max score; percent = share right. Ada 2 of 3 = 66.7 %, 30.5 s = 0.5 min.
      ['Ada', '', 2300, '', 66.7, 2, 3, 3, 0.5],
      ['Al', '', 500, '', 0, 0, 3, 1, 0], // 1 s
      ['Bo', '', 500, '', 0, 0, 3, 2, 0.3], // 20 s
    ]);
    expect(t.answers).toEqual([
      [...ANSWERS_CSV_HEADER],
      ['Ada', '', 1, 'z1', 1, 1, 1, 15, ''],
      ['Ada', '', 1, 'loss', 0, 0, 1, 12.5, 'HALF_FORGOTTEN'],
      ['Ada', '', 2, 'z1', 1, 1, 1, 3, ''],
      ['Al', '', 1, 'z1', 0, 0, 1, 1, 'BIAS_FORGOTTEN'],
      ['Al', '', 1, 'loss', 0, 0, 0, '', ''],
      ['Al', '', 2, 'z1', 0, 0, 0, '', ''],
      ['Bo', '', 1, 'z1', 0, 0.667, 1, 10, ''],
      ['Bo', '', 1, 'loss', 0, 0, 1, 10, 'HALF_FORGOTTEN'],
      ['Bo', '', 2, 'z1', 0, 0, 0, '', ''],
    ]);
    expect(t.students[0]!.join(',')).toBe(
      'name,student_number,score,max_score,percent,correct,questions,attempts,minutes',
    );
    expect(t.answers[0]!.join(',')).toBe(
      'name,student_number,step,quantity,correct,credit,attempts,seconds,misconception',
    );
  });

  it('[RP1] a question never opened has no seconds', () => {
    const r = lessonReport({
      ...input,
      questions: input.questions.map((q) => ({ ...q, openedAt: null })),
    });
    expect(r.students[0]!.cells.map((c) => c.seconds)).toEqual([null, null, null]);
    expect(r.students[0]!.seconds).toBe(0);
  });
});

describe('assignmentReport', () => {
  const settings: LessonSettings = {
    ...DECK_PRESET,
    questions: [
      { quantity: 'z1', mode: 'numeric' },
      { quantity: 'h2', mode: 'numeric' },
      { quantity: 'loss', mode: 'numeric' },
    ],
  };
  const a: HomeworkAssignment = {
    id: 'asg_report_01',
    title: 'Week 3',
    settings,
    seed: 77,
    opensAt: 0,
    dueAt: 10_000_000,
    attempts: 2,
    showHints: false,
    askStudentNumber: true,
  };
  const student = (id: string, name: string, num: string | null, startedAt: number) => ({
    id,
    name,
    studentNumber: num,
    resumeCode: '',
    ...homeworkSeeds(a.seed, id),
    startedAt,
    finishedAt: null,
  });
  let seq = 0;
  const rec = (
    questionIndex: number,
    attempt: number,
    correct: boolean,
    credit: number,
    misconceptionId: string | null,
    submittedAt: number,
  ): HomeworkAttemptRecord => ({
    attemptId: `rec-${++seq}-abc`,
    questionIndex,
    quantity: settings.questions[questionIndex]!.quantity,
    attempt,
    value: { numbers: 0 },
    correct,
    credit,
    entryCorrect: [correct],
    misconceptionId,
    submittedAt,
  });

  const kim = {
    student: student('s1', 'Kim', 'K-1', 100_000),
    attempts: [
      rec(0, 1, false, 0, 'BIAS_FORGOTTEN', 130_000),
      rec(0, 2, true, 1, null, 160_000), // 60 s after the start
      rec(1, 1, true, 1, null, 175_000), // 15 s after z1
      rec(2, 1, false, 0, 'HALF_FORGOTTEN', 200_000),
      rec(2, 2, false, 0, 'MEAN_FORGOTTEN', 230_000), // out of attempts, 55 s after h2
    ],
  };
  const lee = {
    student: student('s2', 'Lee', 'L-2', 500_000),
    attempts: [
      // Given out of order: the report sorts by attempt number.
      rec(0, 2, false, 1 / 3, null, 545_000), // final: 45 s, credit 1/3
      rec(0, 1, false, 2 / 3, null, 530_000),
      rec(1, 1, false, 0.5, 'SIGMOID_EXPONENT_SIGN', 560_000), // one attempt left: not finished
    ],
  };
  const ann = { student: student('s3', 'Ann', null, 0), attempts: [] };

  it('[RP1][RP2] per student: final attempts, credit once finished, seconds from availability', () => {
    const r = assignmentReport(a, [ann, lee, kim]);
    expect(r).toMatchObject({ kind: 'assignment', id: a.id, title: 'Week 3' });
    expect(r.students.map((s) => s.name)).toEqual(['Kim', 'Lee', 'Ann']);
    const [k, l, n] = r.students;
    expect(k).toMatchObject({
      id: 's1',
      studentNumber: 'K-1',
      score: 2,
      correctShare: 2 / 3,
      attempts: 5,
      seconds: 130,
    });
    expect(
      k!.cells.map((c) => [c.step, c.quantity, c.correct, c.credit, c.attempts, c.seconds]),
    ).toEqual([
      [1, 'z1', true, 1, 2, 60],
      [1, 'h2', true, 1, 1, 15],
      [1, 'loss', false, 0, 2, 55],
    ]);
    expect(k!.cells.map((c) => c.misconceptionId)).toEqual([null, null, 'MEAN_FORGOTTEN']);
    expect(l).toMatchObject({ score: 1 / 3, correctShare: 0, attempts: 3, seconds: 60 });
    expect(l!.cells).toEqual([
      {
        step: 1,
        quantity: 'z1',
        correct: false,
        credit: 1 / 3,
        attempts: 2,
        seconds: 45,
        misconceptionId: null,
        answered: true,
      },
      {
        step: 1,
        quantity: 'h2',
        correct: false,
        credit: 0, // one attempt left: its credit does not count yet
        attempts: 1,
        seconds: 15,
        misconceptionId: 'SIGMOID_EXPONENT_SIGN',
        answered: true,
      },
      {
        step: 1,
        quantity: 'loss',
        correct: false,
        credit: 0,
        attempts: 0,
        seconds: null,
        misconceptionId: null,
        answered: false,
      },
    ]);
    expect(n).toMatchObject({ score: 0, correctShare: 0, attempts: 0, seconds: 0 });
    expect(n!.cells.every((c) => !c.answered)).toBe(true);
  });

  it('[RP3][RP4] per quantity: every wrong attempt counts its misconception', () => {
    const r = assignmentReport(a, [kim, lee, ann]);
    const label = (id: keyof typeof MISCONCEPTION_NAMES) => MISCONCEPTION_NAMES[id];
    expect(r.quantities).toEqual([
      {
        quantity: 'z1',
        answered: 2,
        correct: 1,
        correctShare: 1 / 3,
        meanAttempts: 2, // Kim 2, Lee 2
        misconceptions: [{ id: 'BIAS_FORGOTTEN', label: label('BIAS_FORGOTTEN'), count: 1 }],
      },
      {
        quantity: 'h2',
        answered: 2,
        correct: 1,
        correctShare: 1 / 3,
        meanAttempts: 1,
        misconceptions: [
          { id: 'SIGMOID_EXPONENT_SIGN', label: label('SIGMOID_EXPONENT_SIGN'), count: 1 },
        ],
      },
      {
        quantity: 'loss',
        answered: 1,
        correct: 0,
        correctShare: 0,
        meanAttempts: 2,
        misconceptions: [
          { id: 'HALF_FORGOTTEN', label: label('HALF_FORGOTTEN'), count: 1 },
          { id: 'MEAN_FORGOTTEN', label: label('MEAN_FORGOTTEN'), count: 1 },
        ],
      },
    ]);
    expect(r.hardest).toBe('loss');
    expect(assignmentReport(a, []).hardest).toBeNull();
  });

  it('[RP5] CSV tables, cell by cell', () => {
    const t = reportTables(assignmentReport(a, [kim, lee, ann]));
    expect(t.students).toEqual([
      [...STUDENTS_CSV_HEADER],
      // percent = score / 3 questions; minutes = seconds / 60 (130 s = 2.17, 60 s = 1).
      ['Kim', 'K-1', 2, 3, 66.7, 2, 3, 5, 2.2],
      ['Lee', 'L-2', 0.333, 3, 11.1, 0, 3, 3, 1],
      ['Ann', '', 0, 3, 0, 0, 3, 0, 0],
    ]);
    expect(t.answers).toEqual([
      [...ANSWERS_CSV_HEADER],
      ['Kim', 'K-1', 1, 'z1', 1, 1, 2, 60, ''],
      ['Kim', 'K-1', 1, 'h2', 1, 1, 1, 15, ''],
      ['Kim', 'K-1', 1, 'loss', 0, 0, 2, 55, 'MEAN_FORGOTTEN'],
      ['Lee', 'L-2', 1, 'z1', 0, 0.333, 2, 45, ''],
      ['Lee', 'L-2', 1, 'h2', 0, 0, 1, 15, 'SIGMOID_EXPONENT_SIGN'],
      ['Lee', 'L-2', 1, 'loss', 0, 0, 0, '', ''],
      ['Ann', '', 1, 'z1', 0, 0, 0, '', ''],
      ['Ann', '', 1, 'h2', 0, 0, 0, '', ''],
      ['Ann', '', 1, 'loss', 0, 0, 0, '', ''],
    ]);
  });

  it('[RP2] agrees with the student view for attempts made by the engine', () => {
    const s: HomeworkStudentRecord = student('s9', 'Real', null, 1_000);
    const attempts: HomeworkAttemptRecord[] = [];
    const trace = traceStep({
      ...settings.network,
      dataSeed: s.dataSeed,
      weightSeed: s.weightSeed,
    });
    let now = 1_000;
    const submit = (questionIndex: number, value: AnswerValue) => {
      now += 20_000;
      const out = submitAttempt(
        a,
        s,
        attempts,
        { attemptId: `real-${now}`, questionIndex, value },
        now,
      );
      if (!out.ok) throw new Error(out.error.message);
      attempts.push(out.record);
    };
    submit(0, { numbers: entryOf(trace, 'z1').value });
    submit(1, { numbers: entryOf(trace, 'h2').value });
    const loss = entryOf(trace, 'loss').value as number;
    submit(2, { numbers: loss + 1 });
    const view = homeworkView(a, s, attempts, now);
    const r = assignmentReport(a, [{ student: s, attempts }]);
    expect(r.students[0]!.score).toBe(view.score.credit);
    expect(r.students[0]!.cells.map((c) => c.correct)).toEqual(
      view.questions.map((q) => q.state === 'right'),
    );
    expect(r.students[0]!.cells[0]!.seconds).toBe(20);
    expect(r.students[0]!.attempts).toBe(attempts.length);
  });
});
