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
  type InstructorView,
  type WireError,
} from '@backprop/contract';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { instructorCredentials } from '../live/credentials.ts';
import { type ConnectionState, useLesson } from '../live/use-lesson.ts';
import { actionLabel, Controls } from './controls.tsx';
import { DisplayPanel } from './display-panel.tsx';
import { useHideTruth } from './hide-truth.ts';
import { LiveAnswers } from './live-answers.tsx';
import { KnownValues, QuestionPanel } from './question-panel.tsx';
import { RosterTable } from './roster-table.tsx';
import { SharePanel } from './share-panel.tsx';
import { type ShortcutAction, useConsoleShortcuts } from './shortcuts.ts';
import { FinalStandings, Leaderboard } from './standings.tsx';
import { TrainingAnnouncer } from './training-announcer.tsx';
import { TrainingPanel } from './training-panel.tsx';

/**
 * Commands that move the lesson: sent with the instructorVersion the screen showed ([C5]), so a
 * second press (or a co-host's) is refused as stale instead of applied twice; afterwards the
 * focus goes to the next action.
 */
const FLOW: ReadonlySet<InstructorCommandType> = new Set<InstructorCommandType>([
  'start',
  'open',
  'lock',
  'reveal',
  'next',
  'skip',
  'pause',
  'resume',
  'fastForward',
  'extendTimer',
  'end',
]);

const DONE_TEXT: Partial<Record<InstructorCommandType, string>> = {
  start: 'Start',
  open: 'Open',
  lock: 'Lock',
  reveal: 'Reveal',
  next: 'Next',
  skip: 'Skip',
  pause: 'Pause',
  resume: 'Resume',
  fastForward: 'Fast-forward',
  extendTimer: 'More time',
  end: 'End',
};

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
  const [sent, setSent] = useState<{ type: InstructorCommandType; at: number } | null>(null);
  const [refused, setRefused] = useState<WireError | null>(null);
  /** A command another screen (or a second press) had already done: not an error. */
  const [already, setAlready] = useState<InstructorCommandType | null>(null);
  const [hideTruth, setHideTruth] = useHideTruth();
  const primaryRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef(false);
  const { command } = live;
  const view = live.view?.kind === 'instructor' ? live.view : null;
  const viewRef = useRef<InstructorView | null>(view);
  viewRef.current = view;
  // Waiting for an acknowledgement only while the screen still shows the state the command was
  // sent from: once the new view is here, its next action can be pressed.
  const pending = sent && view && view.instructorVersion === sent.at ? sent.type : null;

  const run = useCallback(
    async (cmd: InstructorCommand) => {
      const flow = FLOW.has(cmd.type);
      const at = viewRef.current?.instructorVersion ?? -1;
      const mine = { type: cmd.type, at };
      setSent(mine);
      const ack = await command(cmd, flow ? at : undefined);
      setSent((current) => (current === mine ? null : current));
      const stale = !ack.ok && ack.error.code === ERROR_CODES.STALE_VERSION;
      setRefused(ack.ok || stale ? null : ack.error);
      setAlready(stale ? cmd.type : null);
      // hideSnapshot too: its button leaves the bar with the snapshot.
      if (flow || cmd.type === 'hideSnapshot') focusNext.current = true;
    },
    [command],
  );

  // After a command the focus is on the next action: presenter remotes and keyboards go on.
  useEffect(() => {
    if (pending === null && focusNext.current && primaryRef.current) {
      focusNext.current = false;
      primaryRef.current.focus({ preventScroll: true });
    }
  });

  const shortcut = useCallback(
    (action: ShortcutAction) => {
      const v = viewRef.current;
      if (!v || pending !== null) return;
      const allowed = new Set(v.allowed);
      const send = (type: InstructorCommandType) => {
        if (allowed.has(type)) void run({ type } as InstructorCommand);
      };
      switch (action) {
        case 'next':
          if (v.nextAction) send(v.nextAction);
          break;
        case 'pause':
          send(v.paused ? 'resume' : 'pause');
          break;
        case 'skip':
          send('skip');
          break;
        case 'lock':
          send('lock');
          break;
        case 'extend':
          send('extendTimer');
          break;
        case 'back':
          send('hideSnapshot');
          break;
        case 'hideTruth':
          setHideTruth(!hideTruth);
          break;
      }
    },
    [pending, run, hideTruth, setHideTruth],
  );
  useConsoleShortcuts(shortcut, view !== null && view.phase !== 'finished');

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
      <div className="grid gap-4" data-console>
        {title}
        <p className="text-slate-700">Waiting for the lesson…</p>
      </div>
    );
  }

  const busy = pending !== null || live.state !== 'live';
  return (
    <div className="grid gap-4" data-console>
      {title}
      {view.phase !== 'finished' && (
        <Controls
          view={view}
          run={run}
          pending={pending}
          primaryRef={primaryRef}
          hideTruth={hideTruth}
          onHideTruth={setHideTruth}
        />
      )}
      {live.state === 'reconnecting' && (
        <p className="rounded-lg border border-orange-700 bg-orange-50 p-3 font-medium text-orange-900">
          <span aria-hidden="true">⟳ </span>Connection lost: reconnecting… The lesson keeps its
          state on the server; controls work again once connected.
        </p>
      )}
      {justCreated && view.phase === 'lobby' && (
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
      {already && (
        <p
          role="status"
          data-testid="command-already-done"
          className="rounded-lg border border-slate-400 bg-slate-50 p-3 font-medium text-slate-900"
        >
          <span aria-hidden="true">✓ </span>
          Already done: &ldquo;{DONE_TEXT[already] ?? already}&rdquo; was done on another screen (or
          by a second press) before this one arrived. Nothing was done twice.
          {view.nextAction && <> Next: {actionLabel(view, view.nextAction)}.</>}
        </p>
      )}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid min-w-0 content-start gap-4">
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
          {view.phase === 'question' && <QuestionPanel view={view} hideTruth={hideTruth} />}
          {view.phase === 'question' && (
            <LiveAnswers view={view} run={run} busy={busy} hideTruth={hideTruth} />
          )}
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
          <SharePanel code={code} as={as} highlight={justCreated && view.phase === 'lobby'} />
          {view.phase !== 'finished' && <DisplayPanel view={view} run={run} busy={busy} />}
          <RosterTable view={view} run={run} busy={busy} />
          {view.phase !== 'finished' && <Leaderboard view={view} />}
        </div>
      </div>
      <TrainingAnnouncer frames={live.frames} />
    </div>
  );
}
