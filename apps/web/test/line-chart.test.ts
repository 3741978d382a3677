/** The training charts' axes: round ticks covering the range, whatever the values. */
import { describe, expect, it } from 'vitest';
import { niceTicks } from '../src/show/line-chart.tsx';

describe('niceTicks', () => {
  it('loss 0..0.77: steps of 0.2 from 0, the last within the range', () => {
    const ticks = niceTicks(0, 0.77, 4);
    expect(ticks.map((t) => Number(t.toFixed(6)))).toEqual([0, 0.2, 0.4, 0.6]);
  });

  it('accuracy 0..1: steps of 0.25, both ends included (no floating-point drop of the last)', () => {
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('training steps 1..3000: steps of 1000 (whole numbers), never more than twice count', () => {
    expect(niceTicks(1, 3000, 4)).toEqual([1000, 2000, 3000]);
    for (const [min, max] of [
      [0, 7],
      [3, 1234],
      [0.001, 0.0042],
      [10, 10.5],
    ] as const) {
      const ticks = niceTicks(min, max, 4);
      expect(ticks.length, `${min}..${max}`).toBeGreaterThan(0);
      expect(ticks.length, `${min}..${max}`).toBeLessThanOrEqual(8);
      for (const t of ticks) {
        expect(t).toBeGreaterThanOrEqual(min - 1e-12);
        expect(t).toBeLessThanOrEqual(max + 1e-9);
      }
    }
  });

  it('an empty range: its one value', () => {
    expect(niceTicks(5, 5, 4)).toEqual([5]);
  });
});
