/**
 * The wrong answers common mistakes produce, computed from a trace's own givens so they hold for
 * any configuration. Each mistake is a slip made at one quantity (its origin); the step is then
 * recomputed from the wrong value, so the mistake also shows up, carried forward, in the
 * quantities a student computes from it; a slip is named only at its origin and one hop on (see
 * misconceptionsFor). Used to name a wrong answer and to draw multiple-choice distractors, under
 * the question's tolerance (tolerance.ts, THE RULE).
 */
import {
  addRow,
  addScaled,
  colsOf,
  columnSums,
  flatten,
  map,
  matmul,
  mul,
  rowsOf,
  sameShape,
  scale,
  sub,
  sumOfSquares,
  transpose,
  zip,
} from './matrix-ops.ts';
import { RandomState } from './rng.ts';
import { judgeFor, largestOf, type Tolerance, updateBaseOf } from './tolerance.ts';
import { entryOf } from './trace.ts';
import type { Activation, Matrix, QuantityName, StepTrace, Value } from './types.ts';

export const MISCONCEPTION_IDS = [
  'BIAS_FORGOTTEN',
  'ACTIVATION_FORGOTTEN',
  'SIGMOID_EXPONENT_SIGN',
  'SIGMOID_ASSUMED',
  'SOFTMAX_FOR_SIGMOID',
  'WRONG_LAYER_WEIGHTS',
  'WRONG_LAYER_INPUT',
  'HALF_FORGOTTEN',
  'HALF_NOT_CANCELLED',
  'MEAN_FORGOTTEN',
  'MEAN_TAKEN_TWICE',
  'REG_FORGOTTEN',
  'ERROR_SIGN_FLIPPED',
  'DERIVATIVE_OF_Z',
  'DERIVATIVE_IS_ACTIVATION',
  'DERIVATIVE_SIGNED_BY_ERROR',
  'DERIVATIVE_FACTOR_FORGOTTEN',
  'UPSTREAM_GRADIENT_FORGOTTEN',
  'WRT_CONFUSED',
  'TRANSPOSE_MISSING',
  'GRADIENT_TRANSPOSED',
  'UPDATE_ADDED',
  'LR_FORGOTTEN',
  'STEP_ONLY',
  'PRODUCT_TERM_MISSING',
  'CROSS_ENTROPY',
  'MEAN_OVER_ENTRIES',
  'REG_NOT_AVERAGED',
  'REG_ONE_LAYER',
  'REG_ON_BIAS',
  'DERIVATIVE_AT_H',
  'TANH_DERIVATIVE_FOR_SIGMOID',
  'DOT_FOR_HADAMARD',
  'ONE_OUTPUT_PATH',
  'BATCH_ROW_ONLY',
  'UPSTREAM_MULTIPLIED_IN',
  'JACOBIAN_LAYOUT',
] as const;
export type MisconceptionId = (typeof MISCONCEPTION_IDS)[number];

/**
 * Each mistake's name without a quantity: a report counts one id over several quantities and
 * steps, where the per-quantity labels of misconceptionsFor do not apply.
 */
export const MISCONCEPTION_NAMES: Readonly<Record<MisconceptionId, string>> = {
  BIAS_FORGOTTEN: 'Bias forgotten',
  ACTIVATION_FORGOTTEN: 'Activation forgotten',
  SIGMOID_EXPONENT_SIGN: 'Sign slip in the sigmoid',
  SIGMOID_ASSUMED: "The deck's sigmoid used for another activation",
  SOFTMAX_FOR_SIGMOID: 'Softmax used in place of the sigmoid',
  WRONG_LAYER_WEIGHTS: "The other layer's weights used",
  WRONG_LAYER_INPUT: "The other layer's input used",
  HALF_FORGOTTEN: 'The 1/2 of the loss forgotten',
  HALF_NOT_CANCELLED: 'The 2 of the square not brought down',
  MEAN_FORGOTTEN: 'The 1/N forgotten',
  MEAN_TAKEN_TWICE: 'Averaged over the batch twice',
  REG_FORGOTTEN: 'Regularisation forgotten',
  ERROR_SIGN_FLIPPED: 'Sign of the error flipped',
  DERIVATIVE_OF_Z: 'Derivative taken of z instead of h',
  DERIVATIVE_IS_ACTIVATION: 'Activation given for its derivative',
  DERIVATIVE_SIGNED_BY_ERROR: 'Sign of the error copied into the derivative',
  DERIVATIVE_FACTOR_FORGOTTEN: 'Local derivative forgotten',
  UPSTREAM_GRADIENT_FORGOTTEN: 'Upstream gradient forgotten',
  WRT_CONFUSED: 'Derivative with respect to the wrong variable',
  TRANSPOSE_MISSING: 'Transpose missing',
  GRADIENT_TRANSPOSED: 'Gradient transposed',
  UPDATE_ADDED: 'Gradient added in the update',
  LR_FORGOTTEN: 'Learning rate forgotten',
  STEP_ONLY: 'Weights forgotten in the update',
  PRODUCT_TERM_MISSING: 'A term of the matrix product left out',
  CROSS_ENTROPY: 'Cross-entropy used in place of squared error',
  MEAN_OVER_ENTRIES: 'Averaged over all N·K entries (np.mean)',
  REG_NOT_AVERAGED: 'Regularisation not divided by N',
  REG_ONE_LAYER: 'Regularisation of one layer only',
  REG_ON_BIAS: 'Regularisation applied to the biases',
  DERIVATIVE_AT_H: 'Derivative formula applied to h instead of z',
  TANH_DERIVATIVE_FOR_SIGMOID: "tanh's derivative used for the sigmoid",
  DOT_FOR_HADAMARD: 'Dot product where ⊙ is meant',
  ONE_OUTPUT_PATH: "Only one output's path followed",
  BATCH_ROW_ONLY: 'Only the first row of the batch used',
  UPSTREAM_MULTIPLIED_IN: 'Upstream gradient multiplied into a local derivative',
  JACOBIAN_LAYOUT: 'Jacobian layout in place of the weights’ layout',
};

export interface Misconception {
  id: MisconceptionId;
  /** The quantity where the slip is made; another one when it is carried forward into this one. */
  origin: QuantityName;
  /** What the student did, in the deck's names. */
  label: string;
  /** What to remember next time. */
  hint: string;
  /** The answer the slip produces for the quantity asked, same shape as the truth. */
  value: Value;
}

/** What a step is computed from, read off a trace. */
interface StepInputs {
  X: Matrix;
  y: Matrix;
  W1: Matrix;
  W2: Matrix;
  b1: Matrix | null;
  b2: Matrix | null;
  /** Rows of the batch. */
  N: number;
  activation: Activation;
  reg: number;
  lr: number;
}

type Computed = Partial<Record<QuantityName, Value>>;

