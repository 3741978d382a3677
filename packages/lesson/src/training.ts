/** The lesson's numbers: traces of quizzed steps and fast-forwarded training, from mlp-core. */
import type { LessonSettings, TrainingFrame } from '@backprop/contract';
import {
  type Dataset,
  type Params,
  predictGrid,
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
  offset: number;
  frames: TrainingFrame[];
}

/**
 * [T1] `steps` more steps from the current weights and offset. Frames are recorded every
 * ceil(steps / (MAX_FRAMES - 1)) steps and at the last one; a frame's `step` is the number of
 * steps taken before its weights (mlp-core records the weights before each update), its loss that
 * step's batch loss, its accuracy over the whole data.
 */
export function fastForward(
  settings: LessonSettings,
  from: { params: ParamsData; offset: number; step: number },
  steps: number,
): FastForwardResult {
  const data = dataOf(settings);
  const extent = extentOf(data);
  const every = Math.max(1, Math.ceil(steps / (MAX_FRAMES - 1)));
  const frames: TrainingFrame[] = [];
  const result = train(settings.network, {
    steps,
    every,
    offset: from.offset,
    params: toParams(from.params),
    data,
    onRecord: (point, params) => {
      frames.push({
        step: from.step + point.step,
        loss: point.loss,
        accuracy: point.accuracy,
        grid: predictGrid(params, settings.network.activation, {
          ...extent,
          resolution: GRID_RESOLUTION,
        }),
        extent,
        last: point.step === steps - 1,
      });
    },
  });
  return {
    params: paramsToData(result.params),
    offset: (from.offset + steps * settings.network.batch) % data.n,
    frames,
  };
}
