'use client';
/** The question's countdown, from the server's deadline; frozen (and said so) while paused. */
import { useEffect, useRef } from 'react';
import { clockText, useRemainingMs } from '../live/countdown.ts';
import { Icon } from './icons.tsx';

interface TimerProps {
  deadline: number | null;
  remainingMs: number | null;
  paused: boolean;
  /** For the screen-reader announcements: 10 seconds left, time up. */
  onCue: (cue: 'ten' | 'up') => void;
}

export function Timer({ deadline, remainingMs, paused, onCue }: TimerProps) {
  const cued = useRef<{ ten: boolean; up: boolean }>({ ten: false, up: false });
  const left = useRemainingMs({ deadline, remainingMs });

  useEffect(() => {
    if (left === null || deadline === null) return;
    if (left <= 10_000 && left > 0 && !cued.current.ten) {
      cued.current.ten = true;
      onCue('ten');
    }
    if (left === 0 && !cued.current.up) {
      cued.current.up = true;
      onCue('up');
    }
  }, [left, deadline, onCue]);

  if (left === null) return null;
  const urgent = !paused && left <= 10_000;
  return (
    <p
      data-testid="timer"
      data-paused={paused || undefined}
      className={[
        'inline-flex items-center gap-2 rounded-lg border-2 px-3 py-1 font-mono text-xl font-bold tabular-nums',
        urgent ? 'border-orange-700 text-orange-800' : 'border-slate-400 text-slate-900',
      ].join(' ')}
    >
      <Icon name={paused ? 'pause' : 'clock'} />
      <span role="timer" aria-label={`${clockText(left)} left`}>
        {clockText(left)}
      </span>
      {paused && (
        // The status badge says it too on a phone, where the row is narrow.
        <span className="font-sans text-sm font-semibold uppercase max-sm:sr-only">paused</span>
      )}
    </p>
  );
}
