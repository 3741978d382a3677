/**
 * One training step as the deck teaches it: every named quantity, in order, with its value,
 * shape, phase, formula and the bricks it is computed from.
 */
import { resolveConfig } from './config.ts';
import { type Dataset, xorData } from './data.ts';
import { toRows } from './matrix.ts';
import {
  backward,
  cloneParams,
  computeLoss,
  forward,
  initParams,
  loadBatch,
  OUTPUTS,
  type Params,
  StepBuffers,
  update,
} from './network.ts';
import type {
  GivenName,
  Matrix,
  NetworkConfig,
  Phase,
  QuantityName,
  StepTrace,
  TraceEntry,
} from './types.ts';

const frac = (num: string, den: string) => `\\frac{d${num}}{d${den}}`;
/** The deck's dLoss/d(den). */
const L = (den: string) => frac('\\text{Loss}', den);

const ACTIVATION_TEX = {
  sigmoid: { fn: '\\text{sigmoid}(z_1)', derivative: 'h_1(1 - h_1)' },
  tanh: { fn: '\\tanh(z_1)', derivative: '1 - h_1^2' },
  relu: { fn: '\\text{ReLU}(z_1)', derivative: '\\mathbb{1}[z_1 > 0]' },
} as const;

/** What one quantity is: how to read it and how it is defined. */
interface Spec {
  name: QuantityName;
  phase: Phase;
  symbol: string;
  formula: (c: NetworkConfig) => string;
  inputs: (c: NetworkConfig) => (GivenName | QuantityName)[];
  /** Only with biases. */
  biasOnly?: true;
}

const withBias = (c: NetworkConfig, names: (GivenName | QuantityName)[], extra: GivenName) =>
  c.bias ? [...names, extra] : names;
const regTerm = (c: NetworkConfig, w: string) => (c.reg !== 0 ? ` + \\frac{\\lambda}{N} ${w}` : '');
const withReg = (c: NetworkConfig, names: (GivenName | QuantityName)[], w: GivenName) =>
  c.reg !== 0 ? [...names, w] : names;

