'use client';
/**
 * The projector's local display options (not lesson state): hide the leaderboard, anonymise names.
 * Kept in this browser so a reload of the big screen keeps them.
 */
import { useCallback, useEffect, useState } from 'react';

export interface DisplayOptions {
  hideLeaderboard: boolean;
  anonymise: boolean;
}

const KEY = 'backprop-live:projector-options';
const DEFAULTS: DisplayOptions = { hideLeaderboard: false, anonymise: false };

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
