// Assignments, homework students and their attempts over Prisma (SQLite or PostgreSQL): rows in,
// packages/lesson's plain records out. No rules here; the homework engine grades.
import type { AnswerValue, LessonSettings } from '@backprop/contract';
import type { Db } from '@backprop/db';
import type {
  HomeworkAssignment,
  HomeworkAttemptRecord,
  HomeworkStudentRecord,
} from '@backprop/lesson';
import type { QuantityName } from '@backprop/mlp-core';

/**
 * Seeds are uint32; the columns are Int (PostgreSQL's is signed 32-bit). Stored as the same 32
 * bits read signed, read back unsigned.
 */
const toInt32 = (seed: number): number => seed | 0;
const toUint32 = (stored: number): number => stored >>> 0;

export interface StoredAssignment {
  assignment: HomeworkAssignment;
  ownerId: string;
  createdAt: number;
}

export interface StudentRow {
  student: HomeworkStudentRecord;
  resumeCodeHash: string;
}

/** A unique key refused the row (Prisma P2002). */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';

interface AssignmentRow {
  id: string;
  ownerId: string;
  title: string;
  settings: string;
  seed: number;
  opensAt: Date;
  dueAt: Date;
  attempts: number;
  showHints: boolean;
  askStudentNumber: boolean;
  createdAt: Date;
}

const toAssignment = (row: AssignmentRow): StoredAssignment => ({
  assignment: {
    id: row.id,
    title: row.title,
    settings: JSON.parse(row.settings) as LessonSettings,
    seed: toUint32(row.seed),
    opensAt: row.opensAt.getTime(),
    dueAt: row.dueAt.getTime(),
    attempts: row.attempts,
    showHints: row.showHints,
    askStudentNumber: row.askStudentNumber,
  },
  ownerId: row.ownerId,
  createdAt: row.createdAt.getTime(),
});

interface StudentModel {
  id: string;
  name: string;
  studentNumber: string | null;
  resumeCodeHash: string;
  dataSeed: number;
  weightSeed: number;
  startedAt: Date;
  finishedAt: Date | null;
}

/** The resume code is stored hashed: the record carries '' (the brief's convention). */
const toStudent = (row: StudentModel): StudentRow => ({
  student: {
    id: row.id,
    name: row.name,
    studentNumber: row.studentNumber,
    resumeCode: '',
    dataSeed: toUint32(row.dataSeed),
    weightSeed: toUint32(row.weightSeed),
    startedAt: row.startedAt.getTime(),
    finishedAt: row.finishedAt?.getTime() ?? null,
  },
  resumeCodeHash: row.resumeCodeHash,
});

interface AttemptModel {
  attemptId: string;
  questionIndex: number;
  quantity: string;
  attempt: number;
  value: string;
  correct: boolean;
  credit: number;
  entryCorrect: string;
  misconceptionId: string | null;
  submittedAt: Date;
}

const toAttempt = (row: AttemptModel): HomeworkAttemptRecord => ({
  attemptId: row.attemptId,
  questionIndex: row.questionIndex,
  quantity: row.quantity as QuantityName,
  attempt: row.attempt,
  value: JSON.parse(row.value) as AnswerValue,
  correct: row.correct,
  credit: row.credit,
  entryCorrect: JSON.parse(row.entryCorrect) as boolean[],
  misconceptionId: row.misconceptionId,
  submittedAt: row.submittedAt.getTime(),
});

const attemptOrder = [{ questionIndex: 'asc' as const }, { attempt: 'asc' as const }];