/** The deck's chain, in the deck's order. */
const SPECS: readonly Spec[] = [
  {
    name: 'z1',
    phase: 'forward',
    symbol: 'z_1',
    formula: (c) => `z_1 = X W_1${c.bias ? ' + b_1' : ''}`,
    inputs: (c) => withBias(c, ['X', 'W1'], 'b1'),
  },
  {
    name: 'h1',
    phase: 'forward',
    symbol: 'h_1',
    formula: (c) => `h_1 = ${ACTIVATION_TEX[c.activation].fn}`,
    inputs: () => ['z1'],
  },
  {
    name: 'z2',
    phase: 'forward',
    symbol: 'z_2',
    formula: (c) => `z_2 = h_1 W_2${c.bias ? ' + b_2' : ''}`,
    inputs: (c) => withBias(c, ['h1', 'W2'], 'b2'),
  },
  {
    name: 'h2',
    phase: 'forward',
    symbol: 'h_2',
    formula: () => 'h_2 = \\text{sigmoid}(z_2)',
    inputs: () => ['z2'],
  },
  {
    name: 'loss',
    phase: 'loss',
    symbol: '\\text{Loss}',
    formula: (c) =>
      `\\text{Loss} = \\frac{1}{2N} \\sum_{i} (y_i - h_{2i})^2${
        c.reg !== 0 ? ' + \\frac{\\lambda}{2N} \\sum_{j} W_j^2' : ''
      }`,
    inputs: (c) => (c.reg !== 0 ? ['y', 'h2', 'W1', 'W2'] : ['y', 'h2']),
  },
  {
    name: 'dLoss_dh2',
    phase: 'backward',
    symbol: L('h_2'),
    formula: () => `${L('h_2')} = -\\frac{1}{N}(y - h_2)`,
    inputs: () => ['y', 'h2'],
  },
  {
    name: 'dh2_dz2',
    phase: 'backward',
    symbol: frac('h_2', 'z_2'),
    formula: () => `${frac('h_2', 'z_2')} = h_2(1 - h_2)`,
    inputs: () => ['h2'],
  },
  {
    name: 'dLoss_dz2',
    phase: 'backward',
    symbol: L('z_2'),
    formula: () => `${L('z_2')} = ${L('h_2')} \\odot ${frac('h_2', 'z_2')}`,
    inputs: () => ['dLoss_dh2', 'dh2_dz2'],
  },
  {
    name: 'dz2_dW2',
    phase: 'backward',
    symbol: frac('z_2', 'W_2'),
    formula: () => `${frac('z_2', 'W_2')} = h_1`,
    inputs: () => ['h1'],
  },
  {
    name: 'dLoss_dW2',
    phase: 'backward',
    symbol: L('W_2'),
    formula: (c) =>
      `${L('W_2')} = \\left(${frac('z_2', 'W_2')}\\right)^T ${L('z_2')}${regTerm(c, 'W_2')}`,
    inputs: (c) => withReg(c, ['dz2_dW2', 'dLoss_dz2'], 'W2'),
  },
  {
    name: 'dLoss_db2',
    phase: 'backward',
    symbol: L('b_2'),
    formula: () => `${L('b_2')} = \\sum_i \\left(${L('z_2')}\\right)_i`,
    inputs: () => ['dLoss_dz2'],
    biasOnly: true,
  },
  {
    name: 'dz2_dh1',
    phase: 'backward',
    symbol: frac('z_2', 'h_1'),
    formula: () => `${frac('z_2', 'h_1')} = W_2`,
    inputs: () => ['W2'],
  },
  {
    name: 'dLoss_dh1',
    phase: 'backward',
    symbol: L('h_1'),
    formula: () => `${L('h_1')} = ${L('z_2')} \\left(${frac('z_2', 'h_1')}\\right)^T`,
    inputs: () => ['dLoss_dz2', 'dz2_dh1'],
  },
  {
    name: 'dh1_dz1',
    phase: 'backward',
    symbol: frac('h_1', 'z_1'),
    formula: (c) => `${frac('h_1', 'z_1')} = ${ACTIVATION_TEX[c.activation].derivative}`,
    inputs: (c) => [c.activation === 'relu' ? 'z1' : 'h1'],
  },
  {
    name: 'dLoss_dz1',
    phase: 'backward',
    symbol: L('z_1'),
    formula: () => `${L('z_1')} = ${L('h_1')} \\odot ${frac('h_1', 'z_1')}`,
    inputs: () => ['dLoss_dh1', 'dh1_dz1'],
  },
  {
    name: 'dz1_dW1',
    phase: 'backward',
    symbol: frac('z_1', 'W_1'),
    formula: () => `${frac('z_1', 'W_1')} = X`,
    inputs: () => ['X'],
  },
  {
    name: 'dLoss_dW1',
    phase: 'backward',
    symbol: L('W_1'),
    formula: (c) =>
      `${L('W_1')} = \\left(${frac('z_1', 'W_1')}\\right)^T ${L('z_1')}${regTerm(c, 'W_1')}`,
    inputs: (c) => withReg(c, ['dz1_dW1', 'dLoss_dz1'], 'W1'),
  },
  {
    name: 'dLoss_db1',
    phase: 'backward',
    symbol: L('b_1'),
    formula: () => `${L('b_1')} = \\sum_i \\left(${L('z_1')}\\right)_i`,
    inputs: () => ['dLoss_dz1'],
    biasOnly: true,
  },
  {
    name: 'W2_new',
    phase: 'update',
    symbol: 'W_2^*',
    formula: () => `W_2^* = W_2 - \\alpha ${L('W_2')}`,
    inputs: () => ['W2', 'dLoss_dW2'],
  },
  {
    name: 'b2_new',
    phase: 'update',
    symbol: 'b_2^*',
    formula: () => `b_2^* = b_2 - \\alpha ${L('b_2')}`,
    inputs: () => ['b2', 'dLoss_db2'],
    biasOnly: true,
  },
  {
    name: 'W1_new',
    phase: 'update',
    symbol: 'W_1^*',
    formula: () => `W_1^* = W_1 - \\alpha ${L('W_1')}`,
    inputs: () => ['W1', 'dLoss_dW1'],
  },
  {
    name: 'b1_new',
    phase: 'update',
    symbol: 'b_1^*',
    formula: () => `b_1^* = b_1 - \\alpha ${L('b_1')}`,
    inputs: () => ['b1', 'dLoss_db1'],
    biasOnly: true,
  },
];

