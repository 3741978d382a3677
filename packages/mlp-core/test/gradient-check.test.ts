/** The analytic gradients of backward() against central finite differences, on random networks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, gradientCheck, initParams, resolveConfig, traceStep } from '../src/index.ts';

const configs = fc.record({
  dataSeed: fc.integer({ min: 0, max: 0xffffffff }),
  weightSeed: fc.integer({ min: 0, max: 0xffffffff }),
  n: fc.integer({ min: 8, max: 60 }),
  hidden: fc.integer({ min: 1, max: 16 }),
  activation: fc.constantFrom(...ACTIVATIONS),
  bias: fc.boolean(),
  lr: fc.double({ min: 1e-4, max: 3, noNaN: true }),
  reg: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
  batch: fc.integer({ min: 1, max: 8 }),
});

describe('gradient check', () => {
  it('analytic gradients match finite differences on random seeds, sizes, activations, batches, lambdas and biases', () => {
    fc.assert(
      fc.property(configs, fc.nat(1000), (input, offset) => {
        const config = resolveConfig(input);
        const trace = traceStep(config, offset);
        if (config.activation === 'relu') {
          // Central differences are wrong across ReLU's kink; keep points away from it.
          const z1 = trace.entries.find((e) => e.name === 'z1')!.value as number[][];
          fc.pre(z1.flat().every((z) => Math.abs(z) > 1e-3));
        }
        const result = gradientCheck(config, initParams(config), { offset });
        expect(result.checked).toBe(config.hidden * 4 + (config.bias ? config.hidden + 2 : 0));
        expect(result.maxAbsoluteError).toBeLessThan(1e-7);
      }),
      { numRuns: 150, seed: 20171 },
    );
  });
});
