/** The lesson's numbers: traces of quizzed steps and fast-forwarded training, from mlp-core. */
import { fastForwardLrOf, type LessonSettings, type TrainingFrame } from '@backprop/contract';
import {
  accuracyOf,
  computeLoss,
  type Dataset,
  forward,
  loadBatch,
  type Params,
  predictGrid,
  StepBuffers,
  type StepTrace,
  traceStep,
  train,
  xorData,
} from '@backprop/mlp-core';
import { type ParamsData, paramsToData } from './state.ts';

/**
 * The XOR points are a function of (seed, n); drawing 2,000 of them on every command would be
 * waste, so a few are kept. A cache of a pure function keeps applyCommand pure.
 */
const dataCache = new Map<string, Dataset>();
export function dataOf(settings: LessonSettings): Dataset {
  const key = `${settings.network.dataSeed}:${settings.network.n}`;
  let data = dataCache.get(key);
  if (!data) {
    if (dataCache.size > 32) dataCache.clear();
    data = xorData(settings.network.dataSeed, settings.network.n);
    dataCache.set(key, data);
  }
  return data;
}

/** Fresh typed arrays: mlp-core's train updates its params in place, the state must not change. */
export function toParams(p: ParamsData): Params {
  return {
    hidden: p.hidden,
    W1: Float64Array.from(p.W1),
    W2: Float64Array.from(p.W2),
    b1: p.b1 ? Float64Array.from(p.b1) : null,
    b2: p.b2 ? Float64Array.from(p.b2) : null,
  };
}

/** [Q2] The step quizzed on the current weights and batch. */
export function traceOf(settings: LessonSettings, params: ParamsData, offset: number): StepTrace {
  return traceStep(settings.network, offset, { params: toParams(params), data: dataOf(settings) });
}

/** [Q6] The weights after a quizzed step: its W*_new and b*_new. */
export function paramsAfter(trace: StepTrace, hidden: number): ParamsData {
  const value = (name: string) => {
    const v = trace.entries.find((e) => e.name === name)?.value;
    return v === undefined || typeof v === 'number' ? null : v.flat();
  };
  return {
    hidden,
    W1: value('W1_new')!,
    W2: value('W2_new')!,
    b1: value('b1_new'),
    b2: value('b2_new'),
  };
}

/** At most this many frames per fast-forward (the server streams them at about 10 a second). */
export const MAX_FRAMES = 30;
export const GRID_RESOLUTION = 25;

/** The data's bounding box with a margin, so the decision boundary frames the points. */
function extentOf(data: Dataset): TrainingFrame['extent'] {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < data.n; i++) {
    const x = data.x[2 * i]!;
    const y = data.x[2 * i + 1]!;
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  const margin = 0.1 * Math.max(xMax - xMin, yMax - yMin, 1e-9);
  return { xMin: xMin - margin, xMax: xMax + margin, yMin: yMin - margin, yMax: yMax + margin };
}

export interface FastForwardResult {
  params: ParamsData;
  frames: TrainingFrame[];
}

/** Loss and accuracy of `params` over the whole data: what the class sees, not one batch. */
function evaluate(settings: LessonSettings, params: Params, data: Dataset) {
  const buf = new StepBuffers(data.n, params.hidden);
  loadBatch(buf, data, 0);
  forward(params, settings.network.activation, buf);
  return { loss: computeLoss(params, settings.network.reg, buf), accuracy: accuracyOf(buf) };
}

/**
 * [T1] `steps` more steps from the current weights, each on all n points (full batch) at the
 * fast-forward learning rate. Frames: the starting weights, then every ceil(steps / 29) steps and
 * the last one (at most 30); a frame's `step` counts the steps taken to reach its weights, so the
 * last frame's is the lesson's step afterwards; its loss and accuracy are over the whole data.
 */
export function fastForward(
  settings: LessonSettings,
  from: { params: ParamsData; step: number },
  steps: number,
): FastForwardResult {
  const data = dataOf(settings);
  const extent = extentOf(data);
  const network = { ...settings.network, batch: data.n, lr: fastForwardLrOf(settings) };
  const params = toParams(from.params);
  const frame = (taken: number): TrainingFrame => ({
    step: from.step + taken,
    ...evaluate(settings, params, data),
    grid: predictGrid(params, settings.network.activation, {
      ...extent,
      resolution: GRID_RESOLUTION,
    }),
    extent,
    last: taken === steps,
  });
  const every = Math.max(1, Math.ceil(steps / (MAX_FRAMES - 1)));
  const frames: TrainingFrame[] = [frame(0)];
  for (let taken = 0; taken < steps; ) {
    const chunk = Math.min(every, steps - taken);
    // mlp-core's train updates `params` in place; it records only its first and last step here.
    train(network, { steps: chunk, every: chunk, params, data });
    taken += chunk;
    frames.push(frame(taken));
  }
  return { params: paramsToData(params), frames };
}

/** Below this accuracy a bias-free run that has stopped improving is "stalled" ([T2]). */
export const STALL_ACCURACY = 0.9;
/** "Stopped improving": over the run's second half, accuracy moved less than this. */
export const STALL_PROGRESS = 0.03;

/**
 * [T2] A fast-forward stalled on a network without biases: it ends below 90% right and its
 * accuracy moved less than 3 points over its second half. (With biases the cause would be
 * something else, so only bias-free runs are flagged: that is the one the screens can explain.)
 */
export function stalled(bias: boolean, frames: readonly TrainingFrame[]): boolean {
  const last = frames.at(-1);
  const middle = frames[Math.floor((frames.length - 1) / 2)];
  if (bias || !last || !middle) return false;
  return (
    last.accuracy < STALL_ACCURACY && Math.abs(last.accuracy - middle.accuracy) < STALL_PROGRESS
  );
}
