'use client';
/**
 * A snapshot on the big screen: answers the instructor chose to discuss (one student's, or every
 * answer with one named slip), never with a name. Equal answers are shown once with their count.
 * Before the reveal the server leaves out the entries that are right: they read "right" here.
 */
import type { ProjectorView, SnapshotView } from '@backprop/contract';
import { formatNumber } from '../lib/format.ts';

type Entry = number | null;
type Shown = SnapshotView['values'][number];

const SIGN: Record<string, string> = { '1': '+', '-1': '−', '0': '0' };

function cellText(x: Entry, mode: SnapshotView['mode']): string {
  if (x === null) return 'right';
  if (mode === 'sign') return SIGN[String(x)] ?? String(x);
  return formatNumber(x);
}

function ValueGrid({ value, mode }: { value: Shown; mode: SnapshotView['mode'] }) {
  const rows: Entry[][] = Array.isArray(value) ? value : [[value]];
  return (
    <table className="border-separate border-spacing-x-3 border-spacing-y-1 font-mono text-[2.4rem] leading-tight tabular-nums">
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((x, c) => (
              <td
                key={c}
                className={
                  x === null
                    ? 'text-right font-sans text-[1.8rem] font-semibold text-emerald-800'
                    : 'text-right text-slate-950'
                }
                data-snapshot-cell
              >
                {x === null && <span aria-hidden="true">✓ </span>}
                {cellText(x, mode)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Equal answers once, with how many gave them, most common first. */
function grouped(values: readonly Shown[]): { value: Shown; count: number }[] {
  const byKey = new Map<string, { value: Shown; count: number }>();
  for (const value of values) {
    const key = JSON.stringify(value);
    const hit = byKey.get(key);
    if (hit) hit.count += 1;
    else byKey.set(key, { value, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

export function SnapshotPanel({ view, snapshot }: { view: ProjectorView; snapshot: SnapshotView }) {
  const groups = grouped(snapshot.values);
  const total = snapshot.values.length;
  const revealed = view.question?.status === 'revealed';
  const title =
    snapshot.source === 'slip'
      ? `${total} ${total === 1 ? 'answer' : 'answers'} made the same slip`
      : 'One answer from the class';
  return (
    <section
      aria-labelledby="snapshot-title"
      className="grid gap-4 rounded-2xl border-4 border-indigo-800 bg-white p-6"
      data-testid="snapshot"
      data-source={snapshot.source}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
        <h2 id="snapshot-title" className="text-[2.6rem] leading-tight font-bold">
          {title}
        </h2>
        <p className="font-mono text-[2rem] font-semibold text-slate-800">{snapshot.quantity}</p>
      </div>
      {snapshot.misconception && (
        <p className="text-[2rem] text-orange-950" data-testid="snapshot-slip">
          <span className="font-semibold">Slip:</span> {snapshot.misconception.label}
        </p>
      )}
      <ul className="flex flex-wrap gap-5" aria-label="Answers">
        {groups.slice(0, 6).map(({ value, count }, i) => (
          <li
            key={i}
            className="grid gap-2 rounded-xl border-2 border-slate-300 bg-slate-50 px-4 py-3"
            data-testid="snapshot-answer"
          >
            <ValueGrid value={value} mode={snapshot.mode} />
            {count > 1 && (
              <p className="text-[1.6rem] font-semibold text-slate-700">× {count} students</p>
            )}
          </li>
        ))}
      </ul>
      {groups.length > 6 && (
        <p className="text-[1.2rem] text-slate-700">
          and {groups.length - 6} more different answers
        </p>
      )}
      {!revealed && snapshot.values.some((v) => JSON.stringify(v).includes('null')) && (
        <p className="text-[1.2rem] text-slate-700">
          Entries marked <span className="font-semibold text-emerald-800">✓ right</span> are
          correct; their value stays hidden until the reveal.
        </p>
      )}
    </section>
  );
}
