// The lesson state machine as a port. The server codes against this interface; the real one is
// packages/lesson (pure, no I/O), and tests may pass a stand-in through the same shape.
import type { LessonView, PlayerStanding, QuestionKey, StudentView } from '@backprop/contract';
import type {
  ApplyResult,
  CreateLessonInput,
  Envelope,
  LessonState,
  Viewer,
} from '@backprop/lesson';
import * as lesson from '@backprop/lesson';

export interface LessonEngine {
  createLesson(input: CreateLessonInput): LessonState;
  applyCommand(state: LessonState, envelope: Envelope): ApplyResult;
  /** The fold of a lesson's log from its creation. */
  replay(input: CreateLessonInput, envelopes: readonly Envelope[]): LessonState;
  viewFor(state: LessonState, viewer: Viewer): LessonView;
  /** A student's view as JSON text (the class's shared part encoded once per state). */
  studentViewJson(state: LessonState, playerId: string): string;
  /** The student's stored answer to the current question, as their view shows it. */
  myAnswerOf(state: LessonState, playerId: string): StudentView['myAnswer'];
  /** When the open question's timer runs out (epoch ms), or null (no timer, paused, closed). */
  nextDeadline(state: LessonState): { at: number; question: QuestionKey } | null;
  /** The player holding this token hash (kicked or not), or null. */
  findPlayerByTokenHash(
    state: LessonState,
    tokenHash: string,
  ): { playerId: string; kicked: boolean } | null;
  standings(state: LessonState): PlayerStanding[];
}

/** packages/lesson's state machine behind the port. */
export const lessonEngine: LessonEngine = {
  createLesson: lesson.createLesson,
  applyCommand: lesson.applyCommand,
  replay: (input, envelopes) => lesson.replay(input, [...envelopes]),
  viewFor: lesson.viewFor,
  studentViewJson: lesson.studentViewJson,
  myAnswerOf: lesson.myAnswerOf,
  nextDeadline: lesson.nextDeadline,
  findPlayerByTokenHash: (state, tokenHash) => {
    const player = lesson.findPlayerByTokenHash(state, tokenHash);
    return player ? { playerId: player.playerId, kicked: player.kicked } : null;
  },
  standings: lesson.standings,
};
