/** Training: the deck's claims about XOR with and without biases, and the trajectory contract. */
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  DECK_CONFIG,
  forward,
  initParams,
  loadBatch,
  predictGrid,
  StepBuffers,
  toRows,
  traceStep,
  train,
  xorData,
} from '../src/index.ts';

const FULL_BATCH = { batch: 300 };

describe('training XOR', () => {
  it('with biases, a 2-4-2 sigmoid network at lr 3, full batch, reaches 97% within 20,000 steps', () => {
    const result = train(
      { ...FULL_BATCH, hidden: 4, bias: true, lr: 3 },
      { steps: 20_000, every: 500 },
    );
    expect(result.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(result.trajectory.at(-1)!.loss).toBeLessThan(result.trajectory[0]!.loss / 4);
  });

  for (const lr of [0.001, 1, 3]) {
    it(`without biases (the deck's 2-3-2 network), lr ${lr}, never passes 85%`, () => {
      const result = train({ ...FULL_BATCH, lr }, { steps: 20_000, every: 100 });
      const best = Math.max(result.accuracy, ...result.trajectory.map((p) => p.accuracy));
      expect(best).toBeLessThanOrEqual(0.85);
    });
  }

  it('without biases the output score is a constant plus an odd function of x (why XOR is out of reach)', () => {
    // z2(x) + z2(-x) = 2 · (½ · column sums of W2) for every x: the network cannot tell x from -x
    // apart except through an odd function, while XOR gives x and -x the same label.
    const params = train({ ...FULL_BATCH, lr: 3 }, { steps: 500 }).params;
    const data = xorData(7, 50);
    const plus = new StepBuffers(50, params.hidden);
    const minus = new StepBuffers(50, params.hidden);
    loadBatch(plus, data, 0);
    loadBatch(minus, data, 0);
    for (let i = 0; i < minus.x.length; i++) minus.x[i] = -minus.x[i]!;
    forward(params, 'sigmoid', plus);
    forward(params, 'sigmoid', minus);
    for (let k = 0; k < 2; k++) {
      let colSum = 0;
      for (let j = 0; j < params.hidden; j++) colSum += params.W2[j * 2 + k]!;
      for (let r = 0; r < 50; r++) {
        expect(plus.z2[r * 2 + k]! + minus.z2[r * 2 + k]!).toBeCloseTo(colSum, 12);
      }
    }
  });
});

describe('the trajectory', () => {
  it("step i's loss is the loss of step i's forward pass; its accuracy uses the weights before the update", () => {
    const config = { ...DECK_CONFIG, batch: 5, bias: true, lr: 0.5 };
    const data = xorData(config.dataSeed, config.n);
    const result = train(config, { steps: 3, every: 1, offset: 10 });
    let params = initParams(config);
    for (let step = 0; step < 3; step++) {
      const trace = traceStep(config, 10 + step * 5, { params, data });
      const point = result.trajectory[step]!;
      expect(point.step).toBe(step);
      expect(point.loss).toBe(trace.entries.find((e) => e.name === 'loss')!.value);
      expect(point.accuracy).toBe(accuracy(params, config.activation, data));
      const next = (name: string) =>
        (trace.entries.find((e) => e.name === name)!.value as number[][]).flat();
      params = {
        hidden: params.hidden,
        W1: Float64Array.from(next('W1_new')),
        W2: Float64Array.from(next('W2_new')),
        b1: Float64Array.from(next('b1_new')),
        b2: Float64Array.from(next('b2_new')),
      };
    }
    expect(toRows(result.params.W1, 2, 3)).toEqual(toRows(params.W1, 2, 3));
    expect(result.accuracy).toBe(accuracy(params, config.activation, data));
  });

  it('records every `every` steps from step 0 and the last step', () => {
    const result = train(DECK_CONFIG, { steps: 250, every: 100 });
    expect(result.trajectory.map((p) => p.step)).toEqual([0, 100, 200, 249]);
  });

  it('batches wrap around the data', () => {
    const config = { ...DECK_CONFIG, n: 10, batch: 4 };
    const trace = traceStep(config, 8);
    const data = xorData(config.dataSeed, config.n);
    const rows = [8, 9, 0, 1].map((r) => [data.x[2 * r]!, data.x[2 * r + 1]!]);
    expect(trace.givens.X).toEqual(rows);
  });
});

describe('decision boundary grid', () => {
  it('gives P(class 1) at each grid point, top row first', () => {
    const params = initParams({ ...DECK_CONFIG, bias: true, hidden: 5 });
    const grid = predictGrid(params, 'tanh', {
      xMin: -2,
      xMax: 2,
      yMin: -1,
      yMax: 3,
      resolution: 5,
    });
    expect(grid).toHaveLength(5);
    expect(grid[0]).toHaveLength(5);
    const corner = new StepBuffers(1, 5);
    corner.x.set([-2, 3]); // top-left: x = xMin, y = yMax
    forward(params, 'tanh', corner);
    expect(grid[0]![0]).toBe(corner.h2[1]);
    corner.x.set([2, -1]); // bottom-right
    forward(params, 'tanh', corner);
    expect(grid[4]![4]).toBe(corner.h2[1]);
  });
});
