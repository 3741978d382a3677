// The homework store over Prisma (SQLite or PostgreSQL): rows in, packages/lesson's plain
// records out.
import type { AnswerValue, LessonSettings } from '@backprop/contract';
import type { Db } from '@backprop/db';
import type { HomeworkAttemptRecord } from '@backprop/lesson';
import type { QuantityName } from '@backprop/mlp-core';
import { isUniqueViolation } from '../prisma-errors';
import {
  AttemptTakenError,
  type HomeworkStore,
  ResumeCodeTakenError,
  type StoredAssignment,
  type StudentRow,
} from './store';

/**
 * Seeds are uint32; the columns are Int (PostgreSQL's is signed 32-bit). Stored as the same 32
 * bits read signed, read back unsigned.
 */
const toInt32 = (seed: number): number => seed | 0;
const toUint32 = (stored: number): number => stored >>> 0;

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

export function createPrismaHomeworkStore({ client }: Db): HomeworkStore {
  return {
    async createAssignment(a, ownerId, createdAt) {
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

    async assignment(id) {
      const row = await client.assignment.findUnique({ where: { id } });
      return row ? toAssignment(row) : null;
    },

    async assignmentsOf(ownerId) {
      const rows = await client.assignment.findMany({
        where: { ownerId },
        orderBy: { createdAt: 'desc' },
      });
      return rows.map(toAssignment);
    },

    async progress(assignmentIds) {
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

    async createStudent(assignmentId, s, resumeCodeHash) {
      try {
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
      } catch (error) {
        // The id is a fresh UUID: the key that can be taken is (assignmentId, resumeCodeHash).
        throw isUniqueViolation(error) ? new ResumeCodeTakenError(assignmentId) : error;
      }
    },

    async studentByResumeHash(assignmentId, resumeCodeHash) {
      const row = await client.homeworkStudent.findUnique({
        where: { assignmentId_resumeCodeHash: { assignmentId, resumeCodeHash } },
      });
      return row ? toStudent(row) : null;
    },

    async student(assignmentId, studentId) {
      const row = await client.homeworkStudent.findFirst({
        where: { id: studentId, assignmentId },
      });
      return row ? toStudent(row) : null;
    },

    async attempts(studentId) {
      const rows = await client.homeworkAttempt.findMany({
        where: { studentId },
        orderBy: attemptOrder,
      });
      return rows.map(toAttempt);
    },

    async students(assignmentId) {
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

    async appendAttempt(studentId, a, finishedAt) {
      const write = client.$transaction(async (tx) => {
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
      await write.catch((error: unknown) => {
        throw isUniqueViolation(error) ? new AttemptTakenError(studentId) : error;
      });
    },
  };
}
