/** The leaderboard between questions, and the final standings with the podium. */
import type { InstructorView, PlayerStanding } from '@backprop/contract';

function StandingRows({ standings }: { standings: readonly PlayerStanding[] }) {
  return (
    <ol className="mt-2 grid gap-1">
      {standings.map((s) => (
        <li
          key={s.playerId}
          className="flex items-baseline gap-3 rounded-md bg-slate-50 px-2 py-1"
          data-testid="standing"
          data-rank={s.rank}
        >
          <span className="w-8 text-right font-mono font-bold tabular-nums">
            <span className="sr-only">rank </span>
            {s.rank}.
          </span>
          <span className="min-w-0 flex-1 truncate font-medium">{s.nickname}</span>
          <span className="font-mono tabular-nums">{s.score}</span>
          {s.streak > 1 && <span className="text-xs text-orange-900">streak {s.streak}</span>}
        </li>
      ))}
    </ol>
  );
}

export function Leaderboard({ view }: { view: InstructorView }) {
  return (
    <section
      aria-labelledby="leaderboard-title"
      className="rounded-xl border border-slate-300 bg-white p-4"
    >
      <h2 id="leaderboard-title" className="text-lg font-semibold">
        Leaderboard
      </h2>
      <div data-testid="leaderboard">
        {view.leaderboard.length > 0 ? (
          <StandingRows standings={view.leaderboard} />
        ) : (
          <p className="mt-2 text-sm text-slate-700">Shown after each reveal and between steps.</p>
        )}
      </div>
    </section>
  );
}

const PLACES = ['1st', '2nd', '3rd'];

/** Everyone still in the lesson by rank (the leaderboard only holds the top 10). */
export function FinalStandings({ view }: { view: InstructorView }) {
  const standings = view.roster.filter((r) => !r.kicked).sort((a, b) => a.rank - b.rank);
  const podium = standings.filter((s) => s.rank <= 3);
  return (
    <section
      aria-labelledby="final-title"
      className="rounded-xl border border-slate-300 bg-white p-5"
      data-testid="final-standings"
    >
      <h2 id="final-title" className="text-2xl font-bold">
        Final standings
      </h2>
      <p className="mt-1 text-slate-700">
        The lesson is over after {view.step} training {view.step === 1 ? 'step' : 'steps'}. Scores
        are stored.
      </p>
      {podium.length > 0 && (
        <ol className="mt-4 flex flex-wrap gap-3" aria-label="Podium" data-testid="podium">
          {podium.map((s) => (
            <li
              key={s.playerId}
              className="min-w-36 rounded-lg border-2 border-indigo-700 bg-indigo-50 px-4 py-3"
            >
              <p className="text-sm font-semibold text-indigo-900">{PLACES[s.rank - 1]}</p>
              <p className="text-xl font-bold">{s.nickname}</p>
              <p className="font-mono tabular-nums">{s.score} points</p>
            </li>
          ))}
        </ol>
      )}
      {standings.length > 0 ? (
        <StandingRows standings={standings} />
      ) : (
        <p className="mt-2">No student took part.</p>
      )}
    </section>
  );
}
