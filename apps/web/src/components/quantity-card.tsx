import type { GivenName, QuantityName, Value } from '@backprop/mlp-core';
import type { ReactNode } from 'react';
import { MatrixTable } from './matrix-table.tsx';
import { Tex } from './tex.tsx';

interface QuantityCardProps {
  name: GivenName | QuantityName;
  kind: 'given' | 'quantity';
  /** LaTeX of the symbol, e.g. \frac{dLoss}{dh_2}. */
  symbol: string;
  /** LaTeX of the definition; absent for givens. */
  formula?: string;
  /** A sentence for givens (where the value comes from). */
  note?: string;
  /** Remarks on how the deck's slides show this quantity (what they say, what is right, why). */
  remark?: ReactNode;
  value: Value;
  inputs?: readonly string[];
}

export function anchorId(name: string): string {
  return `q-${name}`;
}

function shapeText(value: Value): string {
  if (typeof value === 'number') return 'scalar';
  return `${value.length} × ${value[0]?.length ?? 0}`;
}

/** `symbol = formula`; mlp-core's formulas may already start with their symbol. */
function equation(symbol: string, formula: string | undefined): string {
  if (formula === undefined) return symbol;
  const compact = (tex: string) => tex.replace(/\s+/g, '');
  return compact(formula).startsWith(`${compact(symbol)}=`) ? formula : `${symbol} = ${formula}`;
}

/** One brick of the step: its deck name, symbol = formula, value, and the bricks it plugs into. */
export function QuantityCard({
  name,
  kind,
  symbol,
  formula,
  note,
  remark,
  value,
  inputs,
}: QuantityCardProps) {
  const headingId = `${anchorId(name)}-heading`;
  const dataAttrs = kind === 'given' ? { 'data-given': name } : { 'data-quantity': name };
  return (
    <article
      id={anchorId(name)}
      aria-labelledby={headingId}
      className="relative min-w-0 scroll-mt-4 rounded-lg border border-slate-300 bg-white p-4 shadow-sm"
      {...dataAttrs}
    >
      <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 id={headingId} className="font-mono text-base font-semibold text-slate-900">
          {name}
        </h3>
        <span className="text-xs text-slate-600">
          <span className="sr-only">shape </span>
          {shapeText(value)}
        </span>
      </header>
      <div className="formula-scroll my-2 overflow-x-auto text-slate-900">
        <Tex display tex={equation(symbol, formula)} />
      </div>
      {note !== undefined && <p className="mb-2 text-sm text-slate-700">{note}</p>}
      <MatrixTable name={name} value={value} />
      {remark !== undefined && (
        <div className="mt-3 rounded-md border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-sm text-slate-900">
          <strong>On the slide: </strong>
          {remark}
        </div>
      )}
      {inputs !== undefined && inputs.length > 0 && (
        <p className="mt-3 text-sm text-slate-700">
          <span>from </span>
          {inputs.map((input, k) => (
            <span key={input}>
              {k > 0 && ', '}
              <a
                href={`#${anchorId(input)}`}
                className="font-mono text-indigo-800 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-800"
              >
                {input}
              </a>
            </span>
          ))}
        </p>
      )}
    </article>
  );
}
