/** The CLI's contract: formats, train output, and one-line errors with a non-zero exit. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DECK_CONFIG, train } from '../src/index.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(TSX, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('mlp-core CLI', () => {
  it('train prints the trajectory and final weights the library computes', () => {
    const r = cli(
      'train',
      '--steps',
      '300',
      '--every',
      '100',
      '--bias',
      '--lr',
      '0.5',
      '--batch',
      '10',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const lib = train(
      { ...DECK_CONFIG, bias: true, lr: 0.5, batch: 10 },
      { steps: 300, every: 100 },
    );
    expect(out.trajectory).toEqual(lib.trajectory);
    expect(out.final.W1.flat()).toEqual(Array.from(lib.params.W1));
    expect(out.final.b2.flat()).toEqual(Array.from(lib.params.b2!));
    expect(out.final.accuracy).toBe(lib.accuracy);
  });

  it('markdown and latex print every quantity of the worked example', () => {
    const md = cli('trace', '--format', 'markdown');
    const tex = cli('trace', '--format', 'latex');
    expect(md.code).toBe(0);
    expect(tex.code).toBe(0);
    expect(md.stdout).toContain('### `dLoss_dW1`');
    expect(md.stdout).toContain('0.00723246'); // dLoss/dW1[0][0] as the deck prints it
    expect(tex.stdout).toContain('\\begin{align*}');
    expect(tex.stdout).toContain('-0.41488852'); // W2* [0][0]
  });

  it('bias adds the bias quantities to the trace', () => {
    const out = JSON.parse(cli('trace', '--bias', '--hidden', '4').stdout);
    expect(Object.keys(out.values)).toEqual(
      expect.arrayContaining(['b1', 'b2', 'dLoss_db1', 'dLoss_db2', 'b1_new', 'b2_new']),
    );
    expect(out.values.W1[0]).toHaveLength(4);
  });

  for (const [args, message] of [
    [['trace', '--hidden', '17'], 'hidden: must be an integer from 1 to 16, got 17'],
    [['trace', '--hidden', 'three'], '--hidden must be an integer, got "three"'],
    [['trace', '--activation', 'softmax'], '--activation must be one of sigmoid, tanh, relu'],
    [['trace', '--lr', '-1'], 'lr: must be a positive number'],
    [['trace', '--format', 'pdf'], '--format must be json, markdown or latex'],
    [['trace', '--unknown', '1'], 'unknown flag --unknown'],
    [['trace', '--lr'], '--lr needs a value'],
    [['rng', '--seed', '4294967296'], 'Seed must be an integer between 0 and 2**32 - 1'],
    [['rng'], 'rng needs --seed'],
    [['fly'], 'unknown command "fly"'],
  ] as const) {
    it(`${args.join(' ')} exits non-zero with one line`, () => {
      const r = cli(...args);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(message);
    });
  }
});