interface Slip {
  id: MisconceptionId;
  origin: QuantityName;
  label: string | ((s: StepInputs) => string);
  hint: string | ((s: StepInputs) => string);
  /**
   * The wrong value at the origin, from the values computed so far and the right one; null when
   * the slip cannot happen in this step (activation, no biases, shapes that do not multiply).
   */
  wrong: (s: StepInputs, v: Computed, right: Value) => Value | null;
  /** The same belief applied to the λ/N·W terms of both weight gradients (e.g. no 1/N at all). */
  regScale?: (s: StepInputs) => number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function activate(activation: Activation, z: Matrix): Matrix {
  if (activation === 'sigmoid') return map(z, sigmoid);
  if (activation === 'tanh') return map(z, Math.tanh);
  return map(z, (x) => Math.max(x, 0));
}

/** From the saved activation, as network.ts does. */
function derivative(activation: Activation, h: Matrix): Matrix {
  if (activation === 'sigmoid') return map(h, (x) => x * (1 - x));
  if (activation === 'tanh') return map(h, (x) => 1 - x * x);
  return map(h, (x) => (x > 0 ? 1 : 0));
}

const DERIVATIVE_TEXT: Record<Activation, string> = {
  sigmoid: 'h1(1 - h1)',
  tanh: '1 - h1²',
  relu: '1 where z1 > 0, else 0',
};

/** Shapes already match whenever this runs: a slip whose shape is wrong stops the recomputation. */
function mm(a: Matrix, b: Matrix): Matrix {
  const p = matmul(a, b);
  if (!p) throw new Error(`internal: cannot multiply ${rowsOf(a)}×${colsOf(a)} by ${rowsOf(b)}`);
  return p;
}

const mat = (v: Computed, name: QuantityName) => v[name] as Matrix;
const withBias = (m: Matrix, b: Matrix | null) => (b ? addRow(m, b) : m);
const descend = (w: Matrix, g: Matrix, lr: number) => addScaled(w, -lr, g);
const softmaxRows = (z: Matrix) =>
  z.map((row) => {
    const top = Math.max(...row);
    const e = row.map((x) => Math.exp(x - top));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / total);
  });
const lossOf = (s: StepInputs, h2: Matrix, dataScale: number, regScale: number) =>
  (dataScale * sumOfSquares(sub(s.y, h2))) / (2 * s.N) +
  (regScale * s.reg * (sumOfSquares(s.W1) + sumOfSquares(s.W2))) / (2 * s.N);

/** Outputs per row (K = 2 for XOR's two one-hot columns). */
const outputsOf = (s: StepInputs) => s.y[0]!.length;
/** Binary cross-entropy averaged over the N rows, plus the same λ term as the real loss. */
const crossEntropyOf = (s: StepInputs, h2: Matrix) => {
  let total = 0;
  s.y.forEach((row, n) => {
    row.forEach((y, k) => {
      const h = h2[n]![k]!;
      total -= y * Math.log(h) + (1 - y) * Math.log(1 - h);
    });
  });
  return total / s.N + lossOf(s, h2, 0, 1);
};
/** a ⊙ b done as a dot product per row, the scalar broadcast over the row (N = 1: a·bᵀ). */
const rowDots = (a: Matrix, b: Matrix) =>
  a.map((row, n) => {
    const d = row.reduce((acc, x, k) => acc + x * b[n]![k]!, 0);
    return row.map(() => d);
  });
/** One output's path only: dLoss_dh1[n, j] = dLoss_dz2[n, k] · W2[j, k]. */
const onePath = (dz2: Matrix, W2: Matrix, k: number) =>
  dz2.map((row) => W2.map((w) => row[k]! * w[k]!));
/** The derivative formula written for z, fed h: σ(h)(1 − σ(h)) or 1 − tanh(h)². */
function derivativeAtH(activation: Activation, h: Matrix): Matrix | null {
  if (activation === 'sigmoid') return map(h, (x) => sigmoid(x) * (1 - sigmoid(x)));
  if (activation === 'tanh') return map(h, (x) => 1 - Math.tanh(x) ** 2);
  return null; // ReLU: h > 0 exactly where z > 0.
}
/** The batch's first row alone, as if N were 1. */
const firstRowOnly = (m: Matrix) => [m[0]!];

/** Each weight's update, with the three ways students get it wrong. */
function updateSlips(origin: QuantityName, w: 'W1' | 'W2' | 'b1' | 'b2'): Slip[] {
  const grad = `dLoss_d${w}` as QuantityName;
  const param = (s: StepInputs) => s[w] as Matrix;
  return [
    {
      id: 'UPDATE_ADDED',
      origin,
      label: `Gradient added: ${origin} = ${w} + α ${grad}`,
      hint: 'Gradient descent steps against the gradient: subtract α times it.',
      wrong: (s, v) => addScaled(param(s), s.lr, mat(v, grad)),
    },
    {
      id: 'LR_FORGOTTEN',
      origin,
      label: `Learning rate forgotten: ${origin} = ${w} - ${grad}`,
      hint: 'Scale the gradient by the learning rate α before subtracting it.',
      wrong: (s, v) => sub(param(s), mat(v, grad)),
    },
    {
      id: 'STEP_ONLY',
      origin,
      label: `${w} forgotten: ${origin} = -α ${grad}`,
      hint: `The step is a change to ${w}: the new value is ${w} minus α times the gradient.`,
      wrong: (s, v) => scale(mat(v, grad), -s.lr),
    },
  ];
}

function meanTwice(origin: QuantityName, compute: (s: StepInputs, v: Computed) => Matrix): Slip {
  return {
    id: 'MEAN_TAKEN_TWICE',
    origin,
    label: `Averaged over the batch again: ${origin} divided by N a second time`,
    hint: 'The 1/N is already inside dLoss_dh2; the batch rows are summed, not averaged, here.',
    wrong: (s, v) => (s.N > 1 ? compute(s, v) : null),
  };
}

