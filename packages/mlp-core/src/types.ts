/** A row-major matrix: rows are observations (the deck's convention). */
export type Matrix = number[][];
/** A traced value: the loss is a scalar, everything else a matrix. */
export type Value = number | Matrix;

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const PHASES = ['forward', 'loss', 'backward', 'update'] as const;
export type Phase = (typeof PHASES)[number];

/** Everything that determines a training run. */
export interface NetworkConfig {
  /** Seed of `RandomState(dataSeed).randn(n, 2)`. */
  dataSeed: number;
  /** Number of XOR points. */
  n: number;
  /** Seed of `np.random.seed(weightSeed)` before drawing W1 then W2. */
  weightSeed: number;
  /** Hidden units, 1 to 16. */
  hidden: number;
  activation: Activation;
  /** Biases b1, b2 (zero-initialised). Off reproduces the deck. */
  bias: boolean;
  /** Learning rate, the deck's alpha. */
  lr: number;
  /** L2 coefficient, the deck's lambda. */
  reg: number;
  /** Rows per step, taken consecutively from the offset, wrapping around. */
  batch: number;
}

/** The deck's worked example: 2-3-2 sigmoid, no biases, one point per step. */
export const DECK_CONFIG: Readonly<NetworkConfig> = Object.freeze({
  dataSeed: 0,
  n: 300,
  weightSeed: 2017,
  hidden: 3,
  activation: 'sigmoid',
  bias: false,
  lr: 0.001,
  reg: 0,
  batch: 1,
});

/** Names of the step's given inputs (not asked, shown). */
export const GIVEN_NAMES = ['X', 'y', 'W1', 'W2', 'b1', 'b2'] as const;
export type GivenName = (typeof GIVEN_NAMES)[number];

/** Every computed quantity of a step, in the deck's order (bias ones only when biases are on). */
export const QUANTITY_NAMES = [
  'z1',
  'h1',
  'z2',
  'h2',
  'loss',
  'dLoss_dh2',
  'dh2_dz2',
  'dLoss_dz2',
  'dz2_dW2',
  'dLoss_dW2',
  'dLoss_db2',
  'dz2_dh1',
  'dLoss_dh1',
  'dh1_dz1',
  'dLoss_dz1',
  'dz1_dW1',
  'dLoss_dW1',
  'dLoss_db1',
  'W2_new',
  'b2_new',
  'W1_new',
  'b1_new',
] as const;
export type QuantityName = (typeof QUANTITY_NAMES)[number];

export type Shape = readonly [rows: number, cols: number] | readonly [];

export interface TraceEntry {
  name: QuantityName;
  value: Value;
  /** [] for the scalar loss, [rows, cols] otherwise. */
  shape: Shape;
  phase: Phase;
  /** The quantity's symbol in the deck's LaTeX notation, e.g. \frac{dLoss}{dh_2}. */
  symbol: string;
  /** Its defining equation in LaTeX, symbol first, e.g. \frac{dLoss}{dh_2} = -\frac{1}{N}(y - h_2). */
  formula: string;
  /** Names (given or computed) this quantity is computed from: the LEGO bricks it plugs into. */
  inputs: readonly (GivenName | QuantityName)[];
}

export interface StepTrace {
  config: NetworkConfig;
  /** First data row of the batch. */
  offset: number;
  /** The step's inputs: X, y (the batch), W1, W2 and, with biases, b1, b2. */
  givens: Partial<Record<GivenName, Matrix>>;
  /** Every computed quantity, in the deck's order. */
  entries: TraceEntry[];
}
