import type { Value } from '@backprop/mlp-core';
import { formatNumber } from '../lib/format.ts';

interface MatrixTableProps {
  /** The quantity's name, for the table's caption. */
  name: string;
  value: Value;
}

/** From this many columns a matrix may not fit a phone, so the card says it scrolls. */
const WIDE_COLS = 4;

const SERIF = 'linear-gradient(#64748b, #64748b)';

/** The short horizontal strokes that turn the first and last columns' borders into brackets. */
function bracketSerifs(i: number, j: number, rows: number, cols: number) {
  const layers: string[] = [];
  for (const [atRow, y] of [
    [i === 0, 'top'],
    [i === rows - 1, 'bottom'],
  ] as const) {
    if (!atRow) continue;
    if (j === 0) layers.push(`${SERIF} left ${y} / 0.4rem 2px no-repeat`);
    if (j === cols - 1) layers.push(`${SERIF} right ${y} / 0.4rem 2px no-repeat`);
  }
  return layers.length > 0 ? { background: layers.join(', ') } : undefined;
}

/**
 * A value as the deck prints it, to 8 decimals: the scalar loss as one number, matrices as a
 * bracketed table with 1-based row and column numbers. Wide matrices scroll inside their card.
 */
export function MatrixTable({ name, value }: MatrixTableProps) {
  if (typeof value === 'number') {
    return (
      <p className="font-mono text-base tabular-nums">
        <span className="sr-only">{name} = </span>
        <span data-cell data-row={0} data-col={0}>
          {formatNumber(value)}
        </span>
      </p>
    );
  }
  const rows = value.length;
  const cols = value[0]?.length ?? 0;
  const table = (
    // biome-ignore lint/a11y/useSemanticElements: a scroll container (role region, named, focusable) as axe recommends; not a document section.
    <div
      className="matrix-scroll relative max-w-full overflow-x-auto rounded-md"
      role="region"
      aria-label={`${name} value, ${rows} by ${cols}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: wide matrices scroll; keyboards must reach them.
      tabIndex={0}
    >
      <table className="border-separate border-spacing-0 font-mono text-sm tabular-nums">
        <caption className="sr-only">
          {name}: {rows} {rows === 1 ? 'row' : 'rows'} by {cols} {cols === 1 ? 'column' : 'columns'}
        </caption>
        <thead>
          <tr>
            <td />
            {Array.from({ length: cols }, (_, j) => (
              <th
                key={j}
                scope="col"
                className="px-2 pb-0.5 text-right text-xs font-normal text-slate-600"
              >
                <span className="sr-only">column </span>
                {j + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {value.map((row, i) => (
            <tr key={i}>
              <th scope="row" className="pr-2 text-right text-xs font-normal text-slate-600">
                <span className="sr-only">row </span>
                {i + 1}
              </th>
              {row.map((v, j) => (
                <td
                  key={j}
                  data-cell
                  data-row={i}
                  data-col={j}
                  className={[
                    'whitespace-nowrap border-slate-500 px-2 py-0.5 text-right',
                    j === 0 ? 'border-l-2' : '',
                    j === cols - 1 ? 'border-r-2' : '',
                    v < 0 ? 'text-rose-800' : 'text-slate-900',
                  ].join(' ')}
                  style={bracketSerifs(i, j, rows, cols)}
                >
                  {formatNumber(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (cols < WIDE_COLS) return table;
  return (
    <>
      {table}
      <p className="mt-1 text-xs text-slate-600" aria-hidden="true">
        {cols} columns: the table scrolls sideways when it does not fit.
      </p>
    </>
  );
}
