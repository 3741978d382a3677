/**
 * Reports for the instructor: per student, per quantity, and the CSV tables. Pure: the server
 * reads the rows (live answers, or homework attempts) and passes them in. Rules [RP1]-[RP6] are
 * in SPEC.md.
 */
import type {
  LessonSettings,
  Report,
  ReportCell,
  ReportQuantity,
  ReportStudent,
} from '@backprop/contract';
import { MISCONCEPTION_NAMES, type QuantityName } from '@backprop/mlp-core';
import type { LessonEvent } from './api.ts';
import {
  HOMEWORK_STEP,
  type HomeworkAssignment,
  type HomeworkAttemptRecord,
  type HomeworkStudentRecord,
  homeworkProgress,
  homeworkScore,
} from './homework.ts';
import { POINTS } from './scoring.ts';

/**
 * [RP4] A quantity is a candidate for "Hardest" only when at least this share of the students
 * who could answer it did answer: a question locked early, or asked while few were in the room,
 * says little about how hard it is.
 */
export const HARDEST_MIN_ANSWERED = 0.5;

export interface LiveReportQuestion {
  step: number;
  index: number;
  quantity: QuantityName;
  openedAt: number | null;
  /** [RP1] The players who could answer it: in the lesson while it was open, never kicked then. */
  present: string[];
}

export interface LiveReportInput {
  code: string;
  title: string;
  /** Kicked players included. */
  players: { playerId: string; nickname: string }[];
  /** The questions asked, in order. `step` is the lesson's 0-based step (Answer.step). */
  questions: LiveReportQuestion[];
  /** For max_score [RP2]. */
  scoring: LessonSettings['scoring'];
  timerSeconds: number | null;
  /** At most one per player and question (the counted one). */
  answers: {
    playerId: string;
    step: number;
    questionIndex: number;
    quantity: QuantityName;
    correct: boolean;
    credit: number;
    points: number;
    misconceptionId: string | null;
    submittedAt: number;
  }[];
  /** playerId -> points. */
  scores: Record<string, number>;
}

/** A mistake's name across quantities; an id mlp-core does not know reads as itself. */
const labelOf = (id: string) => (MISCONCEPTION_NAMES as Readonly<Record<string, string>>)[id] ?? id;

const unanswered = (step: number, quantity: QuantityName, present: boolean): ReportCell => ({
  step,
  quantity,
  correct: false,
  credit: 0,
  attempts: 0,
  seconds: null,
  misconceptionId: null,
  answered: false,
  present,
});

/**
 * [RP1] Which questions were asked, and who could answer each, from the lesson's events in log
 * order (each command's events with its time). A player could answer a question when they were
 * in the lesson at its opening or joined (or were let back in) before it closed, and were not
 * kicked while it was open. Only revealed questions count: their answers are the scored ones.
 */
export function askedQuestions(
  settings: Pick<LessonSettings, 'questions'>,
  entries: Iterable<{ at: number; events: readonly LessonEvent[] }>,
): LiveReportQuestion[] {
  const keyOf = (q: { step: number; index: number }) => `${q.step}:${q.index}`;
  const inRoom = new Set<string>();
  const openedAt = new Map<string, number>();
  // The open question's key and who could answer it; closed at its lock (or reveal).
  let open: { key: string; present: Set<string> } | null = null;
  const presentOf = new Map<string, Set<string>>();
  const asked: LiveReportQuestion[] = [];
  for (const { at, events } of entries) {
    for (const event of events) {
      switch (event.type) {
        case 'playerJoined':
        case 'playerReadmitted':
          inRoom.add(event.playerId);
          open?.present.add(event.playerId);
          break;
        case 'playerKicked':
          inRoom.delete(event.playerId);
          open?.present.delete(event.playerId);
          break;
        case 'questionOpened': {
          const key = keyOf(event.question);
          if (!openedAt.has(key)) openedAt.set(key, at);
          // Reopened (resumed after a pause): those present before still could answer.
          const present = presentOf.get(key) ?? new Set<string>();
          for (const id of inRoom) present.add(id);
          presentOf.set(key, present);
          open = { key, present };
          break;
        }
        case 'questionLocked':
        case 'questionSkipped':
          if (open?.key === keyOf(event.question)) open = null;
          break;
        case 'questionRevealed': {
          const key = keyOf(event.question);
          if (open?.key === key) open = null;
          const spec = settings.questions[event.question.index];
          if (!spec) break;
          const present = presentOf.get(key) ?? new Set<string>();
          for (const s of event.scores) present.add(s.playerId);
          asked.push({
            step: event.question.step,
            index: event.question.index,
            quantity: spec.quantity,
            openedAt: openedAt.get(key) ?? null,
            present: [...present].sort(),
          });
          break;
        }
        default:
          break;
      }
    }
  }
  return asked;
}

