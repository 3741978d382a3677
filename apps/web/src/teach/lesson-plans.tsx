'use client';
/**
 * The one-click lesson plans, each with its question count and estimated duration, and a quick
 * picker (each quantity off / numbers / signs / choice) beside them. The minutes come from the
 * contract's `estimatePlan`, the same function the tests check against a 50-minute period.
 */
import {
  type AnswerMode,
  DECK_PRESET,
  estimatePlan,
  LESSON_PLANS,
  type LessonPlan,
  type LessonSettings,
  lessonPlan,
  type QuestionSpec,
} from '@backprop/contract';
import { type QuantityName, quantityNames } from '@backprop/mlp-core';
import { useId, useState } from 'react';

export type CreateWith = (settings: LessonSettings, id: string) => void;

function Estimate({ settings, fastForwards }: Pick<LessonPlan, 'settings' | 'fastForwards'>) {
  const e = estimatePlan(settings, fastForwards);
  return (
    <span className="tabular-nums">
      {e.questions} {e.questions === 1 ? 'question' : 'questions'} · {e.entries} entries · about{' '}
      <strong className="font-semibold">{e.minutes} min</strong>
    </span>
  );
}

const timerText = (s: number | null) => (s === null ? 'no timer' : `${s} s per question`);
/** [Q11] Said on the plan, so the instructor knows the console asks Reveal, Next per question. */
const OPEN_ON_SHOW_TEXT = 'opens as shown: Reveal, Next';

