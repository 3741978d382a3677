'use client';
/**
 * The big screen's display options, set here and applied live on every projector of the lesson
 * (a `display` command: lesson state the server sends to staff screens, never to students).
 */
import {
  type DisplayPatch,
  type InstructorCommand,
  type InstructorView,
  LEADERBOARD_LENGTH,
} from '@backprop/contract';
import { useId, useState } from 'react';

const lengths = Array.from(
  { length: LEADERBOARD_LENGTH.max - LEADERBOARD_LENGTH.min + 1 },
  (_, i) => LEADERBOARD_LENGTH.min + i,
);

export function DisplayPanel({
  view,
  run,
  busy,
}: {
  view: InstructorView;
  run: (command: InstructorCommand) => Promise<void>;
  busy: boolean;
}) {
  const lengthId = useId();
  // What the teacher just chose shows at once, until the command is answered: by then the
  // lesson's view carries it (or, refused, the box shows the lesson's state again). Without it
  // the box flicked back for a moment after each click.
  const [pending, setPending] = useState<DisplayPatch>({});
  const display = { ...view.display, ...pending };
  const disabled = busy || !view.allowed.includes('display');
  const set = (options: DisplayPatch) => {
    setPending((before) => ({ ...before, ...options }));
    void run({ type: 'display', options }).finally(() =>
      setPending((before) => {
        const after = { ...before };
        for (const key of Object.keys(options)) delete after[key as keyof DisplayPatch];
        return after;
      }),
    );
  };
  const toggle = (
    key: 'hideLeaderboard' | 'anonymise' | 'sounds',
    label: string,
    testId: string,
  ) => (
    <label className="flex cursor-pointer items-center gap-2">
      <input
        type="checkbox"
        className="size-5 accent-indigo-700"
        checked={display[key]}
        disabled={disabled}
        onChange={(e) => set({ [key]: e.target.checked })}
        data-testid={testId}
      />
      {label}
    </label>
  );
  return (
    <section
      aria-labelledby="display-title"
      className="rounded-xl border border-slate-300 bg-white p-4"
      data-testid="display-options"
    >
      <h2 id="display-title" className="text-lg font-semibold">
        Big screen
      </h2>
      <p className="text-xs text-slate-600">Applied live on every projector of this lesson.</p>
      <fieldset className="mt-2 grid gap-2 text-sm">
        <legend className="sr-only">Projector display options</legend>
        {toggle('hideLeaderboard', 'Hide the leaderboard', 'display-hide-leaderboard')}
        {toggle('anonymise', 'Anonymise names (Player 1, 2, …)', 'display-anonymise')}
        {toggle('sounds', 'Sounds (timer, reveal)', 'display-sounds')}
        <div className="flex items-center gap-2">
          <label htmlFor={lengthId}>Leaderboard shows the top</label>
          <select
            id={lengthId}
            className="rounded-md border border-slate-400 bg-white px-2 py-1"
            value={display.leaderboardLength}
            disabled={disabled}
            onChange={(e) => set({ leaderboardLength: Number(e.target.value) })}
            data-testid="display-leaderboard-length"
          >
            {lengths.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    </section>
  );
}
