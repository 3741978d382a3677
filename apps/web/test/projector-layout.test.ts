/** The projector's bricks and names: which bricks a step has, where they sit, anonymised names. */
import { DEFAULT_DISPLAY_OPTIONS } from '@backprop/contract';
import { GIVEN_NAMES, QUANTITY_NAMES, quantityNames } from '@backprop/mlp-core';
import { describe, expect, it } from 'vitest';
import { bricksOf, highlightedRegions, REGION_OF, REGIONS } from '../src/show/bricks.ts';
import { displayName, useDisplayOptions } from '../src/show/display-options.ts';

describe('bricksOf', () => {
  it('the givens first, then the chain in the deck’s order; bias bricks only with biases', () => {
    expect(bricksOf({ bias: false })).toEqual([
      'X',
      'y',
      'W1',
      'W2',
      ...quantityNames({ bias: false }),
    ]);
    const withBias = bricksOf({ bias: true });
    expect(withBias).toEqual([...GIVEN_NAMES, ...quantityNames({ bias: true })]);
    expect(withBias.filter((b) => /^b\d|_db\d$/.test(b)).length).toBeGreaterThan(0);
    expect(bricksOf({ bias: false }).some((b) => /^b\d|_db\d$/.test(b))).toBe(false);
  });

  it('every brick has a region of the diagram', () => {
    for (const name of [...GIVEN_NAMES, ...QUANTITY_NAMES]) {
      expect(REGIONS).toContain(REGION_OF[name]);
    }
  });
});

describe('highlightedRegions', () => {
  it('marks the asked brick’s region, and each input’s region with its names', () => {
    const regions = highlightedRegions('z1', ['X', 'W1']);
    expect(regions.get('hidden')).toEqual({ role: 'asked', names: ['z1'] });
    expect(regions.get('inputs')).toEqual({ role: 'input', names: ['X'] });
    expect(regions.get('W1')).toEqual({ role: 'input', names: ['W1'] });
    expect(regions.has('outputs')).toBe(false);
  });

  it('an input in the asked region is named beside it; the region stays "asked"', () => {
    const regions = highlightedRegions('dLoss_dz1', ['dLoss_dh1', 'dh1_dz1']);
    expect(regions.get('hidden')).toEqual({
      role: 'asked',
      names: ['dLoss_dz1', 'dLoss_dh1', 'dh1_dz1'],
    });
    expect(regions.size).toBe(1);
  });

  it('inputs sharing a region are grouped; nothing asked marks inputs only', () => {
    const regions = highlightedRegions(null, ['h2', 'y', 'W2', 'b2']);
    expect(regions.get('outputs')).toEqual({ role: 'input', names: ['h2', 'y'] });
    expect(regions.get('W2')).toEqual({ role: 'input', names: ['W2', 'b2'] });
  });
});

describe('displayName', () => {
  const order = ['Ada', 'Bo', 'Cy'];

  it('is the nickname unless anonymised', () => {
    expect(displayName('Bo', order, false)).toBe('Bo');
  });

  it('anonymised: "Player N" by join order, stable whatever the rank', () => {
    expect(order.map((n) => displayName(n, order, true))).toEqual([
      'Player 1',
      'Player 2',
      'Player 3',
    ]);
    expect(displayName('Zed', order, true)).toBe('Player');
  });
});

describe('useDisplayOptions', () => {
  it('the lesson’s options once the view has them, the defaults before', () => {
    const display = { ...DEFAULT_DISPLAY_OPTIONS, anonymise: !DEFAULT_DISPLAY_OPTIONS.anonymise };
    expect(useDisplayOptions({ display })).toBe(display);
    expect(useDisplayOptions(null)).toEqual(DEFAULT_DISPLAY_OPTIONS);
  });
});
