'use client';
import {
  type EntryDistribution,
  type InstructorView,
  type QuestionStatus,
  type QuestionView,
  quizStepLabel,
} from '@backprop/contract';
import type { Value } from '@backprop/mlp-core';
import { useEffect, useState } from 'react';
import { LiveTex } from '../components/live-tex.tsx';
import { MatrixTable } from '../components/matrix-table.tsx';
import { clockText, useRemainingMs } from '../live/countdown.ts';
/** The current question as the instructor sees it: formula, truth, status, timer, answers so far. */
import { ScrollRegion } from './scroll-region.tsx';

const STATUS_TEXT: Record<QuestionStatus, { icon: string; text: string; className: string }> = {
  shown: {
    icon: '◻',
    text: 'Shown, not open yet',
    className: 'border-slate-400 bg-slate-100 text-slate-900',
  },
  open: {
    icon: '▶',
    text: 'Open for answers',
    className: 'border-blue-700 bg-blue-50 text-blue-900',
  },
  locked: {
    icon: '■',
    text: 'Locked',
    className: 'border-orange-700 bg-orange-50 text-orange-900',
  },
  revealed: { icon: '✓', text: 'Revealed', className: 'border-slate-700 bg-white text-slate-900' },
};

const MODE_TEXT = { numeric: 'numbers', sign: 'signs (− 0 +)', choice: 'multiple choice' } as const;

/** Whole seconds left on the question's clock (frozen while paused); null without a timer. */
function useSecondsLeft(q: QuestionView): number | null {
  const ms = useRemainingMs(q);
  return ms === null ? null : Math.ceil(ms / 1000);
}

const clock = (s: number) => clockText(s * 1000);

function Countdown({ q, paused }: { q: QuestionView; paused: boolean }) {
  const left = useSecondsLeft(q);
  // Screen readers hear a few milestones, not every second.
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    if (left === null || paused) return;
    if (left === 0) setSpoken('Time is up.');
    else if (left === 30 || left === 10 || left === 5) setSpoken(`${left} seconds left.`);
  }, [left, paused]);
  if (left === null) {
    return q.status === 'open' ? (
      <p className="text-sm text-slate-700" data-testid="timer">
        No timer: lock when you are ready.
      </p>
    ) : null;
  }
  return (
    <div>
      <p className="font-mono text-2xl font-bold tabular-nums" data-testid="timer">
        <span className="mr-2 font-sans text-base font-normal text-slate-700">Time left</span>
        {clock(left)}
        {paused && (
          <span className="ml-2 font-sans text-base font-semibold text-orange-900">paused</span>
        )}
      </p>
      <p className="sr-only" aria-live="polite">
        {spoken}
      </p>
    </div>
  );
}

function entryLabel(d: EntryDistribution, scalar: boolean): string {
  return scalar ? 'value' : `row ${d.row + 1}, col ${d.col + 1}`;
}

function Bar({ count, total, tone }: { count: number; total: number; tone: string }) {
  const width = total > 0 ? (100 * count) / total : 0;
  return (
    <div className="flex items-center gap-2">
      <span className="w-6 text-right font-mono tabular-nums">{count}</span>
      <span className="block h-3 w-16 rounded-sm bg-slate-200" aria-hidden="true">
        <span className={`block h-3 rounded-sm ${tone}`} style={{ width: `${width}%` }} />
      </span>
    </div>
  );
}

