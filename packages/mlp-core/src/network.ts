/**
 * The network's maths, once: forward, loss, backward and update over preallocated buffers.
 * The step trace reads these buffers; training reuses them, so the step loop allocates nothing.
 *
 * Shapes (rows are observations, N = rows of the batch, H = hidden units):
 *   X, y: N×2   W1: 2×H   b1: 1×H   z1, h1: N×H   W2: H×2   b2: 1×2   z2, h2: N×2
 */
import type { Dataset } from './data.ts';
import { exp } from './exp.ts';
import { RandomState } from './rng.ts';
import type { Activation, NetworkConfig } from './types.ts';

export const INPUTS = 2;
export const OUTPUTS = 2;
export const MAX_HIDDEN = 16;

export interface Params {
  hidden: number;
  W1: Float64Array;
  W2: Float64Array;
  /** Null when the network has no biases (the deck's). */
  b1: Float64Array | null;
  b2: Float64Array | null;
}

/**
 * The deck's initialisation: `np.random.seed(weightSeed)`, then W1 and W2 each
 * `(2*random((fan_in, fan_out)) - 1) / sqrt(fan_in)`; biases start at zero.
 */
export function initParams(config: Pick<NetworkConfig, 'weightSeed' | 'hidden' | 'bias'>): Params {
  const { hidden, bias } = config;
  if (!Number.isInteger(hidden) || hidden < 1 || hidden > MAX_HIDDEN) {
    throw new RangeError(`hidden must be an integer from 1 to ${MAX_HIDDEN}, got ${hidden}`);
  }
  const rs = new RandomState(config.weightSeed);
  const uniformInit = (fanIn: number, fanOut: number) => {
    const w = rs.randomSamples(fanIn * fanOut);
    const scale = Math.sqrt(fanIn);
    for (let i = 0; i < w.length; i++) w[i] = (2 * w[i]! - 1) / scale;
    return w;
  };
  const W1 = uniformInit(INPUTS, hidden);
  const W2 = uniformInit(hidden, OUTPUTS);
  return {
    hidden,
    W1,
    W2,
    b1: bias ? new Float64Array(hidden) : null,
    b2: bias ? new Float64Array(OUTPUTS) : null,
  };
}

export function cloneParams(p: Params): Params {
  return {
    hidden: p.hidden,
    W1: p.W1.slice(),
    W2: p.W2.slice(),
    b1: p.b1?.slice() ?? null,
    b2: p.b2?.slice() ?? null,
  };
}

/** Every intermediate of one step over `rows` observations, named as in the deck. */
export class StepBuffers {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z1: Float64Array;
  readonly h1: Float64Array;
  readonly z2: Float64Array;
  readonly h2: Float64Array;
  loss = 0;
  readonly dLoss_dh2: Float64Array;
  readonly dh2_dz2: Float64Array;
  readonly dLoss_dz2: Float64Array;
  readonly dLoss_dW2: Float64Array;
  readonly dLoss_db2: Float64Array;
  readonly dLoss_dh1: Float64Array;
  readonly dh1_dz1: Float64Array;
  readonly dLoss_dz1: Float64Array;
  readonly dLoss_dW1: Float64Array;
  readonly dLoss_db1: Float64Array;

  constructor(
    readonly rows: number,
    readonly hidden: number,
  ) {
    const f = (size: number) => new Float64Array(size);
    this.x = f(rows * INPUTS);
    this.y = f(rows * OUTPUTS);
    this.z1 = f(rows * hidden);
    this.h1 = f(rows * hidden);
    this.z2 = f(rows * OUTPUTS);
    this.h2 = f(rows * OUTPUTS);
    this.dLoss_dh2 = f(rows * OUTPUTS);
    this.dh2_dz2 = f(rows * OUTPUTS);
    this.dLoss_dz2 = f(rows * OUTPUTS);
    this.dLoss_dW2 = f(hidden * OUTPUTS);
    this.dLoss_db2 = f(OUTPUTS);
    this.dLoss_dh1 = f(rows * hidden);
    this.dh1_dz1 = f(rows * hidden);
    this.dLoss_dz1 = f(rows * hidden);
    this.dLoss_dW1 = f(INPUTS * hidden);
    this.dLoss_db1 = f(hidden);
  }
}

