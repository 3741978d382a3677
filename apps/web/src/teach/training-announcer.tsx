'use client';
/**
 * The fast-forward for screen readers: frames stream in about 10 times a second, so the live
 * region is updated at most every ANNOUNCE_MS (and once more for the last frame).
 */
import type { TrainingFrame } from '@backprop/contract';
import { useEffect, useRef, useState } from 'react';

export const ANNOUNCE_MS = 4_000;

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

export function TrainingAnnouncer({ frames }: { frames: readonly TrainingFrame[] }) {
  const [text, setText] = useState('');
  const lastAt = useRef(0);
  const last = frames.at(-1);
  useEffect(() => {
    if (!last) return;
    const now = Date.now();
    if (!last.last && now - lastAt.current < ANNOUNCE_MS) return;
    lastAt.current = now;
    setText(
      `${last.last ? 'Fast-forward done' : 'Training'}: step ${last.step}, accuracy ${percent(last.accuracy)}.`,
    );
  }, [last]);
  return (
    <p className="sr-only" aria-live="polite" data-testid="training-announcer">
      {text}
    </p>
  );
}
