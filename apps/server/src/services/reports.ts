// Reports of a live lesson or an assignment, for their owner only. The tables and sums are
// packages/lesson's (lessonReport, assignmentReport, reportTables); this reads their inputs.
import { ERROR_CODES, type Instructor, type Report } from '@backprop/contract';
import {
  assignmentReport,
  type LessonEvent,
  type LiveReportInput,
  lessonReport,
  reportTables,
} from '@backprop/lesson';
import type { QuantityName } from '@backprop/mlp-core';
import type { LessonContext, RequestContext } from '../context';
import { createHomeworkStore } from '../homework/store';
import { lessonInput } from '../lessons/runner';
import { ownedLesson } from './accounts';
import { ownedAssignment } from './assignments';
import { ServiceError } from './errors';

function lessonsOf(ctx: RequestContext): LessonContext {
  if (!ctx.lessons) {
    throw new ServiceError(ERROR_CODES.INTERNAL, 'Live lessons are not available on this server');
  }
  return ctx.lessons;
}

/**
 * The questions a lesson asked, from its log: those revealed (their answers are scored and
 * stored then), in reveal order, each with when it first opened. A question opened but not
 * yet revealed, or skipped, has no stored answers and is left out.
 */
async function askedQuestions(
  lessons: LessonContext,
  code: string,
): Promise<LiveReportInput['questions']> {
  const record = await lessons.store.findLessonByCode(code);
  if (!record) throw new ServiceError(ERROR_CODES.UNKNOWN_LESSON, 'No lesson has this code');
  const log = await lessons.store.loadLog(record.id);
  let state = lessons.engine.createLesson(lessonInput(record));
  const openedAt = new Map<string, number>();
  const asked: LiveReportInput['questions'] = [];
  const keyOf = (q: { step: number; index: number }) => `${q.step}:${q.index}`;
  for (const envelope of log) {
    const result = lessons.engine.applyCommand(state, envelope);
    // The log holds accepted commands only: a refusal here is a corrupt log, not a user error.
    if (!result.ok)
      throw new Error(`lesson ${code}: its log does not replay: ${result.error.code}`);
    state = result.state;
    for (const event of result.events as LessonEvent[]) {
      if (event.type === 'questionOpened' && !openedAt.has(keyOf(event.question))) {
        openedAt.set(keyOf(event.question), envelope.at);
      } else if (event.type === 'questionRevealed') {
        const spec = record.settings.questions[event.question.index];
        if (!spec) continue;
        asked.push({
          step: event.question.step,
          index: event.question.index,
          quantity: spec.quantity,
          openedAt: openedAt.get(keyOf(event.question)) ?? null,
        });
      }
    }
  }
  return asked;
}

export async function lessonReportFor(
  ctx: RequestContext,
  me: Instructor,
  code: string,
): Promise<Report> {
  const lesson = await ownedLesson(ctx, me, code);
  const lessons = lessonsOf(ctx);
  const [questions, players, answers, scores] = await Promise.all([
    askedQuestions(lessons, lesson.code),
    lessons.store.players(lesson.id),
    lessons.store.answers(lesson.id),
    lessons.store.scores(lesson.id),
  ]);
  return lessonReport({
    code: lesson.code,
    title: `Lesson ${lesson.code}`,
    players: players.map(({ playerId, nickname }) => ({ playerId, nickname })),
    questions,
    answers: answers.map((a) => ({ ...a, quantity: a.quantity as QuantityName })),
    scores: Object.fromEntries(scores.map((s) => [s.playerId, s.score])),
  });
}

export async function assignmentReportFor(
  ctx: RequestContext,
  me: Instructor,
  id: string,
): Promise<Report> {
  const { assignment } = await ownedAssignment(ctx, me, id);
  return assignmentReport(assignment, await createHomeworkStore(ctx.db).students(assignment.id));
}

export type ReportTables = ReturnType<typeof reportTables>;

export async function reportCsvTables(
  ctx: RequestContext,
  me: Instructor,
  kind: 'lesson' | 'assignment',
  id: string,
): Promise<ReportTables> {
  const report =
    kind === 'lesson' ? await lessonReportFor(ctx, me, id) : await assignmentReportFor(ctx, me, id);
  return reportTables(report);
}
