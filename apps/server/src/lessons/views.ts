// What each screen sees of a live lesson: the state machine's view for the viewer, with the
// roster's `connected` filled from live connections. Below the services and the fan-out, which
// both ask it (the fan-out never calls up into services/).
import type { LessonView } from '@backprop/contract';
import type { Viewer } from '@backprop/lesson';
import type { LessonEngine } from './engine';
import type { LiveLesson } from './runner';

/** Who a verified connection or request is. Instructor and co-host have the same rights. */
export type Identity =
  | { code: string; role: 'instructor' | 'cohost' | 'projector' }
  | { code: string; role: 'student'; playerId: string };

export const viewerOf = (identity: Identity): Viewer =>
  identity.role === 'student'
    ? { role: 'student', playerId: identity.playerId }
    : identity.role === 'projector'
      ? { role: 'projector' }
      : { role: 'instructor' };

export interface LessonViews {
  /** The viewer's view, with the roster's `connected` filled from live connections. */
  of(lesson: LiveLesson, identity: Identity): LessonView;
  /** A student's view as JSON text (the class's shared part encoded once per state). */
  studentJson(lesson: LiveLesson, playerId: string): string;
}

export function createLessonViews(
  engine: LessonEngine,
  /** Whether a student of a lesson has at least one live connection (any process). */
  connected: (code: string, playerId: string) => boolean,
): LessonViews {
  return {
    of(lesson, identity) {
      const view = engine.viewFor(lesson.state, viewerOf(identity));
      if (view.kind !== 'instructor') return view;
      const { code } = lesson.record;
      // The roster is built for this call (packages/lesson viewFor): filled in place, not copied.
      for (const entry of view.roster) entry.connected = connected(code, entry.playerId);
      return view;
    },
    studentJson: (lesson, playerId) => engine.studentViewJson(lesson.state, playerId),
  };
}