/** Every slip, grouped by origin in the deck's order; within an origin, the likeliest first. */
const SLIPS: readonly Slip[] = [
  {
    id: 'BIAS_FORGOTTEN',
    origin: 'z1',
    label: 'b1 forgotten: z1 = X W1',
    hint: 'z1 = X W1 + b1: add the bias row to every row.',
    wrong: (s) => (s.b1 ? mm(s.X, s.W1) : null),
  },
  {
    id: 'PRODUCT_TERM_MISSING',
    origin: 'z1',
    label: "The second input's term left out: z1 = x₁ · (row 1 of W1)",
    hint: 'Each entry of X W1 sums over both inputs: x₁ W1[1, j] + x₂ W1[2, j].',
    wrong: (s) =>
      withBias(
        s.X.map((row) => s.W1[0]!.map((w) => row[0]! * w)),
        s.b1,
      ),
  },
  {
    id: 'WRONG_LAYER_WEIGHTS',
    origin: 'z1',
    label: 'W2 used in place of W1: z1 = X W2',
    hint: 'The first layer multiplies X by its own weights, W1.',
    wrong: (s) => matmul(s.X, s.W2),
  },
  {
    id: 'ACTIVATION_FORGOTTEN',
    origin: 'h1',
    label: 'Activation forgotten: h1 = z1',
    hint: 'h1 is the activation applied to z1, entry by entry.',
    wrong: (_s, v) => mat(v, 'z1'),
  },
  {
    id: 'SIGMOID_EXPONENT_SIGN',
    origin: 'h1',
    label: 'Sign slip in the sigmoid: h1 = 1/(1 + e^{z1})',
    hint: 'sigmoid(z) = 1/(1 + e^{-z}): large z gives values near 1.',
    wrong: (s, v) => (s.activation === 'sigmoid' ? map(mat(v, 'z1'), (z) => sigmoid(-z)) : null),
  },
  {
    id: 'SIGMOID_ASSUMED',
    origin: 'h1',
    label: (s) => `The deck's sigmoid used in place of ${s.activation}: h1 = sigmoid(z1)`,
    hint: (s) => `This network's hidden activation is ${s.activation}, not the deck's sigmoid.`,
    wrong: (s, v) => (s.activation !== 'sigmoid' ? map(mat(v, 'z1'), sigmoid) : null),
  },
  {
    id: 'BIAS_FORGOTTEN',
    origin: 'z2',
    label: 'b2 forgotten: z2 = h1 W2',
    hint: 'z2 = h1 W2 + b2: add the bias row to every row.',
    wrong: (s, v) => (s.b2 ? mm(mat(v, 'h1'), s.W2) : null),
  },
  {
    id: 'WRONG_LAYER_INPUT',
    origin: 'z2',
    label: 'X used in place of h1: z2 = X W2',
    hint: 'The second layer takes the hidden activations h1, not the input X.',
    wrong: (s) => matmul(s.X, s.W2),
  },
  {
    id: 'WRONG_LAYER_WEIGHTS',
    origin: 'z2',
    label: 'W1 used in place of W2: z2 = h1 W1',
    hint: 'The second layer multiplies h1 by its own weights, W2.',
    wrong: (s, v) => matmul(mat(v, 'h1'), s.W1),
  },
  {
    id: 'ACTIVATION_FORGOTTEN',
    origin: 'h2',
    label: 'Sigmoid forgotten: h2 = z2',
    hint: 'h2 = sigmoid(z2): the output is squashed into (0, 1).',
    wrong: (_s, v) => mat(v, 'z2'),
  },
  {
    id: 'SIGMOID_EXPONENT_SIGN',
    origin: 'h2',
    label: 'Sign slip in the sigmoid: h2 = 1/(1 + e^{z2})',
    hint: 'sigmoid(z) = 1/(1 + e^{-z}): large z gives values near 1.',
    wrong: (_s, v) => map(mat(v, 'z2'), (z) => sigmoid(-z)),
  },
  {
    id: 'SOFTMAX_FOR_SIGMOID',
    origin: 'h2',
    label: 'Softmax used in place of the sigmoid: h2 = softmax(z2)',
    hint: 'The deck mentions softmax, but its worked example applies the sigmoid to each output.',
    wrong: (_s, v) => softmaxRows(mat(v, 'z2')),
  },
  {
    id: 'HALF_FORGOTTEN',
    origin: 'loss',
    label: 'The 1/2 forgotten: Loss = 1/N Σ (y - h2)²',
    hint: 'Loss = 1/(2N) Σ (y - h2)²: the 1/2 cancels the 2 of the derivative later.',
    wrong: (_s, _v, right) => 2 * (right as number),
  },
  {
    id: 'MEAN_FORGOTTEN',
    origin: 'loss',
    label: 'The 1/N forgotten: Loss = 1/2 Σ (y - h2)²',
    hint: 'The loss is averaged over the N rows of the batch.',
    wrong: (s, _v, right) => s.N * (right as number),
  },
  {
    id: 'MEAN_OVER_ENTRIES',
    origin: 'loss',
    label: 'Averaged over all N·K entries: Loss = 1/2 · mean((y - h2)²)',
    hint: 'Loss = 1/(2N) Σ (y - h2)²: the sum runs over both outputs, the average over the N rows only.',
    wrong: (s, v) => lossOf(s, mat(v, 'h2'), 1 / outputsOf(s), 1),
  },
  {
    id: 'CROSS_ENTROPY',
    origin: 'loss',
    label: 'Cross-entropy: Loss = -1/N Σ [y log h2 + (1 - y) log(1 - h2)]',
    hint: 'This network is trained on the squared error 1/(2N) Σ (y - h2)², not the cross-entropy.',
    wrong: (s, v) => crossEntropyOf(s, mat(v, 'h2')),
  },
  {
    id: 'REG_NOT_AVERAGED',
    origin: 'loss',
    label: 'Regularisation not divided by N: + λ/2 Σ W²',
    hint: 'The λ term is averaged like the rest: λ/(2N) Σ W².',
    wrong: (s, v) => (s.reg > 0 ? lossOf(s, mat(v, 'h2'), 1, s.N) : null),
  },
  {
    id: 'REG_ONE_LAYER',
    origin: 'loss',
    label: 'Only W2 regularised: + λ/(2N) Σ W2²',
    hint: 'The λ term covers the weights of both layers: λ/(2N) (Σ W1² + Σ W2²).',
    wrong: (s, v) =>
      s.reg > 0 ? lossOf(s, mat(v, 'h2'), 1, 0) + (s.reg * sumOfSquares(s.W2)) / (2 * s.N) : null,
  },
  {
    id: 'REG_FORGOTTEN',
    origin: 'loss',
    label: 'Regularisation forgotten: Loss = 1/(2N) Σ (y - h2)²',
    hint: 'With λ > 0 the loss also has λ/(2N) Σ W².',
    wrong: (s, v) => (s.reg > 0 ? lossOf(s, mat(v, 'h2'), 1, 0) : null),
  },
  {
    id: 'ERROR_SIGN_FLIPPED',
    origin: 'dLoss_dh2',
    label: 'Sign flipped: dLoss_dh2 = (y - h2)/N',
    hint: 'd/dh2 of (y - h2)² is -2(y - h2): the minus sign comes from the inner derivative.',
    wrong: (s, v) => scale(sub(s.y, mat(v, 'h2')), 1 / s.N),
  },
  {
    id: 'MEAN_FORGOTTEN',
    origin: 'dLoss_dh2',
    label: 'The 1/N forgotten: dLoss_dh2 = -(y - h2)',
    hint: "The loss averages over the N rows, so each row's gradient carries 1/N (the deck's -(y - h2) is for N = 1).",
    wrong: (s, v) => scale(sub(s.y, mat(v, 'h2')), -1),
    regScale: (s) => s.N,
  },
  {
    id: 'HALF_FORGOTTEN',
    origin: 'dLoss_dh2',
    label: "The loss's 1/2 forgotten: dLoss_dh2 = -2(y - h2)/N",
    hint: 'Loss = 1/(2N) Σ (y - h2)²: its 1/2 cancels the 2 that comes down from the square.',
    wrong: (s, v) => scale(sub(s.y, mat(v, 'h2')), -2 / s.N),
    regScale: () => 2,
  },
  {
    id: 'HALF_NOT_CANCELLED',
    origin: 'dLoss_dh2',
    label: 'The 2 of the square not brought down: dLoss_dh2 = -(y - h2)/(2N)',
    hint: 'd/dh2 of (y - h2)² is -2(y - h2); with the 1/(2N) in front that leaves -(y - h2)/N.',
    wrong: (s, v) => scale(sub(s.y, mat(v, 'h2')), -1 / (2 * s.N)),
    regScale: () => 0.5,
  },
  {
    id: 'MEAN_OVER_ENTRIES',
    origin: 'dLoss_dh2',
    label: 'Averaged over all N·K entries: dLoss_dh2 = -(y - h2)/(N·K)',
    hint: 'The loss sums over both outputs and averages over the N rows: dLoss_dh2 = -(y - h2)/N.',
    wrong: (s, v) => scale(sub(s.y, mat(v, 'h2')), -1 / (s.N * outputsOf(s))),
  },
  {
    id: 'CROSS_ENTROPY',
    origin: 'dLoss_dh2',
    label: 'Cross-entropy gradient: dLoss_dh2 = (h2 - y)/(N h2(1 - h2))',
    hint: 'This loss is the squared error: dLoss_dh2 = -(y - h2)/N, with no division by h2(1 - h2).',
    wrong: (s, v) => {
      const h2 = mat(v, 'h2');
      return zip(sub(h2, s.y), h2, (d, h) => d / (s.N * h * (1 - h)));
    },
  },
  {
    id: 'DERIVATIVE_OF_Z',
    origin: 'dh2_dz2',
    label: 'Sigmoid derivative taken of z2: dh2_dz2 = z2(1 - z2)',
    hint: 'The sigmoid derivative uses the output: h2(1 - h2), not z2(1 - z2).',
    wrong: (_s, v) => map(mat(v, 'z2'), (z) => z * (1 - z)),
  },
  {
    // The deck prints dh2/dz2 = [-0.23353037 0.2478971]: the first entry carries the sign of
    // dLoss/dh2. A student copying the deck, or mixing the two factors up, does the same.
    id: 'DERIVATIVE_SIGNED_BY_ERROR',
    origin: 'dh2_dz2',
    label: 'Sign of dLoss_dh2 copied into dh2_dz2',
    hint: "h2(1 - h2) is never negative: both factors lie between 0 and 1 (the deck's slide makes this slip).",
    wrong: (_s, v, right) => zip(right as Matrix, mat(v, 'dLoss_dh2'), (d, g) => d * Math.sign(g)),
  },
  {
    id: 'DERIVATIVE_IS_ACTIVATION',
    origin: 'dh2_dz2',
    label: '(1 - h2) forgotten: dh2_dz2 = h2',
    hint: 'The sigmoid derivative is h2(1 - h2).',
    wrong: (_s, v) => mat(v, 'h2'),
  },
  {
    id: 'DERIVATIVE_AT_H',
    origin: 'dh2_dz2',
    label: "σ' applied to h2: dh2_dz2 = σ(h2)(1 - σ(h2))",
    hint: "σ'(z2) = σ(z2)(1 - σ(z2)) = h2(1 - h2): h2 already is σ(z2), do not squash it again.",
    wrong: (_s, v) => derivativeAtH('sigmoid', mat(v, 'h2')),
  },
  {
    id: 'TANH_DERIVATIVE_FOR_SIGMOID',
    origin: 'dh2_dz2',
    label: "tanh's derivative used: dh2_dz2 = 1 - h2²",
    hint: '1 - h² is the derivative of tanh; the sigmoid output has h2(1 - h2).',
    wrong: (_s, v) => map(mat(v, 'h2'), (h) => 1 - h * h),
  },
  {
    id: 'DERIVATIVE_FACTOR_FORGOTTEN',
    origin: 'dLoss_dz2',
    label: 'dh2_dz2 forgotten: dLoss_dz2 = dLoss_dh2',
    hint: 'Chain rule: dLoss_dz2 = dLoss_dh2 ⊙ dh2_dz2. (h2 - y)/N alone is the cross-entropy shortcut; with squared error the h2(1 - h2) stays.',
    wrong: (_s, v) => mat(v, 'dLoss_dh2'),
  },
  {
    // The deck's dLoss/dh1 slide writes [0.23353037 0.2478971] (that is dh2/dz2) for dLoss/dz2.
    id: 'UPSTREAM_GRADIENT_FORGOTTEN',
    origin: 'dLoss_dz2',
    label: 'dLoss_dh2 forgotten: dLoss_dz2 = dh2_dz2',
    hint: 'Chain rule: dLoss_dz2 = dLoss_dh2 ⊙ dh2_dz2; the local derivative alone is not it.',
    wrong: (_s, v) => mat(v, 'dh2_dz2'),
  },
  {
    id: 'CROSS_ENTROPY',
    origin: 'dLoss_dz2',
    label: 'The cross-entropy shortcut: dLoss_dz2 = (h2 - y)/N',
    hint: '(h2 - y)/N is dLoss_dz2 for a sigmoid with cross-entropy; this loss is the squared error, so dLoss_dz2 = dLoss_dh2 ⊙ h2(1 - h2).',
    wrong: (s, v) => scale(sub(mat(v, 'h2'), s.y), 1 / s.N),
  },
  {
    id: 'DOT_FOR_HADAMARD',
    origin: 'dLoss_dz2',
    label: 'Dot product for ⊙: every entry of a row = dLoss_dh2 · dh2_dz2',
    hint: '⊙ multiplies entry by entry: output k gets dLoss_dh2[k] · dh2_dz2[k], nothing is summed.',
    wrong: (_s, v) => rowDots(mat(v, 'dLoss_dh2'), mat(v, 'dh2_dz2')),
  },
  {
    id: 'WRONG_LAYER_INPUT',
    origin: 'dz2_dW2',
    label: 'X used in place of h1: dz2_dW2 = X',
    hint: 'z2 = h1 W2, so its derivative with respect to W2 is the layer input h1.',
    wrong: (s) => s.X,
  },
  {
    id: 'WRT_CONFUSED',
    origin: 'dz2_dW2',
    label: 'Derivative with respect to h1 given: dz2_dW2 = W2',
    hint: 'z2 = h1 W2: with respect to W2 the derivative is h1; with respect to h1 it is W2.',
    wrong: (s) => s.W2,
  },
  {
    id: 'TRANSPOSE_MISSING',
    origin: 'dLoss_dW2',
    label: 'Transpose missing: dLoss_dW2 = dz2_dW2 · dLoss_dz2',
    hint: 'dLoss_dW2 = (dz2_dW2)ᵀ dLoss_dz2: transposing h1 sums over the batch rows.',
    wrong: (s, v) => {
      const p = matmul(mat(v, 'dz2_dW2'), mat(v, 'dLoss_dz2'));
      return p && sameShape(p, s.W2) ? addScaled(p, s.reg / s.N, s.W2) : null;
    },
  },
  {
    id: 'GRADIENT_TRANSPOSED',
    origin: 'dLoss_dW2',
    label: 'Transposed: dLoss_dW2 written as (dLoss_dz2)ᵀ dz2_dW2',
    hint: 'A gradient has the shape of its weight: dLoss_dW2 is shaped like W2.',
    wrong: (_s, _v, right) => transpose(right as Matrix),
  },
  {
    id: 'REG_FORGOTTEN',
    origin: 'dLoss_dW2',
    label: 'Regularisation forgotten: dLoss_dW2 = (dz2_dW2)ᵀ dLoss_dz2',
    hint: 'With λ > 0 the weight gradient also has λ/N · W2.',
    wrong: (s, v) => (s.reg > 0 ? mm(transpose(mat(v, 'dz2_dW2')), mat(v, 'dLoss_dz2')) : null),
  },
  {
    id: 'REG_NOT_AVERAGED',
    origin: 'dLoss_dW2',
    label: 'Regularisation not divided by N: dLoss_dW2 = (dz2_dW2)ᵀ dLoss_dz2 + λ W2',
    hint: 'The λ term of the loss is λ/(2N) Σ W², so its gradient is λ/N · W2.',
    wrong: (s, _v, right) =>
      s.reg > 0 && s.N > 1 ? addScaled(right as Matrix, s.reg - s.reg / s.N, s.W2) : null,
  },
  {
    id: 'BATCH_ROW_ONLY',
    origin: 'dLoss_dW2',
    label: 'Only the first row of the batch: dLoss_dW2 from row 1 alone',
    hint: '(dz2_dW2)ᵀ dLoss_dz2 sums over every row of the batch.',
    wrong: (s, v) =>
      s.N > 1
        ? addScaled(
            mm(transpose(firstRowOnly(mat(v, 'dz2_dW2'))), firstRowOnly(mat(v, 'dLoss_dz2'))),
            s.reg / s.N,
            s.W2,
          )
        : null,
  },
  meanTwice('dLoss_dW2', (s, v) =>
    addScaled(
      scale(mm(transpose(mat(v, 'dz2_dW2')), mat(v, 'dLoss_dz2')), 1 / s.N),
      s.reg / s.N,
      s.W2,
    ),
  ),
  meanTwice('dLoss_db2', (s, v) => scale(columnSums(mat(v, 'dLoss_dz2')), 1 / s.N)),
  {
    id: 'BATCH_ROW_ONLY',
    origin: 'dLoss_db2',
    label: 'Only the first row of the batch: dLoss_db2 = row 1 of dLoss_dz2',
    hint: 'dLoss_db2 sums dLoss_dz2 over every row of the batch.',
    wrong: (s, v) => (s.N > 1 ? firstRowOnly(mat(v, 'dLoss_dz2')) : null),
  },
  {
    id: 'REG_ON_BIAS',
    origin: 'dLoss_db2',
    label: 'Bias regularised: dLoss_db2 = Σ dLoss_dz2 + λ/N · b2',
    hint: 'Only the weights are regularised; the bias gradient has no λ term.',
    wrong: (s, _v, right) =>
      s.reg > 0 && s.b2 ? addScaled(right as Matrix, s.reg / s.N, s.b2) : null,
  },
  {
    id: 'JACOBIAN_LAYOUT',
    origin: 'dz2_dh1',
    label: 'The Jacobian layout: dz2_dh1 = W2ᵀ',
    hint: 'W2ᵀ is the standard Jacobian of z2 = h1 W2, a convention: this lesson writes dz2_dh1 in W2’s own layout and puts the transpose in dLoss_dh1 = dLoss_dz2 (dz2_dh1)ᵀ.',
    wrong: (s) => transpose(s.W2),
  },
  {
    id: 'UPSTREAM_MULTIPLIED_IN',
    origin: 'dz2_dh1',
    label: 'dLoss_dz2 multiplied in: dz2_dh1 = W2 ⊙ dLoss_dz2',
    hint: 'dz2_dh1 is the local derivative of z2 = h1 W2, which is W2; dLoss_dz2 joins it in dLoss_dh1.',
    wrong: (s, v) =>
      s.N === 1 ? s.W2.map((row) => row.map((w, k) => w * mat(v, 'dLoss_dz2')[0]![k]!)) : null,
  },
  {
    id: 'WRONG_LAYER_WEIGHTS',
    origin: 'dz2_dh1',
    label: 'W1 used in place of W2: dz2_dh1 = W1',
    hint: 'z2 = h1 W2, so dz2_dh1 is the second layer’s weights W2.',
    wrong: (s) => s.W1,
  },
  {
    id: 'WRT_CONFUSED',
    origin: 'dz2_dh1',
    label: 'Derivative with respect to W2 given: dz2_dh1 = h1',
    hint: 'z2 = h1 W2: with respect to h1 the derivative is W2; with respect to W2 it is h1.',
    wrong: (_s, v) => mat(v, 'h1'),
  },
  {
    id: 'TRANSPOSE_MISSING',
    origin: 'dLoss_dh1',
    label: 'Transpose missing: dLoss_dh1 = dLoss_dz2 · dz2_dh1',
    hint: 'dLoss_dh1 = dLoss_dz2 (dz2_dh1)ᵀ: each hidden unit collects from both outputs.',
    wrong: (_s, v) => matmul(mat(v, 'dLoss_dz2'), mat(v, 'dz2_dh1')),
  },
  {
    id: 'WRONG_LAYER_WEIGHTS',
    origin: 'dLoss_dh1',
    label: 'W1 used in place of W2: dLoss_dh1 = dLoss_dz2 · W1',
    hint: 'The gradient flows back through the weights it came through: W2, transposed.',
    wrong: (s, v) => matmul(mat(v, 'dLoss_dz2'), s.W1),
  },
  {
    id: 'ONE_OUTPUT_PATH',
    origin: 'dLoss_dh1',
    label: "Only output 1's path: dLoss_dh1 = dLoss_dz2[:, 1] · W2[:, 1]ᵀ",
    hint: 'Each hidden unit feeds both outputs: dLoss_dh1 sums the two paths, dLoss_dz2 (dz2_dh1)ᵀ.',
    wrong: (s, v) => onePath(mat(v, 'dLoss_dz2'), s.W2, 0),
  },
  {
    id: 'ONE_OUTPUT_PATH',
    origin: 'dLoss_dh1',
    label: "Only output 2's path: dLoss_dh1 = dLoss_dz2[:, 2] · W2[:, 2]ᵀ",
    hint: 'Each hidden unit feeds both outputs: dLoss_dh1 sums the two paths, dLoss_dz2 (dz2_dh1)ᵀ.',
    wrong: (s, v) => onePath(mat(v, 'dLoss_dz2'), s.W2, 1),
  },
  {
    id: 'DERIVATIVE_OF_Z',
    origin: 'dh1_dz1',
    label: (s) =>
      s.activation === 'sigmoid'
        ? 'Sigmoid derivative taken of z1: dh1_dz1 = z1(1 - z1)'
        : 'tanh derivative taken of z1: dh1_dz1 = 1 - z1²',
    hint: (s) => `The derivative uses the saved activation: ${DERIVATIVE_TEXT[s.activation]}.`,
    wrong: (s, v) => {
      const z1 = mat(v, 'z1');
      if (s.activation === 'sigmoid') return map(z1, (z) => z * (1 - z));
      if (s.activation === 'tanh') return map(z1, (z) => 1 - z * z);
      return null; // ReLU's derivative reads the same from z1 or h1.
    },
  },
  {
    id: 'DERIVATIVE_IS_ACTIVATION',
    origin: 'dh1_dz1',
    label: 'Activation given for its derivative: dh1_dz1 = h1',
    hint: (s) => `dh1_dz1 = ${DERIVATIVE_TEXT[s.activation]}.`,
    wrong: (_s, v) => mat(v, 'h1'),
  },
  {
    id: 'SIGMOID_ASSUMED',
    origin: 'dh1_dz1',
    label: (s) => `The deck's sigmoid derivative used for ${s.activation}: dh1_dz1 = h1(1 - h1)`,
    hint: (s) => `For ${s.activation}, dh1_dz1 = ${DERIVATIVE_TEXT[s.activation]}.`,
    wrong: (s, v) => (s.activation !== 'sigmoid' ? derivative('sigmoid', mat(v, 'h1')) : null),
  },
  {
    id: 'DERIVATIVE_AT_H',
    origin: 'dh1_dz1',
    label: (s) =>
      s.activation === 'sigmoid'
        ? "σ' applied to h1: dh1_dz1 = σ(h1)(1 - σ(h1))"
        : "tanh' applied to h1: dh1_dz1 = 1 - tanh(h1)²",
    hint: (s) =>
      `h1 already is the activation of z1: dh1_dz1 = ${DERIVATIVE_TEXT[s.activation]}, with no second squashing.`,
    wrong: (s, v) => derivativeAtH(s.activation, mat(v, 'h1')),
  },
  {
    id: 'TANH_DERIVATIVE_FOR_SIGMOID',
    origin: 'dh1_dz1',
    label: "tanh's derivative used for the sigmoid: dh1_dz1 = 1 - h1²",
    hint: '1 - h² is the derivative of tanh; the sigmoid has h1(1 - h1).',
    wrong: (s, v) => (s.activation === 'sigmoid' ? map(mat(v, 'h1'), (h) => 1 - h * h) : null),
  },
  {
    id: 'DERIVATIVE_FACTOR_FORGOTTEN',
    origin: 'dLoss_dz1',
    label: 'dh1_dz1 forgotten: dLoss_dz1 = dLoss_dh1',
    hint: 'Chain rule: dLoss_dz1 = dLoss_dh1 ⊙ dh1_dz1.',
    wrong: (_s, v) => mat(v, 'dLoss_dh1'),
  },
  {
    id: 'UPSTREAM_GRADIENT_FORGOTTEN',
    origin: 'dLoss_dz1',
    label: 'dLoss_dh1 forgotten: dLoss_dz1 = dh1_dz1',
    hint: 'Chain rule: dLoss_dz1 = dLoss_dh1 ⊙ dh1_dz1; the local derivative alone is not it.',
    wrong: (_s, v) => mat(v, 'dh1_dz1'),
  },
  {
    id: 'DOT_FOR_HADAMARD',
    origin: 'dLoss_dz1',
    label: 'Dot product for ⊙: every entry of a row = dLoss_dh1 · dh1_dz1',
    hint: '⊙ multiplies entry by entry: unit j gets dLoss_dh1[j] · dh1_dz1[j], nothing is summed.',
    wrong: (_s, v) => rowDots(mat(v, 'dLoss_dh1'), mat(v, 'dh1_dz1')),
  },
  {
    id: 'WRONG_LAYER_INPUT',
    origin: 'dz1_dW1',
    label: 'h1 used in place of X: dz1_dW1 = h1',
    hint: 'z1 = X W1, so its derivative with respect to W1 is the input X.',
    wrong: (_s, v) => mat(v, 'h1'),
  },
  {
    id: 'WRT_CONFUSED',
    origin: 'dz1_dW1',
    label: 'Derivative with respect to X given: dz1_dW1 = W1',
    hint: 'z1 = X W1: with respect to W1 the derivative is X; with respect to X it is W1.',
    wrong: (s) => s.W1,
  },
  {
    id: 'TRANSPOSE_MISSING',
    origin: 'dLoss_dW1',
    label: 'Transpose missing: dLoss_dW1 = dz1_dW1 · dLoss_dz1',
    hint: 'dLoss_dW1 = (dz1_dW1)ᵀ dLoss_dz1: transposing X sums over the batch rows.',
    wrong: (s, v) => {
      const p = matmul(mat(v, 'dz1_dW1'), mat(v, 'dLoss_dz1'));
      return p && sameShape(p, s.W1) ? addScaled(p, s.reg / s.N, s.W1) : null;
    },
  },
  {
    id: 'GRADIENT_TRANSPOSED',
    origin: 'dLoss_dW1',
    label: 'Transposed: dLoss_dW1 written as (dLoss_dz1)ᵀ dz1_dW1',
    hint: 'A gradient has the shape of its weight: dLoss_dW1 is shaped like W1.',
    wrong: (_s, _v, right) => transpose(right as Matrix),
  },
  {
    id: 'REG_FORGOTTEN',
    origin: 'dLoss_dW1',
    label: 'Regularisation forgotten: dLoss_dW1 = (dz1_dW1)ᵀ dLoss_dz1',
    hint: 'With λ > 0 the weight gradient also has λ/N · W1.',
    wrong: (s, v) => (s.reg > 0 ? mm(transpose(mat(v, 'dz1_dW1')), mat(v, 'dLoss_dz1')) : null),
  },
  {
    id: 'REG_NOT_AVERAGED',
    origin: 'dLoss_dW1',
    label: 'Regularisation not divided by N: dLoss_dW1 = (dz1_dW1)ᵀ dLoss_dz1 + λ W1',
    hint: 'The λ term of the loss is λ/(2N) Σ W², so its gradient is λ/N · W1.',
    wrong: (s, _v, right) =>
      s.reg > 0 && s.N > 1 ? addScaled(right as Matrix, s.reg - s.reg / s.N, s.W1) : null,
  },
  {
    id: 'BATCH_ROW_ONLY',
    origin: 'dLoss_dW1',
    label: 'Only the first row of the batch: dLoss_dW1 from row 1 alone',
    hint: '(dz1_dW1)ᵀ dLoss_dz1 sums over every row of the batch.',
    wrong: (s, v) =>
      s.N > 1
        ? addScaled(
            mm(transpose(firstRowOnly(mat(v, 'dz1_dW1'))), firstRowOnly(mat(v, 'dLoss_dz1'))),
            s.reg / s.N,
            s.W1,
          )
        : null,
  },
  meanTwice('dLoss_dW1', (s, v) =>
    addScaled(
      scale(mm(transpose(mat(v, 'dz1_dW1')), mat(v, 'dLoss_dz1')), 1 / s.N),
      s.reg / s.N,
      s.W1,
    ),
  ),
  meanTwice('dLoss_db1', (s, v) => scale(columnSums(mat(v, 'dLoss_dz1')), 1 / s.N)),
  {
    id: 'BATCH_ROW_ONLY',
    origin: 'dLoss_db1',
    label: 'Only the first row of the batch: dLoss_db1 = row 1 of dLoss_dz1',
    hint: 'dLoss_db1 sums dLoss_dz1 over every row of the batch.',
    wrong: (s, v) => (s.N > 1 ? firstRowOnly(mat(v, 'dLoss_dz1')) : null),
  },
  {
    id: 'REG_ON_BIAS',
    origin: 'dLoss_db1',
    label: 'Bias regularised: dLoss_db1 = Σ dLoss_dz1 + λ/N · b1',
    hint: 'Only the weights are regularised; the bias gradient has no λ term.',
    wrong: (s, _v, right) =>
      s.reg > 0 && s.b1 ? addScaled(right as Matrix, s.reg / s.N, s.b1) : null,
  },
  ...updateSlips('W2_new', 'W2'),
  ...updateSlips('b2_new', 'b2'),
  ...updateSlips('W1_new', 'W1'),
  ...updateSlips('b1_new', 'b1'),
];

