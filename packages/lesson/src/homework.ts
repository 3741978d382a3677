/**
 * Homework: one student works through an assignment's questions at their own pace, on their own
 * numbers. A pure function of the assignment, the student, their stored attempts and `now`:
 * the server stores attempts and runs these, the practice page runs them in the browser.
 * Rules [H1]-[H9] are in SPEC.md.
 */
import {
  type AnswerValue,
  type AssignmentIntro,
  type AssignmentStatus,
  type AttemptFeedback,
  DECK_PRESET,
  ERROR_CODES,
  type ErrorCode,
  type HomeworkQuestion,
  type HomeworkView,
  type LessonSettings,
  type QuestionKey,
  type WireError,
} from '@backprop/contract';
import {
  type GivenName,
  type NetworkConfig,
  type QuantityName,
  type StepTrace,
  traceStep,
  type Value,
} from '@backprop/mlp-core';
import {
  gradedAnswer,
  gradeSubmission,
  questionFace,
  showQuestion,
  toleranceOf,
} from './question.ts';
import type { QuestionState } from './state.ts';

export interface HomeworkAssignment {
  id: string;
  title: string;
  settings: LessonSettings;
  /** Mixed with each student's id into their seeds (homeworkSeeds). */
  seed: number;
  opensAt: number;
  dueAt: number;
  /** Submissions per question. */
  attempts: number;
  showHints: boolean;
  askStudentNumber: boolean;
}

export interface HomeworkStudentRecord {
  id: string;
  name: string;
  studentNumber: string | null;
  /** '' when the instructor looks (it is stored hashed). */
  resumeCode: string;
  dataSeed: number;
  weightSeed: number;
  startedAt: number;
  finishedAt: number | null;
}

export interface HomeworkAttemptRecord {
  attemptId: string;
  questionIndex: number;
  quantity: QuantityName;
  /** 1-based, per question. */
  attempt: number;
  value: AnswerValue;
  correct: boolean;
  credit: number;
  entryCorrect: boolean[];
  misconceptionId: string | null;
  submittedAt: number;
}

export type SubmitOutcome =
  | {
      ok: true;
      record: HomeworkAttemptRecord;
      feedback: AttemptFeedback;
      /** The attemptId was already stored: `record` is the stored one, store nothing. */
      duplicate: boolean;
      /** Every question is finished after this attempt: set the student's finishedAt. */
      finished: boolean;
    }
  | { ok: false; error: WireError };

/** The training step a homework question belongs to: the first (report cells, choice seeds). */
export const HOMEWORK_STEP = 1;

/** Practice: attempts per question, and the far-future due date (the largest epochMs). */
export const PRACTICE_ATTEMPTS = 3;
const PRACTICE_DUE = 8.64e15;

/** FNV-1a, 32 bits. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** murmur3's fmix32: FNV-1a alone leaves nearby ids with nearby hashes. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * [H1] The student's seeds: h = FNV-1a of "<assignmentSeed>:<studentId>"; dataSeed =
 * fmix32(h), weightSeed = fmix32(h ^ 0x9e3779b9), each kept to 31 bits so it fits a PostgreSQL
 * Int column (still a valid numpy seed).
 */
export function homeworkSeeds(
  assignmentSeed: number,
  studentId: string,
): { dataSeed: number; weightSeed: number } {
  const h = fnv1a(`${assignmentSeed}:${studentId}`);
  return {
    dataSeed: fmix32(h) & 0x7fffffff,
    weightSeed: fmix32(h ^ 0x9e3779b9) & 0x7fffffff,
  };
}

/** [H2] Closed from the due time on. */
export function assignmentStatus(
  a: Pick<HomeworkAssignment, 'opensAt' | 'dueAt'>,
  now: number,
): AssignmentStatus {
  if (now < a.opensAt) return 'upcoming';
  return now >= a.dueAt ? 'closed' : 'open';
}

export function assignmentIntro(a: HomeworkAssignment, now: number): AssignmentIntro {
  return {
    id: a.id,
    title: a.title,
    status: assignmentStatus(a, now),
    opensAt: a.opensAt,
    dueAt: a.dueAt,
    attempts: a.attempts,
    showHints: a.showHints,
    askStudentNumber: a.askStudentNumber,
    questionCount: a.settings.questions.length,
  };
}

/** The student's network: the assignment's, on their own seeds. */
export function studentNetwork(
  a: HomeworkAssignment,
  student: Pick<HomeworkStudentRecord, 'dataSeed' | 'weightSeed'>,
): NetworkConfig {
  return { ...a.settings.network, dataSeed: student.dataSeed, weightSeed: student.weightSeed };
}

