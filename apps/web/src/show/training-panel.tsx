'use client';
import {
  NO_BIAS_STALL_REASON,
  type ProjectorView,
  type TrainingFrame,
  trainingStepsText,
} from '@backprop/contract';
import type { ReactNode } from 'react';
import { DecisionBoundary } from './decision-boundary.tsx';
import { LineChart } from './line-chart.tsx';
import { NEGATIVE, POSITIVE } from './palette.ts';

interface TrainingPanelProps {
  view: ProjectorView;
  frames: readonly TrainingFrame[];
  /** The leaderboard, unless the screen hides it: a third column on wide screens. */
  board: ReactNode;
}

/** Why a bias-free network stalls, in one sentence, and what comes next. */
function StallReason({ accuracy }: { accuracy: number }) {
  return (
    <div
      className="rounded-2xl border-4 border-amber-600 bg-amber-50 px-4 py-3"
      data-testid="stall-reason"
    >
      <p className="text-2xl font-bold text-slate-950">
        Stuck at {Math.round(accuracy * 100)}%: no biases
      </p>
      <p className="mt-1 text-lg leading-snug text-slate-900">{NO_BIAS_STALL_REASON}</p>
      <p className="mt-2 text-xl font-semibold text-slate-950">Next: add biases and train again.</p>
    </div>
  );
}

/**
 * Fast-forward: the loss and the accuracy over all the points and the decision boundary, redrawn
 * as frames arrive. When a bias-free network stalls, the reason in one sentence and what comes
 * next; the step count is the shown frame's, as in the header.
 */
export function TrainingPanel({ view, frames, board }: TrainingPanelProps) {
  const frame = frames.at(-1);
  if (!frame) return null;
  const done = frame.last;
  const stalled = done && view.training.stalled;
  const points = `all ${view.network.n.toLocaleString('en')} points`;
  return (
    <section aria-labelledby="training-title" data-testid="training" data-done={done}>
      <h2 id="training-title" className="flex flex-wrap items-baseline gap-x-4 text-3xl font-bold">
        <span>{done ? 'Fast-forward done' : 'Fast-forwarding…'}</span>
        <span
          className="text-2xl font-semibold text-slate-700 tabular-nums"
          data-testid="training-step"
          data-step={frame.step}
        >
          after {trainingStepsText(frame.step)}
        </span>
      </h2>
      <div
        className={`mt-3 grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] ${
          board || stalled ? '2xl:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_minmax(0,1fr)]' : ''
        }`}
      >
        <div className="grid content-start gap-4">
          {/* Below 2xl there is no third column: the reason takes the loss chart's place. */}
          {stalled && (
            <div className="2xl:hidden">
              <StallReason accuracy={frame.accuracy} />
            </div>
          )}
          <LineChart
            title="Accuracy"
            subtitle={points}
            testId="accuracy-chart"
            points={frames.map((f) => ({ x: f.step, y: f.accuracy }))}
            yDomain={[0, 1]}
            formatY={(y) => `${Math.round(y * 100)}%`}
            color={POSITIVE}
          />
          <div className={stalled ? 'hidden 2xl:block' : undefined}>
            <LineChart
              title="Loss"
              subtitle={points}
              testId="loss-chart"
              points={frames.map((f) => ({ x: f.step, y: f.loss }))}
              formatY={(y) => y.toFixed(3)}
              color={NEGATIVE}
            />
          </div>
        </div>
        {/* Square, and no taller than the screen leaves below the headers: no scrolling. */}
        <div className="mx-auto w-full max-w-[min(100%,calc(100vh-340px))]">
          <DecisionBoundary frame={frame} dataSeed={view.network.dataSeed} n={view.network.n} />
        </div>
        {(board || stalled) && (
          <div className="grid min-w-0 content-start gap-4 lg:col-span-2 2xl:col-span-1">
            {stalled && (
              <div className="hidden 2xl:block">
                <StallReason accuracy={frame.accuracy} />
              </div>
            )}
            {board}
          </div>
        )}
      </div>
    </section>
  );
}