function inputsOf(trace: StepTrace): StepInputs {
  const { X, y, W1, W2, b1, b2 } = trace.givens;
  if (!X || !y || !W1 || !W2) throw new RangeError('This trace lacks its givens X, y, W1, W2');
  const { activation, reg, lr } = trace.config;
  return { X, y, W1, W2, b1: b1 ?? null, b2: b2 ?? null, N: X.length, activation, reg, lr };
}

const BIAS_ONLY: ReadonlySet<QuantityName> = new Set([
  'dLoss_db2',
  'dLoss_db1',
  'b2_new',
  'b1_new',
]);

/**
 * The step as a student computes it, making `slip` (or none), up to and including `until`.
 * Null when the slip cannot happen here: not applicable, or a value of the wrong shape or not
 * finite (a student cannot carry on from a matrix that does not fit).
 */
function studentStep(s: StepInputs, slip: Slip | null, until: QuantityName): Computed | null {
  const v: Computed = {};
  const m = (name: QuantityName) => mat(v, name);
  const regScale = slip?.regScale?.(s) ?? 1;
  const regTerm = (grad: Matrix, w: Matrix) => addScaled(grad, (regScale * s.reg) / s.N, w);
  const chain: [QuantityName, () => Value][] = [
    ['z1', () => withBias(mm(s.X, s.W1), s.b1)],
    ['h1', () => activate(s.activation, m('z1'))],
    ['z2', () => withBias(mm(m('h1'), s.W2), s.b2)],
    ['h2', () => activate('sigmoid', m('z2'))],
    ['loss', () => lossOf(s, m('h2'), 1, 1)],
    ['dLoss_dh2', () => scale(sub(s.y, m('h2')), -1 / s.N)],
    ['dh2_dz2', () => derivative('sigmoid', m('h2'))],
    ['dLoss_dz2', () => mul(m('dLoss_dh2'), m('dh2_dz2'))],
    ['dz2_dW2', () => m('h1')],
    ['dLoss_dW2', () => regTerm(mm(transpose(m('dz2_dW2')), m('dLoss_dz2')), s.W2)],
    ['dLoss_db2', () => columnSums(m('dLoss_dz2'))],
    ['dz2_dh1', () => s.W2],
    ['dLoss_dh1', () => mm(m('dLoss_dz2'), transpose(m('dz2_dh1')))],
    ['dh1_dz1', () => derivative(s.activation, m('h1'))],
    ['dLoss_dz1', () => mul(m('dLoss_dh1'), m('dh1_dz1'))],
    ['dz1_dW1', () => s.X],
    ['dLoss_dW1', () => regTerm(mm(transpose(m('dz1_dW1')), m('dLoss_dz1')), s.W1)],
    ['dLoss_db1', () => columnSums(m('dLoss_dz1'))],
    ['W2_new', () => descend(s.W2, m('dLoss_dW2'), s.lr)],
    ['b2_new', () => descend(s.b2!, m('dLoss_db2'), s.lr)],
    ['W1_new', () => descend(s.W1, m('dLoss_dW1'), s.lr)],
    ['b1_new', () => descend(s.b1!, m('dLoss_db1'), s.lr)],
  ];
  for (const [name, compute] of chain) {
    if (BIAS_ONLY.has(name) && !(s.b1 && s.b2)) continue;
    const right = compute();
    if (slip?.origin === name) {
      const wrong = slip.wrong(s, v, right);
      if (wrong === null || !sameShape(wrong, right) || !flatten(wrong).every(Number.isFinite)) {
        return null;
      }
      v[name] = wrong;
    } else {
      v[name] = right;
    }
    if (name === until) break;
  }
  return v;
}

