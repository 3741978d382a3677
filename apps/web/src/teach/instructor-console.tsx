'use client';
/**
 * The instructor console: renders the instructor view of one lesson and sends the instructor's
 * commands. Credentials come from this browser (the secret saved at creation) or a co-host link.
 */
import {
  type Credentials,
  ERROR_CODES,
  type InstructorCommand,
  type InstructorCommandType,
  type WireError,
} from '@backprop/contract';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { instructorCredentials } from '../live/credentials.ts';
import { type ConnectionState, useLesson } from '../live/use-lesson.ts';
import { Controls } from './controls.tsx';
import { KnownValues, QuestionPanel } from './question-panel.tsx';
import { RosterTable } from './roster-table.tsx';
import { SharePanel } from './share-panel.tsx';
import { FinalStandings, Leaderboard } from './standings.tsx';
import { TrainingPanel } from './training-panel.tsx';

const CONNECTION_TEXT: Record<ConnectionState, { icon: string; text: string; className: string }> =
  {
    connecting: {
      icon: '…',
      text: 'Connecting…',
      className: 'border-slate-400 bg-slate-100 text-slate-900',
    },
    live: { icon: '●', text: 'Live', className: 'border-blue-700 bg-blue-50 text-blue-900' },
    reconnecting: {
      icon: '⟳',
      text: 'Reconnecting…',
      className: 'border-orange-700 bg-orange-50 text-orange-900',
    },
    refused: { icon: '⊘', text: 'Refused', className: 'border-rose-700 bg-rose-50 text-rose-900' },
  };

function ConnectionBadge({ state }: { state: ConnectionState }) {
  const c = CONNECTION_TEXT[state];
  return (
    <p
      role="status"
      className={`rounded-full border px-3 py-1 text-sm font-semibold ${c.className}`}
      data-testid="connection-state"
      data-state={state}
    >
      <span aria-hidden="true">{c.icon} </span>
      {c.text}
    </p>
  );
}

function Notice({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <section
      aria-labelledby="notice-title"
      className="mx-auto max-w-xl rounded-xl border border-slate-300 bg-white p-6"
    >
      <h1 id="notice-title" className="text-2xl font-bold">
        {title}
      </h1>
      <div className="mt-2 grid gap-3 text-slate-700" data-testid={testId}>
        {children}
      </div>
    </section>
  );
}

const REFUSALS: Partial<Record<string, string>> = {
  [ERROR_CODES.UNKNOWN_LESSON]:
    'There is no lesson with this code. Check the code, or create a new lesson.',
  [ERROR_CODES.NOT_INSTRUCTOR]:
    'The server did not accept this browser as the instructor: the saved secret or the co-host link is not valid for this lesson.',
  [ERROR_CODES.PROTOCOL_MISMATCH]: 'The app was updated: reload the page.',
};

function PhaseLine({ phase, paused }: { phase: string; paused: boolean }) {
  const text: Record<string, string> = {
    lobby: 'Lobby: waiting for students',
    question: 'Question',
    stepDone: 'Between steps',
    finished: 'Finished',
  };
  return (
    <span data-testid="lesson-phase" data-phase={phase}>
      {text[phase] ?? phase}
      {paused && (
        <strong className="ml-2 rounded bg-orange-100 px-2 text-orange-900" data-testid="paused">
          <span aria-hidden="true">‖ </span>Paused
        </strong>
      )}
    </span>
  );
}

