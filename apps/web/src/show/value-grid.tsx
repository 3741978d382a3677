import type { Value } from '@backprop/mlp-core';
import type { CSSProperties } from 'react';
import { formatNumber } from '../lib/format.ts';

const SERIF = 'linear-gradient(#334155, #334155)';

/** The short strokes that turn the outer columns' borders into brackets. */
function serifs(i: number, j: number, rows: number, cols: number) {
  const layers: string[] = [];
  for (const [atRow, y] of [
    [i === 0, 'top'],
    [i === rows - 1, 'bottom'],
  ] as const) {
    if (!atRow) continue;
    if (j === 0) layers.push(`${SERIF} left ${y} / 0.3em 0.08em no-repeat`);
    if (j === cols - 1) layers.push(`${SERIF} right ${y} / 0.3em 0.08em no-repeat`);
  }
  return layers.length > 0 ? { background: layers.join(', ') } : undefined;
}

interface ValueGridProps {
  /** For screen readers: what the value is. */
  name: string;
  value: Value;
  /** Font size and colour of the numbers (the grid's brackets and labels follow it in em). */
  className?: string;
  testId?: string;
  /** E.g. a computed font size. */
  style?: CSSProperties;
}

/**
 * A value as the big screen prints it: the deck's 8 decimals in a bracketed grid sized in em, so
 * the caller picks how large it reads from the back of the room. Negative entries are red and
 * keep their minus sign; row and column numbers name the entries the distribution counts.
 */
export function ValueGrid({
  name,
  value,
  className = 'text-[1.25rem]',
  testId,
  style,
}: ValueGridProps) {
  if (typeof value === 'number') {
    return (
      <p
        className={`font-bold tabular-nums leading-tight ${value < 0 ? 'text-rose-800' : ''} ${className}`}
        data-testid={testId}
        style={style}
      >
        <span className="sr-only">{name} = </span>
        <span data-cell data-row={0} data-col={0}>
          {formatNumber(value)}
        </span>
      </p>
    );
  }
  const rows = value.length;
  const cols = value[0]?.length ?? 0;
  return (
    <table
      className={`border-separate border-spacing-0 font-bold tabular-nums leading-tight ${className}`}
      data-testid={testId}
      style={style}
    >
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
              className="px-[0.3em] text-right text-[0.4em] font-semibold text-slate-600"
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
            <th
              scope="row"
              className="pr-[0.3em] text-right align-middle text-[0.4em] font-semibold text-slate-600"
            >
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
                  'whitespace-nowrap border-slate-700 px-[0.3em] py-[0.05em] text-right',
                  j === 0 ? 'border-l-[0.08em]' : '',
                  j === cols - 1 ? 'border-r-[0.08em]' : '',
                  v < 0 ? 'text-rose-800' : 'text-slate-950',
                ].join(' ')}
                style={serifs(i, j, rows, cols)}
              >
                {formatNumber(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
