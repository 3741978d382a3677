'use client';
/**
 * Every instructor command as a button, enabled when the view's phase allows it. The server still
 * decides: a refused command's message is shown by the console.
 */
import {
  type InstructorCommand,
  type InstructorCommandType,
  type InstructorView,
  quizStepLabel,
} from '@backprop/contract';
import { useEffect, useId, useRef, useState } from 'react';

export type Run = (command: InstructorCommand) => Promise<void>;

/** Which commands the phase allows: only to grey out buttons; the state machine has the rules. */
export function allowedCommands(view: InstructorView): Set<InstructorCommandType> {
  const allowed = new Set<InstructorCommandType>();
  const status = view.question?.status;
  if (view.phase === 'finished') return allowed;
  allowed.add('end');
  if (view.phase === 'lobby') allowed.add('start');
  if (view.phase === 'stepDone') {
    allowed.add('next');
    allowed.add('fastForward');
  }
  if (view.phase === 'question') {
    if (view.paused) {
      allowed.add('resume');
    } else {
      allowed.add('pause');
      if (status === 'shown') allowed.add('open');
      if (status === 'open') allowed.add('lock');
      if (status === 'open' || status === 'locked') allowed.add('reveal');
      if (status === 'revealed') allowed.add('next');
      if (status !== 'revealed') allowed.add('skip');
    }
  }
  return allowed;
}

const buttonBase =
  'rounded-lg px-4 py-2.5 font-semibold disabled:cursor-not-allowed disabled:border-slate-300 disabled:bg-slate-100 disabled:text-slate-500';
const primary = `${buttonBase} bg-indigo-700 text-white hover:bg-indigo-800`;
const secondary = `${buttonBase} border border-slate-400 bg-white text-slate-900 hover:bg-slate-100`;
const danger = `${buttonBase} border border-rose-700 bg-white text-rose-800 hover:bg-rose-50`;

interface ControlsProps {
  view: InstructorView;
  run: Run;
  pending: InstructorCommandType | null;
}

function nextLabel(view: InstructorView): string {
  if (view.phase === 'stepDone') {
    return `Quiz ${quizStepLabel(view.quizStep + 1, view.step).replace(/^Step/, 'step')}`;
  }
  if (view.questionIndex >= view.questionCount - 1) return 'Finish the step';
  return 'Next question';
}

export function Controls({ view, run, pending }: ControlsProps) {
  const allowed = allowedCommands(view);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [steps, setSteps] = useState('500');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const stepsId = useId();
  const stepsNumber = Number(steps);
  const stepsValid = Number.isInteger(stepsNumber) && stepsNumber >= 1 && stepsNumber <= 20_000;

  useEffect(() => {
    if (confirmEnd) confirmRef.current?.focus();
  }, [confirmEnd]);

  const button = (
    type: InstructorCommandType,
    label: string,
    className: string,
    command: InstructorCommand = { type } as InstructorCommand,
  ) => (
    <button
      type="button"
      className={className}
      disabled={!allowed.has(type) || pending !== null}
      aria-busy={pending === type || undefined}
      onClick={() => void run(command)}
      data-testid={`control-${type === 'fastForward' ? 'fast-forward' : type}`}
    >
      {pending === type ? `${label}…` : label}
    </button>
  );

  return (
    <section
      aria-labelledby="controls-title"
      className="rounded-xl border border-slate-300 bg-white p-4"
      data-testid="controls"
    >
      <h2 id="controls-title" className="text-lg font-semibold">
        Controls
      </h2>
      <div className="mt-3 flex flex-wrap gap-2">
        {button('start', 'Start the lesson', primary)}
        {button('open', 'Open for answers', primary)}
        {button('lock', 'Lock answers', secondary)}
        {button('reveal', 'Reveal', primary)}
        {button('next', nextLabel(view), primary)}
        {button('skip', 'Skip question', secondary)}
        {view.paused ? button('resume', 'Resume', primary) : button('pause', 'Pause', secondary)}
      </div>
      <form
        className="mt-3 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (stepsValid) void run({ type: 'fastForward', steps: stepsNumber });
        }}
      >
        <div>
          <label htmlFor={stepsId} className="block text-sm font-medium text-slate-800">
            Train on (steps, 1–20,000)
          </label>
          <input
            id={stepsId}
            type="number"
            inputMode="numeric"
            min={1}
            max={20_000}
            step={1}
            value={steps}
            onChange={(e) => setSteps(e.target.value)}
            aria-invalid={!stepsValid || undefined}
            data-testid="fast-forward-steps"
            className="mt-1 w-32 rounded-md border border-slate-400 px-2 py-2 aria-[invalid=true]:border-rose-700"
          />
        </div>
        <button
          type="submit"
          className={secondary}
          disabled={!allowed.has('fastForward') || pending !== null || !stepsValid}
          data-testid="control-fast-forward"
        >
          {pending === 'fastForward' ? 'Training…' : 'Fast-forward'}
        </button>
        <p className="w-full text-xs text-slate-600">
          Between steps: trains without questions, then the next quizzed step uses the new weights.
        </p>
      </form>
      <div className="mt-4 border-t border-slate-200 pt-3">
        {confirmEnd ? (
          <fieldset className="flex flex-wrap items-center gap-2">
            <legend className="mb-2 font-medium text-rose-900">
              End the lesson for everyone? Scores are kept; it cannot be restarted.
            </legend>
            <button
              ref={confirmRef}
              type="button"
              className={`${buttonBase} bg-rose-800 text-white hover:bg-rose-900`}
              disabled={pending !== null}
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
            disabled={!allowed.has('end') || pending !== null}
            onClick={() => setConfirmEnd(true)}
            data-testid="control-end"
          >
            End lesson…
          </button>
        )}
      </div>
    </section>
  );
}
