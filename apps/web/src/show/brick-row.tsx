import type { ProjectorView } from '@backprop/contract';
import { type BrickName, bricksOf } from './bricks.ts';

interface BrickRowProps {
  network: ProjectorView['network'];
  known: ProjectorView['known'];
  asked: BrickName | null;
  inputs: readonly BrickName[];
}

type BrickState = 'asked' | 'input' | 'known' | 'later';

const STYLE: Record<BrickState, string> = {
  asked: 'border-amber-700 bg-amber-100 text-amber-950 ring-4 ring-amber-400',
  input: 'border-sky-800 border-dashed bg-sky-50 text-sky-950',
  known: 'border-slate-400 bg-white text-slate-900',
  later: 'border-slate-300 border-dotted bg-slate-100 text-slate-600',
};

/** Words beside the colour: the state is read, not only seen. */
const TAG: Record<BrickState, string> = {
  asked: 'asked',
  input: 'from',
  known: '',
  later: '',
};

/**
 * The step as a row of LEGO bricks, in the deck's order: the givens, then every quantity. The
 * asked brick and the bricks it plugs into are marked (colour, border and a word); bricks already
 * known are plain, the ones still to come are dotted and dim.
 */
export function BrickRow({ network, known, asked, inputs }: BrickRowProps) {
  const bricks = bricksOf(network);
  return (
    <ol
      className="flex flex-wrap gap-x-2 gap-y-3 pt-2"
      aria-label="The bricks of this step"
      data-testid="brick-row"
    >
      {bricks.map((name) => {
        const state: BrickState =
          name === asked
            ? 'asked'
            : inputs.includes(name)
              ? 'input'
              : name in known
                ? 'known'
                : 'later';
        const tag = TAG[state];
        return (
          <li
            key={name}
            data-brick={name}
            data-state={state}
            className={`relative rounded-md border-2 px-2.5 pt-1.5 pb-1 font-mono text-base font-semibold leading-tight ${STYLE[state]}`}
          >
            {/* The two studs on top make it a brick. */}
            <span aria-hidden="true" className="absolute -top-2 left-2 flex gap-1.5">
              <span className="block h-1.5 w-3 rounded-t-sm border-2 border-b-0 border-inherit bg-inherit" />
              <span className="block h-1.5 w-3 rounded-t-sm border-2 border-b-0 border-inherit bg-inherit" />
            </span>
            {name}
            {tag && (
              <span className="ml-1.5 rounded bg-white/80 px-1 font-sans text-xs font-bold uppercase tracking-wide">
                {tag}
              </span>
            )}
            {state === 'later' && <span className="sr-only"> (not yet known)</span>}
          </li>
        );
      })}
    </ol>
  );
}
