/**
 * The network's maths, once: forward, loss, backward and update over preallocated buffers.
 * The step trace reads these buffers; training reuses them, so the step loop allocates nothing.
 *
 * Shapes (rows are observations, N = rows of the batch, H = hidden units):
 *   X, y: N×2   W1: 2×H   b1: 1×H   z1, h1: N×H   W2: H×2   b2: 1×2   z2, h2: N×2
 */
import type { Dataset } from './data.ts';
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
  return 1 / (1 + Math.exp(-z));
}

/** h = activation(z), elementwise. */
function activate(activation: Activation, z: Float64Array, h: Float64Array): void {
  const n = z.length;
  if (activation === 'sigmoid') for (let i = 0; i < n; i++) h[i] = sigmoid(z[i]!);
  else if (activation === 'tanh') for (let i = 0; i < n; i++) h[i] = Math.tanh(z[i]!);
  else for (let i = 0; i < n; i++) h[i] = Math.max(z[i]!, 0);
}

/** dh/dz from the saved activation, as the deck does: sigmoid h(1-h), tanh 1-h², ReLU [h > 0]. */
function activationDerivative(activation: Activation, h: Float64Array, d: Float64Array): void {
  const n = h.length;
  if (activation === 'sigmoid') for (let i = 0; i < n; i++) d[i] = h[i]! * (1 - h[i]!);
  else if (activation === 'tanh') for (let i = 0; i < n; i++) d[i] = 1 - h[i]! * h[i]!;
  else for (let i = 0; i < n; i++) d[i] = h[i]! > 0 ? 1 : 0;
}

/** out[r, c] = a[r, :] · b[:, c] (+ bias[c]): a is rows×inner, b is inner×cols. */
function affine(
  a: Float64Array,
  b: Float64Array,
  bias: Float64Array | null,
  rows: number,
  inner: number,
  cols: number,
  out: Float64Array,
): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let k = 0; k < inner; k++) s += a[r * inner + k]! * b[k * cols + c]!;
      out[r * cols + c] = bias ? s + bias[c]! : s;
    }
  }
}

/** Forward step: z1 = X W1 (+ b1), h1 = act(z1), z2 = h1 W2 (+ b2), h2 = sigmoid(z2). */
export function forward(p: Params, activation: Activation, buf: StepBuffers): void {
  const { rows } = buf;
  affine(buf.x, p.W1, p.b1, rows, INPUTS, p.hidden, buf.z1);
  activate(activation, buf.z1, buf.h1);
  affine(buf.h1, p.W2, p.b2, rows, p.hidden, OUTPUTS, buf.z2);
  activate('sigmoid', buf.z2, buf.h2);
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

/** dOut[a, b] = Σ_r left[r, a] * right[r, b] (+ reg/N * W[a, b]): leftᵀ right, rows summed. */
function weightGradient(
  left: Float64Array,
  right: Float64Array,
  rows: number,
  leftCols: number,
  rightCols: number,
  regOverN: number,
  W: Float64Array,
  out: Float64Array,
): void {
  for (let a = 0; a < leftCols; a++) {
    for (let b = 0; b < rightCols; b++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += left[r * leftCols + a]! * right[r * rightCols + b]!;
      out[a * rightCols + b] = regOverN !== 0 ? s + regOverN * W[a * rightCols + b]! : s;
    }
  }
}

function columnSums(m: Float64Array, rows: number, cols: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c]! += m[r * cols + c]!;
}

/** Backward step: every gradient of the loss, by the chain rule, in the deck's order. */
export function backward(p: Params, activation: Activation, reg: number, buf: StepBuffers): void {
  const { rows } = buf;
  const H = p.hidden;
  const n2 = rows * OUTPUTS;
  for (let i = 0; i < n2; i++) {
    const h2 = buf.h2[i]!;
    buf.dLoss_dh2[i] = -(buf.y[i]! - h2) / rows;
    buf.dh2_dz2[i] = h2 * (1 - h2);
    buf.dLoss_dz2[i] = buf.dLoss_dh2[i]! * buf.dh2_dz2[i]!;
  }
  const regOverN = reg / rows;
  weightGradient(buf.h1, buf.dLoss_dz2, rows, H, OUTPUTS, regOverN, p.W2, buf.dLoss_dW2);
  columnSums(buf.dLoss_dz2, rows, OUTPUTS, buf.dLoss_db2);
  // dLoss/dh1 = dLoss/dz2 · W2ᵀ
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < H; j++) {
      let s = 0;
      for (let k = 0; k < OUTPUTS; k++)
        s += buf.dLoss_dz2[r * OUTPUTS + k]! * p.W2[j * OUTPUTS + k]!;
      buf.dLoss_dh1[r * H + j] = s;
    }
  }
  activationDerivative(activation, buf.h1, buf.dh1_dz1);
  for (let i = 0; i < rows * H; i++) buf.dLoss_dz1[i] = buf.dLoss_dh1[i]! * buf.dh1_dz1[i]!;
  weightGradient(buf.x, buf.dLoss_dz1, rows, INPUTS, H, regOverN, p.W1, buf.dLoss_dW1);
  columnSums(buf.dLoss_dz1, rows, H, buf.dLoss_db1);
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
