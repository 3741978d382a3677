// The lesson store over Prisma (SQLite or PostgreSQL).
import type { AnswerValue, LessonSettings } from '@backprop/contract';
import type { Db } from '@backprop/db';
import type { Envelope } from '@backprop/lesson';
import {
  type AnswerRow,
  CodeTakenError,
  type DerivedRows,
  type LessonRecord,
  type LessonStore,
  NicknameTakenError,
  VersionConflictError,
} from './store';

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';

interface LessonModel {
  id: string;
  code: string;
  settings: string;
  instructorSecretHash: string;
  cohostTokenHash: string;
  createdAt: Date;
  finishedAt: Date | null;
  ownerId: string | null;
}

const toRecord = (row: LessonModel): LessonRecord => ({
  id: row.id,
  code: row.code,
  settings: JSON.parse(row.settings) as LessonSettings,
  instructorSecretHash: row.instructorSecretHash,
  cohostTokenHash: row.cohostTokenHash,
  createdAt: row.createdAt.getTime(),
  finishedAt: row.finishedAt?.getTime() ?? null,
  ownerId: row.ownerId,
});

export function createPrismaStore({ client }: Db): LessonStore {
  return {
    async createLesson(record) {
      try {
        await client.lesson.create({
          data: {
            id: record.id,
            code: record.code,
            settings: JSON.stringify(record.settings),
            instructorSecretHash: record.instructorSecretHash,
            cohostTokenHash: record.cohostTokenHash,
            createdAt: new Date(record.createdAt),
            finishedAt: record.finishedAt === null ? null : new Date(record.finishedAt),
            ownerId: record.ownerId ?? null,
          },
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new CodeTakenError(record.code);
        throw error;
      }
    },
    async findLessonByCode(code) {
      const row = await client.lesson.findUnique({ where: { code } });
      return row ? toRecord(row) : null;
    },
    async unfinishedLessons() {
      const rows = await client.lesson.findMany({ where: { finishedAt: null } });
      return rows.map(toRecord);
    },
    async loadLog(lessonId, afterSeq = 0) {
      const rows = await client.lessonCommand.findMany({
        where: { lessonId, seq: { gt: afterSeq } },
        orderBy: { seq: 'asc' },
      });
      return rows.map((row) => JSON.parse(row.envelope) as Envelope);
    },
    async nicknameTaken(lessonId, nicknameKey) {
      const row = await client.player.findUnique({
        where: { lessonId_nicknameKey: { lessonId, nicknameKey } },
      });
      return row !== null;
    },
    async append(lessonId, seq, envelope, rows: DerivedRows) {
      try {
        await client.$transaction(async (tx) => {
          // The log entry first: its (lessonId, seq) key refuses a second writer of this version.
          await tx.lessonCommand.create({
            data: { lessonId, seq, envelope: JSON.stringify(envelope) },
          });
          for (const p of rows.players) {
            const taken = await tx.player.findUnique({
              where: { lessonId_nicknameKey: { lessonId, nicknameKey: p.nicknameKey } },
            });
            if (taken) throw new NicknameTakenError(p.nicknameKey);
            await tx.player.create({ data: { lessonId, ...p, joinedAt: new Date(p.joinedAt) } });
          }
          // A reveal writes one answer and one score per student: a few statements for the
          // whole class, not two round trips per student. Answer rows are written only by
          // their question's reveal (this transaction), so they are new; score rows exist
          // from the join and are replaced.
          if (rows.answers.length) {
            await tx.answer.createMany({
              data: rows.answers.map((a) => ({
                lessonId,
                ...a,
                value: JSON.stringify(a.value),
                submittedAt: new Date(a.submittedAt),
              })),
            });
          }
          if (rows.scores.length) {
            await tx.score.deleteMany({
              where: { lessonId, playerId: { in: rows.scores.map((s) => s.playerId) } },
            });
            await tx.score.createMany({ data: rows.scores.map((s) => ({ lessonId, ...s })) });
          }
          if (rows.finishedAt !== null) {
            await tx.lesson.update({
              where: { id: lessonId },
              data: { finishedAt: new Date(rows.finishedAt) },
            });
          }
        });
      } catch (error) {
        if (error instanceof NicknameTakenError) throw error;
        if (isUniqueViolation(error)) throw new VersionConflictError(lessonId, seq);
        throw error;
      }
    },
    async answers(lessonId) {
      const rows = await client.answer.findMany({
        where: { lessonId },
        orderBy: [{ step: 'asc' }, { questionIndex: 'asc' }, { submittedAt: 'asc' }],
      });
      return rows.map(
        (row): AnswerRow => ({
          answerId: row.answerId,
          playerId: row.playerId,
          step: row.step,
          questionIndex: row.questionIndex,
          quantity: row.quantity,
          value: JSON.parse(row.value) as AnswerValue,
          submittedAt: row.submittedAt.getTime(),
          correct: row.correct,
          credit: row.credit,
          points: row.points,
          misconceptionId: row.misconceptionId,
        }),
      );
    },
    async scores(lessonId) {
      const rows = await client.score.findMany({ where: { lessonId } });
      return rows.map(({ playerId, score, streak }) => ({ playerId, score, streak }));
    },
    async players(lessonId) {
      const rows = await client.player.findMany({
        where: { lessonId },
        orderBy: { joinedAt: 'asc' },
      });
      return rows.map(({ playerId, nickname, nicknameKey, tokenHash, joinedAt }) => ({
        playerId,
        nickname,
        nicknameKey,
        tokenHash,
        joinedAt: joinedAt.getTime(),
      }));
    },
  };
}
