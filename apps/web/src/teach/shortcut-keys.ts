/**
 * The console's keyboard, as a pure mapping: the next action on the keys presenter remotes send
 * (→, PageDown, and Space / Enter when no other control has the focus), and a letter for each
 * frequent command. Nothing while a text field has the focus, or with Ctrl, Alt or Meta held.
 */

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

/**
 * What has the focus: a text field (typing is the field's), a control that Space and Enter
 * already activate (or a scroll box they scroll), or the page itself.
 */
export type KeyFocus = 'text' | 'control' | 'page';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The console's action for a key press, or null when the key is someone else's. */
export function shortcutOf(press: KeyPress, focus: KeyFocus): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey || focus === 'text') return null;
  if (press.key === 'ArrowRight' || press.key === 'PageDown') return 'next';
  if (press.key === ' ' || press.key === 'Enter') return focus === 'control' ? null : 'next';
  if (press.shiftKey) return null;
  return LETTERS[press.key.toLowerCase()] ?? null;
}
