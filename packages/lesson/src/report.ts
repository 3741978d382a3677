/**
 * Reports for the instructor: per student, per quantity, and the CSV tables. Pure: the server
 * reads the rows (live answers, or homework attempts) and passes them in. Rules [RP1]-[RP6] are
 * in SPEC.md.
 */
import type { Report, ReportCell, ReportQuantity, ReportStudent } from '@backprop/contract';
import { MISCONCEPTION_NAMES, type QuantityName } from '@backprop/mlp-core';
import {
  HOMEWORK_STEP,
  type HomeworkAssignment,
  type HomeworkAttemptRecord,
  type HomeworkStudentRecord,
  homeworkProgress,
  homeworkScore,
} from './homework.ts';

export interface LiveReportInput {
  code: string;
  title: string;
  /** Kicked players included. */
  players: { playerId: string; nickname: string }[];
  /** The questions asked, in order. `step` is the lesson's 0-based step (Answer.step). */
  questions: { step: number; index: number; quantity: QuantityName; openedAt: number | null }[];
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

const unanswered = (step: number, quantity: QuantityName): ReportCell => ({
  step,
  quantity,
  correct: false,
  credit: 0,
  attempts: 0,
  seconds: null,
  misconceptionId: null,
  answered: false,
});

/** [RP2] Totals of one student's cells. */
function studentOf(
  id: string,
  name: string,
  studentNumber: string | null,
  score: number,
  cells: ReportCell[],
): ReportStudent {
  let correct = 0;
  let attempts = 0;
  let seconds = 0;
  for (const c of cells) {
    if (c.correct) correct++;
    attempts += c.attempts;
    seconds += c.seconds ?? 0;
  }
  return {
    id,
    name,
    studentNumber,
    score,
    correctShare: cells.length ? correct / cells.length : 0,
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
  const steps = new Map<QuantityName, number>();
  for (const q of asked) {
    if (!steps.has(q)) order.push(q);
    steps.set(q, (steps.get(q) ?? 0) + 1);
  }
  const quantities: ReportQuantity[] = order.map((quantity) => {
    let answered = 0;
    let correct = 0;
    let attempts = 0;
    for (const s of students) {
      for (const c of s.cells) {
        if (c.quantity !== quantity || !c.answered) continue;
        answered++;
        attempts += c.attempts;
        if (c.correct) correct++;
      }
    }
    const counts = new Map<string, number>();
    for (const m of mistakes) {
      if (m.quantity === quantity) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
    }
    const asked = students.length * steps.get(quantity)!;
    return {
      quantity,
      answered,
      correct,
      correctShare: asked ? correct / asked : 0,
      meanAttempts: answered ? attempts / answered : 0,
      misconceptions: [...counts]
        .map(([mid, count]) => ({ id: mid, label: labelOf(mid), count }))
        .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1)),
    };
  });
  let hardest: QuantityName | null = null;
  if (students.length) {
    let low = Number.POSITIVE_INFINITY;
    for (const q of quantities) {
      // Strictly lower: a tie keeps the earlier quantity.
      if (q.correctShare < low) {
        low = q.correctShare;
        hardest = q.quantity;
      }
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
  const students = input.players.map((p) => {
    const cells = input.questions.map((q): ReportCell => {
      const a = answerOf.get(`${p.playerId}:${q.step}:${q.index}`);
      if (!a) return unanswered(q.step + 1, q.quantity);
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
      };
    });
    return studentOf(p.playerId, p.nickname, null, input.scores[p.playerId] ?? 0, cells);
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
      if (!final) return unanswered(HOMEWORK_STEP, spec.quantity);
      const cell: ReportCell = {
        step: HOMEWORK_STEP,
        quantity: spec.quantity,
        correct: final.correct,
        credit: p.finished ? final.credit : 0,
        attempts: p.attempts.length,
        seconds: Math.max(0, final.submittedAt - availableAt) / 1000,
        misconceptionId: final.correct ? null : final.misconceptionId,
        answered: true,
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
  'attempts',
  'minutes',
] as const;

export const ANSWERS_CSV_HEADER = [
  'name',
  'student_number',
  'step',
  'quantity',
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

/**
 * [RP5] CSV tables, header row first, plain cells: numbers as numbers, booleans as 1/0, '' for
 * null. Score and credit to 3 decimals, percent (0..100) minutes and seconds to 1. Homework:
 * max_score = the question count and percent = score / max_score; a live lesson's points have
 * no maximum (bonuses), so max_score is empty and percent is the share of questions right.
 * The misconception column holds the id (stable, comma-free); labels are in report.quantities.
 */
export function reportTables(report: Report): {
  students: (string | number)[][];
  answers: (string | number)[][];
} {
  const students: (string | number)[][] = [[...STUDENTS_CSV_HEADER]];
  const answers: (string | number)[][] = [[...ANSWERS_CSV_HEADER]];
  for (const s of report.students) {
    const questions = s.cells.length;
    const correct = s.cells.filter((c) => c.correct).length;
    const homework = report.kind === 'assignment';
    const share = homework ? (questions ? s.score / questions : 0) : s.correctShare;
    students.push([
      s.name,
      s.studentNumber ?? '',
      round(s.score, 3),
      homework ? questions : '',
      round(share * 100, 1),
      correct,
      questions,
      s.attempts,
      round(s.seconds / 60, 1),
    ]);
    for (const c of s.cells) {
      answers.push([
        s.name,
        s.studentNumber ?? '',
        c.step,
        c.quantity,
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
