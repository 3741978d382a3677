'use client';
/** Between steps: the training figures, and the fast-forward's progress as it streams in. */
import type { InstructorView, TrainingFrame } from '@backprop/contract';

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Accuracy over the frames (0 to 100%), as a small line; the text next to it gives the numbers. */
function AccuracyLine({ frames }: { frames: readonly TrainingFrame[] }) {
  if (frames.length < 2) return null;
  const points = frames
    .map(
      (f, i) =>
        `${((200 * i) / (frames.length - 1)).toFixed(1)},${(58 - 56 * f.accuracy).toFixed(1)}`,
    )
    .join(' ');
  return (
    <figure className="mt-2">
      <svg
        viewBox="0 0 200 60"
        preserveAspectRatio="none"
        className="h-16 w-64 rounded border border-slate-200 bg-slate-50"
        role="img"
        aria-label={`Accuracy from ${percent(frames[0]?.accuracy ?? 0)} to ${percent(frames.at(-1)?.accuracy ?? 0)}`}
      >
        <line x1="0" x2="200" y1="30" y2="30" stroke="#cbd5e1" strokeDasharray="4 4" />
        <polyline points={points} fill="none" stroke="#1d4ed8" strokeWidth="2" />
      </svg>
      <figcaption className="text-xs text-slate-600">
        Accuracy during the fast-forward (0–100%)
      </figcaption>
    </figure>
  );
}

export function TrainingPanel({
  view,
  frames,
}: {
  view: InstructorView;
  frames: readonly TrainingFrame[];
}) {
  const last = frames.at(-1);
  const { lastLoss, lastAccuracy } = view.training;
  return (
    <section
      aria-labelledby="training-title"
      className="rounded-xl border border-slate-300 bg-white p-4 sm:p-5"
      data-testid="training"
    >
      <h2 id="training-title" className="text-xl font-semibold">
        {view.phase === 'stepDone' ? `Step ${view.step} done` : 'Training'}
      </h2>
      <p className="mt-1 text-slate-700">
        {view.step} training {view.step === 1 ? 'step' : 'steps'} taken
        {view.phase === 'stepDone'
          ? ' so far. Quiz the next step, or fast-forward training to watch the network learn XOR.'
          : '.'}
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:max-w-md">
        <div>
          <dt className="text-sm text-slate-600">Last batch loss</dt>
          <dd className="font-mono text-xl tabular-nums" data-testid="training-loss">
            {lastLoss === null ? 'not trained yet' : lastLoss.toFixed(6)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Accuracy on the data</dt>
          <dd className="font-mono text-xl tabular-nums" data-testid="training-accuracy">
            {lastAccuracy === null ? '—' : percent(lastAccuracy)}
          </dd>
        </div>
      </dl>
      {last && (
        <div className="mt-3" data-testid="training-progress">
          <p>
            {last.last ? 'Fast-forward done' : 'Training…'}: step {last.step}, loss{' '}
            {last.loss.toFixed(6)}, accuracy {percent(last.accuracy)}
          </p>
          <AccuracyLine frames={frames} />
        </div>
      )}
    </section>
  );
}
