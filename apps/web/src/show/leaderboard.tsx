import type { PlayerStanding } from '@backprop/contract';
import { displayName } from './display-options.ts';

interface LeaderboardProps {
  standings: readonly PlayerStanding[];
  /** Join order of the active students, for anonymised names. */
  order: readonly string[];
  anonymise: boolean;
  title?: string;
}

/** The top of the class: rank, name (or "Player N"), score and streak. */
export function Leaderboard({
  standings,
  order,
  anonymise,
  title = 'Leaderboard',
}: LeaderboardProps) {
  return (
    <section
      aria-labelledby="leaderboard-title"
      className="min-w-0 rounded-2xl border-2 border-slate-300 bg-white p-5"
      data-testid="leaderboard"
      data-anonymised={anonymise}
    >
      <h2 id="leaderboard-title" className="text-2xl font-bold">
        {title}
      </h2>
      {standings.length === 0 ? (
        <p className="mt-3 text-lg text-slate-700">No scores yet.</p>
      ) : (
        <ol className="mt-3 grid gap-2">
          {standings.map((s) => (
            <li
              key={s.playerId}
              data-testid="leaderboard-row"
              className="grid grid-cols-[3rem_1fr_auto] items-center gap-3 rounded-lg bg-slate-50 px-3 py-2 text-xl"
            >
              <span className="text-center text-2xl font-bold tabular-nums">
                <span className="sr-only">rank </span>
                {s.rank}
              </span>
              <span className="min-w-0 truncate font-semibold" data-testid="leaderboard-name">
                {displayName(s.nickname, order, anonymise)}
              </span>
              <span className="flex items-baseline gap-3 tabular-nums">
                {s.streak >= 2 && (
                  <span className="rounded bg-amber-100 px-2 text-base font-semibold text-amber-950">
                    streak {s.streak}
                  </span>
                )}
                <span className="font-mono text-2xl font-bold">{s.score}</span>
                <span className="sr-only"> points</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