/** One question's attempts, in order, and whether it is finished. */
export interface QuestionProgress {
  attempts: HomeworkAttemptRecord[];
  /** Right, or every attempt used [H3]. */
  finished: boolean;
  /** The attempt that counts: the right one, or the last. */
  final: HomeworkAttemptRecord | null;
}

/** [H3] Per question of the assignment, in settings order. Attempts to unknown questions are ignored. */
export function homeworkProgress(
  a: HomeworkAssignment,
  attempts: readonly HomeworkAttemptRecord[],
): QuestionProgress[] {
  return a.settings.questions.map((_, i) => {
    const mine = attempts
      .filter((r) => r.questionIndex === i)
      .sort((x, y) => x.attempt - y.attempt);
    const right = mine.find((r) => r.correct) ?? null;
    return {
      attempts: mine,
      finished: right !== null || mine.length >= a.attempts,
      final: right ?? mine.at(-1) ?? null,
    };
  });
}

/** [H3] The first question not finished; null when all are. */
const frontierOf = (progress: readonly QuestionProgress[]) => {
  const i = progress.findIndex((p) => !p.finished);
  return i === -1 ? null : i;
};

/** [H4] Sum of the final credits of finished questions. */
export function homeworkScore(progress: readonly QuestionProgress[]): {
  credit: number;
  max: number;
} {
  let credit = 0;
  for (const p of progress) if (p.finished && p.final) credit += p.final.credit;
  return { credit, max: progress.length };
}

/**
 * Choice options differ per student as their numbers do, and are seeded with the assignment's
 * seed, which never leaves the server: a student cannot compute the order from ids they hold.
 */
const choiceCode = (a: HomeworkAssignment, student: HomeworkStudentRecord) =>
  `${a.seed}:${a.id}:${student.id}`;
const keyOf = (index: number): QuestionKey => ({ step: HOMEWORK_STEP, index });

function questionOf(
  a: HomeworkAssignment,
  student: HomeworkStudentRecord,
  trace: StepTrace,
  index: number,
): QuestionState {
  const spec = a.settings.questions[index]!;
  return showQuestion(
    choiceCode(a, student),
    trace,
    spec,
    keyOf(index),
    toleranceOf(a.settings, spec),
  );
}

/** [M2] An attempt as graded; [H6] the slip's label always, its hint only when the assignment shows hints. */
function feedbackOf(
  a: HomeworkAssignment,
  q: QuestionState,
  r: HomeworkAttemptRecord,
  truth: boolean,
): AttemptFeedback {
  return {
    attempt: r.attempt,
    value: r.value,
    ...gradedAnswer(q, r.value, r, { truth, hints: a.showHints }),
    submittedAt: r.submittedAt,
  };
}

/**
 * [H5] The student's view. A question's truth (and the quantities from it on in `known`) only
 * once it is finished, or for every question once the assignment is closed or with `reveal`
 * (the instructor looking). Choice options only from the current question on being reachable:
 * the truth is one of them.
 */
export function homeworkView(
  a: HomeworkAssignment,
  student: HomeworkStudentRecord,
  attempts: readonly HomeworkAttemptRecord[],
  now: number,
  opts: { reveal?: boolean } = {},
): HomeworkView {
  const intro = assignmentIntro(a, now);
  const network = studentNetwork(a, student);
  const trace = traceStep(network, 0);
  const progress = homeworkProgress(a, attempts);
  const frontier = frontierOf(progress);
  const everything = opts.reveal === true || intro.status === 'closed' || frontier === null;
  const current = intro.status === 'open' && frontier !== null ? frontier : null;

  const questions: HomeworkQuestion[] = a.settings.questions.map((_, i) => {
    const p = progress[i]!;
    const q = questionOf(a, student, trace, i);
    const state: HomeworkQuestion['state'] = p.finished
      ? p.final?.correct
        ? 'right'
        : 'missed'
      : intro.status === 'closed'
        ? 'missed'
        : i === current
          ? 'current'
          : 'locked';
    const open = everything || p.finished || i === current;
    const truth = everything || p.finished;
    return {
      index: i,
      ...questionFace(a.settings, trace, q, open),
      state,
      attemptsUsed: p.attempts.length,
      truth: truth ? q.truth : null,
      attempts: p.attempts.map((r) => feedbackOf(a, q, r, truth)),
    };
  });

  // [H5] Givens, then the chain up to the first unfinished question (as the live V1).
  const known: HomeworkView['known'] = {};
  for (const [name, v] of Object.entries(trace.givens)) {
    if (v) known[name as GivenName] = v as Value;
  }
  const stopAt = everything ? null : a.settings.questions[frontier!]!.quantity;
  for (const e of trace.entries) {
    if (e.name === stopAt) break;
    known[e.name] = e.value;
  }

  const lastAt = attempts.reduce((t, r) => Math.max(t, r.submittedAt), student.startedAt);
  return {
    assignment: intro,
    student: {
      name: student.name,
      studentNumber: student.studentNumber,
      resumeCode: student.resumeCode,
    },
    network,
    known,
    questions,
    current,
    score: homeworkScore(progress),
    // Practice stores nothing: its finish time is the last attempt's.
    finishedAt: student.finishedAt ?? (frontier === null ? lastAt : null),
  };
}

