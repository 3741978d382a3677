import type { PlayerStanding } from '@backprop/contract';
import { displayName } from './display-options.ts';

interface PodiumProps {
  standings: readonly PlayerStanding[];
  order: readonly string[];
  anonymise: boolean;
}

/** Second, first, third, left to right, as on a real podium; heights and place numbers say who won. */
const SLOTS = [
  { index: 1, height: 'h-40', tone: 'bg-slate-300 border-slate-600' },
  { index: 0, height: 'h-56', tone: 'bg-amber-200 border-amber-700' },
  { index: 2, height: 'h-28', tone: 'bg-orange-200 border-orange-800' },
] as const;

/** The top three at the end of the lesson. Equal scores share a rank, as the server ranks them. */
export function Podium({ standings, order, anonymise }: PodiumProps) {
  return (
    <section aria-labelledby="podium-title" data-testid="podium">
      <h2 id="podium-title" className="text-center text-4xl font-bold">
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
      <div className="mt-6 flex items-end justify-center gap-2 sm:gap-6" aria-hidden="true">
        {SLOTS.map(({ index, height, tone }) => {
          const s = standings[index];
          if (!s) return <div key={index} className="w-24 sm:w-56" />;
          return (
            <div
              key={index}
              className="flex w-24 flex-col items-center sm:w-56"
              data-testid="podium-place"
            >
              <p className="w-full truncate text-center text-xl font-bold sm:text-3xl">
                {displayName(s.nickname, order, anonymise)}
              </p>
              <p className="font-mono text-lg tabular-nums sm:text-2xl">{s.score}</p>
              <div
                className={`mt-2 flex w-full items-start justify-center rounded-t-xl border-2 pt-3 ${height} ${tone}`}
              >
                <span className="text-4xl font-black sm:text-6xl">{s.rank}</span>
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
