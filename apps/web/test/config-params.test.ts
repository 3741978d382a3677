/** The worked example's URL parameters: read, checked, every problem reported, nothing fixed silently. */
import { DECK_CONFIG } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import {
  isDeckExample,
  LIMITS,
  type ParseResult,
  parseSettings,
  type SearchParams,
} from '../src/lib/config-params.ts';

const settingsOf = (params: SearchParams) => {
  const r = parseSettings(params);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
};

const problems = (r: ParseResult) => (r.ok ? [] : r.errors.map((e) => e.param));

describe('parseSettings', () => {
  it("without parameters is the deck's worked example", () => {
    const settings = settingsOf({});
    expect(settings).toEqual({ config: DECK_CONFIG, offset: 0 });
    expect(isDeckExample(settings)).toBe(true);
  });

  it('ignores parameters it does not know, and ones that are undefined', () => {
    const settings = settingsOf({ utm_source: 'mail', n: '5', hidden: undefined, foo: ['1', '2'] });
    expect(settings).toEqual({ config: DECK_CONFIG, offset: 0 });
  });

  it('reads every parameter the form sends', () => {
    const settings = settingsOf({
      hidden: '4',
      activation: 'tanh',
      bias: 'on',
      dataSeed: '7',
      weightSeed: '42',
      lr: '0.5',
      offset: '12',
    });
    expect(settings).toEqual({
      config: {
        ...DECK_CONFIG,
        hidden: 4,
        activation: 'tanh',
        bias: true,
        dataSeed: 7,
        weightSeed: 42,
        lr: 0.5,
      },
      offset: 12,
    });
    expect(isDeckExample(settings)).toBe(false);
  });

  it('a repeated parameter counts its last value', () => {
    expect(settingsOf({ hidden: ['2', '5'] }).config.hidden).toBe(5);
  });

  it('trims, ignores case where case means nothing, and accepts a plus sign', () => {
    const settings = settingsOf({ hidden: ' 6 ', activation: ' ReLU ', bias: 'YES', lr: ' 1e-2 ' });
    expect(settings.config).toMatchObject({ hidden: 6, activation: 'relu', bias: true, lr: 0.01 });
    expect(settingsOf({ hidden: '+2' }).config.hidden).toBe(2);
  });

  it.each([
    ['on', true],
    ['true', true],
    ['1', true],
    ['off', false],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('bias=%s is %s', (text, bias) => {
    expect(settingsOf({ bias: text }).config.bias).toBe(bias);
  });

  it('the bounds are inclusive where they say "from … to"', () => {
    expect(settingsOf({ hidden: String(LIMITS.hidden.min) }).config.hidden).toBe(1);
    expect(settingsOf({ hidden: String(LIMITS.hidden.max) }).config.hidden).toBe(16);
    expect(settingsOf({ dataSeed: String(2 ** 32 - 1) }).config.dataSeed).toBe(2 ** 32 - 1);
    expect(settingsOf({ lr: '100' }).config.lr).toBe(100);
    expect(settingsOf({ offset: String(DECK_CONFIG.n - 1) }).offset).toBe(DECK_CONFIG.n - 1);
  });

  it.each([
    ['hidden', '0'],
    ['hidden', '17'],
    ['hidden', '3.5'],
    ['hidden', ''],
    ['hidden', 'three'],
    ['activation', 'softmax'],
    ['bias', 'maybe'],
    ['dataSeed', '-1'],
    ['dataSeed', String(2 ** 32)],
    ['weightSeed', '1e3'],
    ['lr', '0'],
    ['lr', '-0.1'],
    ['lr', '100.5'],
    ['lr', 'NaN'],
    ['lr', 'Infinity'],
    ['lr', ''],
    ['offset', '-1'],
    ['offset', String(DECK_CONFIG.n)],
  ])('refuses %s=%j and quotes it back', (param, text) => {
    const r = parseSettings({ [param]: text });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.param).toBe(param);
    expect(r.errors[0]!.message).toContain(`"${text}"`);
    expect(r.raw[param]).toBe(text);
  });

  it('reports every problem at once, in the form’s order, and keeps what was typed', () => {
    const r = parseSettings({ lr: 'fast', hidden: '99', bias: 'x', offset: '5' });
    expect(problems(r)).toEqual(['hidden', 'bias', 'lr']);
    expect(r.ok ? null : r.raw).toEqual({ hidden: '99', bias: 'x', lr: 'fast', offset: '5' });
  });
});

describe('isDeckExample', () => {
  it("is true for the deck's values given explicitly, false for any change", () => {
    expect(isDeckExample(settingsOf({ hidden: String(DECK_CONFIG.hidden), offset: '0' }))).toBe(
      true,
    );
    expect(isDeckExample(settingsOf({ offset: '1' }))).toBe(false);
    expect(isDeckExample(settingsOf({ weightSeed: String(DECK_CONFIG.weightSeed + 1) }))).toBe(
      false,
    );
    expect(isDeckExample(settingsOf({ bias: DECK_CONFIG.bias ? 'off' : 'on' }))).toBe(false);
  });
});
