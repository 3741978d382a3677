'use client';
/**
 * The console's control bar: sticky at the top of the window, never covered. One primary button
 * for the next action (Start → Open → Reveal → Next …) and the other commands beside it. Which
 * commands are allowed comes from the lesson (the view's `allowed` and `nextAction`, computed by
 * packages/lesson); the server still decides, and a refused command's message is shown.
 */
import {
  FAST_FORWARD_STEPS,
  type InstructorCommand,
  type InstructorCommandType,
  type InstructorView,
  quizStepLabel,
  TIMER_EXTENSION_SECONDS,
} from '@backprop/contract';
import { Fragment, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { clockText, useRemainingMs } from '../live/countdown.ts';
import { SHORTCUTS } from './shortcuts.ts';

export type Run = (command: InstructorCommand) => Promise<void>;

const buttonBase =
  'rounded-lg px-3 py-2 font-semibold whitespace-nowrap disabled:cursor-not-allowed disabled:border-slate-300 disabled:bg-slate-100 disabled:text-slate-500 aria-disabled:cursor-wait';
// The next action may be long ("Quiz step 2 (after 20,501 training steps)"): on a narrow screen
// it wraps instead of widening the page.
const primary = `${buttonBase} min-w-44 max-w-full bg-indigo-700 px-5 py-2.5 text-lg text-white hover:bg-indigo-800 aria-disabled:bg-indigo-500 max-sm:whitespace-normal`;
const secondary = `${buttonBase} border border-slate-400 bg-white text-slate-900 hover:bg-slate-100`;
const danger = `${buttonBase} border border-rose-700 bg-white text-rose-800 hover:bg-rose-50`;

/** The primary button's words for its command here. */
export function actionLabel(view: InstructorView, type: InstructorCommandType): string {
  switch (type) {
    case 'start':
      return 'Start the lesson';
    case 'open':
      return 'Open for answers';
    case 'reveal':
      return 'Reveal';
    case 'resume':
      return 'Resume';
    case 'next':
      if (view.phase === 'stepDone') {
        return `Quiz ${quizStepLabel(view.quizStep + 1, view.step).replace(/^Step/, 'step')}`;
      }
      return view.questionIndex >= view.questionCount - 1 ? 'Finish the step' : 'Next question';
    default:
      return type;
  }
}

interface ControlsProps {
  view: InstructorView;
  run: Run;
  pending: InstructorCommandType | null;
  primaryRef: RefObject<HTMLButtonElement | null>;
  hideTruth: boolean;
  onHideTruth: (hide: boolean) => void;
}

export function Controls({
  view,
  run,
  pending,
  primaryRef,
  hideTruth,
  onHideTruth,
}: ControlsProps) {
  const allowed = new Set(view.allowed);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [steps, setSteps] = useState(String(FAST_FORWARD_STEPS.default));
  const confirmRef = useRef<HTMLButtonElement>(null);
  const stepsId = useId();
  const legendId = useId();
  const stepsNumber = Number(steps);
  const stepsValid =
    Number.isInteger(stepsNumber) &&
    stepsNumber >= FAST_FORWARD_STEPS.min &&
    stepsNumber <= FAST_FORWARD_STEPS.max;

  useEffect(() => {
    if (confirmEnd) confirmRef.current?.focus();
  }, [confirmEnd]);

  const busy = pending !== null;
  const button = (type: InstructorCommandType, label: string, className: string, key?: string) => (
    <button
      type="button"
      className={className}
      disabled={!allowed.has(type) || busy}
      aria-busy={pending === type || undefined}
      aria-keyshortcuts={key}
      onClick={() => void run({ type } as InstructorCommand)}
      data-testid={`control-${type === 'extendTimer' ? 'extend' : type}`}
    >
      {pending === type ? `${label}…` : label}
    </button>
  );

  const next = view.nextAction;
  const nextLabel = next ? actionLabel(view, next) : 'Lesson finished';
  return (
    <section
      aria-label="Controls"
      className="sticky top-0 z-30 grid gap-2 rounded-xl border border-slate-300 bg-white px-3 py-2 shadow-md"
      data-testid="controls"
    >
      <div className="flex flex-wrap items-center gap-2">
        <button
          ref={primaryRef}
          type="button"
          className={primary}
          // Busy, not disabled: a disabled button loses the focus, and the focus stays here.
          aria-disabled={busy || !next || undefined}
          aria-busy={busy || undefined}
          aria-keyshortcuts="ArrowRight PageDown Space Enter"
          aria-describedby={legendId}
          onClick={() => {
            if (!busy && next) void run({ type: next } as InstructorCommand);
          }}
          data-testid={next ? `control-${next}` : 'control-none'}
          data-primary
        >
          {pending === next ? `${nextLabel}…` : nextLabel}
        </button>
        {/* Question controls only while there is a question: between steps they are noise. */}
        {view.phase === 'question' && (
          <>
            {button('lock', 'Lock answers', secondary, 'L')}
            {button('skip', 'Skip question', secondary, 'S')}
            {button('pause', 'Pause', secondary, 'P')}
            {button('extendTimer', `+${TIMER_EXTENSION_SECONDS} s`, secondary, 'T')}
          </>
        )}
        {view.snapshot && (
          <button
            type="button"
            className={`${buttonBase} border-2 border-indigo-700 bg-indigo-50 text-indigo-950 hover:bg-indigo-100`}
            disabled={!allowed.has('hideSnapshot') || busy}
            aria-keyshortcuts="B"
            onClick={() => void run({ type: 'hideSnapshot' })}
            data-testid="control-hide-snapshot"
          >
            Back to the question
          </button>
        )}
        <label className="inline-flex cursor-pointer items-center gap-2 rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium whitespace-nowrap">
          <input
            type="checkbox"
            role="switch"
            aria-checked={hideTruth}
            className="size-5 accent-indigo-700"
            checked={hideTruth}
            aria-keyshortcuts="H"
            onChange={(e) => onHideTruth(e.target.checked)}
            data-testid="hide-truth"
          />
          Hide the truth
        </label>
        <div className="ml-auto">
          {confirmEnd ? (
            <fieldset className="flex flex-wrap items-center gap-2">
              <legend className="sr-only">End the lesson for everyone?</legend>
              <span className="text-sm font-medium text-rose-900">
                End for everyone? Scores are kept.
              </span>
              <button
                ref={confirmRef}
                type="button"
                className={`${buttonBase} bg-rose-800 text-white hover:bg-rose-900`}
                disabled={busy}
                onClick={() => {
                  setConfirmEnd(false);
                  void run({ type: 'end' });
                }}
                data-testid="control-end-confirm"
              >
                End the lesson
              </button>
              <button type="button" className={secondary} onClick={() => setConfirmEnd(false)}>
                Cancel
              </button>
            </fieldset>
          ) : (
            <button
              type="button"
              className={danger}
              disabled={!allowed.has('end') || busy}
              onClick={() => setConfirmEnd(true)}
              data-testid="control-end"
            >
              End lesson…
            </button>
          )}
        </div>
      </div>
      {view.phase === 'stepDone' && (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (stepsValid) void run({ type: 'fastForward', steps: stepsNumber });
          }}
        >
          <label htmlFor={stepsId} className="text-sm font-medium text-slate-800">
            Train on without questions (steps, {FAST_FORWARD_STEPS.min}–
            {FAST_FORWARD_STEPS.max.toLocaleString('en')})
          </label>
          <input
            id={stepsId}
            type="number"
            inputMode="numeric"
            min={FAST_FORWARD_STEPS.min}
            max={FAST_FORWARD_STEPS.max}
            step={1}
            value={steps}
            onChange={(e) => setSteps(e.target.value)}
            aria-invalid={!stepsValid || undefined}
            data-testid="fast-forward-steps"
            className="w-28 rounded-md border border-slate-400 px-2 py-1.5 aria-[invalid=true]:border-rose-700"
          />
          <button
            type="submit"
            className={secondary}
            disabled={!allowed.has('fastForward') || busy || !stepsValid}
            data-testid="control-fast-forward"
          >
            {pending === 'fastForward' ? 'Training…' : 'Fast-forward'}
          </button>
        </form>
      )}
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <BarStatus view={view} />
        <p id={legendId} className="text-xs text-slate-700" data-testid="shortcut-legend">
          <span className="font-semibold">Keys:</span>{' '}
          {SHORTCUTS.map((s, i) => (
            // The separator outside the unbreakable part: the legend wraps between shortcuts.
            <Fragment key={s.action}>
              {i > 0 && ' · '}
              <span className="whitespace-nowrap">
                {s.keys.map((k, j) => (
                  <Fragment key={k}>
                    {j > 0 && ' '}
                    <kbd className="rounded border border-slate-400 bg-slate-50 px-1 font-mono">
                      {k}
                    </kbd>
                  </Fragment>
                ))}{' '}
                {s.label}
              </span>
            </Fragment>
          ))}
        </p>
      </div>
    </section>
  );
}

const STATUS_WORD = {
  shown: 'shown',
  open: 'open',
  locked: 'locked',
  revealed: 'revealed',
} as const;

/** Where the lesson is, in one line: it stays in view with the bar when the page scrolls. */
function BarStatus({ view }: { view: InstructorView }) {
  const q = view.phase === 'question' ? view.question : null;
  const ms = useRemainingMs(q);
  let text: string;
  if (view.phase === 'lobby') text = `Lobby · ${view.playerCount} joined`;
  else if (view.phase === 'stepDone') text = `Step ${view.step} done`;
  else if (!q) text = '';
  else {
    const parts = [
      `Q${view.questionIndex + 1}/${view.questionCount} ${q.quantity}`,
      view.paused ? 'paused' : STATUS_WORD[q.status],
      `${q.answeredCount}/${q.activeCount} answered`,
    ];
    if (ms !== null && q.status === 'open') parts.push(clockText(ms));
    text = parts.join(' · ');
  }
  return (
    <p
      className="font-mono text-sm font-semibold text-slate-900"
      data-testid="bar-status"
      aria-hidden="true"
    >
      {text}
    </p>
  );
}
