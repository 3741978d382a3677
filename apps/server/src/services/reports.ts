// Reports of a live lesson or an assignment, for their owner only. The tables and sums are
// packages/lesson's (lessonReport, assignmentReport, reportTables); this reads their inputs.
import { ERROR_CODES, type Instructor, type Report } from '@backprop/contract';
import {
  askedQuestions,
  assignmentReport,
  type LessonEvent,
  lessonReport,
  reportTables,
} from '@backprop/lesson';
import type { QuantityName } from '@backprop/mlp-core';
import type { LessonContext, RequestContext } from '../context';
import { lessonInput } from '../lessons/runner';
import { ownedLesson } from './accounts';
import { ownedAssignment } from './assignments';
import { ServiceError } from './errors';

/**
 * The questions a lesson asked and who could answer each ([RP1], packages/lesson's
 * askedQuestions), from its log replayed through the engine, with the lesson's scoring.
 */
async function askedFromLog(lessons: LessonContext, code: string) {
  const record = await lessons.store.findLessonByCode(code);
  if (!record) throw new ServiceError(ERROR_CODES.UNKNOWN_LESSON, 'No lesson has this code');
  const log = await lessons.store.loadLog(record.id);
  const input = lessonInput(record);
  let state = lessons.engine.createLesson(input);
  const entries: { at: number; events: LessonEvent[] }[] = [];
  for (const envelope of log) {
    const result = lessons.engine.applyCommand(state, envelope);
    // The log holds accepted commands only: a refusal here is a corrupt log, not a user error.
    if (!result.ok)
      throw new Error(`lesson ${code}: its log does not replay: ${result.error.code}`);
    state = result.state;
    entries.push({ at: envelope.at, events: result.events as LessonEvent[] });
  }
  return {
    questions: askedQuestions(input.settings, entries),
    scoring: input.settings.scoring,
    timerSeconds: input.settings.timerSeconds,
  };
}

export async function lessonReportFor(
  ctx: RequestContext,
  me: Instructor,
  code: string,
): Promise<Report> {
  const lesson = await ownedLesson(ctx, me, code);
  const { lessons } = ctx;
  const [asked, players, answers, scores] = await Promise.all([
    askedFromLog(lessons, lesson.code),
    lessons.store.players(lesson.id),
    lessons.store.answers(lesson.id),
    lessons.store.scores(lesson.id),
  ]);
  return lessonReport({
    code: lesson.code,
    title: `Lesson ${lesson.code}`,
    players: players.map(({ playerId, nickname }) => ({ playerId, nickname })),
    ...asked,
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
  return assignmentReport(assignment, await ctx.homework.students(assignment.id));
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
