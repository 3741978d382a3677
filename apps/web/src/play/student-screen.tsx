'use client';
/**
 * Everything a student sees once connected, drawn from their view alone: the lobby, the current
 * question, the standings between steps and at the end. A live region announces what changes
 * without being looked at (question open, locked, revealed, the timer).
 */
import {
  type Ack,
  type AnswerAck,
  type AnswerCommand,
  type StudentView,
  stepDoneLabel,
} from '@backprop/contract';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { formatScore } from '../lib/format.ts';
import type { ConnectionState } from '../live/use-lesson.ts';
import { Icon } from './icons.tsx';
import { Leaderboard } from './leaderboard.tsx';
import { QuestionPanel } from './question-panel.tsx';
import { verdictOf } from './verdict-of.ts';

interface StudentScreenProps {
  view: StudentView;
  connection: ConnectionState;
  answer: (answer: AnswerCommand) => Promise<Ack<AnswerAck>>;
}

export function StudentScreen({ view, connection, answer }: StudentScreenProps) {
  const [announcement, setAnnouncement] = useState('');
  // The same words twice in a row must be spoken twice: alternate an invisible suffix.
  const flip = useRef(false);
  const announce = useCallback((message: string) => {
    flip.current = !flip.current;
    setAnnouncement(flip.current ? message : `${message}\u00a0`);
  }, []);
  useAnnouncements(view, announce);
  const screen = useRef<HTMLDivElement>(null);
  useFocusKept(view, screen);

  const q = view.question;
  return (
    <div
      ref={screen}
      className="mx-auto grid max-w-3xl grid-cols-[minmax(0,1fr)] gap-5"
      data-testid="student"
      data-phase={view.phase}
    >
      <ConnectionBanner state={connection} />
      <p role="status" aria-live="polite" data-testid="announcer" className="sr-only">
        {announcement}
      </p>
      <MeBar view={view} />
      {view.phase === 'lobby' && <Lobby view={view} />}
      {view.phase === 'question' && q && (
        <QuestionPanel
          key={`${q.key.step}:${q.key.index}`}
          view={{ ...view, question: q }}
          answer={answer}
          announce={announce}
        />
      )}
      {view.phase === 'question' && q?.status === 'revealed' && (
        <Leaderboard standings={view.leaderboard} me={view.me} title="Leaderboard" />
      )}
      {view.phase === 'stepDone' && <StepDone view={view} />}
      {view.phase === 'finished' && <Finished view={view} />}
    </div>
  );
}

/** The moment a screen is in: a phase, or a question and its status. */
const momentOf = (view: StudentView) => {
  const q = view.question;
  return q && view.phase === 'question' ? `${q.key.step}:${q.key.index}:${q.status}` : view.phase;
};

/**
 * When a moment replaces the control that had the focus (the join form after joining, the send
 * button at a lock, the answer form at a reveal), the focus would fall to the page's start and a
 * screen reader would lose its place: it moves to the new moment's heading (data-focus-here).
 */
function useFocusKept(view: StudentView, screen: RefObject<HTMLDivElement | null>) {
  const moment = momentOf(view);
  useEffect(() => {
    void moment;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const target = screen.current?.querySelector<HTMLElement>('[data-focus-here]');
    target?.focus({ preventScroll: false });
  }, [moment, screen]);
}

/** Speaks the moments a student may miss while looking at their sheet of paper. */
function useAnnouncements(view: StudentView, announce: (m: string) => void) {
  const q = view.question;
  const moment = momentOf(view);
  const last = useRef<string | null>(null);
  useEffect(() => {
    const previous = last.current;
    last.current = moment;
    if (previous === moment) return;
    if (previous === null) {
      // The first view: after joining, or back after a reload or a lost connection.
      if (view.phase === 'lobby') {
        announce(`You’re in, ${view.me.nickname}! Wait for the instructor to start.`);
      } else if (view.phase === 'question' && q?.status === 'open') {
        announce(`Question open: ${q.quantity}. Enter your answer.`);
      }
      return;
    }
    if (view.phase === 'question' && q) {
      if (q.status === 'shown') announce(`New question: ${q.quantity}. Get ready.`);
      if (q.status === 'open') announce(`Question open: ${q.quantity}. Enter your answer.`);
      if (q.status === 'locked') announce('Answers locked. Wait for the reveal.');
      if (q.status === 'revealed') {
        const v = verdictOf(view.myResult);
        const points = view.myResult ? `, ${formatScore(view.myResult.points)} points` : '';
        const slip = view.myResult?.misconception
          ? `. A common slip: ${view.myResult.misconception.label}`
          : '';
        announce(`Revealed. ${v.text}${points}${slip}. You are rank ${view.me.rank}.`);
      }
    }
    if (view.phase === 'stepDone') announce(`Step done. You are rank ${view.me.rank}.`);
    if (view.phase === 'finished') {
      announce(
        `The lesson has finished. You are rank ${view.me.rank} with ${formatScore(view.me.score)} points.`,
      );
    }
  }, [moment, view, q, announce]);
  // Paused, and resumed: a resumed question is said with its name.
  const wasPaused = useRef(view.paused);
  const open = view.phase === 'question' && q?.status === 'open' ? q.quantity : null;
  useEffect(() => {
    const before = wasPaused.current;
    wasPaused.current = view.paused;
    if (view.paused && !before) announce('The lesson is paused.');
    if (!view.paused && before) {
      announce(open ? `Resumed: question ${open} is open again.` : 'The lesson continues.');
    }
  }, [view.paused, open, announce]);
}