/** Per entry: how many are right, match each named mistake, or neither. Counts, never names. */
function Distribution({ view }: { view: InstructorView }) {
  const q = view.question;
  if (!q || view.distribution.length === 0) return null;
  const ids = Object.keys(view.misconceptionLabels);
  const scalar = q.shape.length === 0;
  return (
    <section aria-labelledby="distribution-title" className="mt-5" data-testid="distribution">
      <h3 id="distribution-title" className="font-semibold">
        Answers per entry
      </h3>
      <p className="text-xs text-slate-600">
        <span aria-hidden="true" className="mr-1 inline-block size-3 rounded-sm bg-blue-700" />
        right ·
        <span aria-hidden="true" className="mx-1 inline-block size-3 rounded-sm bg-orange-600" />a
        named mistake ·
        <span aria-hidden="true" className="mx-1 inline-block size-3 rounded-sm bg-slate-500" />
        other
      </p>
      <ScrollRegion label="Answers per entry">
        <table className="text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left align-bottom text-slate-700">
              <th scope="col" className="py-1 pr-3 font-medium">
                Entry
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Right
              </th>
              {ids.map((id) => (
                <th
                  key={id}
                  scope="col"
                  className="max-w-40 py-1 pr-3 font-medium"
                  data-testid="misconception-label"
                >
                  {view.misconceptionLabels[id]}
                </th>
              ))}
              <th scope="col" className="py-1 font-medium">
                Other
              </th>
            </tr>
          </thead>
          <tbody>
            {view.distribution.map((d) => {
              const total =
                d.correct + d.other + ids.reduce((s, id) => s + (d.misconceptions[id] ?? 0), 0);
              return (
                <tr
                  key={`${d.row}-${d.col}`}
                  className="border-b border-slate-100"
                  data-testid="distribution-entry"
                >
                  <th scope="row" className="py-1 pr-3 text-left font-normal whitespace-nowrap">
                    {entryLabel(d, scalar)}
                  </th>
                  <td className="py-1 pr-3" data-testid="distribution-correct">
                    <Bar count={d.correct} total={total} tone="bg-blue-700" />
                  </td>
                  {ids.map((id) => (
                    <td key={id} className="py-1 pr-3">
                      <Bar count={d.misconceptions[id] ?? 0} total={total} tone="bg-orange-600" />
                    </td>
                  ))}
                  <td className="py-1" data-testid="distribution-other">
                    <Bar count={d.other} total={total} tone="bg-slate-500" />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

const sameValue = (a: Value, b: Value | null) => JSON.stringify(a) === JSON.stringify(b);

export function QuestionPanel({ view }: { view: InstructorView }) {
  const q = view.question;
  if (!q) return null;
  const status = STATUS_TEXT[q.status];
  const share = q.activeCount > 0 ? (100 * q.answeredCount) / q.activeCount : 0;
  return (
    <section
      aria-labelledby="question-title"
      className="rounded-xl border border-slate-300 bg-white p-4 sm:p-5"
      data-testid="question"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600">
            {quizStepLabel(view.quizStep, view.step)} · question {view.questionIndex + 1} of{' '}
            {view.questionCount} · {q.phase} · answered with {MODE_TEXT[q.mode]}
          </p>
          <h2 id="question-title" className="mt-1 text-2xl font-bold">
            <span className="font-mono">{q.quantity}</span>
          </h2>
        </div>
        <p
          className={`rounded-full border px-3 py-1 text-sm font-semibold ${status.className}`}
          data-testid="question-status"
          data-status={q.status}
          aria-live="polite"
        >
          <span aria-hidden="true">{status.icon} </span>
          {status.text}
          {view.paused && ' · paused'}
        </p>
      </div>
      <div className="formula-scroll mt-3 overflow-x-auto" data-testid="formula">
        <LiveTex tex={q.formula} display />
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-x-8 gap-y-3">
        <Countdown q={q} paused={view.paused} />
        <div className="min-w-48">
          <p className="text-lg">
            <span className="font-mono text-3xl font-bold tabular-nums" data-testid="answer-count">
              {q.answeredCount}/{q.activeCount}
            </span>{' '}
            answered
          </p>
          <div
            className="mt-1 h-3 w-full max-w-xs rounded-full bg-slate-200"
            role="progressbar"
            aria-label="Students who answered"
            aria-valuemin={0}
            aria-valuemax={q.activeCount}
            aria-valuenow={q.answeredCount}
          >
            <div className="h-3 rounded-full bg-blue-700" style={{ width: `${share}%` }} />
          </div>
        </div>
      </div>
      <div className="mt-4">
        <div>
          <h3 className="font-semibold">
            The truth{' '}
            <span className="text-sm font-normal text-slate-600">
              (students see it at the reveal)
            </span>
          </h3>
          <div className="mt-1" data-testid="truth">
            {q.truth !== null ? <MatrixTable name={q.quantity} value={q.truth} /> : <p>—</p>}
          </div>
          {q.options && (
            <div className="mt-3">
              <h3 className="font-semibold">Choices</h3>
              <ol className="mt-1 grid gap-2" data-testid="choices">
                {q.options.map((option, i) => (
                  <li key={i} className="flex items-start gap-2">
                    <span className="font-semibold">{String.fromCharCode(65 + i)}.</span>
                    <MatrixTable name={`choice ${String.fromCharCode(65 + i)}`} value={option} />
                    {sameValue(option, q.truth) && (
                      <span className="text-sm font-semibold text-blue-900">✓ the truth</span>
                    )}
                  </li>
                ))}
              </ol>
            </div>
          )}
        </div>
      </div>
      <Distribution view={view} />
    </section>
  );
}

/** The givens and the revealed quantities of the step, collapsed. */
export function KnownValues({ view }: { view: InstructorView }) {
  const entries = Object.entries(view.known).filter(
    (e): e is [string, Value] => e[1] !== undefined,
  );
  if (entries.length === 0) return null;
  return (
    <details className="rounded-xl border border-slate-300 bg-white p-4">
      <summary className="cursor-pointer font-semibold">
        Values the class can see ({entries.length})
      </summary>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {entries.map(([name, value]) => (
          <div key={name}>
            <h3 className="font-mono text-sm font-semibold">{name}</h3>
            <MatrixTable name={name} value={value} />
          </div>
        ))}
      </div>
    </details>
  );
}
