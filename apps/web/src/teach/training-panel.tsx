'use client';
/**
 * Between steps: the training figures over the whole data, the fast-forward's progress as it
 * streams in, and, when a bias-free network stalls, why and the way out ("Add biases and train
 * again").
 */
import {
  type InstructorCommandType,
  type InstructorView,
  NO_BIAS_STALL_REASON,
  stepDoneLabel,
  type TrainingFrame,
  trainingStepsText,
} from '@backprop/contract';
import type { Run } from './controls.tsx';

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A small line over the frames; the text next to it gives the numbers. */
function Sparkline({
  frames,
  value,
  label,
  color,
  testId,
}: {
  frames: readonly TrainingFrame[];
  value: (f: TrainingFrame) => number;
  label: string;
  color: string;
  testId: string;
}) {
  if (frames.length < 2) return null;
  const ys = frames.map(value);
  const max = Math.max(...ys, 1e-12);
  const points = ys
    .map(
      (y, i) => `${((200 * i) / (ys.length - 1)).toFixed(1)},${(58 - (56 * y) / max).toFixed(1)}`,
    )
    .join(' ');
  return (
    <figure className="m-0" data-testid={testId}>
      <svg
        viewBox="0 0 200 60"
        preserveAspectRatio="none"
        className="h-16 w-full max-w-64 rounded border border-slate-200 bg-slate-50"
        role="img"
        aria-label={label}
      >
        <polyline points={points} fill="none" stroke={color} strokeWidth="2" />
      </svg>
      <figcaption className="text-xs text-slate-600">{label}</figcaption>
    </figure>
  );
}

/** Steps of the fast-forward the frames belong to (first frame: its start, last: its end). */
function runSteps(frames: readonly TrainingFrame[]): number | null {
  const first = frames[0];
  const last = frames.at(-1);
  return first && last?.last ? last.step - first.step : null;
}

export function TrainingPanel({
  view,
  frames,
  run,
  pending,
}: {
  view: InstructorView;
  frames: readonly TrainingFrame[];
  /** Absent at the end of the lesson: the figures only. */
  run?: Run;
  pending?: InstructorCommandType | null;
}) {
  const last = frames.at(-1);
  const { lastLoss, lastAccuracy, stalled, bias } = view.training;
  const again = runSteps(frames) ?? 2000;
  const addBiases = async () => {
    if (!run) return;
    await run({ type: 'addBiases' });
    await run({ type: 'fastForward', steps: again });
  };
  return (
    <section
      aria-labelledby="training-title"
      className="rounded-xl border border-slate-300 bg-white p-4 sm:p-5"
      data-testid="training"
    >
      <h2 id="training-title" className="text-xl font-semibold">
        {view.phase === 'stepDone' ? stepDoneLabel(view.quizStep, view.step) : 'Training'}
      </h2>
      {view.phase === 'stepDone' && stalled && (
        <div
          className="mt-2 rounded-lg border-2 border-amber-600 bg-amber-50 p-4"
          data-testid="stall-reason"
          role="status"
        >
          <p className="font-semibold text-slate-950">
            Stuck at {percent(lastAccuracy ?? 0)}: the network has no biases
          </p>
          <p className="mt-1 text-slate-900">{NO_BIAS_STALL_REASON}</p>
          {run && (
            <button
              type="button"
              onClick={addBiases}
              disabled={pending !== null}
              data-testid="add-biases"
              className="mt-3 rounded-lg bg-indigo-700 px-4 py-2.5 font-semibold text-white hover:bg-indigo-800 disabled:opacity-60"
            >
              Add biases and train again ({again.toLocaleString('en')} steps)
            </button>
          )}
        </div>
      )}
      {view.phase === 'stepDone' && lastAccuracy === null && (
        <p className="mt-1 text-slate-700">
          Quiz the next step, or fast-forward: the network trains on all the points at once and the
          projector draws the loss, the accuracy and the decision boundary.
          {!bias && ' This network has no biases: watch it stall, then ask the class why.'}
        </p>
      )}
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:max-w-md">
        <div>
          <dt className="text-sm text-slate-600">Loss on all the points</dt>
          <dd className="font-mono text-xl tabular-nums" data-testid="training-loss">
            {lastLoss === null ? 'not trained yet' : lastLoss.toFixed(6)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Accuracy on all the points</dt>
          <dd className="font-mono text-xl tabular-nums" data-testid="training-accuracy">
            {lastAccuracy === null ? '—' : percent(lastAccuracy)}
          </dd>
        </div>
      </dl>
      {last && (
        <div className="mt-3" data-testid="training-progress">
          <p aria-live="polite">
            {last.last ? 'Fast-forward done' : 'Training…'}: after {trainingStepsText(last.step)},
            loss {last.loss.toFixed(6)}, accuracy {percent(last.accuracy)}
          </p>
          <div className="mt-2 grid max-w-lg grid-cols-2 gap-3">
            <Sparkline
              frames={frames}
              value={(f) => f.loss}
              label="Loss during the fast-forward"
              color="#c2410c"
              testId="console-loss-line"
            />
            <Sparkline
              frames={frames}
              value={(f) => f.accuracy}
              label="Accuracy during the fast-forward (0–100%)"
              color="#1d4ed8"
              testId="console-accuracy-line"
            />
          </div>
        </div>
      )}
      {view.phase === 'stepDone' && bias && !stalled && lastAccuracy !== null && (
        <p className="mt-3 text-slate-700" data-testid="bias-note">
          The network has biases: fast-forward again to watch it learn.
        </p>
      )}
    </section>
  );
}
