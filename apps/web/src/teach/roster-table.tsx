'use client';
import type { InstructorView, RosterEntry } from '@backprop/contract';
import { memo } from 'react';
import type { Run } from './controls.tsx';
/** Every student with connection status, score and whether they answered; kick and let back in. */
import { ScrollRegion } from './scroll-region.tsx';

function Connection({ connected, kicked }: { connected: boolean; kicked: boolean }) {
  if (kicked) {
    return (
      <span className="text-rose-900">
        <span aria-hidden="true">⊘ </span>removed
      </span>
    );
  }
  return connected ? (
    <span className="text-blue-900">
      <span aria-hidden="true">● </span>connected
    </span>
  ) : (
    <span className="text-slate-600">
      <span aria-hidden="true">○ </span>offline
    </span>
  );
}

type RowProps = Pick<
  RosterEntry,
  'playerId' | 'nickname' | 'score' | 'connected' | 'kicked' | 'answered'
> & { asking: boolean; finished: boolean; busy: boolean; run: Run };

/**
 * One student's row. Memoised on its fields: every view brings a new roster (2,000 entries at
 * 2,000 students, a few times a second while answers arrive) and most rows have not changed.
 */
const RosterRow = memo(function RosterRow({
  playerId,
  nickname,
  score,
  connected,
  kicked,
  answered,
  asking,
  finished,
  busy,
  run,
}: RowProps) {
  return (
    <tr
      className={`border-b border-slate-100 ${kicked ? 'text-slate-500' : ''}`}
      data-testid="roster-row"
      data-player-id={playerId}
      data-nickname={nickname}
      data-connected={connected}
      data-kicked={kicked}
    >
      <th scope="row" className="max-w-36 truncate py-1.5 pr-2 text-left font-medium">
        {nickname}
      </th>
      <td className="py-1.5 pr-2 whitespace-nowrap" data-testid="roster-status">
        <Connection connected={connected} kicked={kicked} />
      </td>
      <td className="py-1.5 pr-2 text-right font-mono tabular-nums" data-testid="roster-score">
        {score}
      </td>
      {asking && (
        <td className="py-1.5 pr-2 whitespace-nowrap" data-testid="roster-answered">
          {answered ? (
            <>
              <span aria-hidden="true">✓ </span>yes
            </>
          ) : (
            <span className="text-slate-600">
              <span aria-hidden="true">… </span>not yet
            </span>
          )}
        </td>
      )}
      {!finished && (
        <td className="py-1.5 text-right">
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(kicked ? { type: 'readmit', playerId } : { type: 'kick', playerId })
            }
            className="rounded-md border border-slate-400 px-2 py-1 text-xs font-semibold whitespace-nowrap hover:bg-slate-100 disabled:opacity-50"
            data-testid={kicked ? 'readmit' : 'kick'}
          >
            {kicked ? 'Let back in' : 'Kick'}
            <span className="sr-only"> {nickname}</span>
          </button>
        </td>
      )}
    </tr>
  );
});

interface RosterProps {
  view: InstructorView;
  run: Run;
  busy: boolean;
}

export function RosterTable({ view, run, busy }: RosterProps) {
  const asking = view.phase === 'question';
  const finished = view.phase === 'finished';
  return (
    <section
      aria-labelledby="roster-title"
      className="rounded-xl border border-slate-300 bg-white p-4"
    >
      <h2 id="roster-title" className="text-lg font-semibold">
        Students <span className="font-normal text-slate-600">({view.playerCount})</span>
      </h2>
      {view.roster.length === 0 ? (
        <p className="mt-2 text-slate-700" data-testid="roster-empty">
          Nobody has joined yet.
        </p>
      ) : (
        <ScrollRegion label="Students table">
          <table className="w-full text-sm" data-testid="roster">
            <thead>
              <tr className="border-b border-slate-300 text-left text-slate-700">
                <th scope="col" className="py-1 pr-2 font-medium">
                  Name
                </th>
                <th scope="col" className="py-1 pr-2 font-medium">
                  Status
                </th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">
                  Score
                </th>
                {asking && (
                  <th scope="col" className="py-1 pr-2 font-medium">
                    Answered
                  </th>
                )}
                {!finished && (
                  <th scope="col" className="py-1 font-medium">
                    <span className="sr-only">Action</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {view.roster.map((entry) => (
                <RosterRow
                  key={entry.playerId}
                  playerId={entry.playerId}
                  nickname={entry.nickname}
                  score={entry.score}
                  connected={entry.connected}
                  kicked={entry.kicked}
                  answered={entry.answered}
                  asking={asking}
                  finished={finished}
                  busy={busy}
                  run={run}
                />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
