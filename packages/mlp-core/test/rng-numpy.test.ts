/**
 * RandomState against a live numpy for seeds across [0, 2^32-1], beyond the fixture's two.
 * python3 with numpy is on every project machine; where it is missing this fails in CI and
 * skips with a visible reason elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RandomState } from '../src/index.ts';

const SEEDS = [1, 42, 123456789, 2 ** 31, 2 ** 32 - 1];
const COUNT = 1500; // past 624 outputs: several twists of the state
const script = `
import json, sys, numpy as np
out = {}
for s in ${JSON.stringify(SEEDS)}:
    u = np.random.RandomState(s).random_sample(${COUNT}).tolist()
    np.random.seed(s)
    n = np.random.randn(${COUNT}).tolist()
    out[s] = [u, n]
print(json.dumps(out))
`;
const py = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
const numpy: Record<string, [number[], number[]]> | null =
  py.status === 0 ? JSON.parse(py.stdout) : null;
if (!numpy && process.env.CI) throw new Error(`python3 with numpy is required in CI: ${py.stderr}`);

describe.skipIf(!numpy)('RandomState equals numpy (live)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: random_sample and randn, ${COUNT} draws each`, () => {
      const [uniform, normal] = numpy![String(seed)]!;
      expect(Array.from(new RandomState(seed).randomSamples(COUNT))).toEqual(uniform);
      const got = new RandomState(seed).randns(COUNT);
      for (let i = 0; i < COUNT; i++) {
        expect(Math.abs(got[i]! - normal[i]!)).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(normal[i]!)),
        );
      }
    });
  }
  it('refuses seeds outside [0, 2^32-1]', () => {
    for (const bad of [-1, 2 ** 32, 1.5, Number.NaN])
      expect(() => new RandomState(bad)).toThrow(RangeError);
  });
});
