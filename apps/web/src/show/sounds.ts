'use client';
/**
 * The projector's optional sounds, synthesised with the Web Audio API (no files to bundle): a short
 * tick in each of a timer's last five seconds and a rising chord at the reveal. Off unless the
 * display options turn them on. A browser starts audio only after someone clicked or pressed a
 * key on the page, so `needsGesture` says when the screen must ask for one click.
 */
import type { ProjectorView } from '@backprop/contract';
import { useEffect, useRef, useState } from 'react';

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof window === 'undefined' || !('AudioContext' in window)) return null;
  context ??= new AudioContext();
  return context;
}

/** One soft sine note (an envelope, no click at its ends). */
function tone(ctx: AudioContext, frequency: number, at: number, duration: number, gain = 0.18) {
  const osc = ctx.createOscillator();
  const env = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = frequency;
  env.gain.setValueAtTime(0, at);
  env.gain.linearRampToValueAtTime(gain, at + 0.015);
  env.gain.exponentialRampToValueAtTime(0.0001, at + duration);
  osc.connect(env).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + duration + 0.05);
}

export function playTick(last: boolean): void {
  const ctx = audio();
  if (ctx?.state !== 'running') return;
  tone(ctx, last ? 880 : 660, ctx.currentTime, last ? 0.35 : 0.12);
}

export function playReveal(): void {
  const ctx = audio();
  if (ctx?.state !== 'running') return;
  const t = ctx.currentTime;
  // C major, rising: a "ta-da" that does not startle.
  [523.25, 659.25, 783.99, 1046.5].forEach((f, i) => {
    tone(ctx, f, t + i * 0.09, 0.6, 0.12);
  });
}

/** Seconds left at which the timer ticks. */
const TICK_FROM_SECONDS = 5;

/**
 * Plays the sounds for the view while `enabled`; returns true while the browser still waits for
 * a click or key press before it lets the page make sound.
 */
export function useProjectorSounds(
  enabled: boolean,
  view: ProjectorView | null,
  remainingMs: number | null,
): boolean {
  const [needsGesture, setNeedsGesture] = useState(false);
  useEffect(() => {
    if (!enabled) {
      setNeedsGesture(false);
      return;
    }
    const ctx = audio();
    if (!ctx) return;
    const unlock = () => {
      ctx.resume().then(
        () => setNeedsGesture(ctx.state !== 'running'),
        () => {},
      );
    };
    unlock();
    setNeedsGesture(ctx.state !== 'running');
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [enabled]);

  // A tick each time the shown second changes within the last five, while answers are open.
  const q = view?.question ?? null;
  const open = q?.status === 'open' && !view?.paused;
  const second = remainingMs === null ? null : Math.ceil(remainingMs / 1000);
  const lastSecond = useRef<number | null>(null);
  useEffect(() => {
    const previous = lastSecond.current;
    lastSecond.current = second;
    if (!enabled || !open || second === null || previous === null) return;
    if (second < previous && second <= TICK_FROM_SECONDS && second >= 0) playTick(second === 0);
  }, [enabled, open, second]);

  // The chord when the shown question turns revealed (not on loading a revealed one).
  const revealed = q?.status === 'revealed' ? JSON.stringify(q.key) : null;
  const lastReveal = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    const previous = lastReveal.current;
    lastReveal.current = revealed;
    if (!enabled || previous === undefined || revealed === null) return;
    if (previous !== revealed) playReveal();
  }, [enabled, revealed]);

  return needsGesture;
}