const text = (t: string | ((s: StepInputs) => string), s: StepInputs) =>
  typeof t === 'string' ? t : t(s);

/**
 * The named wrong answers for `name` in this step: the slips made at `name` first (the local
 * operation), then those made at one of its direct inputs and carried one hop into it, each group
 * likeliest first. A slip made further back is not named here: in a lesson the student was shown
 * the quantities in between, and a hint about a step several quantities away misleads. Only
 * values with the quantity's shape and distinct, under the question's `tolerance` and its judge
 * (updates on their step), from the truth are kept; two slips giving the same value are named
 * together on the first. An answer equal to one of them is graded as that one. Throws RangeError
 * for a quantity this step does not have.
 */
export function misconceptionsFor(
  trace: StepTrace,
  name: QuantityName,
  tolerance: Partial<Tolerance> = {},
): readonly Misconception[] {
  // Each wrong answer of a class is graded against the same list (every slip's whole step
  // recomputed): computed once per trace, quantity and tolerance. Traces are not changed after
  // they are made, and the list is frozen, so a caller cannot change what the next one gets.
  let byKey = misconceptionCache.get(trace);
  if (!byKey) {
    byKey = new Map();
    misconceptionCache.set(trace, byKey);
  }
  const key = `${name} ${tolerance.relative} ${tolerance.absolute}`;
  let list = byKey.get(key);
  if (!list) {
    list = Object.freeze(
      computeMisconceptions(trace, name, tolerance).map((m) => Object.freeze(m)),
    );
    byKey.set(key, list);
  }
  return list;
}

