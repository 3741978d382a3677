'use client';
/**
 * The projector's display options: hide the leaderboard, anonymise names, the leaderboard's
 * length, sounds. Lesson state since issue 11: set from the instructor console (a `display`
 * command) and carried by the projector's view, so every projector of the lesson shows the same
 * and nobody operates the big screen in front of the class.
 */
import {
  DEFAULT_DISPLAY_OPTIONS,
  type DisplayOptions,
  type ProjectorView,
} from '@backprop/contract';

export type { DisplayOptions };

/** The lesson's options, from the projector's view (the defaults until it arrives). */
export function useDisplayOptions(view: Pick<ProjectorView, 'display'> | null): DisplayOptions {
  return view?.display ?? DEFAULT_DISPLAY_OPTIONS;
}

/**
 * A name as the screen shows it: anonymised as "Player N", N the student's place in the join
 * order (stable while the lesson runs, unlike a rank).
 */
export function displayName(
  nickname: string,
  order: readonly string[],
  anonymise: boolean,
): string {
  if (!anonymise) return nickname;
  const i = order.indexOf(nickname);
  return i >= 0 ? `Player ${i + 1}` : 'Player';
}