/** Copies `rows` consecutive data rows starting at `offset`, wrapping around the data. */
export function loadBatch(buf: StepBuffers, data: Dataset, offset: number): void {
  for (let r = 0; r < buf.rows; r++) {
    const src = (offset + r) % data.n;
    buf.x[2 * r] = data.x[2 * src]!;
    buf.x[2 * r + 1] = data.x[2 * src + 1]!;
    buf.y[2 * r] = data.y[2 * src]!;
    buf.y[2 * r + 1] = data.y[2 * src + 1]!;
  }
}

function sigmoid(z: number): number {
  return 1 / (1 + exp(-z));
}

const relu = (z: number) => Math.max(z, 0);

/**
 * Each activation as a value/derivative pair; the derivative is taken from the saved activation
 * h, as the deck does: sigmoid h(1-h), tanh 1-h², ReLU [h > 0].
 */
const ACTIVATION_FUNCTIONS: Record<
  Activation,
  { value: (z: number) => number; derivative: (h: number) => number }
> = {
  sigmoid: { value: sigmoid, derivative: (h) => h * (1 - h) },
  tanh: { value: Math.tanh, derivative: (h) => 1 - h * h },
  relu: { value: relu, derivative: (h) => (h > 0 ? 1 : 0) },
};

/** Stands in for absent biases, so the kernels need no branch per entry. */
const NO_BIAS = new Float64Array(MAX_HIDDEN);

/*
 * The kernels below go row by row (one observation at a time) and use that the network has
 * exactly 2 inputs and 2 outputs: this keeps every array read in memory order and makes
 * training faster than numpy's vectorised code. Each line names the deck's quantity it computes.
 */

/** Forward step: z1 = X W1 (+ b1), h1 = act(z1), z2 = h1 W2 (+ b2), h2 = sigmoid(z2). */
export function forward(p: Params, activation: Activation, buf: StepBuffers): void {
  const { W1, W2, hidden: H } = p;
  const b1 = p.b1 ?? NO_BIAS;
  const b2 = p.b2 ?? NO_BIAS;
  const act = ACTIVATION_FUNCTIONS[activation].value;
  const { x, z1, h1, z2, h2 } = buf;
  for (let r = 0; r < buf.rows; r++) {
    const x0 = x[2 * r]!;
    const x1 = x[2 * r + 1]!;
    let s0 = b2[0]!;
    let s1 = b2[1]!;
    for (let j = 0; j < H; j++) {
      const z = x0 * W1[j]! + x1 * W1[H + j]! + b1[j]!; // z1 = X W1 + b1
      const h = act(z); // h1 = act(z1)
      z1[r * H + j] = z;
      h1[r * H + j] = h;
      s0 += h * W2[2 * j]!; // z2 = h1 W2 + b2
      s1 += h * W2[2 * j + 1]!;
    }
    z2[2 * r] = s0;
    z2[2 * r + 1] = s1;
    h2[2 * r] = sigmoid(s0); // h2 = sigmoid(z2)
    h2[2 * r + 1] = sigmoid(s1);
  }
}

function sumOfSquares(w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i]! * w[i]!;
  return s;
}

/** Loss = 1/(2N) Σ (y - h2)² + λ/(2N) Σ W² (weights only, not biases). */
export function computeLoss(p: Params, reg: number, buf: StepBuffers): number {
  let s = 0;
  for (let i = 0; i < buf.h2.length; i++) {
    const e = buf.y[i]! - buf.h2[i]!;
    s += e * e;
  }
  let loss = s / (2 * buf.rows);
  if (reg !== 0) loss += (reg / (2 * buf.rows)) * (sumOfSquares(p.W1) + sumOfSquares(p.W2));
  buf.loss = loss;
  return loss;
}