const misconceptionCache = new WeakMap<StepTrace, Map<string, readonly Misconception[]>>();

function computeMisconceptions(
  trace: StepTrace,
  name: QuantityName,
  tolerance: Partial<Tolerance>,
): Misconception[] {
  const entry = entryOf(trace, name);
  const truth = entry.value;
  const judge = judgeFor(trace, name, tolerance);
  const s = inputsOf(trace);
  const inputs = entry.inputs as readonly string[];
  const hop = (slip: Slip) => (slip.origin === name ? 0 : inputs.includes(slip.origin) ? 1 : 2);
  // Stable sort: within one group the table's order (likeliest first) is kept.
  const candidates = SLIPS.filter((slip) => hop(slip) <= 1).sort((a, b) => hop(a) - hop(b));
  const kept: Misconception[] = [];
  // The ids already named on each kept value: one belief is named once, even if it also
  // reaches the quantity carried from an input (e.g. cross-entropy at dLoss_dh2 and dLoss_dz2).
  const named = new Map<Misconception, Set<MisconceptionId>>();
  for (const slip of candidates) {
    const value = studentStep(s, slip, name)?.[name];
    if (value === undefined || !sameShape(value, truth)) continue;
    if (!judge.distinct(value, truth)) continue;
    const base = text(slip.label, s);
    const label = slip.origin === name ? base : `${base}, carried into ${name}`;
    const hint = text(slip.hint, s);
    const same = kept.find((k) => !judge.distinct(value, k.value));
    if (same) {
      // Two beliefs, one number: the student may hold either, so both are named.
      const ids = named.get(same)!;
      if (ids.has(slip.id)) continue;
      ids.add(slip.id);
      if (!same.label.includes(label)) same.label = `${same.label}; or ${label}`;
      if (!same.hint.includes(hint)) same.hint = `${same.hint} Or: ${hint}`;
      continue;
    }
    const m: Misconception = { id: slip.id, origin: slip.origin, label, hint, value };
    kept.push(m);
    named.set(m, new Set([slip.id]));
  }
  return kept;
}

