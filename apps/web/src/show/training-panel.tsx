'use client';
import type { ProjectorView, TrainingFrame } from '@backprop/contract';
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

/** Fast-forward: the loss and accuracy curves and the decision boundary, redrawn as frames arrive. */
export function TrainingPanel({ view, frames, board }: TrainingPanelProps) {
  const frame = frames.at(-1);
  if (!frame) return null;
  const done = frame.last;
  return (
    <section aria-labelledby="training-title" data-testid="training" data-done={done}>
      <h2 id="training-title" className="flex flex-wrap items-baseline gap-x-4 text-3xl font-bold">
        <span>{done ? 'Fast-forward done' : 'Fast-forwarding…'}</span>
        <span
          className="text-xl font-semibold text-slate-700 tabular-nums"
          data-testid="training-step"
        >
          step {frame.step.toLocaleString('en')}
        </span>
      </h2>
      <div
        className={`mt-4 grid items-start gap-5 ${
          board
            ? 'lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)_minmax(0,0.9fr)]'
            : 'lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]'
        }`}
      >
        <div className="grid content-start gap-5">
          <LineChart
            title="Batch loss"
            testId="loss-chart"
            points={frames.map((f) => ({ x: f.step, y: f.loss }))}
            formatY={(y) => y.toFixed(3)}
            color={NEGATIVE}
          />
          <LineChart
            title="Accuracy"
            testId="accuracy-chart"
            points={frames.map((f) => ({ x: f.step, y: f.accuracy }))}
            yDomain={[0, 1]}
            formatY={(y) => `${Math.round(y * 100)}%`}
            color={POSITIVE}
          />
        </div>
        <div className="mx-auto w-full max-w-[min(100%,62vh)]">
          <DecisionBoundary frame={frame} dataSeed={view.network.dataSeed} n={view.network.n} />
        </div>
        {board && <div className="min-w-0">{board}</div>}
      </div>
    </section>
  );
}
