/** The homework engine ([H1]-[H9]), checked against mlp-core's own trace and grading. */
import {
  type AnswerValue,
  DECK_PRESET,
  type HomeworkView,
  type LessonSettings,
} from '@backprop/contract';
import {
  DECK_CONFIG,
  entryOf,
  gradeAnswer,
  misconceptionsFor,
  multipleChoice,
  type QuantityName,
  type StepTrace,
  traceStep,
  type Value,
} from '@backprop/mlp-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignmentIntro,
  assignmentStatus,
  choiceSeed,
  type HomeworkAssignment,
  type HomeworkAttemptRecord,
  type HomeworkStudentRecord,
  homeworkSeeds,
  homeworkView,
  PRACTICE_ATTEMPTS,
  practiceAssignment,
  submitAttempt,
} from '../src/index.ts';
import { deepFreeze } from './helpers.ts';

const OPENS = 1_000_000;
const DUE = 5_000_000;

/** One question of each mode, in the deck's order. */
const SETTINGS: LessonSettings = {
  ...DECK_PRESET,
  questions: [
    { quantity: 'z1', mode: 'numeric' },
    { quantity: 'h2', mode: 'choice' },
    { quantity: 'loss', mode: 'numeric' },
    { quantity: 'dLoss_dW2', mode: 'sign' },
  ],
};

function assignment(patch: Partial<HomeworkAssignment> = {}): HomeworkAssignment {
  return deepFreeze({
    id: 'asg_0123456789',
    title: 'Backprop by hand',
    settings: SETTINGS,
    seed: 424242,
    opensAt: OPENS,
    dueAt: DUE,
    attempts: 2,
    showHints: true,
    askStudentNumber: false,
    ...patch,
  });
}

function student(a: HomeworkAssignment, id: string): HomeworkStudentRecord {
  return deepFreeze({
    id,
    name: `Student ${id}`,
    studentNumber: null,
    resumeCode: 'ABCDEFGHJK',
    ...homeworkSeeds(a.seed, id),
    startedAt: OPENS + 1000,
    finishedAt: null,
  });
}

/** The oracle: the student's step, computed by mlp-core without the engine. */
const traceOf = (a: HomeworkAssignment, s: HomeworkStudentRecord): StepTrace =>
  traceStep({ ...a.settings.network, dataSeed: s.dataSeed, weightSeed: s.weightSeed }, 0);

const flat = (v: Value) => (typeof v === 'number' ? [v] : v.flat());
const mapValue = (v: Value, f: (x: number) => number): Value =>
  typeof v === 'number' ? f(v) : v.map((r) => r.map(f));

/** A student's work: their stored attempts, and the clock. */
class Session {
  readonly attempts: HomeworkAttemptRecord[] = [];
  now: number;
  private seq = 0;
  constructor(
    readonly a: HomeworkAssignment,
    readonly s: HomeworkStudentRecord,
  ) {
    this.now = s.startedAt;
  }
  trace = () => traceOf(this.a, this.s);
  view = (opts?: { reveal?: boolean }) =>
    homeworkView(this.a, this.s, this.attempts, this.now, opts);

  /** Submits; a new accepted attempt is stored as the server would. */
  submit(questionIndex: number, value: AnswerValue, attemptId = `att-${++this.seq}-xyz`) {
    this.now += 7000;
    const out = submitAttempt(
      this.a,
      this.s,
      this.attempts,
      { attemptId, questionIndex, value },
      this.now,
    );
    if (out.ok && !out.duplicate) this.attempts.push(out.record);
    return out;
  }

  truth = (i: number) => entryOf(this.trace(), this.a.settings.questions[i]!.quantity).value;

  right(i: number): AnswerValue {
    const spec = this.a.settings.questions[i]!;
    const truth = this.truth(i);
    if (spec.mode === 'choice') {
      const options = this.view().questions[i]!.options!;
      return { choice: options.findIndex((o) => JSON.stringify(o) === JSON.stringify(truth)) };
    }
    if (spec.mode === 'sign') {
      const tol = spec.tolerance ?? this.a.settings.tolerance;
      return {
        signs: mapValue(truth, (x) => (Math.abs(x) <= tol.absolute ? 0 : Math.sign(x))),
      };
    }
    return { numbers: truth };
  }

  /** Wrong in every entry and no named mistake. */
  wrong(i: number): AnswerValue {
    const right = this.right(i);
    if ('choice' in right) return { choice: (right.choice + 1) % 4 };
    if ('signs' in right) return { signs: mapValue(right.signs, (x) => (x === 1 ? -1 : 1)) };
    return { numbers: mapValue(right.numbers, (x) => x + 37.25) };
  }
}

