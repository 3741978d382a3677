import type { EntryDistribution, ProjectorView, QuestionView } from '@backprop/contract';
import type { Value } from '@backprop/mlp-core';
import { LiveTex } from '../components/live-tex.tsx';
import { FitBox } from './fit-box.tsx';
import { Icon, type IconName } from './icons.tsx';
import { ValueGrid } from './value-grid.tsx';

/** One row of the distribution table: an answer class, named, with its counts per entry. */
interface ClassRow {
  key: string;
  label: string;
  kind: 'correct' | 'misconception' | 'other';
  count: (d: EntryDistribution) => number;
}

const BAR: Record<ClassRow['kind'], string> = {
  correct: 'bg-blue-700',
  misconception: 'bg-orange-600',
  other: 'bg-slate-500',
};

const ICON: Record<ClassRow['kind'], IconName> = {
  correct: 'check',
  misconception: 'alert',
  other: 'question',
};

function entryName(quantity: string, value: Value, row: number, col: number): string {
  return typeof value === 'number' ? quantity : `[${row + 1},${col + 1}]`;
}

/** Right, then only the named slips somebody actually made (most frequent first), then the rest. */
function classRows(view: ProjectorView): ClassRow[] {
  const made = new Map<string, number>();
  for (const d of view.distribution) {
    for (const [id, n] of Object.entries(d.misconceptions)) {
      if (n > 0) made.set(id, (made.get(id) ?? 0) + n);
    }
  }
  const slips = [...made.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  return [
    { key: 'correct', label: 'right', kind: 'correct', count: (d) => d.correct },
    ...slips.map(
      (id): ClassRow => ({
        key: id,
        label: view.misconceptionLabels[id] ?? id,
        kind: 'misconception',
        count: (d) => d.misconceptions[id] ?? 0,
      }),
    ),
    { key: 'other', label: 'other answers', kind: 'other', count: (d) => d.other },
  ];
}

/** The truth's columns decide how large it can be: as large as the card's width allows. */
function truthSize(value: Value): string {
  const cols = typeof value === 'number' ? 1 : (value[0]?.length ?? 1);
  // About 6.6 em per printed column (11 characters) plus the row numbers: never wider than the card.
  const ems = cols * 6.6 + 1;
  return `min(3rem, calc(100cqi / ${ems.toFixed(1)}))`;
}

interface RevealPanelProps {
  view: ProjectorView;
  question: QuestionView;
}

/**
 * The reveal: the true value, as large as the screen allows, and per entry how the class
 * answered: right, each named mistake somebody made, anything else. Counts are printed beside
 * the bars, and each class is named in words.
 */
export function RevealPanel({ view, question }: RevealPanelProps) {
  const truth = question.truth;
  if (truth === null) return null;
  const rows = classRows(view);
  const totals = view.distribution.map(
    (d) => d.correct + d.other + Object.values(d.misconceptions).reduce((a, b) => a + b, 0),
  );
  const nobody = view.distribution.length === 0 || totals.every((t) => t === 0);
  return (
    <div className="flex h-full min-h-0 flex-col gap-[1rem]">
      <section
        aria-labelledby="reveal-title"
        className="shrink-0 rounded-2xl border-[3px] border-amber-700 bg-white px-[1.2rem] py-[0.8rem] [container-type:inline-size]"
        data-testid="reveal"
      >
        <div className="flex flex-wrap items-center gap-x-[1.5rem] gap-y-[0.2rem]">
          <h2 id="reveal-title" className="text-[1.6rem] font-bold leading-tight">
            The true value of <span className="font-mono text-amber-900">{question.quantity}</span>
          </h2>
          <div className="formula-scroll min-w-0 text-[1.5rem] text-slate-800">
            <LiveTex tex={question.formula} />
          </div>
        </div>
        <div className="projector-pop mt-[0.4rem] w-fit" data-testid="truth">
          <ValueGrid
            name={`${question.quantity}, true value`}
            value={truth}
            className="text-slate-950"
            testId="truth-value"
            style={{ fontSize: truthSize(truth) }}
          />
        </div>
      </section>
      <section
        aria-labelledby="distribution-title"
        className="min-h-0 flex-1 rounded-2xl border-2 border-slate-300 bg-white px-[1.2rem] py-[0.8rem]"
      >
        <FitBox testId="distribution-fit" grow={1.5}>
          <h3 id="distribution-title" className="text-[1.4rem] font-bold">
            How the class answered, per entry
          </h3>
          {nobody ? (
            <p
              className="mt-[0.6rem] text-[1.4rem] text-slate-800"
              data-testid="distribution-empty"
            >
              Nobody answered this one.
            </p>
          ) : (
            <Distribution
              view={view}
              question={question}
              truth={truth}
              rows={rows}
              totals={totals}
            />
          )}
        </FitBox>
      </section>
    </div>
  );
}

function Distribution({
  view,
  question,
  truth,
  rows,
  totals,
}: {
  view: ProjectorView;
  question: QuestionView;
  truth: Value;
  rows: ClassRow[];
  totals: number[];
}) {
  // Few classes read larger; many slips get tighter rows, so up to 20 classes still fit at full
  // size on a 1080p screen.
  const dense = rows.length > 10;
  const size = rows.length <= 4 ? 'text-[1.6rem]' : rows.length <= 8 ? 'text-[1.35rem]' : '';
  return (
    <table
      className={`mt-[0.4rem] w-full border-separate border-spacing-x-[0.6rem] ${size || 'text-[1.2rem]'} ${dense ? 'border-spacing-y-[0.15rem]' : 'border-spacing-y-[0.4rem]'}`}
      data-testid="distribution"
    >
      <caption className="sr-only">How the class answered, per entry</caption>
      <thead>
        <tr>
          <td />
          {view.distribution.map((d) => (
            <th
              key={`${d.row}-${d.col}`}
              scope="col"
              className="text-left font-mono text-[1.2rem] font-bold"
            >
              {entryName(question.quantity, truth, d.row, d.col)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.key}
            data-class={row.kind}
            data-slip={row.kind === 'misconception' ? row.key : undefined}
          >
            <th
              scope="row"
              className={`min-w-[17rem] text-left align-middle font-semibold leading-tight ${size ? '' : 'text-[1.1rem]'}`}
            >
              <span className="flex items-center gap-[0.5rem]">
                <span
                  className={`inline-flex size-[1.5rem] shrink-0 items-center justify-center rounded-full text-white ${BAR[row.kind]}`}
                >
                  <Icon name={ICON[row.kind]} className="size-[1rem]" />
                </span>
                {row.label}
              </span>
            </th>
            {view.distribution.map((d, i) => {
              const n = row.count(d);
              const total = totals[i] ?? 0;
              const share = total > 0 ? n / total : 0;
              return (
                <td key={`${d.row}-${d.col}`} className="w-[6.5rem] min-w-[5rem] align-middle">
                  <div className="flex items-center gap-[0.4rem]">
                    <span
                      className="w-[2ch] text-right font-mono font-bold tabular-nums"
                      data-count={n}
                    >
                      {n}
                    </span>
                    <div
                      className="h-[0.9rem] min-w-[2rem] flex-1 overflow-hidden rounded bg-slate-200"
                      aria-hidden="true"
                    >
                      <div
                        className={`projector-grow h-full ${BAR[row.kind]}`}
                        style={{ width: `${share * 100}%` }}
                      />
                    </div>
                  </div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