/**
 * Rank only once it means something: after a reveal (someone has points, or this screen shows
 * a reveal or standings). Before the first reveal everyone is "rank 1" at 0 points.
 */
export function rankShown(view: StudentView): boolean {
  if (view.phase === 'lobby') return false;
  if (view.phase === 'stepDone' || view.phase === 'finished') return true;
  if (view.question?.status === 'revealed') return true;
  return view.me.score > 0 || view.me.rank > 1;
}

/** Always in the page (a live region must exist before it speaks); visible while reconnecting. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  const down = state === 'reconnecting' || state === 'connecting';
  return (
    <div role="status" className={down ? 'sticky top-0 z-20' : 'sr-only'}>
      {down && (
        <p
          data-testid="reconnecting"
          className="flex items-center gap-2 rounded-lg border-2 border-amber-600 bg-amber-50 px-4 py-3 font-semibold text-amber-950 shadow"
        >
          <span
            aria-hidden="true"
            className="inline-block size-3 shrink-0 animate-pulse rounded-full bg-amber-600"
          />
          Reconnecting… your answers and score are kept.
        </p>
      )}
    </div>
  );
}

function MeBar({ view }: { view: StudentView }) {
  const { me } = view;
  const ranked = rankShown(view);
  return (
    <section
      aria-label="You"
      data-testid="me"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-xl bg-slate-900 px-4 py-2 text-white"
    >
      <span data-testid="my-nickname" className="mr-auto max-w-full truncate text-lg font-bold">
        {me.nickname}
      </span>
      <span data-testid="my-score" className="font-mono tabular-nums">
        {formatScore(me.score)} <span className="font-sans text-sm">points</span>
      </span>
      {ranked && (
        <span data-testid="my-rank" className="text-sm">
          rank <span className="font-mono text-base">{me.rank}</span> of {view.playerCount}
        </span>
      )}
      {me.streak > 0 && (
        <span data-testid="my-streak" className="text-sm">
          <Icon name="flame" className="mr-1 size-4 align-[-2px]" />
          streak {me.streak}
        </span>
      )}
    </section>
  );
}

function Lobby({ view }: { view: StudentView }) {
  return (
    <section
      data-testid="lobby"
      aria-labelledby="lobby-title"
      className="grid gap-3 rounded-xl border border-slate-300 bg-white p-6 text-center"
    >
      <Icon name="party" className="mx-auto size-12 text-indigo-700" />
      <h1 id="lobby-title" className="text-2xl font-bold" tabIndex={-1} data-focus-here>
        You’re in, {view.me.nickname}!
      </h1>
      <p className="text-slate-700">
        Wait for the instructor to start the lesson. Keep this page open: the questions appear here.
      </p>
      <p data-testid="player-count" className="text-sm text-slate-700">
        {view.playerCount} {view.playerCount === 1 ? 'player' : 'players'} in the lesson
      </p>
      <p className="text-sm text-slate-600">
        Have paper and a calculator ready: you compute one training step of the deck’s network,
        brick by brick.
      </p>
    </section>
  );
}

function StepDone({ view }: { view: StudentView }) {
  return (
    <section
      data-testid="step-done"
      aria-labelledby="step-done-title"
      className="grid grid-cols-[minmax(0,1fr)] gap-4"
    >
      <div className="rounded-xl border border-slate-300 bg-white p-5">
        <h1 id="step-done-title" className="text-2xl font-bold" tabIndex={-1} data-focus-here>
          {stepDoneLabel(view.quizStep, view.step)}
        </h1>
        <p className="mt-2 text-slate-700">
          You have <strong>{formatScore(view.me.score)}</strong> points, rank{' '}
          <strong>{view.me.rank}</strong> of {view.playerCount}. Wait for the instructor: the next
          step, or the network trains on by itself.
        </p>
      </div>
      <Leaderboard standings={view.leaderboard} me={view.me} title="Leaderboard" />
    </section>
  );
}

function Finished({ view }: { view: StudentView }) {
  return (
    <section
      data-testid="finished"
      aria-labelledby="finished-title"
      className="grid grid-cols-[minmax(0,1fr)] gap-4"
    >
      <div className="rounded-xl border border-slate-300 bg-white p-5 text-center">
        <Icon
          name={view.me.rank <= 3 ? 'trophy' : 'flag'}
          className="mx-auto size-12 text-indigo-700"
        />
        <h1 id="finished-title" className="mt-2 text-2xl font-bold" tabIndex={-1} data-focus-here>
          The lesson has finished
        </h1>
        <p data-testid="final-rank" className="mt-2 text-lg">
          You finished <strong>rank {view.me.rank}</strong> of {view.playerCount} with{' '}
          <strong>{formatScore(view.me.score)}</strong> points.
        </p>
      </div>
      <Leaderboard
        standings={view.leaderboard}
        me={view.me}
        title="Final standings"
        testId="final-standings"
      />
    </section>
  );
}