/** Backward step: every gradient of the loss by the chain rule, in the deck's order. */
export function backward(p: Params, activation: Activation, reg: number, buf: StepBuffers): void {
  const { W1, W2, hidden: H } = p;
  const { rows: N, x, y, h1, h2 } = buf;
  const { dLoss_dh2, dh2_dz2, dLoss_dz2, dLoss_dW2, dLoss_db2 } = buf;
  const { dLoss_dh1, dh1_dz1, dLoss_dz1, dLoss_dW1, dLoss_db1 } = buf;
  dLoss_dW2.fill(0);
  dLoss_db2.fill(0);
  dLoss_dW1.fill(0);
  dLoss_db1.fill(0);
  const derivative = ACTIVATION_FUNCTIONS[activation].derivative;
  for (let r = 0; r < N; r++) {
    for (let k = 0; k < OUTPUTS; k++) {
      const i = 2 * r + k;
      dLoss_dh2[i] = -(y[i]! - h2[i]!) / N; // dLoss/dh2 = -(y - h2)/N
      dh2_dz2[i] = h2[i]! * (1 - h2[i]!); // dh2/dz2 = h2(1 - h2)
      dLoss_dz2[i] = dLoss_dh2[i]! * dh2_dz2[i]!; // dLoss/dz2 = dLoss/dh2 ⊙ dh2/dz2
    }
    const d0 = dLoss_dz2[2 * r]!;
    const d1 = dLoss_dz2[2 * r + 1]!;
    dLoss_db2[0]! += d0; // dLoss/db2 = Σ_rows dLoss/dz2
    dLoss_db2[1]! += d1;
    const x0 = x[2 * r]!;
    const x1 = x[2 * r + 1]!;
    for (let j = 0; j < H; j++) {
      const i = r * H + j;
      const h = h1[i]!;
      dLoss_dW2[2 * j]! += h * d0; // dLoss/dW2 = (dz2/dW2)ᵀ dLoss/dz2, dz2/dW2 = h1
      dLoss_dW2[2 * j + 1]! += h * d1;
      const g = d0 * W2[2 * j]! + d1 * W2[2 * j + 1]!; // dLoss/dh1 = dLoss/dz2 W2ᵀ
      const dh = derivative(h); // dh1/dz1
      const dz = g * dh; // dLoss/dz1 = dLoss/dh1 ⊙ dh1/dz1
      dLoss_dh1[i] = g;
      dh1_dz1[i] = dh;
      dLoss_dz1[i] = dz;
      dLoss_dW1[j]! += x0 * dz; // dLoss/dW1 = (dz1/dW1)ᵀ dLoss/dz1, dz1/dW1 = X
      dLoss_dW1[H + j]! += x1 * dz;
      dLoss_db1[j]! += dz; // dLoss/db1 = Σ_rows dLoss/dz1
    }
  }
  if (reg !== 0) {
    // The L2 term adds λW/N to each weight gradient.
    for (let i = 0; i < W2.length; i++) dLoss_dW2[i]! += (reg / N) * W2[i]!;
    for (let i = 0; i < W1.length; i++) dLoss_dW1[i]! += (reg / N) * W1[i]!;
  }
}

/** Gradient descent in place: W += -α dLoss/dW (and the biases when there are any). */
export function update(p: Params, lr: number, buf: StepBuffers): void {
  descend(p.W2, buf.dLoss_dW2, lr);
  descend(p.W1, buf.dLoss_dW1, lr);
  if (p.b2) descend(p.b2, buf.dLoss_db2, lr);
  if (p.b1) descend(p.b1, buf.dLoss_db1, lr);
}

function descend(w: Float64Array, g: Float64Array, lr: number): void {
  for (let i = 0; i < w.length; i++) w[i]! -= lr * g[i]!;
}

/** Share of rows whose largest output is the labelled class (argmax, first on ties). */
export function accuracyOf(buf: StepBuffers): number {
  let correct = 0;
  for (let r = 0; r < buf.rows; r++) {
    const predicted = buf.h2[2 * r + 1]! > buf.h2[2 * r]! ? 1 : 0;
    const actual = buf.y[2 * r + 1]! > buf.y[2 * r]! ? 1 : 0;
    if (predicted === actual) correct++;
  }
  return correct / buf.rows;
}
