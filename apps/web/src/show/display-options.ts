'use client';
/**
 * The projector's display options: hide the leaderboard, anonymise names, how many places the
 * leaderboard shows, sounds. The projector reads them through this hook only, so they can come
 * from the lesson's server state (set on the console) instead of this browser's storage; until
 * then they are kept in this browser so a reload of the big screen keeps them.
 */
import { useCallback, useEffect, useState } from 'react';

export interface DisplayOptions {
  hideLeaderboard: boolean;
  anonymise: boolean;
  /** Places the leaderboard shows (the podium always shows three). */
  leaderboardLength: number;
  /** The last seconds of a timer and the reveal, through the Web Audio API. Off by default. */
  sounds: boolean;
}

const KEY = 'backprop-live:projector-options';
export const DEFAULT_DISPLAY_OPTIONS: DisplayOptions = {
  hideLeaderboard: false,
  anonymise: false,
  leaderboardLength: 5,
  sounds: false,
};
const DEFAULTS = DEFAULT_DISPLAY_OPTIONS;

export function useDisplayOptions(): [DisplayOptions, (patch: Partial<DisplayOptions>) => void] {
  const [options, setOptions] = useState<DisplayOptions>(DEFAULTS);
  useEffect(() => {
    try {
      const stored = JSON.parse(window.localStorage.getItem(KEY) ?? 'null') as unknown;
      if (stored && typeof stored === 'object') {
        const s = stored as Partial<DisplayOptions>;
        setOptions({
          hideLeaderboard: s.hideLeaderboard === true,
          anonymise: s.anonymise === true,
          leaderboardLength:
            typeof s.leaderboardLength === 'number' && s.leaderboardLength >= 1
              ? Math.floor(s.leaderboardLength)
              : DEFAULTS.leaderboardLength,
          sounds: s.sounds === true,
        });
      }
    } catch {
      // Storage blocked or corrupt: the defaults do.
    }
  }, []);
  const update = useCallback((patch: Partial<DisplayOptions>) => {
    setOptions((previous) => {
      const next = { ...previous, ...patch };
      try {
        window.localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Not kept across reloads, still applied now.
      }
      return next;
    });
  }, []);
  return [options, update];
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
