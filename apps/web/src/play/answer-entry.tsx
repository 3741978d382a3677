'use client';
/**
 * Answer entry fitted to the question's mode: a grid of numeric inputs of the quantity's shape
 * (the decimal keypad), a sign per entry, or the multiple-choice options as radio cards.
 */
import type { Shape, Value } from '@backprop/mlp-core';
import { type CSSProperties, type KeyboardEvent, type RefObject, useId, useRef } from 'react';
import { MatrixTable } from '../components/matrix-table.tsx';
import {
  arrowTarget,
  entryLabel,
  flipSign,
  gridOf,
  optionLetter,
  type Sign,
  STUDENT_VALUES,
} from './answer-draft.ts';

interface NumericEntryProps {
  quantity: string;
  shape: Shape;
  texts: string[];
  onChange: (texts: string[]) => void;
  disabled: boolean;
  /** Entries to mark: empty or not a number. */
  flagged: ReadonlySet<number>;
  describedBy?: string;
  inputs: RefObject<(HTMLInputElement | null)[]>;
}

const headCell = 'text-center text-xs font-normal text-slate-600';

/**
 * Wide enough for a whole 8-decimal value with its sign (−0.37658201, 11 characters of 16 px
 * monospace) and the padding; numbers never scroll inside their own box.
 */
const CELL_MIN = '8rem';

export function NumericEntry(props: NumericEntryProps) {
  const { quantity, shape, texts, onChange, disabled, flagged, describedBy, inputs } = props;
  const { rows, cols, scalar } = gridOf(shape);
  // The last input used: the ± key flips its sign (the decimal keypad of iOS has no minus key).
  const lastFocused = useRef(0);
  const set = (i: number, text: string) => onChange(texts.map((t, k) => (k === i ? text : t)));

  const onKeyDown = (i: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    const el = e.currentTarget;
    const to = arrowTarget(e.key, i, rows, cols, {
      start: el.selectionStart,
      end: el.selectionEnd,
      length: el.value.length,
    });
    if (to === null) return;
    e.preventDefault();
    const next = inputs.current[to];
    next?.focus();
    next?.select();
  };
  // On a phone, a row of three or more cells becomes a list, one labelled cell per line.
  const listOnPhone = !scalar && cols >= 3;

  const input = (i: number) => {
    const row = Math.floor(i / cols);
    const col = i % cols;
    const field = (
      <input
        key={i}
        ref={(el) => {
          inputs.current[i] = el;
        }}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint={i === texts.length - 1 ? 'send' : 'next'}
        aria-label={entryLabel(quantity, shape, row, col)}
        aria-invalid={flagged.has(i) || undefined}
        aria-describedby={describedBy}
        data-testid={`entry-${row}-${col}`}
        value={texts[i] ?? ''}
        onChange={(e) => set(i, e.target.value)}
        onKeyDown={onKeyDown(i)}
        onFocus={() => {
          lastFocused.current = i;
        }}
        readOnly={disabled}
        aria-disabled={disabled || undefined}
        placeholder="0.0"
        data-entry={i}
        // Border and placeholder at 3:1 or more against white (WCAG 1.4.11).
        className="w-full min-w-0 rounded-md border border-slate-500 bg-white px-1.5 py-2 text-right font-mono text-base tabular-nums placeholder:text-slate-500 aria-disabled:bg-slate-100 aria-disabled:text-slate-700 aria-[invalid=true]:border-2 aria-[invalid=true]:border-orange-700"
      />
    );
    if (!listOnPhone) return field;
    return [
      <span
        key={`l${i}`}
        aria-hidden="true"
        className="hidden whitespace-nowrap text-sm text-slate-700 max-sm:block"
      >
        row {row + 1}, col {col + 1}
      </span>,
      field,
    ];
  };

  const flip = (
    <button
      type="button"
      disabled={disabled}
      data-testid="flip-sign"
      // Keep the focus (and the phone's keyboard) in the input being typed.
      onPointerDown={(e) => e.preventDefault()}
      onClick={() => {
        const i = lastFocused.current;
        set(i, flipSign(texts[i] ?? ''));
        inputs.current[i]?.focus();
      }}
      className="min-h-11 rounded-md border border-slate-500 px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-50"
    >
      ± <span className="font-normal">change the sign of the selected entry</span>
    </button>
  );

  if (scalar) {
    return (
      <div className="grid gap-2">
        <div className="w-full max-w-[16rem]">{input(0)}</div>
        <div>{flip}</div>
      </div>
    );
  }

  // A 1rem column of row numbers, then the cells; wider than the card, the grid scrolls in its
  // own box. Tailwind needs whole class names: the column count goes in a custom property.
  const grid = { '--cols': String(cols), '--cell': CELL_MIN } as CSSProperties;
  const columns = listOnPhone
    ? 'grid-cols-[1rem_repeat(var(--cols),minmax(var(--cell),1fr))] max-sm:grid-cols-[auto_minmax(var(--cell),16rem)]'
    : 'grid-cols-[1rem_repeat(var(--cols),minmax(var(--cell),1fr))]';
  const head = listOnPhone ? `${headCell} max-sm:hidden` : headCell;
  return (
    <div className="grid gap-2">
      {/* biome-ignore lint/a11y/useSemanticElements: a scroll container for wide matrices, named for screen readers. */}
      <div
        role="group"
        aria-label={`${quantity}: ${rows} by ${cols}`}
        className="relative overflow-x-auto p-1"
      >
        <div className={`grid items-center gap-1.5 ${columns}`} style={grid}>
          <span aria-hidden="true" className={listOnPhone ? 'max-sm:hidden' : undefined} />
          {Array.from({ length: cols }, (_, j) => (
            <span key={`c${j}`} aria-hidden="true" className={head}>
              {j + 1}
            </span>
          ))}
          {Array.from({ length: rows }, (_, r) => [
            <span key={`r${r}`} aria-hidden="true" className={`${head} text-right`}>
              {r + 1}
            </span>,
            ...Array.from({ length: cols }, (_, c) => input(r * cols + c)),
          ])}
        </div>
      </div>
      <p className="text-xs text-slate-600">
        Rows are observations, columns as in the deck; numbers like −0.1234, .5 or 1e-3. Arrow keys
        move between the cells.
      </p>
      <div>{flip}</div>
    </div>
  );
}

