/**
 * What a student types, before it is sent: one text per entry (numeric), one sign per entry, or
 * one option. Pure helpers, so the screen only keeps the draft and renders it.
 */
import type { AnswerMode, AnswerValue } from '@backprop/contract';
import type { Shape, Value } from '@backprop/mlp-core';

/** Rows and columns of a shape; the scalar loss (shape []) is one entry. */
export function gridOf(shape: Shape): { rows: number; cols: number; scalar: boolean } {
  return shape.length === 0
    ? { rows: 1, cols: 1, scalar: true }
    : { rows: shape[0], cols: shape[1], scalar: false };
}

/** "dLoss_dW2 row 2 column 1" (1-based, as the deck's tables read), or the name for a scalar. */
export function entryLabel(quantity: string, shape: Shape, row: number, col: number): string {
  return shape.length === 0 ? quantity : `${quantity} row ${row + 1} column ${col + 1}`;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A typed number: "-0.1234", ".5", "1e-3", "+2". Phones in many locales type a decimal comma and
 * some keyboards a real minus sign (U+2212): both are accepted. Null when it is not a number.
 */
export function parseDecimal(text: string): number | null {
  let s = text
    .trim()
    .replace(/\s+/g, '')
    .replace(/\u2212/g, '-');
  if (!s.includes('.') && (s.match(/,/g) ?? []).length === 1) s = s.replace(',', '.');
  if (!DECIMAL.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** The text with its sign flipped (the decimal keypad of some phones has no minus key). */
export function flipSign(text: string): string {
  const s = text.trim().replace(/\u2212/g, '-');
  if (s.startsWith('-')) return s.slice(1);
  if (s.startsWith('+')) return `-${s.slice(1)}`;
  return `-${s}`;
}

/** Flat row-major entries to the wire's shape: a number for the scalar, rows otherwise. */
function shaped<T extends number>(flat: T[], shape: Shape): T | T[][] {
  const { rows, cols, scalar } = gridOf(shape);
  if (scalar) return flat[0]!;
  return Array.from({ length: rows }, (_, i) => flat.slice(i * cols, (i + 1) * cols));
}

export type NumericCheck =
  | { ok: true; value: AnswerValue }
  | { ok: false; invalid: number[]; empty: number[] };

/** The numeric draft as an answer, or which entries are empty or not numbers. */
export function numericAnswer(texts: string[], shape: Shape): NumericCheck {
  const numbers: number[] = [];
  const invalid: number[] = [];
  const empty: number[] = [];
  texts.forEach((t, i) => {
    const n = parseDecimal(t);
    if (t.trim() === '') empty.push(i);
    else if (n === null) invalid.push(i);
    else numbers.push(n);
  });
  if (invalid.length > 0 || empty.length > 0) return { ok: false, invalid, empty };
  return { ok: true, value: { numbers: shaped(numbers, shape) } };
}

export type Sign = -1 | 0 | 1;

/** What the student has entered so far, in every mode's form. */
export interface Draft {
  texts: string[];
  signs: (Sign | null)[];
  choice: number | null;
}

/** The sign draft as an answer, or the entries still without a sign. */
export function signAnswer(
  signs: (Sign | null)[],
  shape: Shape,
): { ok: true; value: AnswerValue } | { ok: false; missing: number[] } {
  const missing = signs.flatMap((s, i) => (s === null ? [i] : []));
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, value: { signs: shaped(signs as Sign[], shape) } };
}

/** The draft as an answer, or which entries to flag, what to say, and which input to focus. */
export function readAnswer(
  q: { mode: AnswerMode; quantity: string; shape: Shape },
  { texts, signs, choice }: Draft,
):
  | { ok: true; value: AnswerValue }
  | { ok: false; flagged: number[]; problem: string; focus?: number } {
  if (q.mode === 'numeric') {
    const r = numericAnswer(texts, q.shape);
    if (r.ok) return r;
    const { rows, cols } = gridOf(q.shape);
    const bad = [...r.invalid, ...r.empty].sort((a, b) => a - b);
    // A typo is said (and focused) before the entries still empty: the message names that one.
    const first = r.invalid[0] ?? bad[0]!;
    const where = entryLabel(q.quantity, q.shape, Math.floor(first / cols), first % cols);
    const problem =
      r.invalid.length > 0
        ? `${where} is not a number: type it like -0.1234, .5 or 1e-3.`
        : rows * cols === 1
          ? 'Type a number first.'
          : `Fill in every entry (${bad.length} left, starting with ${where}).`;
    return { ok: false, flagged: bad, problem, focus: first };
  }
  if (q.mode === 'sign') {
    const r = signAnswer(signs, q.shape);
    if (r.ok) return r;
    return {
      ok: false,
      flagged: r.missing,
      problem: `Choose a sign for every entry (${r.missing.length} left).`,
    };
  }
  if (choice === null)
    return { ok: false, flagged: [], problem: 'Choose one of the options first.' };
  return { ok: true, value: { choice } };
}

/**
 * The cell an arrow key moves to in a rows×cols grid, or null to let the key move the caret:
 * up and down always change rows; left and right leave the input only from the caret's end.
 */
export function arrowTarget(
  key: string,
  i: number,
  rows: number,
  cols: number,
  caret: { start: number | null; end: number | null; length: number },
): number | null {
  const row = Math.floor(i / cols);
  const col = i % cols;
  const collapsed = caret.start !== null && caret.start === caret.end;
  if (key === 'ArrowUp') return row > 0 ? i - cols : null;
  if (key === 'ArrowDown') return row < rows - 1 ? i + cols : null;
  if (key === 'ArrowLeft') return collapsed && caret.start === 0 && col > 0 ? i - 1 : null;
  if (key === 'ArrowRight') {
    return collapsed && caret.end === caret.length && col < cols - 1 ? i + 1 : null;
  }
  return null;
}

const flat = (v: unknown): unknown[] => (Array.isArray(v) ? v.flat() : [v]);

/** The draft a stored answer (`view.myAnswer.value`) stands for: after a reload it is shown again. */
export function draftFromAnswer(mode: AnswerMode, value: unknown, size: number): Draft {
  const empty: Draft = {
    texts: Array<string>(size).fill(''),
    signs: Array<Sign | null>(size).fill(null),
    choice: null,
  };
  if (!value || typeof value !== 'object') return empty;
  const v = value as Record<string, unknown>;
  if (mode === 'numeric' && 'numbers' in v) {
    const entries = flat(v.numbers);
    if (entries.length === size) return { ...empty, texts: entries.map((n) => String(n)) };
  }
  if (mode === 'sign' && 'signs' in v) {
    const entries = flat(v.signs);
    if (entries.length === size) {
      return { ...empty, signs: entries.map((n) => (n === -1 || n === 0 || n === 1 ? n : null)) };
    }
  }
  if (mode === 'choice' && typeof v.choice === 'number') return { ...empty, choice: v.choice };
  return empty;
}

/** Same answer? (to say whether the draft has changes not sent yet). */
export function sameAnswer(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Option letters: the options carry no labels of their own (a label would give the answer away). */
export const optionLetter = (i: number) => String.fromCharCode(65 + i);

/** A sign as text: a minus sign, zero or a plus. */
export const signText = (s: number) => (s < 0 ? '−' : s > 0 ? '+' : '0');

/**
 * A sent answer as text, in rows of entries (a scalar or a choice is one row of one: "option B"),
 * as the student typed it; `matrix` when it has rows. Live ("counted answer") and homework
 * ("your last answer") show it alike.
 */
export function sentAnswerRows(value: unknown): { rows: string[][]; matrix: boolean } {
  const v = value as { numbers?: unknown; signs?: unknown; choice?: number };
  if (typeof v.choice === 'number') {
    return { rows: [[`option ${optionLetter(v.choice)}`]], matrix: false };
  }
  const raw = v.numbers ?? v.signs;
  const show = (x: unknown) => (v.signs !== undefined ? signText(Number(x)) : String(x));
  return Array.isArray(raw)
    ? { rows: raw.map((row: unknown) => (row as unknown[]).map(show)), matrix: true }
    : { rows: [[show(raw)]], matrix: false };
}

/** The numbers of a value, row-major. */
export const entriesOf = (v: Value): number[] => (typeof v === 'number' ? [v] : v.flat());

/**
 * Values a student copies onto paper, at 16 px or more (a phone held in one hand); on a phone
 * the cells are packed closer, and a matrix wider than the card scrolls in its own box (the
 * numbers never wrap: MatrixTable's cells are nowrap). On the card (a grid), one column that
 * may be narrower than the table, so the table scrolls instead of widening the page, with a
 * shadow at the edge that hides more (globals.css; --matrix-cover is the card's colour).
 */
export const STUDENT_VALUES =
  'student-values grid-cols-[minmax(0,1fr)] [&_table]:text-base max-sm:[&_td]:px-1';