/** The step recomputed from its givens with no slip: the reference the slips deviate from. */
export function recomputeStep(trace: StepTrace): Partial<Record<QuantityName, Value>> {
  const last = trace.entries.at(-1)?.name ?? 'W1_new';
  return studentStep(inputsOf(trace), null, last) ?? {};
}

export const OPTION_KINDS = ['truth', 'misconception', 'generic'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];

export interface ChoiceOption {
  /** 'A', 'B', ... by position: opaque, so it says nothing about which option is right. */
  id: string;
  value: Value;
  /** The mistake this option is the result of; null for the truth and generic distractors. */
  misconception: MisconceptionId | null;
  /** Server side only, like `misconception`: strip both before an option reaches a student. */
  kind: OptionKind;
  label: string;
}

export interface MultipleChoice {
  name: QuantityName;
  options: ChoiceOption[];
  correctIndex: number;
}

export interface MultipleChoiceOptions {
  /** Seed of the option order (numpy's RandomState), 0 to 2^32 - 1. */
  seed: number;
  /** Options in all, the truth included: 2 to 10. */
  count?: number;
  /** The question's tolerance: options must be told apart under it. Defaults to the default. */
  tolerance?: Partial<Tolerance>;
}

export const MAX_CHOICES = 10;

type Draft = Omit<ChoiceOption, 'id'>;