interface SignEntryProps {
  quantity: string;
  shape: Shape;
  signs: (Sign | null)[];
  onChange: (signs: (Sign | null)[]) => void;
  disabled: boolean;
  flagged: ReadonlySet<number>;
}

const SIGNS: { sign: Sign; text: string; name: string }[] = [
  { sign: -1, text: '−', name: 'negative' },
  { sign: 0, text: '0', name: 'zero' },
  { sign: 1, text: '+', name: 'positive' },
];

export function SignEntry({ quantity, shape, signs, onChange, disabled, flagged }: SignEntryProps) {
  const { cols, scalar } = gridOf(shape);
  return (
    <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
      {signs.map((current, i) => {
        const row = Math.floor(i / cols);
        const col = i % cols;
        const label = entryLabel(quantity, shape, row, col);
        return (
          // biome-ignore lint/a11y/useSemanticElements: three toggle buttons per entry, named by the entry.
          <div
            key={i}
            role="group"
            aria-label={label}
            data-testid={`sign-${row}-${col}`}
            className={[
              'flex items-center justify-between gap-2 rounded-lg border bg-white px-3 py-2',
              flagged.has(i) ? 'border-2 border-orange-700' : 'border-slate-300',
            ].join(' ')}
          >
            <span className="text-sm text-slate-700">
              {scalar ? quantity : `row ${row + 1}, column ${col + 1}`}
            </span>
            <span className="flex gap-1.5">
              {SIGNS.map(({ sign, text, name }) => (
                <button
                  key={sign}
                  type="button"
                  aria-pressed={current === sign}
                  aria-disabled={disabled || undefined}
                  data-sign={sign}
                  onClick={() => {
                    if (!disabled) onChange(signs.map((s, k) => (k === i ? sign : s)));
                  }}
                  className="size-12 rounded-lg border-2 border-slate-500 text-xl font-bold text-slate-900 aria-disabled:opacity-60 aria-pressed:border-indigo-800 aria-pressed:bg-indigo-700 aria-pressed:text-white"
                >
                  <span aria-hidden="true">{text}</span>
                  <span className="sr-only">{name}</span>
                </button>
              ))}
            </span>
          </div>
        );
      })}
    </div>
  );
}

interface ChoiceEntryProps {
  quantity: string;
  options: Value[];
  choice: number | null;
  onChange: (choice: number) => void;
  disabled: boolean;
}

export function ChoiceEntry({ quantity, options, choice, onChange, disabled }: ChoiceEntryProps) {
  const name = useId();
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2" data-testid="choices">
      <legend className="mb-2 text-sm text-slate-700">Which one is {quantity}?</legend>
      {options.map((value, i) => (
        <label
          key={i}
          data-testid={`choice-${i}`}
          className={`relative grid cursor-pointer gap-2 rounded-xl border-2 border-slate-300 bg-white p-2 sm:p-3 ${STUDENT_VALUES} has-checked:border-indigo-700 has-checked:bg-indigo-50 has-checked:[--matrix-cover:var(--color-indigo-50)] has-focus-visible:outline-3 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-700`}
        >
          <span className="flex items-center gap-2 font-semibold">
            <input
              type="radio"
              name={name}
              value={i}
              checked={choice === i}
              onChange={() => onChange(i)}
              disabled={disabled}
              className="size-5 accent-indigo-700"
            />
            Option {optionLetter(i)}
            {choice === i && <span className="ml-auto text-sm text-indigo-800">✓ chosen</span>}
          </span>
          <MatrixTable name={`option ${optionLetter(i)}`} value={value} />
        </label>
      ))}
    </fieldset>
  );
}