export function InstructorConsole({ code, justCreated }: { code: string; justCreated: boolean }) {
  // Read in an effect: the credentials live in this browser (localStorage, the URL fragment).
  const [as, setAs] = useState<Credentials | null | undefined>(undefined);
  useEffect(() => setAs(instructorCredentials(code)), [code]);
  const live = useLesson(code, as ?? null);
  const [pending, setPending] = useState<InstructorCommandType | null>(null);
  const [refused, setRefused] = useState<WireError | null>(null);
  const { command } = live;

  const run = useCallback(
    async (cmd: InstructorCommand) => {
      setPending(cmd.type);
      const ack = await command(cmd);
      setPending(null);
      setRefused(ack.ok ? null : ack.error);
    },
    [command],
  );

  if (as === undefined) {
    return <p className="text-slate-700">Loading the console…</p>;
  }
  if (as === null) {
    return (
      <Notice title={`Lesson ${code}: no instructor key here`} testId="console-refusal">
        <p>
          This browser does not hold the instructor secret of lesson{' '}
          <strong className="font-mono">{code}</strong>. Open the console in the browser that
          created the lesson, or use the co-host link its instructor shares with you.
        </p>
        <p>
          Joining as a student?{' '}
          <a href={`/play/${code}`} className="font-medium text-indigo-800 underline">
            Join lesson {code}
          </a>
          . Or{' '}
          <a href="/teach" className="font-medium text-indigo-800 underline">
            create a lesson
          </a>
          .
        </p>
      </Notice>
    );
  }
  if (live.state === 'refused') {
    const code_ = live.refusal?.code ?? '';
    return (
      <Notice title={`Lesson ${code} cannot be opened`} testId="console-refusal">
        <p data-refusal={code_}>{REFUSALS[code_] ?? live.refusal?.message}</p>
        <p>
          <a href="/teach" className="font-medium text-indigo-800 underline">
            Create a lesson
          </a>
        </p>
      </Notice>
    );
  }
  const view = live.view?.kind === 'instructor' ? live.view : null;
  const title = (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div>
        <h1 className="text-2xl font-bold">
          Lesson <span className="font-mono">{code}</span>
          {as.role === 'cohost' && (
            <span className="ml-2 text-base font-normal text-slate-600">(co-host)</span>
          )}
        </h1>
        {view && (
          <p className="text-slate-700">
            <PhaseLine phase={view.phase} paused={view.paused} /> · {view.playerCount}{' '}
            {view.playerCount === 1 ? 'student' : 'students'}
          </p>
        )}
      </div>
      <ConnectionBadge state={live.state} />
    </div>
  );
  if (!view) {
    return (
      <div className="grid gap-4">
        {title}
        <p className="text-slate-700">Waiting for the lesson…</p>
      </div>
    );
  }

  return (
    <div className="grid gap-4">
      {title}
      {live.state === 'reconnecting' && (
        <p className="rounded-lg border border-orange-700 bg-orange-50 p-3 font-medium text-orange-900">
          <span aria-hidden="true">⟳ </span>Connection lost: reconnecting… The lesson keeps its
          state on the server; controls work again once connected.
        </p>
      )}
      {justCreated && (
        <p
          className="rounded-lg border border-indigo-300 bg-indigo-50 p-3 text-indigo-950"
          data-testid="created-notice"
        >
          Lesson created. Put the projector view on the big screen, share the join code, and press
          &ldquo;Start the lesson&rdquo; when the class is in.
        </p>
      )}
      {refused && (
        // An alert is announced when it appears; no empty live region takes room meanwhile.
        <p
          role="alert"
          data-testid="command-error"
          className="rounded-lg border border-rose-700 bg-rose-50 p-3 font-medium text-rose-900"
        >
          <span aria-hidden="true">⚠ </span>
          Refused: {refused.message}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="grid min-w-0 content-start gap-4">
          {view.phase !== 'finished' && <Controls view={view} run={run} pending={pending} />}
          {view.phase === 'lobby' && (
            <section
              className="rounded-xl border border-slate-300 bg-white p-5"
              aria-labelledby="lobby-title"
            >
              <h2 id="lobby-title" className="text-xl font-semibold">
                Lobby
              </h2>
              <p className="mt-1 text-slate-700" data-testid="lobby-count">
                {view.playerCount === 0
                  ? 'Nobody has joined yet.'
                  : `${view.playerCount} ${view.playerCount === 1 ? 'student has' : 'students have'} joined.`}{' '}
                {view.questionCount} questions per step. Start when the class is in; late joiners
                can still join.
              </p>
            </section>
          )}
          {view.phase === 'question' && <QuestionPanel view={view} />}
          {view.phase === 'finished' && <FinalStandings view={view} />}
          {(view.phase === 'stepDone' || (view.phase === 'finished' && view.step > 0)) && (
            <TrainingPanel
              view={view}
              frames={live.frames}
              run={view.phase === 'stepDone' ? run : undefined}
              pending={pending}
            />
          )}
          {view.phase !== 'lobby' && <KnownValues view={view} />}
        </div>
        <div className="grid min-w-0 content-start gap-4">
          <SharePanel code={code} as={as} highlight={justCreated} />
          <RosterTable view={view} run={run} busy={pending !== null || live.state !== 'live'} />
          {view.phase !== 'finished' && <Leaderboard view={view} />}
        </div>
      </div>
    </div>
  );
}
