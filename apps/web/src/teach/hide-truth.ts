'use client';
/**
 * "Hide the truth" on the console: for a teacher whose one screen is mirrored to the projector.
 * Remembered per browser (localStorage), not lesson state: a co-host's screen is not mirrored.
 */
import { useCallback, useEffect, useState } from 'react';

const KEY = 'backprop-live:console-hide-truth';

export function useHideTruth(): [boolean, (hide: boolean) => void] {
  const [hide, setHide] = useState(false);
  useEffect(() => {
    try {
      setHide(window.localStorage.getItem(KEY) === '1');
    } catch {
      // Storage blocked: shown, as before.
    }
  }, []);
  const update = useCallback((next: boolean) => {
    setHide(next);
    try {
      window.localStorage.setItem(KEY, next ? '1' : '0');
    } catch {
      // Not remembered across reloads, still applied now.
    }
  }, []);
  return [hide, update];
}