export function LessonPlans({ busy, onCreate }: { busy: string | null; onCreate: CreateWith }) {
  return (
    <section aria-labelledby="plans-title" className="grid gap-4">
      <div>
        <h2 id="plans-title" className="text-xl font-semibold">
          Lesson plans
        </h2>
        <p className="mt-1 max-w-3xl text-slate-700">
          One click each. The minutes assume about 3 minutes to join, and per question 20 s to
          introduce it, the whole timer (or, without one, time to type each number) and a minute to
          reveal and discuss; 3 minutes per planned fast-forward.
        </p>
      </div>
      <ul className="grid gap-4">
        {LESSON_PLANS.map((plan) => (
          <li
            key={plan.id}
            className="flex flex-col rounded-xl border border-indigo-300 bg-indigo-50 p-5"
            data-testid={`plan-${plan.id}`}
          >
            <h3 className="text-lg font-semibold">{plan.title}</h3>
            <p className="mt-1 font-medium text-slate-900" data-testid={`plan-estimate-${plan.id}`}>
              <Estimate settings={plan.settings} fastForwards={plan.fastForwards} /> ·{' '}
              {timerText(plan.settings.timerSeconds)}
              {plan.settings.openOnShow && (
                <>
                  {' · '}
                  <span className="whitespace-nowrap">{OPEN_ON_SHOW_TEXT}</span>
                </>
              )}
            </p>
            <p className="mt-2 grow text-slate-800">{plan.description}</p>
            <button
              type="button"
              onClick={() => onCreate(plan.settings, plan.id)}
              disabled={busy !== null}
              // The whole deck keeps its long-standing test id.
              data-testid={plan.id === 'deck' ? 'create-deck' : `create-plan-${plan.id}`}
              className="mt-4 self-start rounded-lg bg-indigo-700 px-5 py-3 text-lg font-semibold text-white hover:bg-indigo-800 disabled:opacity-60"
            >
              {busy === plan.id ? 'Creating…' : `Start “${plan.title}”`}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Pick4 = AnswerMode | 'off';
const PICKS: readonly { value: Pick4; label: string }[] = [
  { value: 'off', label: 'off' },
  { value: 'numeric', label: 'number' },
  { value: 'sign', label: 'sign' },
  { value: 'choice', label: 'choice' },
];
const TIMERS = [null, 60, 90, 120] as const;

/** The deck's quantities, each off or asked in a mode; starts from the 50-minute plan. */
export function QuickPicker({ busy, onCreate }: { busy: string | null; onCreate: CreateWith }) {
  const base = lessonPlan('deck50').settings;
  const names = quantityNames(DECK_PRESET.network);
  const [picks, setPicks] = useState<Record<string, Pick4>>(() =>
    Object.fromEntries(
      names.map((n) => [n, base.questions.find((q) => q.quantity === n)?.mode ?? 'off']),
    ),
  );
  const [timer, setTimer] = useState<number | null>(base.timerSeconds);
  const [openOnShow, setOpenOnShow] = useState(base.openOnShow ?? false);
  const timerId = useId();
  const questions: QuestionSpec[] = names.flatMap((quantity: QuantityName) => {
    const mode = picks[quantity];
    if (!mode || mode === 'off') return [];
    // Typed updates keep the deck's tight tolerance (at lr 0.001 "unchanged" must not pass).
    const deck = DECK_PRESET.questions.find((q) => q.quantity === quantity);
    return [mode === 'numeric' && deck?.tolerance ? { ...deck } : { quantity, mode }];
  });
  const settings: LessonSettings = { ...base, questions, timerSeconds: timer, openOnShow };

  return (
    <section
      aria-labelledby="picker-title"
      className="rounded-xl border border-slate-300 bg-white p-5"
      data-testid="quick-picker"
    >
      <h2 id="picker-title" className="text-xl font-semibold">
        Quick picker
      </h2>
      <p className="mt-1 text-slate-700">
        The deck&apos;s network; choose how each quantity is asked. Starts from the 50-minute plan.
      </p>
      <div className="mt-3 grid gap-y-1">
        {names.map((name) => (
          // min-w-0: a fieldset is as wide as its content by default, which widened a phone's page.
          <fieldset
            key={name}
            className="flex min-w-0 flex-wrap items-center justify-between gap-x-2 gap-y-1 py-0.5"
          >
            <legend className="sr-only">{name}</legend>
            <span aria-hidden="true" className="min-w-0 truncate font-mono">
              {name}
            </span>
            <span className="inline-flex overflow-hidden rounded-md border border-slate-400">
              {PICKS.map((p) => {
                const on = picks[name] === p.value;
                return (
                  <label
                    key={p.value}
                    className={`cursor-pointer border-l border-slate-300 px-2.5 py-1 first:border-l-0 has-focus-visible:outline-2 has-focus-visible:outline-indigo-700 ${
                      on ? 'bg-indigo-700 font-semibold text-white' : 'bg-white text-slate-800'
                    }`}
                  >
                    <input
                      type="radio"
                      className="sr-only"
                      name={`pick-${name}`}
                      value={p.value}
                      checked={on}
                      onChange={() => setPicks((old) => ({ ...old, [name]: p.value }))}
                      data-testid={`pick-${name}-${p.value}`}
                    />
                    {p.label}
                  </label>
                );
              })}
            </span>
          </fieldset>
        ))}
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor={timerId} className="block text-sm font-medium text-slate-800">
            Time to answer
          </label>
          {/* Not inside the label: its options' text ("no timer") would join the label's name. */}
          <select
            id={timerId}
            value={timer ?? ''}
            onChange={(e) => setTimer(e.target.value === '' ? null : Number(e.target.value))}
            className="mt-1 block rounded-md border border-slate-400 bg-white px-2 py-1.5"
          >
            {TIMERS.map((t) => (
              <option key={t ?? 'none'} value={t ?? ''}>
                {timerText(t)}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 py-1.5 font-medium text-slate-800">
          <input
            type="checkbox"
            className="size-5 accent-indigo-700"
            checked={openOnShow}
            onChange={(e) => setOpenOnShow(e.target.checked)}
            data-testid="picker-open-on-show"
          />
          Open each question as it is shown (Reveal, Next)
        </label>
        <p className="font-medium" data-testid="picker-estimate" aria-live="polite">
          {questions.length === 0 ? (
            'Choose at least one quantity.'
          ) : (
            <Estimate settings={settings} fastForwards={[]} />
          )}
        </p>
        <button
          type="button"
          disabled={busy !== null || questions.length === 0}
          onClick={() => onCreate(settings, 'picker')}
          data-testid="create-picked"
          className="rounded-lg bg-slate-900 px-5 py-3 font-semibold text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {busy === 'picker' ? 'Creating…' : 'Start with these questions'}
        </button>
      </div>
    </section>
  );
}