/**
 * [RP2] The most points a student could score on `n` questions: full points each, the largest
 * speed bonus when the lesson has a timer and the bonus, and the streak bonus of an unbroken run.
 */
export function maxLivePoints(
  n: number,
  scoring: LessonSettings['scoring'],
  timerSeconds: number | null,
): number {
  let total = 0;
  for (let k = 1; k <= n; k++) {
    total += POINTS.correct;
    if (scoring.speedBonus && timerSeconds !== null) total += POINTS.speed;
    if (scoring.streakBonus) total += POINTS.streak * Math.min(k - 1, POINTS.streakCap);
  }
  return total;
}

/** [RP2] Totals of one student's cells; shares over the cells the student could answer. */
function studentOf(
  id: string,
  name: string,
  studentNumber: string | null,
  score: number,
  cells: ReportCell[],
  maxScore: (questions: number) => number,
): ReportStudent {
  let questions = 0;
  let correct = 0;
  let credit = 0;
  let attempts = 0;
  let seconds = 0;
  for (const c of cells) {
    if (c.present) questions++;
    if (c.correct) correct++;
    credit += c.credit;
    attempts += c.attempts;
    seconds += c.seconds ?? 0;
  }
  return {
    id,
    name,
    studentNumber,
    score,
    correctShare: questions ? correct / questions : 0,
    questions,
    creditShare: questions ? credit / questions : 0,
    maxScore: maxScore(questions),
    attempts,
    seconds,
    cells,
  };
}

/** [RP2] Score descending, then name, then id: the same order on every server. */
function byScoreThenName(a: ReportStudent, b: ReportStudent): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * [RP3][RP4] Per quantity, in the order first asked, and the hardest one. `mistakes` are the
 * misconception ids to count for each quantity (live: final answers; homework: every attempt).
 */
function summarise(
  kind: Report['kind'],
  id: string,
  title: string,
  students: ReportStudent[],
  asked: readonly QuantityName[],
  mistakes: readonly { quantity: QuantityName; id: string }[],
): Report {
  const order: QuantityName[] = [];
  for (const q of asked) if (!order.includes(q)) order.push(q);
  const quantities: ReportQuantity[] = order.map((quantity) => {
    let answered = 0;
    let correct = 0;
    let attempts = 0;
    let present = 0;
    let notPresent = 0;
    for (const s of students) {
      for (const c of s.cells) {
        if (c.quantity !== quantity) continue;
        if (c.present) present++;
        else notPresent++;
        if (!c.answered) continue;
        answered++;
        attempts += c.attempts;
        if (c.correct) correct++;
      }
    }
    const counts = new Map<string, number>();
    for (const m of mistakes) {
      if (m.quantity === quantity) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
    }
    return {
      quantity,
      answered,
      correct,
      present,
      notPresent,
      correctShare: present ? correct / present : 0,
      meanAttempts: answered ? attempts / answered : 0,
      misconceptions: [...counts]
        .map(([mid, count]) => ({ id: mid, label: labelOf(mid), count }))
        .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1)),
    };
  });
  let hardest: QuantityName | null = null;
  let low = Number.POSITIVE_INFINITY;
  for (const q of quantities) {
    if (q.answered === 0 || q.answered < HARDEST_MIN_ANSWERED * q.present) continue;
    // Strictly lower: a tie keeps the earlier quantity.
    if (q.correctShare < low) {
      low = q.correctShare;
      hardest = q.quantity;
    }
  }
  return { kind, id, title, students: students.sort(byScoreThenName), quantities, hardest };
}

/**
 * [RP1] A live lesson: one cell per player and question asked, one attempt per answered cell;
 * report steps count from 1 (the lesson's step 0 is step 1, as homework's only step is).
 * Seconds from the question opening to the counted answer.
 */
export function lessonReport(input: LiveReportInput): Report {
  const answerOf = new Map<string, LiveReportInput['answers'][number]>();
  for (const a of input.answers) {
    const key = `${a.playerId}:${a.step}:${a.questionIndex}`;
    const seen = answerOf.get(key);
    if (!seen || a.submittedAt >= seen.submittedAt) answerOf.set(key, a);
  }
  const mistakes: { quantity: QuantityName; id: string }[] = [];
  const presentAt = input.questions.map((q) => new Set(q.present));
  const students = input.players.map((p) => {
    const cells = input.questions.map((q, i): ReportCell => {
      const a = answerOf.get(`${p.playerId}:${q.step}:${q.index}`);
      if (!a) return unanswered(q.step + 1, q.quantity, presentAt[i]!.has(p.playerId));
      const misconceptionId = a.correct ? null : a.misconceptionId;
      if (misconceptionId) mistakes.push({ quantity: q.quantity, id: misconceptionId });
      return {
        step: q.step + 1,
        quantity: q.quantity,
        correct: a.correct,
        credit: a.credit,
        attempts: 1,
        seconds: q.openedAt === null ? null : Math.max(0, a.submittedAt - q.openedAt) / 1000,
        misconceptionId,
        answered: true,
        present: true,
      };
    });
    return studentOf(p.playerId, p.nickname, null, input.scores[p.playerId] ?? 0, cells, (n) =>
      maxLivePoints(n, input.scoring, input.timerSeconds),
    );
  });
  return summarise(
    'lesson',
    input.code,
    input.title,
    students,
    input.questions.map((q) => q.quantity),
    mistakes,
  );
}