function ok<T extends { ok: boolean }>(out: T): Extract<T, { ok: true }> {
  if (!out.ok) throw new Error(`refused: ${JSON.stringify(out)}`);
  return out as Extract<T, { ok: true }>;
}
const codeOf = (out: ReturnType<typeof submitAttempt>) => (out.ok ? 'accepted' : out.error.code);

describe('homework', () => {
  it('[H1] seeds are deterministic per student, different between students, valid numpy seeds', () => {
    const a = assignment();
    expect(homeworkSeeds(a.seed, 'st1')).toEqual(homeworkSeeds(a.seed, 'st1'));
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const { dataSeed, weightSeed } = homeworkSeeds(a.seed, `st${i}`);
      for (const x of [dataSeed, weightSeed]) {
        expect(Number.isInteger(x) && x >= 0 && x < 2 ** 31).toBe(true);
      }
      seen.add(dataSeed);
      seen.add(weightSeed);
    }
    expect(seen.size).toBe(400);
    expect(homeworkSeeds(a.seed + 1, 'st1')).not.toEqual(homeworkSeeds(a.seed, 'st1'));
  });

  it('[H1] two students get different numbers and each is graded against their own trace', () => {
    const a = assignment();
    const one = new Session(a, student(a, 'st-one'));
    const two = new Session(a, student(a, 'st-two'));
    const t1 = one.trace();
    const t2 = two.trace();
    expect(one.view().network.weightSeed).toBe(one.s.weightSeed);
    expect(one.view().known.W1).toEqual(t1.givens.W1);
    expect(one.view().known.W1).not.toEqual(two.view().known.W1);
    const z1One = entryOf(t1, 'z1').value;
    const z1Two = entryOf(t2, 'z1').value;
    expect(flat(z1One).every((x, i) => Math.abs(x - flat(z1Two)[i]!) > 1e-3)).toBe(true);

    // Student one types student two's z1: right for two, wrong for one.
    const copied = ok(one.submit(0, { numbers: z1Two }));
    expect(copied.record.correct).toBe(false);
    expect(copied.record.correct).toBe(gradeAnswer(t1, 'z1', z1Two as number[][]).correct);
    expect(gradeAnswer(t2, 'z1', z1Two as number[][]).correct).toBe(true);
    const own = ok(one.submit(0, { numbers: z1One }));
    expect(own.record).toMatchObject({ correct: true, credit: 1, attempt: 2 });

    const theirs = ok(two.submit(0, { numbers: z1Two }));
    expect(theirs.record.correct).toBe(true);
    // And the next quantity too, by mlp-core's own grading of each student's loss.
    ok(two.submit(1, two.right(1)));
    const loss2 = entryOf(t2, 'loss').value as number;
    const graded = ok(two.submit(2, { numbers: loss2 * 1.5 }));
    const oracle = gradeAnswer(t2, 'loss', loss2 * 1.5);
    expect(graded.record).toMatchObject({ correct: oracle.correct, credit: oracle.score });
  });

  it('[H1] choice options are ordered by the student and question seed', () => {
    const a = assignment();
    const one = new Session(a, student(a, 'st-one'));
    ok(one.submit(0, one.right(0)));
    const options = one.view().questions[1]!.options;
    const mc = multipleChoice(one.trace(), 'h2', {
      seed: choiceSeed(`${a.seed}:${a.id}:${one.s.id}`, { step: 1, index: 1 }),
      count: 4,
    });
    expect(options).toEqual(mc.options.map((o) => o.value));
    const right = ok(one.submit(1, { choice: mc.correctIndex }));
    expect(right.record.correct).toBe(true);
  });

  it('[H2] status: upcoming before opensAt, open until dueAt, closed from dueAt', () => {
    const a = assignment();
    expect(assignmentStatus(a, OPENS - 1)).toBe('upcoming');
    expect(assignmentStatus(a, OPENS)).toBe('open');
    expect(assignmentStatus(a, DUE - 1)).toBe('open');
    expect(assignmentStatus(a, DUE)).toBe('closed');
    expect(assignmentIntro(a, DUE)).toEqual({
      id: a.id,
      title: a.title,
      status: 'closed',
      opensAt: OPENS,
      dueAt: DUE,
      attempts: 2,
      showHints: true,
      askStudentNumber: false,
      questionCount: 4,
    });
  });

  it('[H3] attempts run out: the truth only after the last one, then NO_ATTEMPTS_LEFT', () => {
    const a = assignment({ attempts: 2 });
    const s = new Session(a, student(a, 'st-a'));
    const first = ok(s.submit(0, s.wrong(0)));
    expect(first).toMatchObject({ duplicate: false, finished: false });
    expect(first.record).toMatchObject({ attempt: 1, correct: false, credit: 0, questionIndex: 0 });
    let v = s.view();
    expect(v.questions[0]).toMatchObject({ state: 'current', attemptsUsed: 1, truth: null });
    expect(v.current).toBe(0);
    expect(v.known.z1).toBeUndefined();

    ok(s.submit(0, s.wrong(0)));
    v = s.view();
    expect(v.questions[0]).toMatchObject({ state: 'missed', attemptsUsed: 2 });
    expect(v.questions[0]!.truth).toEqual(s.truth(0));
    expect(v.known.z1).toEqual(s.truth(0));
    expect(v.current).toBe(1);
    expect(v.questions[1]!.state).toBe('current');

    expect(codeOf(s.submit(0, s.right(0)))).toBe('NO_ATTEMPTS_LEFT');
    expect(s.attempts).toHaveLength(2);
  });

  it('[H3] a right answer finishes the question early; the truth appears with it', () => {
    const a = assignment({ attempts: 3 });
    const s = new Session(a, student(a, 'st-b'));
    ok(s.submit(0, s.right(0)));
    const v = s.view();
    expect(v.questions[0]).toMatchObject({ state: 'right', attemptsUsed: 1 });
    expect(v.questions[0]!.truth).toEqual(s.truth(0));
    expect(v.questions[1]!.truth).toBeNull();
    expect(codeOf(s.submit(0, s.right(0)))).toBe('QUESTION_CLOSED');
  });

  it('[H5] locked questions show no options and no truth; known stops at the current one', () => {
    const a = assignment();
    const s = new Session(a, student(a, 'st-c'));
    const v = s.view();
    expect(v.current).toBe(0);
    expect(v.questions.map((q) => q.state)).toEqual(['current', 'locked', 'locked', 'locked']);
    expect(v.questions.every((q) => q.truth === null)).toBe(true);
    expect(v.questions[1]!.options).toBeNull();
    expect(Object.keys(v.known)).toEqual(['X', 'y', 'W1', 'W2']);
    ok(s.submit(0, s.right(0)));
    // z1 right: h1 is before h2 in the chain and was not asked, so it is known, as live.
    expect(Object.keys(s.view().known)).toEqual(['X', 'y', 'W1', 'W2', 'z1', 'h1', 'z2']);
    expect(s.view().questions[1]!.options).toHaveLength(4);
  });

  it('[H6] a named mistake: its label always, its hint only with showHints', () => {
    const settings: LessonSettings = {
      ...DECK_PRESET,
      questions: [{ quantity: 'loss', mode: 'numeric' }],
    };
    for (const showHints of [true, false]) {
      const a = assignment({ settings, showHints });
      const s = new Session(a, student(a, 'st-d'));
      const mistake = misconceptionsFor(s.trace(), 'loss')[0]!;
      const out = ok(s.submit(0, { numbers: mistake.value }));
      expect(out.feedback.misconception).toEqual({
        id: mistake.id,
        label: mistake.label,
        hint: showHints ? mistake.hint : null,
      });
      expect(out.record.misconceptionId).toBe(mistake.id);
      expect(s.view().questions[0]!.attempts[0]!.misconception?.hint ?? null).toBe(
        showHints ? mistake.hint : null,
      );
      if (!showHints) expect(JSON.stringify(s.view())).not.toContain(mistake.hint);
    }
  });

  it('[H2][H5] closed: every truth shown, current null, submissions refused', () => {
    const a = assignment();
    const s = new Session(a, student(a, 'st-e'));
    ok(s.submit(0, s.right(0)));
    s.now = DUE;
    const v = s.view();
    expect(v.assignment.status).toBe('closed');
    expect(v.current).toBeNull();
    expect(v.questions.map((q) => q.state)).toEqual(['right', 'missed', 'missed', 'missed']);
    v.questions.forEach((q, i) => {
      expect(q.truth).toEqual(s.truth(i));
    });
    expect(v.known.W1_new).toEqual(entryOf(s.trace(), 'W1_new').value);
    s.now = DUE - 7000; // submit() adds 7 s: exactly at the due time
    expect(codeOf(s.submit(1, s.right(1)))).toBe('ASSIGNMENT_CLOSED');
    expect(v.score).toEqual({ credit: 1, max: 4 });
  });

  it('[H2] upcoming: nothing to answer, nothing shown', () => {
    const a = assignment();
    const s = new Session(a, student(a, 'st-f'));
    s.now = OPENS - 10_000;
    const v = s.view();
    expect(v.current).toBeNull();
    expect(v.questions.every((q) => q.truth === null && q.options === null)).toBe(true);
    expect(Object.keys(v.known)).toEqual(['X', 'y', 'W1', 'W2']);
    expect(codeOf(s.submit(0, s.right(0)))).toBe('ASSIGNMENT_NOT_OPEN');
  });

  it('[H7] only the current question takes answers: QUESTION_CLOSED otherwise', () => {
    const a = assignment();
    const s = new Session(a, student(a, 'st-g'));
    expect(codeOf(s.submit(1, { choice: 0 }))).toBe('QUESTION_CLOSED');
    expect(codeOf(s.submit(4, { numbers: 1 }))).toBe('QUESTION_CLOSED');
    expect(codeOf(s.submit(-1, { numbers: 1 }))).toBe('QUESTION_CLOSED');
    expect(s.attempts).toHaveLength(0);
  });

  it('[H7] malformed answers are refused with BAD_ANSWER and use no attempt', () => {
    const a = assignment();
    const s = new Session(a, student(a, 'st-h'));
    const shape = s.submit(0, { numbers: 1 });
    expect(codeOf(shape)).toBe('BAD_ANSWER');
    expect(shape.ok ? '' : shape.error.message).toMatch(/z1 is 1×3/);
    expect(codeOf(s.submit(0, { choice: 0 }))).toBe('BAD_ANSWER');
    expect(s.attempts).toHaveLength(0);
    expect(ok(s.submit(0, s.right(0))).record.attempt).toBe(1);
  });

  it('[H8] the same attemptId again returns the stored attempt, even after the due time', () => {
    const a = assignment();
    const s = new Session(a, student(a, 'st-i'));
    const first = ok(s.submit(0, s.wrong(0), 'retry-me-1'));
    const again = ok(s.submit(0, s.right(0), 'retry-me-1'));
    expect(again.duplicate).toBe(true);
    expect(again.record).toBe(first.record);
    expect(again.feedback).toEqual(first.feedback);
    expect(s.attempts).toHaveLength(1);
    s.now = DUE + 1;
    const late = ok(s.submit(0, s.right(0), 'retry-me-1'));
    expect(late.record).toBe(first.record);
  });

  it('[H4] score: the final credit of finished questions; finished after the last one', () => {
    const a = assignment({ attempts: 2 });
    const s = new Session(a, student(a, 'st-j'));
    // z1 is 1×3: two entries right, the last one off, twice -> finished with 2/3.
    const half = (): AnswerValue => {
      const t = s.truth(0) as number[][];
      return { numbers: [[t[0]![0]!, t[0]![1]!, t[0]![2]! + 5]] };
    };
    expect(ok(s.submit(0, half())).record.credit).toBeCloseTo(2 / 3, 12);
    // Not finished yet: its partial credit does not count.
    expect(s.view().score).toEqual({ credit: 0, max: 4 });
    ok(s.submit(0, half()));
    expect(s.view().score.credit).toBeCloseTo(2 / 3, 12);
    ok(s.submit(1, s.right(1)));
    ok(s.submit(2, s.wrong(2)));
    expect(ok(s.submit(2, s.right(2))).finished).toBe(false);
    const last = ok(s.submit(3, s.right(3)));
    expect(last.finished).toBe(true);
    const v = s.view();
    expect(v.score.credit).toBeCloseTo(2 / 3 + 1 + 1 + 1, 12);
    expect(v.current).toBeNull();
    expect(v.finishedAt).toBe(last.record.submittedAt);
    expect(v.questions.map((q) => q.state)).toEqual(['missed', 'right', 'right', 'right']);
    expect(v.questions[2]!.attempts.map((f) => f.correct)).toEqual([false, true]);
  });

  it('[H5] reveal: the instructor sees every truth while the assignment is open', () => {
    const a = assignment();
    const s = new Session(a, { ...student(a, 'st-k'), resumeCode: '' });
    const v = s.view({ reveal: true });
    expect(v.assignment.status).toBe('open');
    expect(v.current).toBe(0);
    v.questions.forEach((q, i) => {
      expect(q.truth).toEqual(s.truth(i));
    });
    expect(v.student.resumeCode).toBe('');
  });

  it('[H5] property: no truth of an unfinished question while open, over random attempt sequences', () => {
    type Step =
      | { kind: 'right' | 'wrong' | 'bad' | 'skipAhead' | 'dup' }
      | { kind: 'wait'; ms: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.constantFrom<Step>(
        { kind: 'right' },
        { kind: 'wrong' },
        { kind: 'wrong' },
        { kind: 'bad' },
        { kind: 'skipAhead' },
        { kind: 'dup' },
      ),
      fc.integer({ min: 0, max: 1_500_000 }).map((ms): Step => ({ kind: 'wait', ms })),
    );
    const a = assignment({ attempts: 3, showHints: false });
    fc.assert(
      fc.property(fc.nat(1000), fc.array(step, { maxLength: 14 }), (n, steps) => {
        const s = new Session(a, student(a, `prop-${n}`));
        const trace = s.trace();
        const check = (v: HomeworkView) => {
          const json = JSON.stringify(v);
          const open = v.assignment.status === 'open';
          v.questions.forEach((q, i) => {
            const used = s.attempts.filter((r) => r.questionIndex === i);
            const finished = used.some((r) => r.correct) || used.length >= a.attempts;
            expect(q.attemptsUsed).toBe(used.length);
            expect(q.attemptsUsed).toBeLessThanOrEqual(a.attempts);
            if (!open || finished) {
              expect(q.truth).toEqual(entryOf(trace, q.quantity).value);
              return;
            }
            expect(q.truth).toBeNull();
            expect(v.known[q.quantity]).toBeUndefined();
            // Nowhere in the view, options aside (a choice question lists its truth).
            if (q.mode !== 'choice') {
              for (const x of flat(entryOf(trace, q.quantity).value)) {
                expect(json).not.toContain(String(x));
              }
            }
          });
          expect(v.score.credit).toBeLessThanOrEqual(
            v.questions.filter((q) => q.state === 'right' || q.state === 'missed').length,
          );
        };
        let lastId: string | null = null;
        for (const st of steps) {
          const i = s.view().current ?? 0;
          if (st.kind === 'wait') s.now += st.ms;
          else if (st.kind === 'right') s.submit(i, s.right(i));
          else if (st.kind === 'wrong') {
            const out = s.submit(i, s.wrong(i));
            if (out.ok) lastId = out.record.attemptId;
          } else if (st.kind === 'bad') s.submit(i, { numbers: [[Number.MAX_VALUE]] });
          else if (st.kind === 'skipAhead') {
            expect(['QUESTION_CLOSED', 'ASSIGNMENT_CLOSED', 'ASSIGNMENT_NOT_OPEN']).toContain(
              codeOf(s.submit(i + 1, { numbers: 0 })),
            );
          } else if (lastId) {
            expect(ok(s.submit(0, { numbers: 0 }, lastId)).duplicate).toBe(true);
          }
          check(s.view());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('[H9] practice: an open assignment on the deck network with fresh seeds', () => {
    const { assignment: a, student: st } = practiceAssignment(987654321, 5_000);
    const b = practiceAssignment(123);
    expect(assignmentStatus(a, 5_000)).toBe('open');
    expect(assignmentStatus(a, Date.UTC(2100, 0, 1))).toBe('open');
    expect(a.attempts).toBe(PRACTICE_ATTEMPTS);
    expect(a.settings.questions).toEqual(DECK_PRESET.questions);
    const { dataSeed, weightSeed, ...shape } = a.settings.network;
    const { dataSeed: _d, weightSeed: _w, ...deckShape } = DECK_CONFIG;
    expect(shape).toEqual(deckShape);
    expect([st.dataSeed, st.weightSeed]).toEqual([dataSeed, weightSeed]);
    expect(st.weightSeed).not.toBe(DECK_CONFIG.weightSeed);
    expect(st.weightSeed).not.toBe(b.student.weightSeed);
    expect(() => practiceAssignment(-1)).toThrow(RangeError);

    const s = new Session(a, st);
    expect(s.view().current).toBe(0);
    expect(s.view().known.W1).toEqual(traceOf(a, st).givens.W1);
    for (let i = 0; i < a.settings.questions.length; i++) ok(s.submit(i, s.right(i)));
    const v = s.view();
    const count = DECK_PRESET.questions.length;
    expect(v.score).toEqual({ credit: count, max: count });
    expect(v.questions.every((q) => q.state === 'right')).toBe(true);
    expect(v.finishedAt).toBe(s.attempts.at(-1)!.submittedAt);
  });

  it('quantities asked are graded by name: the record carries the quantity', () => {
    const a = assignment();
    const s = new Session(a, student(a, 'st-l'));
    const names: QuantityName[] = [];
    for (let i = 0; i < 4; i++) names.push(ok(s.submit(i, s.right(i))).record.quantity);
    expect(names).toEqual(SETTINGS.questions.map((q) => q.quantity));
  });
});
