/** Every number of the deck's worked example, against numpy, through the library and the CLI. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DECK_CONFIG, RandomState, traceStep, traceValues, xorData } from '../src/index.ts';
import { fixture, maxRelativeDifference } from './fixture.ts';

const TOLERANCE = 1e-12;
const names = Object.keys(fixture.values);

describe('the deck configuration', () => {
  it('matches the fixture config', () => {
    const c = fixture.config;
    expect(DECK_CONFIG).toMatchObject({
      dataSeed: c.data_seed,
      n: c.n,
      weightSeed: c.weight_seed,
      hidden: c.sizes[1],
      lr: c.lr,
      reg: c.reg,
      batch: c.batch,
      bias: false,
      activation: 'sigmoid',
    });
  });
});

describe('RandomState streams', () => {
  for (const stream of fixture.rng) {
    it(`random_sample of seed ${stream.seed} equals numpy's`, () => {
      const got = Array.from(
        new RandomState(stream.seed).randomSamples(stream.random_sample.length),
      );
      expect(maxRelativeDifference(got, stream.random_sample)).toBeLessThanOrEqual(TOLERANCE);
    });
    it(`randn of seed ${stream.seed} equals numpy's`, () => {
      const got = Array.from(new RandomState(stream.seed).randns(stream.randn.length));
      expect(maxRelativeDifference(got, stream.randn)).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});

describe('XOR data', () => {
  it('first points and one-hot labels equal numpy', () => {
    const data = xorData(DECK_CONFIG.dataSeed, DECK_CONFIG.n);
    const k = fixture.first_points.X.length;
    const X = Array.from({ length: k }, (_, i) => [data.x[2 * i]!, data.x[2 * i + 1]!]);
    const y = Array.from({ length: k }, (_, i) => [data.y[2 * i]!, data.y[2 * i + 1]!]);
    expect(maxRelativeDifference(X, fixture.first_points.X)).toBeLessThanOrEqual(TOLERANCE);
    expect(y).toEqual(fixture.first_points.y);
  });
});

describe('the worked example through the library', () => {
  const values = traceValues(traceStep(DECK_CONFIG, 0));
  it('has exactly the fixture names', () => {
    expect(Object.keys(values).sort()).toEqual([...names].sort());
  });
  for (const name of names) {
    it(`${name} equals numpy to 1e-12`, () => {
      expect(values[name]).toBeDefined();
      expect(maxRelativeDifference(values[name]!, fixture.values[name]!)).toBeLessThanOrEqual(
        TOLERANCE,
      );
    });
  }
});

describe('the worked example through the CLI', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const out = execFileSync('pnpm', ['--silent', 'mlp-core', 'trace'], {
    cwd: root,
    encoding: 'utf8',
  });
  const parsed = JSON.parse(out) as { values: Record<string, number | number[][]> };
  for (const name of names) {
    it(`${name} equals numpy to 1e-12`, () => {
      expect(
        maxRelativeDifference(parsed.values[name]!, fixture.values[name]!),
      ).toBeLessThanOrEqual(TOLERANCE);
    });
  }
  for (const stream of fixture.rng) {
    for (const [dist, want] of [
      ['uniform', stream.random_sample],
      ['normal', stream.randn],
    ] as const) {
      it(`rng --seed ${stream.seed} --dist ${dist} equals numpy`, () => {
        const args = [
          '--silent',
          'mlp-core',
          'rng',
          '--seed',
          String(stream.seed),
          '--count',
          String(want.length),
          '--dist',
          dist,
        ];
        const got = JSON.parse(execFileSync('pnpm', args, { cwd: root, encoding: 'utf8' }));
        expect(maxRelativeDifference(got, want)).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  }
});
