export { allowedCommands, nextAction } from './allowed.ts';
export * from './api.ts';
export { applyCommand, nextDeadline, replay } from './apply.ts';
export type {
  HomeworkAssignment,
  HomeworkAttemptRecord,
  HomeworkStudentRecord,
  QuestionProgress,
  SubmitOutcome,
} from './homework.ts';
export {
  assignmentIntro,
  assignmentStatus,
  HOMEWORK_STEP,
  homeworkProgress,
  homeworkScore,
  homeworkSeeds,
  homeworkView,
  PRACTICE_ATTEMPTS,
  practiceAssignment,
  studentNetwork,
  submitAttempt,
} from './homework.ts';
export { CHOICE_COUNT, choiceSeed } from './question.ts';
export type { LiveReportInput, LiveReportQuestion } from './report.ts';
export {
  ANSWERS_CSV_HEADER,
  askedQuestions,
  assignmentReport,
  HARDEST_MIN_ANSWERED,
  lessonReport,
  maxLivePoints,
  minutesSeconds,
  reportTables,
  STUDENTS_CSV_HEADER,
} from './report.ts';
export { POINTS, pointsFor, standings } from './scoring.ts';
export type {
  AnswerGrade,
  ParamsData,
  Player,
  QuestionMisconception,
  QuestionState,
  SnapshotState,
  SubmittedAnswer,
} from './state.ts';
export { createLesson, playerCount, playerIds, playerOf } from './state.ts';
export { GRID_RESOLUTION, MAX_FRAMES } from './training.ts';
export { knownValues, myAnswerOf, studentViewJson, viewFor } from './views.ts';

import { ROSTER_BUCKETS, shardGet } from './shards.ts';
import { type LessonState, type Player, playerOf, type SubmittedAnswer } from './state.ts';

/** The student's accepted answer to the current question, if any. */
export function answerOf(state: LessonState, playerId: string): SubmittedAnswer | undefined {
  return state.question ? shardGet(state.question.answers, playerId) : undefined;
}

/** The player a reconnecting student's token belongs to (the server hashes the token first). */
export function findPlayerByTokenHash(state: LessonState, tokenHash: string): Player | null {
  // [L6] The index of token hashes, not a walk over every player.
  const playerId = shardGet(state.tokenHashes, tokenHash, ROSTER_BUCKETS);
  return playerId === undefined ? null : (playerOf(state, playerId) ?? null);
}
