'use client';
import type { ProjectorView, QuestionStatus, QuestionView } from '@backprop/contract';
import { LiveTex } from '../components/live-tex.tsx';
import { MatrixTable } from '../components/matrix-table.tsx';
import { clockText } from '../live/countdown.ts';

const STATUS_TEXT: Record<QuestionStatus, string> = {
  shown: 'Get ready: answers open soon',
  open: 'Answer now',
  locked: 'Answers locked',
  revealed: 'Revealed',
};

const STATUS_STYLE: Record<QuestionStatus, string> = {
  shown: 'border-slate-500 bg-white text-slate-900',
  open: 'border-blue-800 bg-blue-700 text-white',
  locked: 'border-slate-800 bg-slate-800 text-white',
  revealed: 'border-amber-700 bg-amber-100 text-amber-950',
};

const MODE_TEXT: Record<QuestionView['mode'], string> = {
  numeric: 'Type the value',
  sign: 'Give the sign of each entry: +, − or 0',
  choice: 'Pick one of the options',
};

function shapeText(q: QuestionView): string {
  return q.shape.length === 0 ? 'a number' : `${q.shape[0]} × ${q.shape[1]}`;
}

interface StatusBarProps {
  view: ProjectorView;
  question: QuestionView;
  remainingMs: number | null;
}

/** The question's status, timer and answer count: the three things the room watches. */
export function StatusBar({ view, question, remainingMs }: StatusBarProps) {
  const { answeredCount, activeCount, status } = question;
  const share = activeCount > 0 ? answeredCount / activeCount : 0;
  const urgent = remainingMs !== null && remainingMs <= 10_000 && status === 'open' && !view.paused;
  return (
    <div className="flex flex-wrap items-stretch gap-3">
      <p
        data-testid="question-status"
        data-status={status}
        className={`flex items-center rounded-xl border-2 px-4 py-2 text-2xl font-bold ${STATUS_STYLE[status]}`}
      >
        {STATUS_TEXT[status]}
      </p>
      {view.paused && (
        <p
          data-testid="paused"
          className="flex items-center gap-2 rounded-xl border-2 border-slate-900 bg-yellow-300 px-4 py-2 text-2xl font-bold text-slate-950"
        >
          <span aria-hidden="true">⏸</span> Paused
        </p>
      )}
      {remainingMs !== null && (
        <p
          data-testid="timer"
          data-remaining-ms={remainingMs}
          className={`flex items-center gap-2 rounded-xl border-2 px-4 py-2 text-2xl font-bold tabular-nums ${
            urgent ? 'border-orange-800 bg-orange-100 text-orange-950' : 'border-slate-500 bg-white'
          }`}
        >
          <span className="text-base font-semibold">
            {view.paused ? 'time left (frozen)' : 'time left'}
          </span>
          <span className="font-mono text-4xl">{clockText(remainingMs)}</span>
        </p>
      )}
      <div className="flex min-w-56 flex-col justify-center rounded-xl border-2 border-slate-500 bg-white px-4 py-2">
        <p className="text-2xl font-bold tabular-nums" data-testid="answer-count">
          {answeredCount} / {activeCount} <span className="text-lg font-semibold">answered</span>
        </p>
        <div className="mt-1 h-2.5 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
          <div className="h-full rounded-full bg-blue-700" style={{ width: `${share * 100}%` }} />
        </div>
      </div>
    </div>
  );
}

interface QuestionCardProps {
  view: ProjectorView;
  question: QuestionView;
  /** Whether to list the values the question needs (hidden once revealed, to make room). */
  showInputs: boolean;
}

/** The asked brick: its formula typeset, what to give, and the known values it is computed from. */
export function QuestionCard({ view, question, showInputs }: QuestionCardProps) {
  const needed = question.inputs.filter((name) => view.known[name] !== undefined);
  return (
    <section
      aria-labelledby="question-title"
      className="min-w-0 rounded-2xl border-2 border-slate-300 bg-white p-5"
    >
      <h2 id="question-title" className="flex flex-wrap items-baseline gap-x-3 text-2xl font-bold">
        <span>What is</span>
        <span className="font-mono text-amber-900" data-testid="question-quantity">
          {question.quantity}
        </span>
        <span className="text-lg font-semibold text-slate-700">
          ({shapeText(question)}, {question.phase} step)
        </span>
      </h2>
      <div className="formula-scroll mt-3 overflow-x-auto text-3xl" data-testid="question-formula">
        <LiveTex display tex={question.formula} />
      </div>
      <p className="mt-2 text-lg text-slate-800">{MODE_TEXT[question.mode]}</p>
      {question.options && (
        <ol className="mt-3 grid gap-3" aria-label="Options" data-testid="choice-options">
          {question.options.map((option, i) => (
            <li
              key={i}
              className="flex min-w-0 items-start gap-3 rounded-xl border-2 border-slate-400 p-3"
            >
              <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-slate-900 text-xl font-bold text-white">
                {String.fromCharCode(65 + i)}
              </span>
              <div className="min-w-0">
                <MatrixTable name={`option ${String.fromCharCode(65 + i)}`} value={option} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {showInputs && needed.length > 0 && (
        <div className="mt-4" data-testid="question-inputs">
          <h3 className="text-lg font-semibold text-slate-800">Computed from</h3>
          <ul className="mt-2 flex flex-wrap gap-4">
            {needed.map((name) => (
              <li
                key={name}
                className="min-w-0 max-w-full rounded-xl border-2 border-dashed border-sky-800 bg-sky-50 p-3"
              >
                <p className="font-mono text-lg font-bold text-sky-950">{name}</p>
                <MatrixTable name={name} value={view.known[name]!} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
