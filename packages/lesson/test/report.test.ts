/**
 * Reports ([RP1]-[RP5]) for small hand-built classes. Expected numbers are worked out in the
 * comments from the inputs.
 */
import { type AnswerValue, DECK_PRESET, type LessonSettings } from '@backprop/contract';
import { entryOf, MISCONCEPTION_NAMES, type QuantityName, traceStep } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import {
  ANSWERS_CSV_HEADER,
  askedQuestions,
  assignmentReport,
  HARDEST_MIN_ANSWERED,
  type HomeworkAssignment,
  type HomeworkAttemptRecord,
  type HomeworkStudentRecord,
  homeworkSeeds,
  homeworkView,
  type LessonEvent,
  type LiveReportInput,
  lessonReport,
  minutesSeconds,
  playerIds,
  playerOf,
  reportTables,
  STUDENTS_CSV_HEADER,
  submitAttempt,
} from '../src/index.ts';
import { Driver, farOff, I, rightAnswer, S, SYS } from './helpers.ts';

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
      { step: 0, index: 0, quantity: 'z1', openedAt: 10_000, present: ['p1', 'p2', 'p3'] },
      { step: 0, index: 1, quantity: 'loss', openedAt: 40_000, present: ['p1', 'p2', 'p3'] },
      { step: 1, index: 0, quantity: 'z1', openedAt: 100_000, present: ['p1', 'p2', 'p3'] },
    ],
    // No timer, streak bonus on: a perfect run of 3 scores 1000 + 1100 + 1200.
    scoring: { speedBonus: false, streakBonus: true },
    timerSeconds: null,
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
      questions: 3,
      creditShare: 2 / 3,
      maxScore: 3300,
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
        present: true,
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
        present: true,
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
        present: true,
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
        present: 6,
        notPresent: 0,
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
        present: 3,
        notPresent: 0,
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
    // Without Ada: Bo and Al could answer 4 z1 cells and answered 2; loss 1 of 2.
    const tie = lessonReport({
      ...input,
      players: input.players.filter((p) => p.playerId !== 'p1'),
      questions: input.questions.map((q) => ({ ...q, present: ['p2', 'p3'] })),
      answers: input.answers.filter((a) => a.playerId !== 'p1'),
    });
    // Nobody right: z1 and loss both 0, both answered by at least half.
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
      // max_score: 3 questions of a perfect streak, 3300. Percent: credit over the questions
      // present, Ada 2 of 3 = 66.7, Bo 2/3 of 3 = 22.2. 30.5 s rounds to 0:31.
      ['Ada', '', 2300, 3300, 66.7, 2, 3, 0, 3, '0:31'],
      ['Al', '', 500, 3300, 0, 0, 3, 0, 1, '0:01'],
      ['Bo', '', 500, 3300, 22.2, 0, 3, 0, 2, '0:20'],
    ]);
    expect(t.answers).toEqual([
      [...ANSWERS_CSV_HEADER],
      ['Ada', '', 1, 'z1', 1, 1, 1, 1, 15, ''],
      ['Ada', '', 1, 'loss', 1, 0, 0, 1, 12.5, 'HALF_FORGOTTEN'],
      ['Ada', '', 2, 'z1', 1, 1, 1, 1, 3, ''],
      ['Al', '', 1, 'z1', 1, 0, 0, 1, 1, 'BIAS_FORGOTTEN'],
      ['Al', '', 1, 'loss', 1, 0, 0, 0, '', ''],
      ['Al', '', 2, 'z1', 1, 0, 0, 0, '', ''],
      ['Bo', '', 1, 'z1', 1, 0, 0.667, 1, 10, ''],
      ['Bo', '', 1, 'loss', 1, 0, 0, 1, 10, 'HALF_FORGOTTEN'],
      ['Bo', '', 2, 'z1', 1, 0, 0, 0, '', ''],
    ]);
    expect(t.students[0]!.join(',')).toBe(
      'name,student_number,score,max_score,percent,correct,questions,not_present,attempts,time',
    );
    expect(t.answers[0]!.join(',')).toBe(
      'name,student_number,step,quantity,present,correct,credit,attempts,seconds,misconception',
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
        present: true,
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
        present: true,
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
        present: true,
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
        present: 3,
        notPresent: 0,
        correctShare: 1 / 3,
        meanAttempts: 2, // Kim 2, Lee 2
        misconceptions: [{ id: 'BIAS_FORGOTTEN', label: label('BIAS_FORGOTTEN'), count: 1 }],
      },
      {
        quantity: 'h2',
        answered: 2,
        correct: 1,
        present: 3,
        notPresent: 0,
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
        present: 3,
        notPresent: 0,
        correctShare: 0,
        meanAttempts: 2,
        misconceptions: [
          { id: 'HALF_FORGOTTEN', label: label('HALF_FORGOTTEN'), count: 1 },
          { id: 'MEAN_FORGOTTEN', label: label('MEAN_FORGOTTEN'), count: 1 },
        ],
      },
    ]);
    // loss has the lowest share but only Kim of 3 answered it (under HARDEST_MIN_ANSWERED):
    // of z1 and h2 (1/3 each), the earlier.
    expect(r.hardest).toBe('z1');
    expect(assignmentReport(a, []).hardest).toBeNull();
  });

  it('[RP5] CSV tables, cell by cell', () => {
    const t = reportTables(assignmentReport(a, [kim, lee, ann]));
    expect(t.students).toEqual([
      [...STUDENTS_CSV_HEADER],
      // percent = score / 3 questions; time as m:ss (130 s, 60 s).
      ['Kim', 'K-1', 2, 3, 66.7, 2, 3, 0, 5, '2:10'],
      ['Lee', 'L-2', 0.333, 3, 11.1, 0, 3, 0, 3, '1:00'],
      ['Ann', '', 0, 3, 0, 0, 3, 0, 0, '0:00'],
    ]);
    expect(t.answers).toEqual([
      [...ANSWERS_CSV_HEADER],
      ['Kim', 'K-1', 1, 'z1', 1, 1, 1, 2, 60, ''],
      ['Kim', 'K-1', 1, 'h2', 1, 1, 1, 1, 15, ''],
      ['Kim', 'K-1', 1, 'loss', 1, 0, 0, 2, 55, 'MEAN_FORGOTTEN'],
      ['Lee', 'L-2', 1, 'z1', 1, 0, 0.333, 2, 45, ''],
      ['Lee', 'L-2', 1, 'h2', 1, 0, 0, 1, 15, 'SIGMOID_EXPONENT_SIGN'],
      ['Lee', 'L-2', 1, 'loss', 1, 0, 0, 0, '', ''],
      ['Ann', '', 1, 'z1', 1, 0, 0, 0, '', ''],
      ['Ann', '', 1, 'h2', 1, 0, 0, 0, '', ''],
      ['Ann', '', 1, 'loss', 1, 0, 0, 0, '', ''],
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

describe('a lesson with a late joiner, an early lock and a kick, played by the engine', () => {
  // Four numeric questions at step 0, no timer, streak bonus on (DECK_PRESET's scoring).
  //   z1: Ada right, Bo wrong, Cy right; Dee has not joined yet.
  //   h1: only Ada answers (right) before the teacher locks early; Bo, Cy, Dee could have.
  //   z2: Ada right; Cy is kicked while it is open, unanswered; Bo wrong, Dee right.
  //   h2: Ada right, Bo wrong, Dee wrong; Cy is out.
  function play() {
    const settings: LessonSettings = {
      ...DECK_PRESET,
      timerSeconds: null,
      questions: (['z1', 'h1', 'z2', 'h2'] as const).map((quantity) => ({
        quantity,
        mode: 'numeric' as const,
      })),
    };
    const d = new Driver(settings);
    const entries: { at: number; events: LessonEvent[] }[] = [];
    const run = (
      actor: Parameters<Driver['do']>[0],
      command: Parameters<Driver['do']>[1],
      at: number,
    ) => entries.push({ at, events: d.do(actor, command, { at }) });
    const join = (id: string, at: number) =>
      run(SYS, { type: 'join', playerId: id, nickname: id, tokenHash: `hash-${id}` }, at);
    const answer = (id: string, right: boolean, at: number) =>
      run(
        S(id),
        {
          type: 'answer',
          answerId: `a-${id}-${at}`,
          question: d.key(),
          value: right ? rightAnswer(d.state) : farOff(d.state),
        },
        at,
      );
    join('Ada', 1_000);
    join('Bo', 1_100);
    join('Cy', 1_200);
    run(I, { type: 'start' }, 2_000);
    run(I, { type: 'open' }, 10_000); // z1
    answer('Ada', true, 14_000);
    answer('Bo', false, 15_000);
    answer('Cy', true, 16_000); // all three in: locks itself
    run(I, { type: 'reveal' }, 21_000);
    run(I, { type: 'next' }, 22_000);
    join('Dee', 23_000);
    run(I, { type: 'open' }, 30_000); // h1
    answer('Ada', true, 33_000);
    run(I, { type: 'lock' }, 35_000); // early
    run(I, { type: 'reveal' }, 36_000);
    run(I, { type: 'next' }, 37_000);
    run(I, { type: 'open' }, 40_000); // z2
    answer('Ada', true, 42_000);
    run(I, { type: 'kick', playerId: 'Cy' }, 43_000);
    answer('Bo', false, 45_000);
    answer('Dee', true, 47_000);
    run(I, { type: 'reveal' }, 48_000);
    run(I, { type: 'next' }, 49_000);
    run(I, { type: 'open' }, 50_000); // h2
    answer('Ada', true, 51_000);
    answer('Bo', false, 52_000);
    answer('Dee', false, 54_000);
    run(I, { type: 'reveal' }, 55_000);
    d.checkReplay();

    // What the server stores at each reveal (the answers and the players' scores).
    const answers: LiveReportInput['answers'] = [];
    for (const { events } of entries) {
      for (const e of events) {
        if (e.type !== 'questionRevealed') continue;
        for (const sc of e.scores) {
          answers.push({
            playerId: sc.playerId,
            step: e.question.step,
            questionIndex: e.question.index,
            quantity: sc.quantity as QuantityName,
            correct: sc.correct,
            credit: sc.credit,
            points: sc.points,
            misconceptionId: sc.misconceptionId,
            submittedAt: sc.submittedAt,
          });
        }
      }
    }
    const players = playerIds(d.state).map((id) => playerOf(d.state, id)!);
    return lessonReport({
      code: 'ABCDEF',
      title: 'Late and early',
      players: players.map((p) => ({ playerId: p.playerId, nickname: p.nickname })),
      questions: askedQuestions(settings, entries),
      answers,
      scores: Object.fromEntries(players.map((p) => [p.playerId, p.score])),
      scoring: settings.scoring,
      timerSeconds: settings.timerSeconds,
    });
  }

  it('[RP1] who could answer each question: not the late joiner before he came, nor the kicked', () => {
    const r = play();
    const cellsOf = (name: string) =>
      r.students
        .find((s) => s.name === name)!
        .cells.map((c) => [c.quantity, c.present, c.answered]);
    expect(cellsOf('Ada')).toEqual([
      ['z1', true, true],
      ['h1', true, true],
      ['z2', true, true],
      ['h2', true, true],
    ]);
    expect(cellsOf('Bo')).toEqual([
      ['z1', true, true],
      ['h1', true, false],
      ['z2', true, true],
      ['h2', true, true],
    ]);
    expect(cellsOf('Cy')).toEqual([
      ['z1', true, true],
      ['h1', true, false],
      ['z2', false, false],
      ['h2', false, false],
    ]);
    expect(cellsOf('Dee')).toEqual([
      ['z1', false, false],
      ['h1', true, false],
      ['z2', true, true],
      ['h2', true, true],
    ]);
  });

  it('[RP2] each student over the questions they could answer, number by number', () => {
    const r = play();
    const row = (s: (typeof r.students)[number]) => [
      s.name,
      s.score,
      s.maxScore,
      s.questions,
      s.correctShare,
      s.creditShare,
      s.attempts,
      s.seconds,
    ];
    expect(r.students.map(row)).toEqual([
      // A perfect streak of 4: 1000 + 1100 + 1200 + 1300, which is also the most possible.
      ['Ada', 4600, 4600, 4, 1, 1, 4, 4 + 3 + 2 + 1],
      // Cy: right on z1 (1000), present for h1; max over 2 questions 1000 + 1100.
      ['Cy', 1000, 2100, 2, 1 / 2, 1 / 2, 1, 6],
      // Dee (late): h1 missed, z2 right (1000), h2 wrong; max over 3: 1000 + 1100 + 1200.
      ['Dee', 1000, 3300, 3, 1 / 3, 1 / 3, 2, 7 + 4],
      ['Bo', 0, 4600, 4, 0, 0, 3, 5 + 5 + 2],
    ]);
  });

  it('[RP3][RP4] share right over those present, not present apart; an early lock is not the hardest', () => {
    const r = play();
    expect(
      r.quantities.map((q) => [
        q.quantity,
        q.present,
        q.notPresent,
        q.answered,
        q.correct,
        q.correctShare,
      ]),
    ).toEqual([
      ['z1', 3, 1, 3, 2, 2 / 3], // Dee not there yet
      ['h1', 4, 0, 1, 1, 1 / 4], // locked early: 1 answer of 4 present
      ['z2', 3, 1, 3, 2, 2 / 3], // Cy kicked while it was open
      ['h2', 3, 1, 3, 1, 1 / 3],
    ]);
    // h1 has the lowest share, but 1 answer of 4 is under HARDEST_MIN_ANSWERED (half).
    expect(1 < HARDEST_MIN_ANSWERED * 4).toBe(true);
    expect(r.hardest).toBe('h2');
  });

  it('[RP5] the CSV rows of that lesson', () => {
    const t = reportTables(play());
    expect(t.students.slice(1)).toEqual([
      ['Ada', '', 4600, 4600, 100, 4, 4, 0, 4, '0:10'],
      ['Cy', '', 1000, 2100, 50, 1, 2, 2, 1, '0:06'],
      ['Dee', '', 1000, 3300, 33.3, 1, 3, 1, 2, '0:11'],
      ['Bo', '', 0, 4600, 0, 0, 4, 0, 3, '0:12'],
    ]);
    const dee = t.answers.filter((row) => row[0] === 'Dee');
    expect(dee.map((row) => [row[3], row[4], row[5], row[7], row[8]])).toEqual([
      ['z1', 0, 0, 0, ''],
      ['h1', 1, 0, 0, ''],
      ['z2', 1, 1, 1, 7],
      ['h2', 1, 0, 1, 4],
    ]);
  });

  it('[RP5] minutesSeconds: m:ss, whole seconds', () => {
    expect([0, 0.4, 59.6, 75.4, 600].map(minutesSeconds)).toEqual([
      '0:00',
      '0:00',
      '1:00',
      '1:15',
      '10:00',
    ]);
  });
});
