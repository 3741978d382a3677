import type { PlayerStanding } from '@backprop/contract';
import { displayName } from './display-options.ts';

interface LeaderboardProps {
  /** The places shown (the top of the class, as the display options cut it). */
  standings: readonly PlayerStanding[];
  /** How many students are ranked in all; the rest are counted, not named. */
  total?: number;
  /** Join order of the active students, for anonymised names. */
  order: readonly string[];
  anonymise: boolean;
  title?: string;
}

/** The top of the class: rank, name (or "Player N"), score and streak. */
export function Leaderboard({
  standings,
  total = standings.length,
  order,
  anonymise,
  title = 'Leaderboard',
}: LeaderboardProps) {
  const rest = total - standings.length;
  return (
    <section
      aria-labelledby="leaderboard-title"
      className="min-w-0 rounded-2xl border-2 border-slate-300 bg-white p-[1rem]"
      data-testid="leaderboard"
      data-anonymised={anonymise}
    >
      <h2 id="leaderboard-title" className="text-[1.6rem] font-bold leading-tight">
        {title}
      </h2>
      {standings.length === 0 ? (
        <p className="mt-[0.6rem] text-[1.3rem] text-slate-700">No scores yet.</p>
      ) : (
        <ol className="mt-[0.6rem] grid gap-[0.4rem]">
          {standings.map((s) => (
            <li
              key={s.playerId}
              data-testid="leaderboard-row"
              className="grid grid-cols-[2.2rem_minmax(0,1fr)_auto] items-center gap-[0.6rem] rounded-lg bg-slate-50 px-[0.6rem] py-[0.3rem] text-[1.35rem]"
            >
              <span className="text-center text-[1.5rem] font-bold tabular-nums">
                <span className="sr-only">rank </span>
                {s.rank}
              </span>
              <span
                className="min-w-0 break-words font-semibold leading-tight"
                data-testid="leaderboard-name"
              >
                {displayName(s.nickname, order, anonymise)}
              </span>
              <span className="flex items-baseline gap-[0.5rem] tabular-nums">
                {s.streak >= 2 && (
                  <span className="rounded bg-amber-100 px-[0.4rem] text-[1rem] font-semibold text-amber-950">
                    streak {s.streak}
                  </span>
                )}
                <span className="font-mono text-[1.5rem] font-bold">{s.score}</span>
                <span className="sr-only"> points</span>
              </span>
            </li>
          ))}
        </ol>
      )}
      {rest > 0 && (
        <p className="mt-[0.5rem] text-[1.1rem] text-slate-700" data-testid="leaderboard-rest">
          and {rest} more {rest === 1 ? 'student' : 'students'}
        </p>
      )}
    </section>
  );
}
