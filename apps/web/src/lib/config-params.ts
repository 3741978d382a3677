import { ACTIVATIONS, type Activation, DECK_CONFIG, type NetworkConfig } from '@backprop/mlp-core';

/** What the page reads from its URL: a network configuration and the batch's first row. */
export interface PageSettings {
  config: NetworkConfig;
  offset: number;
}

/** One problem with one search parameter, phrased for the visitor. */
export interface ParamError {
  param: string;
  message: string;
}

export type ParseResult =
  | { ok: true; settings: PageSettings }
  | { ok: false; errors: ParamError[]; raw: Record<string, string> };

export type SearchParams = Record<string, string | string[] | undefined>;

/** The search parameters the form sends, in form order. */
export const PARAM_NAMES = [
  'hidden',
  'activation',
  'bias',
  'dataSeed',
  'weightSeed',
  'lr',
  'offset',
] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

export const LIMITS = {
  hidden: { min: 1, max: 16 },
  seed: { min: 0, max: 2 ** 32 - 1 },
  lr: { min: 0, max: 100 },
} as const;

export const DEFAULT_SETTINGS: PageSettings = { config: { ...DECK_CONFIG }, offset: 0 };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function parseInteger(
  param: ParamName,
  text: string,
  min: number,
  max: number,
  errors: ParamError[],
): number | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!INTEGER.test(trimmed) || value < min || value > max) {
    errors.push({
      param,
      message: `${param} must be a whole number from ${min} to ${max} (got "${text}").`,
    });
    return undefined;
  }
  return value;
}

/**
 * Reads the page settings from URL search parameters. A missing parameter keeps the deck's value;
 * a present one must be valid, otherwise every problem is reported (nothing is silently fixed).
 */
export function parseSettings(searchParams: SearchParams): ParseResult {
  const raw: Record<string, string> = {};
  for (const name of PARAM_NAMES) {
    const value = single(searchParams[name]);
    if (value !== undefined) raw[name] = value;
  }
  const errors: ParamError[] = [];
  const config: NetworkConfig = { ...DECK_CONFIG };
  let offset = 0;

  if (raw.hidden !== undefined) {
    const v = parseInteger('hidden', raw.hidden, LIMITS.hidden.min, LIMITS.hidden.max, errors);
    if (v !== undefined) config.hidden = v;
  }
  if (raw.activation !== undefined) {
    const v = raw.activation.trim().toLowerCase();
    if ((ACTIVATIONS as readonly string[]).includes(v)) config.activation = v as Activation;
    else
      errors.push({
        param: 'activation',
        message: `activation must be one of ${ACTIVATIONS.join(', ')} (got "${raw.activation}").`,
      });
  }
  if (raw.bias !== undefined) {
    const v = raw.bias.trim().toLowerCase();
    if (['on', 'true', '1', 'yes'].includes(v)) config.bias = true;
    else if (['off', 'false', '0', 'no'].includes(v)) config.bias = false;
    else errors.push({ param: 'bias', message: `bias must be on or off (got "${raw.bias}").` });
  }
  for (const param of ['dataSeed', 'weightSeed'] as const) {
    const text = raw[param];
    if (text === undefined) continue;
    const v = parseInteger(param, text, LIMITS.seed.min, LIMITS.seed.max, errors);
    if (v !== undefined) config[param] = v;
  }
  if (raw.lr !== undefined) {
    const trimmed = raw.lr.trim();
    const v = Number(trimmed);
    if (!DECIMAL.test(trimmed) || !(v > LIMITS.lr.min) || v > LIMITS.lr.max)
      errors.push({
        param: 'lr',
        message: `lr must be a number greater than ${LIMITS.lr.min} and at most ${LIMITS.lr.max} (got "${raw.lr}").`,
      });
    else config.lr = v;
  }
  if (raw.offset !== undefined) {
    const v = parseInteger('offset', raw.offset, 0, config.n - 1, errors);
    if (v !== undefined) offset = v;
  }

  if (errors.length > 0) return { ok: false, errors, raw };
  return { ok: true, settings: { config, offset } };
}

/** True when the settings are the deck's worked example. */
export function isDeckExample({ config, offset }: PageSettings): boolean {
  return (
    offset === 0 &&
    (Object.keys(DECK_CONFIG) as (keyof NetworkConfig)[]).every(
      (key) => config[key] === DECK_CONFIG[key],
    )
  );
}