export function createHomeworkStore({ client }: Db) {
  return {
    async createAssignment(a: HomeworkAssignment, ownerId: string, createdAt: number) {
      await client.assignment.create({
        data: {
          id: a.id,
          ownerId,
          title: a.title,
          settings: JSON.stringify(a.settings),
          seed: toInt32(a.seed),
          opensAt: new Date(a.opensAt),
          dueAt: new Date(a.dueAt),
          attempts: a.attempts,
          showHints: a.showHints,
          askStudentNumber: a.askStudentNumber,
          createdAt: new Date(createdAt),
        },
      });
    },

    async assignment(id: string): Promise<StoredAssignment | null> {
      const row = await client.assignment.findUnique({ where: { id } });
      return row ? toAssignment(row) : null;
    },

    async assignmentsOf(ownerId: string): Promise<StoredAssignment[]> {
      const rows = await client.assignment.findMany({
        where: { ownerId },
        orderBy: { createdAt: 'desc' },
      });
      return rows.map(toAssignment);
    },

    /** Students who started, and who finished every question, per assignment id. */
    async progress(
      assignmentIds: string[],
    ): Promise<Map<string, { started: number; finished: number }>> {
      const rows = await client.homeworkStudent.findMany({
        where: { assignmentId: { in: assignmentIds } },
        select: { assignmentId: true, finishedAt: true },
      });
      const counts = new Map(assignmentIds.map((id) => [id, { started: 0, finished: 0 }]));
      for (const row of rows) {
        const c = counts.get(row.assignmentId);
        if (!c) continue;
        c.started += 1;
        if (row.finishedAt) c.finished += 1;
      }
      return counts;
    },

    /** Throws a unique violation (isUniqueViolation) when the resume code hash is taken. */
    async createStudent(assignmentId: string, s: HomeworkStudentRecord, resumeCodeHash: string) {
      await client.homeworkStudent.create({
        data: {
          id: s.id,
          assignmentId,
          name: s.name,
          studentNumber: s.studentNumber,
          resumeCodeHash,
          dataSeed: toInt32(s.dataSeed),
          weightSeed: toInt32(s.weightSeed),
          startedAt: new Date(s.startedAt),
          finishedAt: s.finishedAt === null ? null : new Date(s.finishedAt),
        },
      });
    },

    async studentByResumeHash(assignmentId: string, resumeCodeHash: string) {
      const row = await client.homeworkStudent.findUnique({
        where: { assignmentId_resumeCodeHash: { assignmentId, resumeCodeHash } },
      });
      return row ? toStudent(row) : null;
    },

    async student(assignmentId: string, studentId: string) {
      const row = await client.homeworkStudent.findFirst({
        where: { id: studentId, assignmentId },
      });
      return row ? toStudent(row) : null;
    },

    async attempts(studentId: string): Promise<HomeworkAttemptRecord[]> {
      const rows = await client.homeworkAttempt.findMany({
        where: { studentId },
        orderBy: attemptOrder,
      });
      return rows.map(toAttempt);
    },

    /** Every student of an assignment with their attempts (reports), in the order they started. */
    async students(assignmentId: string) {
      const rows = await client.homeworkStudent.findMany({
        where: { assignmentId },
        orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
        include: { attempts: { orderBy: attemptOrder } },
      });
      return rows.map((row) => ({
        student: toStudent(row).student,
        attempts: row.attempts.map(toAttempt),
      }));
    },

    /**
     * The attempt and, when it finished the homework, the student's finishedAt: both or neither.
     * Throws a unique violation when a concurrent submission took this attempt id or number.
     */
    async appendAttempt(studentId: string, a: HomeworkAttemptRecord, finishedAt: number | null) {
      await client.$transaction(async (tx) => {
        await tx.homeworkAttempt.create({
          data: {
            studentId,
            attemptId: a.attemptId,
            questionIndex: a.questionIndex,
            quantity: a.quantity,
            attempt: a.attempt,
            value: JSON.stringify(a.value),
            correct: a.correct,
            credit: a.credit,
            entryCorrect: JSON.stringify(a.entryCorrect),
            misconceptionId: a.misconceptionId,
            submittedAt: new Date(a.submittedAt),
          },
        });
        if (finishedAt !== null) {
          await tx.homeworkStudent.update({
            where: { id: studentId },
            data: { finishedAt: new Date(finishedAt) },
          });
        }
      });
    },
  };
}

export type HomeworkStore = ReturnType<typeof createHomeworkStore>;