/** [H5] A question's truth is shown once it is finished, or the assignment closed. */
const truthShown = (
  a: HomeworkAssignment,
  progress: readonly QuestionProgress[],
  index: number,
  now: number,
) => progress[index]?.finished === true || assignmentStatus(a, now) === 'closed';

const refuse = (code: ErrorCode, message: string): SubmitOutcome => ({
  ok: false,
  error: { code, message },
});

/**
 * [H7] Grades one submission against the student's own trace. A duplicate attemptId comes
 * first (a retry after a lost reply, even after the due time), then the assignment's status,
 * then the question.
 */
export function submitAttempt(
  a: HomeworkAssignment,
  student: HomeworkStudentRecord,
  attempts: readonly HomeworkAttemptRecord[],
  input: { attemptId: string; questionIndex: number; value: AnswerValue },
  now: number,
): SubmitOutcome {
  const trace = traceStep(studentNetwork(a, student), 0);
  const stored = attempts.find((r) => r.attemptId === input.attemptId);
  if (stored) {
    const q = questionOf(a, student, trace, stored.questionIndex);
    const progress = homeworkProgress(a, attempts);
    return {
      ok: true,
      record: stored,
      feedback: feedbackOf(a, q, stored, truthShown(a, progress, stored.questionIndex, now)),
      duplicate: true,
      finished: frontierOf(progress) === null,
    };
  }

  const status = assignmentStatus(a, now);
  if (status === 'upcoming') {
    return refuse(ERROR_CODES.ASSIGNMENT_NOT_OPEN, 'this assignment is not open yet');
  }
  if (status === 'closed') {
    return refuse(ERROR_CODES.ASSIGNMENT_CLOSED, 'this assignment is past its due time');
  }

  const progress = homeworkProgress(a, attempts);
  const frontier = frontierOf(progress);
  const index = input.questionIndex;
  if (index !== frontier) {
    const p = progress[index];
    if (p?.finished && !p.final?.correct) {
      return refuse(ERROR_CODES.NO_ATTEMPTS_LEFT, `every attempt at question ${index + 1} is used`);
    }
    return refuse(
      ERROR_CODES.QUESTION_CLOSED,
      frontier === null
        ? 'every question is finished'
        : `question ${frontier + 1} is the one to answer now`,
    );
  }

  const q = questionOf(a, student, trace, index);
  const graded = gradeSubmission(trace, a.settings, q, input.value);
  if (!graded.ok) return refuse(ERROR_CODES.BAD_ANSWER, graded.message);
  const { grade } = graded;
  const record: HomeworkAttemptRecord = {
    attemptId: input.attemptId,
    questionIndex: index,
    quantity: q.spec.quantity,
    attempt: progress[index]!.attempts.length + 1,
    value: input.value,
    correct: grade.correct,
    credit: grade.credit,
    entryCorrect: grade.entryCorrect,
    misconceptionId: grade.misconceptionId,
    submittedAt: now,
  };
  const after = homeworkProgress(a, [...attempts, record]);
  return {
    ok: true,
    record,
    feedback: feedbackOf(a, q, record, truthShown(a, after, index, now)),
    duplicate: false,
    finished: frontierOf(after) === null,
  };
}

/**
 * [H9] Practice: the deck's lesson (its network shape and questions) on fresh numbers from
 * `seed`, open from `now` with no due time; nothing is stored, the browser runs the engine.
 */
export function practiceAssignment(
  seed: number,
  now = 0,
): { assignment: HomeworkAssignment; student: HomeworkStudentRecord } {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
  }
  const studentId = 'practice';
  const seeds = homeworkSeeds(seed, studentId);
  const assignment: HomeworkAssignment = {
    id: `practice-${seed}`,
    title: 'Practice',
    settings: { ...DECK_PRESET, network: { ...DECK_PRESET.network, ...seeds } },
    seed,
    opensAt: now,
    dueAt: PRACTICE_DUE,
    attempts: PRACTICE_ATTEMPTS,
    showHints: true,
    askStudentNumber: false,
  };
  const student: HomeworkStudentRecord = {
    id: studentId,
    name: 'Practice',
    studentNumber: null,
    resumeCode: '',
    ...seeds,
    startedAt: now,
    finishedAt: null,
  };
  return { assignment, student };
}
