'use client';
import type {
  ProjectorView,
  QuestionStatus,
  QuestionView,
  TrainingFrame,
} from '@backprop/contract';
import { LiveTex } from '../components/live-tex.tsx';
import { clockText } from '../live/countdown.ts';
import { Icon, type IconName } from './icons.tsx';
import { ValueGrid } from './value-grid.tsx';

interface Badge {
  text: string;
  icon: IconName;
  style: string;
}

const STATUS_BADGE: Record<QuestionStatus, Badge> = {
  shown: {
    text: 'Get ready: answers open soon',
    icon: 'hourglass',
    style: 'border-slate-500 bg-white text-slate-900',
  },
  open: { text: 'Answer now', icon: 'clock', style: 'border-blue-800 bg-blue-700 text-white' },
  locked: {
    text: 'Answers locked',
    icon: 'lock',
    style: 'border-slate-800 bg-slate-800 text-white',
  },
  revealed: {
    text: 'Revealed',
    icon: 'eye',
    style: 'border-amber-700 bg-amber-100 text-amber-950',
  },
};

const PAUSED: Badge = {
  text: 'Paused',
  icon: 'pause',
  style: 'border-slate-900 bg-yellow-300 text-slate-950',
};

function badgeOf(view: ProjectorView, frames: readonly TrainingFrame[]): Badge {
  if (view.paused) return PAUSED;
  switch (view.phase) {
    case 'lobby':
      return { text: 'Join now', icon: 'users', style: 'border-blue-800 bg-blue-700 text-white' };
    case 'question':
      return view.question ? STATUS_BADGE[view.question.status] : PAUSED;
    case 'stepDone': {
      const last = frames.at(-1);
      if (last && !last.last) {
        return { text: 'Training', icon: 'play', style: 'border-blue-800 bg-blue-700 text-white' };
      }
      return {
        text: 'Step done',
        icon: 'check',
        style: 'border-emerald-800 bg-emerald-100 text-emerald-950',
      };
    }
    case 'finished':
      return {
        text: 'Finished',
        icon: 'trophy',
        style: 'border-amber-700 bg-amber-100 text-amber-950',
      };
  }
}

/**
 * The one state badge: what the room should do now. Paused wins over the question's status, so
 * a paused question never also says "Answer now".
 */
export function StateBadge({
  view,
  frames,
}: {
  view: ProjectorView;
  frames: readonly TrainingFrame[];
}) {
  const badge = badgeOf(view, frames);
  return (
    <p
      data-testid="question-status"
      data-status={view.question?.status ?? view.phase}
      data-paused={view.paused}
      className={`flex items-center gap-[0.5rem] rounded-xl border-2 px-[0.9rem] py-[0.3rem] text-[1.5rem] font-bold leading-tight ${badge.style}`}
    >
      <Icon name={badge.icon} className="size-[1.4rem]" />
      {badge.text}
    </p>
  );
}

interface TimerProps {
  view: ProjectorView;
  question: QuestionView;
  remainingMs: number;
}

/** The clock, orange in its last ten seconds; frozen (and saying so) while paused. */
export function Timer({ view, question, remainingMs }: TimerProps) {
  const urgent = remainingMs <= 10_000 && question.status === 'open' && !view.paused;
  return (
    <p
      data-testid="timer"
      data-remaining-ms={remainingMs}
      className={`flex items-center gap-[0.5rem] rounded-xl border-2 px-[0.9rem] py-[0.1rem] font-bold tabular-nums leading-tight ${
        urgent ? 'border-orange-800 bg-orange-100 text-orange-950' : 'border-slate-500 bg-white'
      }`}
    >
      <span className="text-[1rem] font-semibold">
        {view.paused ? 'time left (frozen)' : 'time left'}
      </span>
      <span className="font-mono text-[2rem]">{clockText(remainingMs)}</span>
    </p>
  );
}

