import type { EntryDistribution, ProjectorView, QuestionView } from '@backprop/contract';
import type { Value } from '@backprop/mlp-core';
import { MatrixTable } from '../components/matrix-table.tsx';
import { formatNumber } from '../lib/format.ts';

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

const ICON: Record<ClassRow['kind'], string> = {
  correct: '✓',
  misconception: '!',
  other: '?',
};

function entryValue(value: Value, row: number, col: number): number | undefined {
  return typeof value === 'number' ? value : value[row]?.[col];
}

function entryName(quantity: string, value: Value, row: number, col: number): string {
  return typeof value === 'number' ? quantity : `[${row + 1},${col + 1}]`;
}

function classRows(view: ProjectorView): ClassRow[] {
  const seen = new Set<string>();
  for (const d of view.distribution) {
    for (const [id, n] of Object.entries(d.misconceptions)) if (n > 0) seen.add(id);
  }
  return [
    { key: 'correct', label: 'right', kind: 'correct', count: (d) => d.correct },
    ...[...seen].map(
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

interface RevealPanelProps {
  view: ProjectorView;
  question: QuestionView;
}

/**
 * The reveal: the true value, and per entry how the class answered: right, each named mistake,
 * anything else. Counts are printed beside the bars, and each class is named in words.
 */
export function RevealPanel({ view, question }: RevealPanelProps) {
  const truth = question.truth;
  if (truth === null) return null;
  const rows = classRows(view);
  const totals = view.distribution.map(
    (d) => d.correct + d.other + Object.values(d.misconceptions).reduce((a, b) => a + b, 0),
  );
  return (
    <section
      aria-labelledby="reveal-title"
      className="min-w-0 rounded-2xl border-2 border-amber-700 bg-white p-5"
      data-testid="reveal"
    >
      <h2 id="reveal-title" className="text-2xl font-bold">
        The true value of <span className="font-mono">{question.quantity}</span>
      </h2>
      <div className="mt-2" data-testid="truth">
        <MatrixTable name={`${question.quantity}, true value`} value={truth} />
      </div>
      {view.distribution.length === 0 || totals.every((t) => t === 0) ? (
        <p className="mt-4 text-xl text-slate-800" data-testid="distribution-empty">
          Nobody answered this one.
        </p>
      ) : (
        // biome-ignore lint/a11y/useSemanticElements: a named, focusable scroll container for wide matrices, as in matrix-table.
        <div
          className="mt-4 max-w-full overflow-x-auto"
          role="region"
          aria-label="How the class answered, per entry"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: wide tables scroll; keyboards must reach them.
          tabIndex={0}
        >
          <table
            className="border-separate border-spacing-x-3 border-spacing-y-1.5 text-lg"
            data-testid="distribution"
          >
            <caption className="mb-1 text-left text-lg font-semibold text-slate-800">
              How the class answered, per entry
            </caption>
            <thead>
              <tr>
                <td />
                {view.distribution.map((d) => (
                  <th
                    key={`${d.row}-${d.col}`}
                    scope="col"
                    className="text-left font-mono text-base font-semibold"
                  >
                    {entryName(question.quantity, truth, d.row, d.col)}
                    <span className="block text-sm font-normal text-slate-700">
                      true {formatNumber(entryValue(truth, d.row, d.col) ?? Number.NaN)}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-class={row.kind}>
                  <th
                    scope="row"
                    className="max-w-72 text-left align-middle text-base font-semibold"
                  >
                    <span
                      aria-hidden="true"
                      className={`mr-2 inline-flex size-6 items-center justify-center rounded-full text-sm font-bold text-white ${BAR[row.kind]}`}
                    >
                      {ICON[row.kind]}
                    </span>
                    {row.label}
                  </th>
                  {view.distribution.map((d, i) => {
                    const n = row.count(d);
                    const total = totals[i] ?? 0;
                    const share = total > 0 ? n / total : 0;
                    return (
                      <td key={`${d.row}-${d.col}`} className="min-w-36 align-middle">
                        <div className="flex items-center gap-2">
                          <div
                            className="h-5 w-24 shrink-0 overflow-hidden rounded bg-slate-200"
                            aria-hidden="true"
                          >
                            <div
                              className={`h-full ${BAR[row.kind]}`}
                              style={{ width: `${share * 100}%` }}
                            />
                          </div>
                          <span className="font-mono tabular-nums" data-count={n}>
                            {n}
                          </span>
                        </div>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
