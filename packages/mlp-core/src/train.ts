/** Training for many steps, accuracy over the data, and predictions over a grid. */
import { resolveConfig } from './config.ts';
import { type Dataset, xorData } from './data.ts';
import { toRows } from './matrix.ts';
import {
  accuracyOf,
  backward,
  computeLoss,
  forward,
  initParams,
  loadBatch,
  type Params,
  StepBuffers,
  update,
} from './network.ts';
import type { Activation, Matrix, NetworkConfig } from './types.ts';

export interface TrajectoryPoint {
  step: number;
  /** Loss of this step's forward pass, on its batch. */
  loss: number;
  /** Accuracy over the whole data with the weights before this step's update. */
  accuracy: number;
}

export interface TrainOptions {
  steps: number;
  /** Record every `every` steps (from step 0) and the last step. */
  every?: number;
  /** Data row of the first batch; later batches follow on, wrapping around. */
  offset?: number;
  /** Start from these weights (changed in place); default: the config's seeded initialisation. */
  params?: Params;
  data?: Dataset;
  /** Called at each recorded step with the weights before its update, e.g. to stream frames. */
  onRecord?: (point: TrajectoryPoint, params: Params) => void;
}

export interface TrainResult {
  trajectory: TrajectoryPoint[];
  params: Params;
  /** Accuracy over the whole data after the last update. */
  accuracy: number;
}

/** Accuracy of `params` over all of `data` (argmax of h2 against the label). */
export function accuracy(params: Params, activation: Activation, data: Dataset): number {
  const buf = new StepBuffers(data.n, params.hidden);
  loadBatch(buf, data, 0);
  forward(params, activation, buf);
  return accuracyOf(buf);
}

/**
 * Gradient descent for `steps` steps. The step loop allocates nothing: buffers are made once,
 * and when the batch is the whole data its forward pass doubles as the accuracy evaluation.
 */
export function train(configInput: Partial<NetworkConfig>, options: TrainOptions): TrainResult {
  const config = resolveConfig(configInput);
  const { steps, every = 1, offset = 0 } = options;
  if (!Number.isInteger(steps) || steps < 0)
    throw new RangeError(`steps must be >= 0, got ${steps}`);
  if (!Number.isInteger(every) || every < 1)
    throw new RangeError(`every must be >= 1, got ${every}`);
  const data = options.data ?? xorData(config.dataSeed, config.n);
  const params = options.params ?? initParams(config);
  const { activation, reg, lr, batch } = config;
  const buf = new StepBuffers(batch, params.hidden);
  const fullBatch = batch === data.n;
  const evalBuf = fullBatch ? buf : new StepBuffers(data.n, params.hidden);
  if (!fullBatch) loadBatch(evalBuf, data, 0);
  const trajectory: TrajectoryPoint[] = [];

  for (let step = 0; step < steps; step++) {
    loadBatch(buf, data, (offset + step * batch) % data.n);
    forward(params, activation, buf);
    const loss = computeLoss(params, reg, buf);
    if (step % every === 0 || step === steps - 1) {
      if (!fullBatch) forward(params, activation, evalBuf);
      const point = { step, loss, accuracy: accuracyOf(evalBuf) };
      trajectory.push(point);
      options.onRecord?.(point, params);
    }
    backward(params, activation, reg, buf);
    update(params, lr, buf);
  }
  return { trajectory, params, accuracy: accuracy(params, activation, data) };
}

export interface Grid {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Points per side. */
  resolution: number;
}

/**
 * P(class 1) = h2[:, 1] over a resolution×resolution grid, row r at y = yMax - r·Δ (top row
 * first, as an image), column c at x = xMin + c·Δ: the decision-boundary picture.
 */
export function predictGrid(params: Params, activation: Activation, grid: Grid): Matrix {
  const { xMin, xMax, yMin, yMax, resolution: R } = grid;
  if (!Number.isInteger(R) || R < 2 || R > 512) {
    throw new RangeError(`resolution must be an integer from 2 to 512, got ${R}`);
  }
  const buf = new StepBuffers(R * R, params.hidden);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < R; c++) {
      const i = r * R + c;
      buf.x[2 * i] = xMin + ((xMax - xMin) * c) / (R - 1);
      buf.x[2 * i + 1] = yMax - ((yMax - yMin) * r) / (R - 1);
    }
  }
  forward(params, activation, buf);
  const p1 = new Float64Array(R * R);
  for (let i = 0; i < R * R; i++) p1[i] = buf.h2[2 * i + 1]!;
  return toRows(p1, R, R);
}
