'use client';
import {
  type Credentials,
  ERROR_CODES,
  type ProjectorView,
  quizStepLabel,
  stepDoneLabel,
  type TrainingFrame,
  trainingStepsText,
} from '@backprop/contract';
import { MatrixTable } from '../components/matrix-table.tsx';
import { useRemainingMs } from '../live/countdown.ts';
import { type ConnectionState, useLesson } from '../live/use-lesson.ts';
import { announcement } from './announcer.tsx';
import { BrickRow } from './brick-row.tsx';
import type { BrickName } from './bricks.ts';
import { type DisplayOptions, useDisplayOptions } from './display-options.ts';
import { Leaderboard } from './leaderboard.tsx';
import { Lobby } from './lobby.tsx';
import { NetworkDiagram } from './network-diagram.tsx';
import { Podium } from './podium.tsx';
import { QuestionCard, StatusBar } from './question-panel.tsx';
import { RevealPanel } from './reveal-panel.tsx';
import { SnapshotPanel } from './snapshot-panel.tsx';
import { TrainingPanel } from './training-panel.tsx';

const PROJECTOR: Credentials = { role: 'projector' };

const PHASE_TEXT: Record<ProjectorView['phase'], string> = {
  lobby: 'Lobby',
  question: 'Question',
  stepDone: 'Between steps',
  finished: 'Finished',
};

/**
 * Frames of the fast-forward that led to this step, not of an older one: a frame's step counts
 * the steps taken to reach its weights, so the last frame of the latest fast-forward is view.step.
 */
function currentFrames(
  view: ProjectorView,
  frames: readonly TrainingFrame[],
): readonly TrainingFrame[] {
  const last = frames.at(-1);
  if (!last) return frames;
  const current = last.last ? last.step === view.step : last.step < view.step;
  return current ? frames : [];
}

/**
 * The header's progress, in the words of every screen (contract `steps.ts`). While a fast-forward
 * streams, the steps are the shown frame's, so the header and the training panel agree.
 */
function headerProgress(view: ProjectorView, frames: readonly TrainingFrame[]): string {
  if (view.phase === 'question') {
    return `${quizStepLabel(view.quizStep, view.step)} · question ${view.questionIndex + 1} of ${view.questionCount}`;
  }
  const trained = frames.at(-1)?.step ?? view.step;
  if (view.phase === 'stepDone') return stepDoneLabel(view.quizStep, trained);
  return `${PHASE_TEXT[view.phase]} · ${trainingStepsText(trained)}`;
}

/** The big screen of one lesson: what the room sees, from the lobby to the podium. */
export function ProjectorScreen({ code }: { code: string }) {
  const { view: anyView, state, refusal, frames } = useLesson(code, PROJECTOR);
  const view = anyView?.kind === 'projector' ? anyView : null;
  const options = useDisplayOptions(view);
  const remainingMs = useRemainingMs(view?.phase === 'question' ? view.question : null);
  const shownFrames = view ? currentFrames(view, frames) : [];
  const message =
    state === 'refused' ? '' : announcement(view, shownFrames, remainingMs, options.anonymise);

  return (
    <div
      data-projector
      data-testid="projector"
      data-phase={view?.phase ?? state}
      className="grid gap-5"
    >
      <header className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3">
        <h1 className="flex flex-wrap items-baseline gap-x-4 text-2xl font-bold">
          <span>
            Lesson <span className="font-mono tracking-wider">{code}</span>
          </span>
          {view && view.phase !== 'lobby' && (
            <span className="text-xl font-semibold text-slate-700" data-testid="progress">
              {headerProgress(view, shownFrames)}
            </span>
          )}
        </h1>
        <div className="flex flex-wrap items-center gap-4">
          <ConnectionBadge state={state} />
        </div>
      </header>
      {state === 'reconnecting' && (
        <p
          role="status"
          data-testid="reconnecting"
          className="rounded-xl border-2 border-slate-900 bg-yellow-200 px-4 py-3 text-xl font-semibold text-slate-950"
        >
          <span aria-hidden="true">⟳ </span>
          Reconnecting to the game server… The screen catches up by itself.
        </p>
      )}
      {state === 'refused' ? (
        <Refused code={code} refusal={refusal} />
      ) : !view ? (
        <p className="py-16 text-center text-2xl text-slate-700" data-testid="connecting">
          Connecting to lesson {code}…
        </p>
      ) : (
        <div className={state === 'reconnecting' ? 'opacity-60' : undefined}>
          {view.snapshot ? (
            <SnapshotPanel view={view} snapshot={view.snapshot} />
          ) : (
            <Stage view={view} frames={shownFrames} remainingMs={remainingMs} options={options} />
          )}
        </div>
      )}
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {message}
      </p>
    </div>
  );
}

