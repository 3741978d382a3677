/** The top of the class (view.leaderboard), the student's own row marked in words too. */
import type { PlayerStanding } from '@backprop/contract';
import { formatScore } from '../lib/format.ts';
import { Icon } from './icons.tsx';

interface LeaderboardProps {
  standings: PlayerStanding[];
  me: PlayerStanding;
  title: string;
  testId?: string;
}

export function Leaderboard({ standings, me, title, testId = 'leaderboard' }: LeaderboardProps) {
  if (standings.length === 0) return null;
  const meListed = standings.some((s) => s.playerId === me.playerId);
  const rows = meListed ? standings : [...standings, me];
  return (
    <section
      aria-labelledby={`${testId}-title`}
      data-testid={testId}
      className="grid grid-cols-[minmax(0,1fr)] gap-2"
    >
      <h2 id={`${testId}-title`} className="text-lg font-bold">
        {title}
      </h2>
      <ol className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
        {rows.map((s, i) => {
          const mine = s.playerId === me.playerId;
          return (
            <li
              key={s.playerId}
              data-testid="leaderboard-row"
              data-me={mine || undefined}
              className={[
                'flex items-center gap-3 px-3 py-2',
                mine ? 'bg-indigo-50 font-semibold' : '',
                !meListed && i === rows.length - 1 ? 'border-t-4 border-dotted' : '',
              ].join(' ')}
            >
              <span className="w-8 text-right font-mono tabular-nums text-slate-700">
                <span className="sr-only">rank </span>
                {s.rank}
              </span>
              <span className="min-w-0 flex-1 truncate">
                {s.nickname}
                {mine && <span className="ml-1 text-indigo-800">(you)</span>}
              </span>
              {s.streak > 1 && (
                <span className="text-sm text-slate-700">
                  <Icon name="flame" className="mr-0.5 size-4 align-[-2px]" />
                  <span className="sr-only">streak </span>
                  {s.streak}
                </span>
              )}
              <span className="whitespace-nowrap font-mono tabular-nums">
                {formatScore(s.score)}
                <span className="sr-only"> points</span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
