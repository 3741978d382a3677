import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exp } from '../src/exp.ts';

describe('exp', () => {
  it('is within 2 ulp of Math.exp over the whole finite range', () => {
    fc.assert(
      fc.property(fc.double({ min: -707.9, max: 708.9, noNaN: true }), (x) => {
        const want = Math.exp(x);
        expect(Math.abs(exp(x) - want)).toBeLessThanOrEqual(4.5e-16 * want);
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });
  it('handles the edges like Math.exp', () => {
    for (const x of [
      0,
      -0,
      1,
      -1,
      708.9,
      -707.9,
      709.8,
      -745.2,
      -800,
      800,
      Infinity,
      -Infinity,
      Number.NaN,
    ]) {
      const want = Math.exp(x);
      if (!Number.isFinite(want) || want === 0) expect(exp(x)).toBe(want);
      else expect(Math.abs(exp(x) - want)).toBeLessThanOrEqual(4.5e-16 * want);
    }
    expect(exp(0)).toBe(1);
  });
});
