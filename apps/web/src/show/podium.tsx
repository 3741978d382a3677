import type { PlayerStanding } from '@backprop/contract';
import { displayName } from './display-options.ts';
import { Icon } from './icons.tsx';

interface PodiumProps {
  standings: readonly PlayerStanding[];
  order: readonly string[];
  anonymise: boolean;
}

/**
 * Second, first, third, left to right, as on a real podium; heights and place numbers say who won.
 * The blocks rise third, then second, then first (no motion when the viewer asks for less).
 */
const SLOTS = [
  { index: 1, height: 'h-[55%]', tone: 'bg-slate-300 border-slate-600', delay: 400 },
  { index: 0, height: 'h-[75%]', tone: 'bg-amber-200 border-amber-700', delay: 900 },
  { index: 2, height: 'h-[40%]', tone: 'bg-orange-200 border-orange-800', delay: 0 },
] as const;

/** The top three at the end of the lesson. Equal scores share a rank, as the server ranks them. */
export function Podium({ standings, order, anonymise }: PodiumProps) {
  return (
    <section
      aria-labelledby="podium-title"
      data-testid="podium"
      className="flex h-full min-h-0 flex-col rounded-2xl border-2 border-slate-300 bg-white p-[1.2rem]"
    >
      <h2
        id="podium-title"
        className="flex items-center justify-center gap-[0.8rem] text-[2.6rem] font-bold leading-tight"
      >
        <Icon name="trophy" className="size-[2.4rem] text-amber-700" />
        Podium
      </h2>
      {/* Screen readers get the places in order; the visual order puts first in the middle. */}
      <ol className="sr-only">
        {standings.slice(0, 3).map((s) => (
          <li key={s.playerId}>
            Place {s.rank}: {displayName(s.nickname, order, anonymise)}, {s.score} points
          </li>
        ))}
      </ol>
      <div
        className="mt-[1rem] grid min-h-0 flex-1 grid-cols-3 items-end gap-[1.2rem]"
        aria-hidden="true"
      >
        {SLOTS.map(({ index, height, tone, delay }) => {
          const s = standings[index];
          if (!s) return <div key={index} />;
          return (
            <div
              key={index}
              className="flex h-full min-w-0 flex-col items-center justify-end"
              data-testid="podium-place"
            >
              <p
                className="projector-fade w-full break-words text-center text-[2rem] font-bold leading-tight"
                style={{ animationDelay: `${delay + 500}ms` }}
              >
                {displayName(s.nickname, order, anonymise)}
              </p>
              <p
                className="projector-fade font-mono text-[1.6rem] tabular-nums"
                style={{ animationDelay: `${delay + 500}ms` }}
              >
                {s.score}
              </p>
              <div
                className={`projector-rise mt-[0.4rem] flex w-full items-start justify-center rounded-t-xl border-2 pt-[0.8rem] ${height} ${tone}`}
                style={{ animationDelay: `${delay}ms` }}
              >
                <span className="text-[4rem] font-black leading-none">{s.rank}</span>
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
