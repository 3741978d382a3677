/**
 * mlp-core from the shell: `pnpm --silent mlp-core <trace|train|rng> [flags]`, JSON by default.
 * Defaults reproduce the deck. Bad input exits 2 with a one-line error on stderr.
 */
import { resolveConfig } from './config.ts';
import { traceToLatex, traceToMarkdown } from './format.ts';
import { toRows } from './matrix.ts';
import { RandomState } from './rng.ts';
import { traceStep, traceValues } from './trace.ts';
import { train } from './train.ts';
import { ACTIVATIONS, type Activation, type NetworkConfig } from './types.ts';

const USAGE = `usage: mlp-core <command> [flags]
  trace  [config flags] [--offset R] [--format json|markdown|latex]
  train  [config flags] [--offset R] [--steps S] [--every K]
  rng    --seed S [--count K] [--dist uniform|normal]
config flags: --data-seed --n --weight-seed --hidden --activation sigmoid|tanh|relu
              --bias --lr --reg --batch   (defaults: the deck's worked example)`;

class UsageError extends Error {}

type Flags = Map<string, string | true>;

const COMMAND_FLAGS = {
  trace: ['offset', 'format'],
  train: ['offset', 'steps', 'every'],
  rng: ['seed', 'count', 'dist'],
} as const;
const CONFIG_FLAGS = [
  'data-seed',
  'n',
  'weight-seed',
  'hidden',
  'activation',
  'bias',
  'lr',
  'reg',
  'batch',
];
const BOOLEAN_FLAGS = new Set(['bias']);

function parseFlags(args: string[], allowed: readonly string[]): Flags {
  const flags: Flags = new Map();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (!allowed.includes(name)) throw new UsageError(`unknown flag --${name}`);
    if (flags.has(name)) throw new UsageError(`--${name} given twice`);
    if (BOOLEAN_FLAGS.has(name)) {
      if (inline !== undefined && inline !== 'true' && inline !== 'false') {
        throw new UsageError(`--${name} takes no value (or =true/=false)`);
      }
      if (inline !== 'false') flags.set(name, true);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

function numberFlag(flags: Flags, name: string, integer: boolean): number | undefined {
  const raw = flags.get(name);
  if (raw === undefined) return undefined;
  const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'}, got "${raw}"`);
  }
  return v;
}

function configFrom(flags: Flags): NetworkConfig {
  const activation = flags.get('activation');
  if (activation !== undefined && !ACTIVATIONS.includes(activation as Activation)) {
    throw new UsageError(
      `--activation must be one of ${ACTIVATIONS.join(', ')}, got "${activation}"`,
    );
  }
  const overrides: Partial<NetworkConfig> = {
    dataSeed: numberFlag(flags, 'data-seed', true),
    n: numberFlag(flags, 'n', true),
    weightSeed: numberFlag(flags, 'weight-seed', true),
    hidden: numberFlag(flags, 'hidden', true),
    activation: activation as Activation | undefined,
    bias: flags.has('bias') ? true : undefined,
    lr: numberFlag(flags, 'lr', false),
    reg: numberFlag(flags, 'reg', false),
    batch: numberFlag(flags, 'batch', true),
  };
  for (const key of Object.keys(overrides) as (keyof NetworkConfig)[]) {
    if (overrides[key] === undefined) delete overrides[key];
  }
  return resolveConfig(overrides);
}

function run(argv: string[]): string {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help') return USAGE;
  if (!(command in COMMAND_FLAGS)) throw new UsageError(`unknown command "${command}"`);
  const cmd = command as keyof typeof COMMAND_FLAGS;
  const own: readonly string[] = COMMAND_FLAGS[cmd];
  const flags = parseFlags(rest, cmd === 'rng' ? own : [...CONFIG_FLAGS, ...own]);

  if (cmd === 'rng') {
    const seed = numberFlag(flags, 'seed', true);
    if (seed === undefined) throw new UsageError('rng needs --seed');
    const count = numberFlag(flags, 'count', true) ?? 10;
    if (count < 0 || count > 1_000_000) throw new UsageError('--count must be from 0 to 1000000');
    const dist = flags.get('dist') ?? 'uniform';
    if (dist !== 'uniform' && dist !== 'normal') {
      throw new UsageError(`--dist must be uniform or normal, got "${String(dist)}"`);
    }
    const rs = new RandomState(seed);
    return JSON.stringify(
      Array.from(dist === 'uniform' ? rs.randomSamples(count) : rs.randns(count)),
    );
  }

  const config = configFrom(flags);
  const offset = numberFlag(flags, 'offset', true) ?? 0;
  if (cmd === 'trace') {
    const trace = traceStep(config, offset);
    const format = flags.get('format') ?? 'json';
    if (format === 'markdown') return traceToMarkdown(trace);
    if (format === 'latex') return traceToLatex(trace);
    if (format !== 'json') throw new UsageError(`--format must be json, markdown or latex`);
    return JSON.stringify({ config, offset, values: traceValues(trace) }, null, 1);
  }

  const steps = numberFlag(flags, 'steps', true) ?? 3000;
  const every = numberFlag(flags, 'every', true) ?? 100;
  const result = train(config, { steps, every, offset });
  const p = result.params;
  const final: Record<string, unknown> = {
    W1: toRows(p.W1, 2, p.hidden),
    W2: toRows(p.W2, p.hidden, 2),
  };
  if (p.b1 && p.b2) {
    final.b1 = toRows(p.b1, 1, p.hidden);
    final.b2 = toRows(p.b2, 1, 2);
  }
  final.accuracy = result.accuracy;
  return JSON.stringify({ config, trajectory: result.trajectory, final }, null, 1);
}

try {
  process.stdout.write(`${run(process.argv.slice(2))}\n`);
} catch (error) {
  if (!(error instanceof UsageError || error instanceof RangeError)) throw error;
  process.stderr.write(`mlp-core: ${error.message}\n`);
  process.exitCode = 2;
}
