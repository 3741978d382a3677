import { MAX_HIDDEN } from './network.ts';
import { ACTIVATIONS, DECK_CONFIG, type NetworkConfig } from './types.ts';

/** A configuration value out of range; `field` names the offending setting. */
export class ConfigError extends RangeError {
  constructor(
    readonly field: keyof NetworkConfig | 'offset',
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ConfigError';
  }
}

const MAX_SEED = 0xffffffff;
export const MAX_POINTS = 100_000;

function integerIn(field: keyof NetworkConfig, v: unknown, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(field, `must be an integer from ${min} to ${max}, got ${String(v)}`);
  }
}

/** The deck's configuration with `overrides` applied, checked: throws ConfigError. */
export function resolveConfig(overrides: Partial<NetworkConfig> = {}): NetworkConfig {
  const c: NetworkConfig = { ...DECK_CONFIG, ...overrides };
  integerIn('dataSeed', c.dataSeed, 0, MAX_SEED);
  integerIn('weightSeed', c.weightSeed, 0, MAX_SEED);
  integerIn('n', c.n, 1, MAX_POINTS);
  integerIn('hidden', c.hidden, 1, MAX_HIDDEN);
  integerIn('batch', c.batch, 1, c.n);
  if (!ACTIVATIONS.includes(c.activation)) {
    throw new ConfigError('activation', `must be one of ${ACTIVATIONS.join(', ')}`);
  }
  if (typeof c.bias !== 'boolean') throw new ConfigError('bias', 'must be true or false');
  if (typeof c.lr !== 'number' || !Number.isFinite(c.lr) || c.lr <= 0) {
    throw new ConfigError('lr', `must be a positive number, got ${String(c.lr)}`);
  }
  if (typeof c.reg !== 'number' || !Number.isFinite(c.reg) || c.reg < 0) {
    throw new ConfigError('reg', `must be a number >= 0, got ${String(c.reg)}`);
  }
  return c;
}
