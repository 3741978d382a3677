/** The console's keyboard: which key press runs which command, and when a key is not ours. */
import { describe, expect, it } from 'vitest';
import { type KeyFocus, type KeyPress, SHORTCUTS, shortcutOf } from '../src/teach/shortcut-keys.ts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcutOf', () => {
  it('a presenter remote’s keys run the next action', () => {
    for (const key of ['ArrowRight', 'PageDown', ' ', 'Enter']) {
      expect(shortcutOf(press(key), 'page')).toBe('next');
    }
  });

  it('every letter of the legend runs its action, upper or lower case', () => {
    for (const { keys, action } of SHORTCUTS.filter((s) => s.action !== 'next')) {
      const letter = keys[0]!;
      expect(shortcutOf(press(letter.toLowerCase()), 'page')).toBe(action);
      // Caps Lock on: the key reads upper case without Shift
      expect(shortcutOf(press(letter.toUpperCase()), 'page')).toBe(action);
    }
  });

  it('Space and Enter on a focused control are that control’s; arrows and letters still work', () => {
    expect(shortcutOf(press(' '), 'control')).toBeNull();
    expect(shortcutOf(press('Enter'), 'control')).toBeNull();
    expect(shortcutOf(press('ArrowRight'), 'control')).toBe('next');
    expect(shortcutOf(press('p'), 'control')).toBe('pause');
  });

  it('nothing while typing in a text field', () => {
    for (const key of ['ArrowRight', ' ', 'Enter', 'p', 'h']) {
      expect(shortcutOf(press(key), 'text')).toBeNull();
    }
  });

  it('nothing with Ctrl, Alt or Meta (the browser’s and the system’s), nor Shift+letter', () => {
    const focus: KeyFocus = 'page';
    expect(shortcutOf(press('p', { ctrlKey: true }), focus)).toBeNull();
    expect(shortcutOf(press('ArrowRight', { altKey: true }), focus)).toBeNull();
    expect(shortcutOf(press('l', { metaKey: true }), focus)).toBeNull();
    expect(shortcutOf(press('P', { shiftKey: true }), focus)).toBeNull();
  });

  it('keys of no command are left alone', () => {
    for (const key of ['x', 'ArrowLeft', 'Escape', 'Tab', '1']) {
      expect(shortcutOf(press(key), 'page')).toBeNull();
    }
  });

  it('no two legend entries share a key', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys.map((k) => k.toLowerCase()));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