/**
 * Wrong values that are no named mistake, for when a quantity has too few plausible ones. For an
 * update they change the step, not the weights, so every option looks like the weights.
 */
function* genericDistractors(truth: Value, base: Value | null): Generator<Draft> {
  const each = (f: (x: number) => number): Value =>
    typeof truth === 'number'
      ? f(truth)
      : base === null
        ? map(truth, f)
        : map(truth, (x, r, c) => {
            const w = (base as Matrix)[r]![c]!;
            return w + f(x - w);
          });
  const generic = (label: string, f: (x: number) => number): Draft => ({
    value: each(f),
    misconception: null,
    kind: 'generic',
    label: `Generic distractor (no named mistake): ${label}`,
  });
  const what = base === null ? 'the value' : 'the step';
  if (base !== null) yield generic('the weights unchanged', () => 0);
  yield generic(`${what} negated`, (x) => -x);
  yield generic(`${what} doubled`, (x) => 2 * x);
  yield generic(`${what} halved`, (x) => x / 2);
  // Shifts always get there: a step of a tenth of the largest entry is well outside the
  // tolerance of the truth and of each other.
  const deltas =
    base === null ? flatten(truth) : flatten(truth).map((x, i) => x - flatten(base)[i]!);
  const largest = Math.max(...deltas.map(Math.abs));
  const step = largest > 0 ? 0.1 * largest : 0.01;
  for (let k = 1; ; k++) {
    for (const sign of [1, -1]) {
      const d = sign * k * step;
      yield generic(
        `every entry${base === null ? '' : "'s step"} ${d > 0 ? '+' : '-'} ${Math.abs(d).toPrecision(2)}`,
        (x) => x + d,
      );
    }
  }
}

/**
 * A distractor a student could plausibly pick: its size (largest |entry|, of the step for an
 * update) within a factor of 10 of the truth's. An option 1000 times larger or smaller than the
 * others gives the answer away.
 */
function plausible(value: Value, truth: Value, base: readonly number[] | null): boolean {
  const size = (v: Value) => {
    const xs = flatten(v);
    return largestOf(base ? xs.map((x, i) => x - base[i]!) : xs);
  };
  const a = size(value);
  const b = size(truth);
  return b === 0 ? a > 0 : a <= 10 * b && a >= b / 10;
}

/**
 * A multiple-choice question on `name`: the truth and count - 1 distractors, the plausible named
 * misconceptions first (local ones first), then generic ones, then the remaining named ones.
 * All options are pairwise distinct under the question's `tolerance` (updates on their step).
 * The order is a shuffle seeded by `seed`.
 */
export function multipleChoice(
  trace: StepTrace,
  name: QuantityName,
  { seed, count = 4, tolerance = {} }: MultipleChoiceOptions,
): MultipleChoice {
  if (!Number.isInteger(count) || count < 2 || count > MAX_CHOICES) {
    throw new RangeError(`count must be an integer from 2 to ${MAX_CHOICES}, got ${count}`);
  }
  const rs = new RandomState(seed);
  const truth = entryOf(trace, name).value;
  const judge = judgeFor(trace, name, tolerance);
  const given = updateBaseOf(trace, name);
  const drafts: Draft[] = [{ value: truth, misconception: null, kind: 'truth', label: 'Correct' }];
  const fresh = (v: Value) => drafts.every((d) => judge.distinct(d.value, v));
  const named = misconceptionsFor(trace, name, judge.tolerance).map(
    (m): Draft => ({ value: m.value, misconception: m.id, kind: 'misconception', label: m.label }),
  );
  for (const d of named) {
    if (drafts.length === count) break;
    if (plausible(d.value, truth, judge.base) && fresh(d.value)) drafts.push(d);
  }
  const generics = genericDistractors(truth, given ? trace.givens[given]! : null);
  for (let tries = 0; drafts.length < count && tries < 3; tries++) {
    const g = generics.next().value as Draft;
    if (fresh(g.value)) drafts.push(g);
  }
  for (const d of named) {
    if (drafts.length === count) break;
    if (!drafts.includes(d) && fresh(d.value)) drafts.push(d);
  }
  while (drafts.length < count) {
    const g = generics.next().value as Draft;
    if (fresh(g.value)) drafts.push(g);
  }
  // Fisher-Yates, drawing from the seeded generator so every screen shows the same order.
  for (let i = drafts.length - 1; i > 0; i--) {
    const j = Math.floor(rs.randomSample() * (i + 1));
    [drafts[i], drafts[j]] = [drafts[j]!, drafts[i]!];
  }
  const options = drafts.map((d, i) => ({ id: String.fromCharCode(65 + i), ...d }));
  return { name, options, correctIndex: options.findIndex((o) => o.kind === 'truth') };
}