/** How many of the active students have answered. */
export function AnswerCount({ question }: { question: QuestionView }) {
  const { answeredCount, activeCount } = question;
  const share = activeCount > 0 ? answeredCount / activeCount : 0;
  return (
    <div className="flex min-w-[11rem] flex-col justify-center rounded-xl border-2 border-slate-500 bg-white px-[0.9rem] py-[0.2rem]">
      <p className="text-[1.5rem] font-bold tabular-nums leading-tight" data-testid="answer-count">
        {answeredCount} / {activeCount}{' '}
        <span className="text-[1.1rem] font-semibold">answered</span>
      </p>
      <div
        className="mt-[0.2rem] h-[0.5rem] overflow-hidden rounded-full bg-slate-200"
        aria-hidden="true"
      >
        <div
          className="h-full rounded-full bg-blue-700 transition-[width] duration-500 motion-reduce:transition-none"
          style={{ width: `${share * 100}%` }}
        />
      </div>
    </div>
  );
}

const MODE_TEXT: Record<QuestionView['mode'], string> = {
  numeric: 'Type the value',
  sign: 'Give the sign of each entry: +, − or 0',
  choice: 'Pick one of the options',
};

function shapeText(q: QuestionView): string {
  return q.shape.length === 0 ? 'a number' : `${q.shape[0]} × ${q.shape[1]}`;
}

interface QuestionCardProps {
  view: ProjectorView;
  question: QuestionView;
}

/** The asked brick: its formula typeset, what to give, and the known values it is computed from. */
export function QuestionCard({ view, question }: QuestionCardProps) {
  const needed = question.inputs.filter((name) => view.known[name] !== undefined);
  return (
    <section aria-labelledby="question-title" className="min-w-0">
      <h2
        id="question-title"
        className="flex flex-wrap items-baseline gap-x-[0.8rem] text-[2.4rem] font-bold leading-tight"
      >
        <span>What is</span>
        <span className="font-mono text-amber-900" data-testid="question-quantity">
          {question.quantity}
        </span>
        <span className="text-[1.3rem] font-semibold text-slate-700">
          ({shapeText(question)}, {question.phase} step)
        </span>
      </h2>
      <div className="formula-scroll mt-[0.6rem] text-[2.3rem]" data-testid="question-formula">
        <LiveTex display tex={question.formula} />
      </div>
      <p className="mt-[0.4rem] text-[1.35rem] text-slate-800">{MODE_TEXT[question.mode]}</p>
      {question.options && (
        <ol
          className="mt-[0.8rem] flex flex-wrap gap-[0.8rem]"
          aria-label="Options"
          data-testid="choice-options"
        >
          {question.options.map((option, i) => (
            <li
              key={i}
              className="flex shrink-0 items-center gap-[0.8rem] rounded-xl border-2 border-slate-400 p-[0.7rem]"
            >
              <span className="flex size-[2.6rem] shrink-0 items-center justify-center rounded-full bg-slate-900 text-[1.5rem] font-bold text-white">
                {String.fromCharCode(65 + i)}
              </span>
              <ValueGrid
                name={`option ${String.fromCharCode(65 + i)}`}
                value={option}
                className="text-[1.5rem]"
              />
            </li>
          ))}
        </ol>
      )}
      {needed.length > 0 && (
        <div className="mt-[1rem]" data-testid="question-inputs">
          <h3 className="text-[1.35rem] font-semibold text-slate-800">Computed from</h3>
          <ul className="mt-[0.4rem] flex flex-wrap gap-[0.8rem]">
            {needed.map((name) => (
              <li
                key={name}
                className="min-w-0 rounded-xl border-2 border-dashed border-sky-800 bg-sky-50 p-[0.6rem]"
              >
                <p className="font-mono text-[1.3rem] font-bold text-sky-950">{name}</p>
                <ValueGrid name={name} value={view.known[name]!} className="text-[1.6rem]" />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
