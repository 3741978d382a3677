'use client';
/**
 * The console's keyboard: the next action on the keys presenter remotes send (→, PageDown, and
 * Space / Enter when no other control has the focus), and a letter for each frequent command.
 * Nothing happens while a text field has the focus, or with Ctrl, Alt or Meta held.
 */
import { useEffect, useRef } from 'react';

export type ShortcutAction = 'next' | 'pause' | 'skip' | 'lock' | 'hideTruth' | 'extend' | 'back';

/** The legend the console shows, in this order. */
export const SHORTCUTS: readonly {
  keys: readonly string[];
  action: ShortcutAction;
  label: string;
}[] = [
  { keys: ['→', 'Space', 'PgDn', 'Enter'], action: 'next', label: 'next action' },
  { keys: ['P'], action: 'pause', label: 'pause / resume' },
  { keys: ['L'], action: 'lock', label: 'lock' },
  { keys: ['S'], action: 'skip', label: 'skip' },
  { keys: ['T'], action: 'extend', label: '+30 s' },
  { keys: ['H'], action: 'hideTruth', label: 'hide / show the truth' },
  { keys: ['B'], action: 'back', label: 'big screen back to the question' },
];

const LETTERS: Record<string, ShortcutAction> = {
  p: 'pause',
  l: 'lock',
  s: 'skip',
  t: 'extend',
  h: 'hideTruth',
  b: 'back',
};

/** Where typing goes to the field: letters and arrows are the field's. */
function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
  }
  return el instanceof HTMLElement && el.isContentEditable;
}

/** A control that Space and Enter already activate (or a scroll box they scroll). */
function isInteractive(el: Element | null): boolean {
  if (!el || el === document.body) return false;
  return (
    el instanceof HTMLButtonElement ||
    el instanceof HTMLAnchorElement ||
    el instanceof HTMLInputElement ||
    el.tagName === 'SUMMARY' ||
    (el instanceof HTMLElement && el.tabIndex >= 0)
  );
}

export function useConsoleShortcuts(run: (action: ShortcutAction) => void, enabled: boolean): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = document.activeElement;
      if (isTextField(target)) return;
      let action: ShortcutAction | undefined;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') action = 'next';
      else if (e.key === ' ' || e.key === 'Enter') {
        if (isInteractive(target)) return; // the focused control's own Space / Enter
        action = 'next';
      } else if (!e.shiftKey) action = LETTERS[e.key.toLowerCase()];
      if (!action) return;
      e.preventDefault();
      if (e.repeat) return; // a held key is one press
      latest.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
