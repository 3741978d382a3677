'use client';
import type { QuestionView } from '@backprop/contract';
import { useEffect, useState } from 'react';

/**
 * Milliseconds left on the question's timer: counted down from `deadline` (the server's epoch
 * ms), frozen at `remainingMs` while paused, null without a running or paused timer.
 */
export function useRemainingMs(
  question: Pick<QuestionView, 'deadline' | 'remainingMs'> | null,
): number | null {
  const deadline = question?.deadline ?? null;
  const frozen = question?.remainingMs ?? null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [deadline]);
  return remainingAt({ deadline, remainingMs: frozen }, now);
}

/** Pure: what `useRemainingMs` shows at `now` (never below zero once the deadline passed). */
export function remainingAt(
  question: Pick<QuestionView, 'deadline' | 'remainingMs'> | null,
  now: number,
): number | null {
  const deadline = question?.deadline ?? null;
  if (deadline !== null) return Math.max(0, deadline - now);
  return question?.remainingMs ?? null;
}

/** 83_400 ms -> "1:24"; rounded up, so "0:00" means the time is really up. */
export function clockText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
