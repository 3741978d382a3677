/** The worked example as text an instructor can paste into slides or an exam. */
import type { Matrix, StepTrace, Value } from './types.ts';

const PHASE_TITLES = {
  forward: 'Forward step',
  loss: 'Loss',
  backward: 'Backward step',
  update: 'Update',
} as const;

/** A number as the deck prints it: 8 decimals, trailing zeros dropped. */
export function formatNumber(v: number, decimals = 8): string {
  const s = v.toFixed(decimals).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** A value as LaTeX: a bmatrix for matrices, the number for the loss. */
export function valueToLatex(v: Value): string {
  if (typeof v === 'number') return formatNumber(v);
  const rows = v.map((row) => row.map((x) => formatNumber(x)).join(' & ')).join(' \\\\ ');
  return `\\begin{bmatrix} ${rows} \\end{bmatrix}`;
}

function describeConfig(t: StepTrace): string {
  const c = t.config;
  return (
    `2-${c.hidden}-2 network, ${c.activation} hidden layer, ${c.bias ? 'with' : 'no'} biases; ` +
    `data seed ${c.dataSeed} (${c.n} points), weight seed ${c.weightSeed}; ` +
    `learning rate ${c.lr}, lambda ${c.reg}; batch ${c.batch} from row ${t.offset}.`
  );
}

function givensOf(t: StepTrace): [string, Matrix][] {
  return Object.entries(t.givens).filter((e): e is [string, Matrix] => e[1] !== undefined);
}

const GIVEN_TEX: Record<string, string> = { W1: 'W_1', W2: 'W_2', b1: 'b_1', b2: 'b_2' };

export function traceToMarkdown(t: StepTrace): string {
  const out = ['# One training step, worked through', '', describeConfig(t), '', '## Given', ''];
  for (const [name, v] of givensOf(t))
    out.push(`$$${GIVEN_TEX[name] ?? name} = ${valueToLatex(v)}$$`, '');
  let phase = '';
  for (const e of t.entries) {
    if (e.phase !== phase) {
      phase = e.phase;
      out.push(`## ${PHASE_TITLES[e.phase]}`, '');
    }
    out.push(`### \`${e.name}\``, '', `$$${e.formula} = ${valueToLatex(e.value)}$$`, '');
  }
  return out.join('\n');
}

export function traceToLatex(t: StepTrace): string {
  const out = [`% ${describeConfig(t)}`, '\\begin{align*}'];
  const lines = givensOf(t).map(([name, v]) => `${GIVEN_TEX[name] ?? name} &= ${valueToLatex(v)}`);
  for (const e of t.entries) {
    const [lhs, rhs] = e.formula.split(' = ');
    lines.push(`${lhs} &= ${rhs} = ${valueToLatex(e.value)}`);
  }
  out.push(lines.join(' \\\\\n'), '\\end{align*}');
  return out.join('\n');
}
