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
import { useRemainingMs } from '../live/countdown.ts';
import { type ConnectionState, useLesson } from '../live/use-lesson.ts';
import { announcement } from './announcer.tsx';
import { BrickRow } from './brick-row.tsx';
import type { BrickName } from './bricks.ts';
import { type DisplayOptions, useDisplayOptions } from './display-options.ts';
import { FitBox } from './fit-box.tsx';
import { Icon } from './icons.tsx';
import { Leaderboard } from './leaderboard.tsx';
import { Lobby } from './lobby.tsx';
import { NetworkDiagram } from './network-diagram.tsx';
import { Podium } from './podium.tsx';
import { AnswerCount, QuestionCard, StateBadge, Timer } from './question-panel.tsx';
import { RevealPanel } from './reveal-panel.tsx';
import { SnapshotPanel } from './snapshot-panel.tsx';
import { useProjectorSounds } from './sounds.ts';
import { TrainingPanel } from './training-panel.tsx';
import { ValueGrid } from './value-grid.tsx';

const PROJECTOR: Credentials = { role: 'projector' };

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
  return `Finished · ${trainingStepsText(trained)}`;
}

/**
 * The big screen of one lesson: what the room sees, from the lobby to the podium. It is a slide,
 * not a page: it fills the screen and never scrolls (show.css scales every rem with the screen;
 * FitBox shrinks what would not fit), with one bar on top for where the lesson is.
 */
export function ProjectorScreen({ code }: { code: string }) {
  const { view: anyView, state, refusal, frames } = useLesson(code, PROJECTOR);
  const view = anyView?.kind === 'projector' ? anyView : null;
  const options = useDisplayOptions(view);
  const remainingMs = useRemainingMs(view?.phase === 'question' ? view.question : null);
  const shownFrames = view ? currentFrames(view, frames) : [];
  const needsGesture = useProjectorSounds(options.sounds, view, remainingMs);
  const message =
    state === 'refused' ? '' : announcement(view, shownFrames, remainingMs, options.anonymise);

  return (
    <div
      data-projector
      data-projector-screen
      data-testid="projector"
      data-phase={view?.phase ?? state}
      className="flex min-h-dvh flex-col gap-[0.9rem] bg-slate-100 p-[1rem] lg:h-dvh lg:min-h-0 lg:overflow-hidden"
    >
      <header className="flex shrink-0 flex-wrap items-center gap-x-[1.5rem] gap-y-[0.5rem]">
        <h1 className="flex flex-wrap items-baseline gap-x-[1rem] text-[1.6rem] font-bold leading-tight">
          <span>
            Lesson <span className="font-mono tracking-wider">{code}</span>
          </span>
          {view && view.phase !== 'lobby' && (
            <span className="text-[1.3rem] font-semibold text-slate-700" data-testid="progress">
              {headerProgress(view, shownFrames)}
            </span>
          )}
        </h1>
        <div className="ml-auto flex flex-wrap items-center gap-[0.8rem]">
          {view && <StateBadge view={view} frames={shownFrames} />}
          {view?.phase === 'question' && view.question && (
            <>
              {remainingMs !== null && (
                <Timer view={view} question={view.question} remainingMs={remainingMs} />
              )}
              <AnswerCount question={view.question} />
            </>
          )}
          {options.sounds && needsGesture && (
            <p className="flex items-center gap-[0.4rem] text-[1rem] text-slate-800">
              <Icon name="sound" className="size-[1.2rem]" />
              Click once to allow sound
            </p>
          )}
          <ConnectionBadge state={state} />
        </div>
      </header>
      {state === 'reconnecting' && (
        <p
          role="status"
          data-testid="reconnecting"
          className="flex shrink-0 items-center gap-[0.6rem] rounded-xl border-2 border-slate-900 bg-yellow-200 px-[1rem] py-[0.5rem] text-[1.3rem] font-semibold text-slate-950"
        >
          <Icon name="reconnect" className="size-[1.4rem]" />
          Reconnecting to the game server… The screen catches up by itself.
        </p>
      )}
      <div
        className={`relative min-h-0 flex-1 ${state === 'reconnecting' ? 'opacity-60' : ''}`}
        data-testid="stage"
      >
        {state === 'refused' ? (
          <Refused code={code} refusal={refusal} />
        ) : !view ? (
          <p className="py-16 text-center text-[2rem] text-slate-700" data-testid="connecting">
            Connecting to lesson {code}…
          </p>
        ) : view.snapshot ? (
          <FitBox testId="snapshot-fit">
            <SnapshotPanel view={view} snapshot={view.snapshot} />
          </FitBox>
        ) : (
          <Stage view={view} frames={shownFrames} options={options} />
        )}
      </div>
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {message}
      </p>
    </div>
  );
}