/**
 * [RP1] An assignment: one cell per student and question. A cell counts the final attempt (the
 * right one or the last); its credit only once the question is finished, as the score [H4].
 * Seconds: from the question becoming available (the start, or the previous question's final
 * attempt) to the final attempt. Every wrong attempt's named mistake is counted.
 */
export function assignmentReport(
  a: HomeworkAssignment,
  students: { student: HomeworkStudentRecord; attempts: HomeworkAttemptRecord[] }[],
): Report {
  const mistakes: { quantity: QuantityName; id: string }[] = [];
  const rows = students.map(({ student, attempts }) => {
    const progress = homeworkProgress(a, attempts);
    let availableAt = student.startedAt;
    const cells = a.settings.questions.map((spec, i): ReportCell => {
      const p = progress[i]!;
      for (const r of p.attempts) {
        if (!r.correct && r.misconceptionId) {
          mistakes.push({ quantity: spec.quantity, id: r.misconceptionId });
        }
      }
      const final = p.final;
      if (!final) return unanswered(HOMEWORK_STEP, spec.quantity, true);
      const cell: ReportCell = {
        step: HOMEWORK_STEP,
        quantity: spec.quantity,
        correct: final.correct,
        credit: p.finished ? final.credit : 0,
        attempts: p.attempts.length,
        seconds: Math.max(0, final.submittedAt - availableAt) / 1000,
        misconceptionId: final.correct ? null : final.misconceptionId,
        answered: true,
        present: true,
      };
      availableAt = Math.max(student.startedAt, final.submittedAt);
      return cell;
    });
    return studentOf(
      student.id,
      student.name,
      student.studentNumber,
      homeworkScore(progress).credit,
      cells,
      (n) => n,
    );
  });
  return summarise(
    'assignment',
    a.id,
    a.title,
    rows,
    a.settings.questions.map((q) => q.quantity),
    mistakes,
  );
}

export const STUDENTS_CSV_HEADER = [
  'name',
  'student_number',
  'score',
  'max_score',
  'percent',
  'correct',
  'questions',
  'not_present',
  'attempts',
  'time',
] as const;

export const ANSWERS_CSV_HEADER = [
  'name',
  'student_number',
  'step',
  'quantity',
  'present',
  'correct',
  'credit',
  'attempts',
  'seconds',
  'misconception',
] as const;

/** Rounded for a table, exact enough for a grade book. */
const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** [RP5] A duration as m:ss (whole seconds, rounded): 75.4 s is "1:15". */
export function minutesSeconds(seconds: number): string {
  const whole = Math.round(Math.max(0, seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * [RP5] CSV tables, header row first, plain cells: numbers as numbers, booleans as 1/0, '' for
 * null. The same columns mean the same thing for a lesson and for homework: `questions` are
 * those the student could answer and `not_present` the others; `percent` (0..100, 1 decimal) is
 * the credit over `questions` (partial credit counted); `max_score` is the most `score` could be
 * on `questions` (homework: 1 each; live: RP2's points); `time` is m:ss. Score and credit to 3
 * decimals, seconds to 1. The misconception column holds the id (stable, comma-free); labels are
 * in report.quantities.
 */
export function reportTables(report: Report): {
  students: (string | number)[][];
  answers: (string | number)[][];
} {
  const students: (string | number)[][] = [[...STUDENTS_CSV_HEADER]];
  const answers: (string | number)[][] = [[...ANSWERS_CSV_HEADER]];
  for (const s of report.students) {
    const correct = s.cells.filter((c) => c.correct).length;
    students.push([
      s.name,
      s.studentNumber ?? '',
      round(s.score, 3),
      round(s.maxScore, 3),
      round(s.creditShare * 100, 1),
      correct,
      s.questions,
      s.cells.length - s.questions,
      s.attempts,
      minutesSeconds(s.seconds),
    ]);
    for (const c of s.cells) {
      answers.push([
        s.name,
        s.studentNumber ?? '',
        c.step,
        c.quantity,
        c.present ? 1 : 0,
        c.correct ? 1 : 0,
        round(c.credit, 3),
        c.attempts,
        c.seconds === null ? '' : round(c.seconds, 1),
        c.misconceptionId ?? '',
      ]);
    }
  }
  return { students, answers };
}