function Stage({
  view,
  frames,
  remainingMs,
  options,
}: {
  view: ProjectorView;
  frames: readonly TrainingFrame[];
  remainingMs: number | null;
  options: DisplayOptions;
}) {
  const board = !options.hideLeaderboard && (
    <Leaderboard
      standings={view.leaderboard}
      order={view.nicknames}
      anonymise={options.anonymise}
    />
  );
  switch (view.phase) {
    case 'lobby':
      return <Lobby view={view} anonymise={options.anonymise} />;
    case 'question':
      return <QuestionStage view={view} remainingMs={remainingMs} board={board} />;
    case 'stepDone':
      return frames.length > 0 ? (
        <TrainingPanel view={view} frames={frames} board={board} />
      ) : (
        <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <StepSummary view={view} />
          {board}
        </div>
      );
    case 'finished':
      return (
        <div className="grid gap-8">
          <Podium
            standings={view.leaderboard}
            order={view.nicknames}
            anonymise={options.anonymise}
          />
          {!options.hideLeaderboard && (
            <div className="mx-auto w-full max-w-4xl">
              <Leaderboard
                title="Final standings"
                standings={view.leaderboard}
                order={view.nicknames}
                anonymise={options.anonymise}
              />
            </div>
          )}
        </div>
      );
  }
}

function QuestionStage({
  view,
  remainingMs,
  board,
}: {
  view: ProjectorView;
  remainingMs: number | null;
  board: React.ReactNode;
}) {
  const q = view.question;
  if (!q) return null;
  const asked = q.quantity as BrickName;
  const inputs = q.inputs as readonly BrickName[];
  const revealed = q.status === 'revealed';
  const diagram = (
    <NetworkDiagram network={view.network} known={view.known} asked={asked} inputs={inputs} />
  );
  return (
    <div className="grid gap-5">
      <StatusBar view={view} question={q} remainingMs={remainingMs} />
      <BrickRow network={view.network} known={view.known} asked={asked} inputs={inputs} />
      {revealed ? (
        <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div className="grid min-w-0 gap-5">
            <QuestionCard view={view} question={q} showInputs={false} />
            <RevealPanel view={view} question={q} />
          </div>
          <div className="min-w-0">{board || diagram}</div>
        </div>
      ) : (
        <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,9fr)_minmax(0,11fr)]">
          <div className="min-w-0 rounded-2xl border-2 border-slate-300 bg-white p-4">
            {diagram}
          </div>
          <div className="min-w-0">
            <QuestionCard view={view} question={q} showInputs />
          </div>
        </div>
      )}
    </div>
  );
}

/** Between quizzed steps (no fast-forward yet): the step's loss and the class's standing. */
function StepSummary({ view }: { view: ProjectorView }) {
  const loss = view.known.loss;
  return (
    <section
      aria-labelledby="step-title"
      className="rounded-2xl border-2 border-slate-300 bg-white p-6"
      data-testid="step-summary"
    >
      <h2 id="step-title" className="text-3xl font-bold">
        Step {view.quizStep} done: every brick computed
      </h2>
      <div className="mt-4">
        <BrickRow network={view.network} known={view.known} asked={null} inputs={[]} />
      </div>
      {loss !== undefined && (
        <div className="mt-4 text-xl">
          <p className="font-semibold">Loss of this step</p>
          <MatrixTable name="loss" value={loss} />
        </div>
      )}
    </section>
  );
}

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  refused: 'not connected',
};

function ConnectionBadge({ state }: { state: ConnectionState }) {
  const dot =
    state === 'live' ? 'bg-emerald-600' : state === 'refused' ? 'bg-rose-700' : 'bg-amber-500';
  return (
    <p
      className="inline-flex items-center gap-2 rounded-full border border-slate-400 bg-white px-3 py-1 text-base"
      data-testid="connection"
      data-state={state}
    >
      <span aria-hidden="true" className={`inline-block size-3 rounded-full ${dot}`} />
      {CONNECTION_TEXT[state]}
    </p>
  );
}

function Refused({
  code,
  refusal,
}: {
  code: string;
  refusal: { code: string; message: string } | null;
}) {
  const unknown = refusal?.code === ERROR_CODES.UNKNOWN_LESSON;
  const protocol = refusal?.code === ERROR_CODES.PROTOCOL_MISMATCH;
  return (
    <section
      aria-labelledby="refused-title"
      className="mx-auto max-w-3xl rounded-2xl border-2 border-rose-800 bg-white p-8"
      data-testid="refused"
      data-code={refusal?.code}
    >
      <h2 id="refused-title" className="text-3xl font-bold">
        {unknown
          ? `There is no lesson ${code}`
          : protocol
            ? 'This page is out of date'
            : 'The server refused this screen'}
      </h2>
      <p className="mt-4 text-xl text-slate-800">
        {unknown
          ? 'Check the code in the address: it is shown on the instructor console.'
          : protocol
            ? 'The game server was updated: reload the page.'
            : (refusal?.message ?? 'Try reloading the page.')}
      </p>
      <p className="mt-6 flex flex-wrap gap-4 text-lg">
        {protocol && (
          <button
            type="button"
            onClick={() => window.location.reload()}
            className="rounded-lg bg-indigo-700 px-4 py-2 font-semibold text-white hover:bg-indigo-800"
          >
            Reload
          </button>
        )}
        <a href="/" className="font-medium text-indigo-800 underline">
          Home page
        </a>
      </p>
    </section>
  );
}
