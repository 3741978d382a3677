/**
 * The step's bricks as the projector lays them out: the givens, then the deck's chain, and where
 * each one sits in the network diagram.
 */
import { GIVEN_NAMES, type GivenName, type QuantityName, quantityNames } from '@backprop/mlp-core';

export type BrickName = GivenName | QuantityName;

/** The columns and link bands of the diagram, left to right. */
export const REGIONS = ['inputs', 'W1', 'hidden', 'W2', 'outputs'] as const;
export type Region = (typeof REGIONS)[number];

/** Where a brick lives in the network: the layer it describes, or the weights it is about. */
export const REGION_OF: Record<BrickName, Region> = {
  X: 'inputs',
  y: 'outputs',
  W1: 'W1',
  b1: 'W1',
  W2: 'W2',
  b2: 'W2',
  z1: 'hidden',
  h1: 'hidden',
  z2: 'outputs',
  h2: 'outputs',
  loss: 'outputs',
  dLoss_dh2: 'outputs',
  dh2_dz2: 'outputs',
  dLoss_dz2: 'outputs',
  dz2_dW2: 'W2',
  dLoss_dW2: 'W2',
  dLoss_db2: 'W2',
  dz2_dh1: 'W2',
  dLoss_dh1: 'hidden',
  dh1_dz1: 'hidden',
  dLoss_dz1: 'hidden',
  dz1_dW1: 'W1',
  dLoss_dW1: 'W1',
  dLoss_db1: 'W1',
  W2_new: 'W2',
  b2_new: 'W2',
  W1_new: 'W1',
  b1_new: 'W1',
};

/** Every brick of a step, givens first, then the chain in the deck's order. */
export function bricksOf(network: { bias: boolean }): BrickName[] {
  const givens = GIVEN_NAMES.filter((g) => network.bias || (g !== 'b1' && g !== 'b2'));
  return [...givens, ...quantityNames(network)];
}

export type BrickRole = 'asked' | 'input' | null;

/** The asked brick and the bricks it is computed from, by region of the diagram. */
export function highlightedRegions(
  asked: BrickName | null,
  inputs: readonly BrickName[],
): Map<Region, { role: 'asked' | 'input'; names: BrickName[] }> {
  const out = new Map<Region, { role: 'asked' | 'input'; names: BrickName[] }>();
  if (asked) out.set(REGION_OF[asked], { role: 'asked', names: [asked] });
  for (const name of inputs) {
    const region = REGION_OF[name];
    const entry = out.get(region);
    if (!entry) out.set(region, { role: 'input', names: [name] });
    // The asked region stays "asked"; the inputs it shares it with are named beside it.
    else entry.names.push(name);
  }
  return out;
}