function Stage({
  view,
  frames,
  options,
}: {
  view: ProjectorView;
  frames: readonly TrainingFrame[];
  options: DisplayOptions;
}) {
  const top = view.leaderboard.slice(0, options.leaderboardLength);
  const board = !options.hideLeaderboard && (
    <Leaderboard
      standings={top}
      total={view.leaderboard.length}
      order={view.nicknames}
      anonymise={options.anonymise}
    />
  );
  switch (view.phase) {
    case 'lobby':
      return <Lobby view={view} anonymise={options.anonymise} />;
    case 'question':
      return view.question?.status === 'revealed' ? (
        <RevealStage view={view} board={board} />
      ) : (
        <QuestionStage view={view} />
      );
    case 'stepDone':
      return frames.length > 0 ? (
        <FitBox testId="training-fit">
          <TrainingPanel view={view} frames={frames} board={board} />
        </FitBox>
      ) : (
        <div className="grid h-full grid-cols-[minmax(0,1fr)] gap-[1rem] lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <StepSummary view={view} />
          {board && <FitBox>{board}</FitBox>}
        </div>
      );
    case 'finished':
      return (
        <div
          className={`grid h-full grid-cols-[minmax(0,1fr)] gap-[1.5rem] ${options.hideLeaderboard ? '' : 'lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]'}`}
        >
          <Podium
            standings={view.leaderboard}
            order={view.nicknames}
            anonymise={options.anonymise}
          />
          {!options.hideLeaderboard && (
            <FitBox>
              <Leaderboard
                title="Final standings"
                standings={top}
                total={view.leaderboard.length}
                order={view.nicknames}
                anonymise={options.anonymise}
              />
            </FitBox>
          )}
        </div>
      );
  }
}

/** A question on screen, before its reveal: the network on the left, the question on the right. */
function QuestionStage({ view }: { view: ProjectorView }) {
  const q = view.question;
  if (!q) return null;
  const asked = q.quantity as BrickName;
  const inputs = q.inputs as readonly BrickName[];
  return (
    <div className="grid h-full grid-cols-[minmax(0,1fr)] grid-rows-[auto_minmax(0,1fr)] gap-[0.9rem]">
      <BrickRow network={view.network} known={view.known} asked={asked} inputs={inputs} />
      <div className="grid min-h-0 grid-cols-[minmax(0,1fr)] gap-[1rem] lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-h-0 rounded-2xl border-2 border-slate-300 bg-white p-[0.8rem]">
          <NetworkDiagram network={view.network} known={view.known} asked={asked} inputs={inputs} />
        </div>
        <div className="min-h-0 rounded-2xl border-2 border-slate-300 bg-white p-[1.2rem]">
          <FitBox testId="question-fit">
            <QuestionCard view={view} question={q} />
          </FitBox>
        </div>
      </div>
    </div>
  );
}

/**
 * The reveal: the true value on top, as large as the width allows (the largest thing on the
 * screen); how the class answered below it; the leaderboard and the network, smaller, beside.
 */
function RevealStage({ view, board }: { view: ProjectorView; board: React.ReactNode }) {
  const q = view.question;
  if (!q) return null;
  const asked = q.quantity as BrickName;
  const inputs = q.inputs as readonly BrickName[];
  return (
    <div className="grid h-full grid-cols-[minmax(0,1fr)] gap-[1rem] lg:grid-cols-[minmax(0,1fr)_clamp(16rem,22vw,26rem)]">
      <div className="min-h-0 min-w-0">
        <RevealPanel view={view} question={q} />
      </div>
      <aside className="flex min-h-0 flex-col gap-[1rem]" aria-label="Standings and network">
        {board && <div className="min-h-0 shrink">{<FitBox>{board}</FitBox>}</div>}
        <div
          className={`min-h-[12rem] rounded-2xl border-2 border-slate-300 bg-white p-[0.6rem] ${board ? 'h-[16rem] shrink-0' : 'flex-1'}`}
        >
          <NetworkDiagram
            network={view.network}
            known={view.known}
            asked={asked}
            inputs={inputs}
            weights={false}
            legend={false}
          />
        </div>
      </aside>
    </div>
  );
}

/** Between quizzed steps (no fast-forward yet): the step's loss and the class's standing. */
function StepSummary({ view }: { view: ProjectorView }) {
  const loss = view.known.loss;
  return (
    <section
      aria-labelledby="step-title"
      className="min-h-0 rounded-2xl border-2 border-slate-300 bg-white p-[1.5rem]"
      data-testid="step-summary"
    >
      <FitBox>
        <h2 id="step-title" className="text-[2.25rem] font-bold leading-tight">
          Step {view.quizStep} done: every brick computed
        </h2>
        <div className="mt-[1rem]">
          <BrickRow network={view.network} known={view.known} asked={null} inputs={[]} />
        </div>
        {loss !== undefined && (
          <div className="mt-[1.5rem]">
            <p className="text-[1.5rem] font-semibold">Loss of this step</p>
            <ValueGrid name="loss" value={loss} className="text-[3.5rem]" />
          </div>
        )}
      </FitBox>
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
      className="inline-flex items-center gap-[0.4rem] text-[0.95rem] text-slate-800"
      data-testid="connection"
      data-state={state}
    >
      <span aria-hidden="true" className={`inline-block size-[0.7rem] rounded-full ${dot}`} />
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
      className="mx-auto mt-[4rem] max-w-[50rem] rounded-2xl border-2 border-rose-800 bg-white p-[2rem]"
      data-testid="refused"
      data-code={refusal?.code}
    >
      <h2 id="refused-title" className="text-[2.25rem] font-bold">
        {unknown
          ? `There is no lesson ${code}`
          : protocol
            ? 'This page is out of date'
            : 'The server refused this screen'}
      </h2>
      <p className="mt-[1rem] text-[1.4rem] text-slate-800">
        {unknown
          ? 'Check the code in the address: it is shown on the instructor console.'
          : protocol
            ? 'The game server was updated: reload the page.'
            : (refusal?.message ?? 'Try reloading the page.')}
      </p>
      <p className="mt-[1.5rem] flex flex-wrap gap-4 text-[1.25rem]">
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