/** The quantities of a step under `config`, in the deck's order (bias ones only with biases). */
export function quantityNames(config: Pick<NetworkConfig, 'bias'>): QuantityName[] {
  return SPECS.filter((s) => config.bias || !s.biasOnly).map((s) => s.name);
}

/**
 * One step on `params` over the batch starting at data row `offset`. `params` is not changed;
 * the updated weights are in the W*_new entries. Without `params`/`data`, they come from the
 * config's seeds, as in the deck.
 */
export function traceStep(
  configInput: Partial<NetworkConfig>,
  offset = 0,
  state?: { params?: Params; data?: Dataset },
): StepTrace {
  const config = resolveConfig(configInput);
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
  }
  const data = state?.data ?? xorData(config.dataSeed, config.n);
  const before = state?.params ?? initParams(config);
  const H = before.hidden;
  const N = config.batch;
  const buf = new StepBuffers(N, H);
  loadBatch(buf, data, offset % data.n);
  forward(before, config.activation, buf);
  computeLoss(before, config.reg, buf);
  backward(before, config.activation, config.reg, buf);
  const after = cloneParams(before);
  update(after, config.lr, buf);

  const m = (a: ArrayLike<number>, rows: number, cols: number) => toRows(a, rows, cols);
  const givens: StepTrace['givens'] = {
    X: m(buf.x, N, 2),
    y: m(buf.y, N, OUTPUTS),
    W1: m(before.W1, 2, H),
    W2: m(before.W2, H, OUTPUTS),
  };
  if (before.b1 && before.b2) {
    givens.b1 = m(before.b1, 1, H);
    givens.b2 = m(before.b2, 1, OUTPUTS);
  }
  const values: Record<QuantityName, Matrix | number | undefined> = {
    z1: m(buf.z1, N, H),
    h1: m(buf.h1, N, H),
    z2: m(buf.z2, N, OUTPUTS),
    h2: m(buf.h2, N, OUTPUTS),
    loss: buf.loss,
    dLoss_dh2: m(buf.dLoss_dh2, N, OUTPUTS),
    dh2_dz2: m(buf.dh2_dz2, N, OUTPUTS),
    dLoss_dz2: m(buf.dLoss_dz2, N, OUTPUTS),
    dz2_dW2: m(buf.h1, N, H),
    dLoss_dW2: m(buf.dLoss_dW2, H, OUTPUTS),
    dLoss_db2: m(buf.dLoss_db2, 1, OUTPUTS),
    dz2_dh1: m(before.W2, H, OUTPUTS),
    dLoss_dh1: m(buf.dLoss_dh1, N, H),
    dh1_dz1: m(buf.dh1_dz1, N, H),
    dLoss_dz1: m(buf.dLoss_dz1, N, H),
    dz1_dW1: m(buf.x, N, 2),
    dLoss_dW1: m(buf.dLoss_dW1, 2, H),
    dLoss_db1: m(buf.dLoss_db1, 1, H),
    W2_new: m(after.W2, H, OUTPUTS),
    b2_new: after.b2 ? m(after.b2, 1, OUTPUTS) : undefined,
    W1_new: m(after.W1, 2, H),
    b1_new: after.b1 ? m(after.b1, 1, H) : undefined,
  };

  const entries: TraceEntry[] = [];
  for (const spec of SPECS) {
    if (spec.biasOnly && !config.bias) continue;
    const value = values[spec.name]!;
    entries.push({
      name: spec.name,
      value,
      shape: typeof value === 'number' ? [] : [value.length, value[0]!.length],
      phase: spec.phase,
      symbol: spec.symbol,
      formula: spec.formula(config),
      inputs: spec.inputs(config),
    });
  }
  return { config, offset, givens, entries };
}

/** All values of a trace by name, givens included: the CLI's and the fixture's shape. */
export function traceValues(trace: StepTrace): Record<string, Matrix | number> {
  const out: Record<string, Matrix | number> = {};
  for (const [name, v] of Object.entries(trace.givens)) if (v) out[name] = v;
  for (const e of trace.entries) out[e.name] = e.value;
  return out;
}

/** The entry named `name`; throws when the trace has none (e.g. a bias quantity without biases). */
export function entryOf(trace: StepTrace, name: QuantityName): TraceEntry {
  const entry = trace.entries.find((e) => e.name === name);
  if (!entry) throw new RangeError(`This step has no quantity ${name}`);
  return entry;
}
