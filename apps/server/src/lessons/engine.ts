// The lesson state machine as a port. The server codes against this interface; the real one is
// packages/lesson (pure, no I/O), and tests may pass a stand-in through the same shape.
import type { LessonView, PlayerStanding, QuestionKey } from '@backprop/contract';
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
  /** When the open question's timer runs out (epoch ms), or null (no timer, paused, closed). */
  nextDeadline(state: LessonState): { at: number; question: QuestionKey } | null;
  /** The player holding this token hash (kicked or not), or null. */
  findPlayerByTokenHash(state: LessonState, tokenHash: string): string | null;
  standings(state: LessonState): PlayerStanding[];
}

const REQUIRED = [
  'createLesson',
  'applyCommand',
  'replay',
  'viewFor',
  'nextDeadline',
  'findPlayerByTokenHash',
  'standings',
] as const;

/**
 * packages/lesson's implementation, once it exports every function of the port; null while it
 * only exports the API's types (the state machine is being written on its own branch).
 */
export function packagedEngine(): LessonEngine | null {
  const candidate = lesson as unknown as Partial<Record<(typeof REQUIRED)[number], unknown>>;
  if (!REQUIRED.every((name) => typeof candidate[name] === 'function')) return null;
  const engine = candidate as unknown as LessonEngine;
  // The package returns the Player record (the lesson branch's index.ts); the port wants its id.
  const find = candidate.findPlayerByTokenHash as (
    state: LessonState,
    tokenHash: string,
  ) => string | { playerId: string } | null;
  return {
    ...engine,
    findPlayerByTokenHash: (state, tokenHash) => {
      const found = find(state, tokenHash);
      return found === null || typeof found === 'string' ? found : found.playerId;
    },
  };
}
