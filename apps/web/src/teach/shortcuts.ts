'use client';
/** The console's keyboard on the page: which key does what is shortcut-keys.ts. */
import { useEffect, useRef } from 'react';
import { type KeyFocus, type ShortcutAction, shortcutOf } from './shortcut-keys.ts';

export { SHORTCUTS, type ShortcutAction } from './shortcut-keys.ts';

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

function focusOf(el: Element | null): KeyFocus {
  if (isTextField(el)) return 'text';
  return isInteractive(el) ? 'control' : 'page';
}

export function useConsoleShortcuts(run: (action: ShortcutAction) => void, enabled: boolean): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = shortcutOf(e, focusOf(document.activeElement));
      if (!action) return;
      e.preventDefault();
      if (e.repeat) return; // a held key is one press
      latest.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
