/** Finite-difference check of the analytic gradients: the independent oracle for backward(). */
import { type Dataset, xorData } from './data.ts';
import {
  backward,
  cloneParams,
  computeLoss,
  forward,
  loadBatch,
  type Params,
  StepBuffers,
} from './network.ts';
import type { NetworkConfig } from './types.ts';

export interface GradientCheckResult {
  /** Largest |analytic - numeric| / max(1e-8, |analytic| + |numeric|) over every parameter. */
  maxRelativeError: number;
  /** Largest |analytic - numeric|. */
  maxAbsoluteError: number;
  /** Parameters compared. */
  checked: number;
}

const PARAM_NAMES = ['W1', 'W2', 'b1', 'b2'] as const;

/** Central differences of the loss on the batch at `offset`, with step `eps`. */
export function gradientCheck(
  config: NetworkConfig,
  params: Params,
  options: { offset?: number; eps?: number; data?: Dataset } = {},
): GradientCheckResult {
  const { offset = 0, eps = 1e-6 } = options;
  const data = options.data ?? xorData(config.dataSeed, config.n);
  const buf = new StepBuffers(config.batch, params.hidden);
  loadBatch(buf, data, offset % data.n);
  const lossAt = (p: Params) => {
    forward(p, config.activation, buf);
    return computeLoss(p, config.reg, buf);
  };
  lossAt(params);
  backward(params, config.activation, config.reg, buf);
  const analytic = {
    W1: buf.dLoss_dW1.slice(),
    W2: buf.dLoss_dW2.slice(),
    b1: buf.dLoss_db1.slice(),
    b2: buf.dLoss_db2.slice(),
  };

  const probe = cloneParams(params);
  let maxRelativeError = 0;
  let maxAbsoluteError = 0;
  let checked = 0;
  for (const name of PARAM_NAMES) {
    const w = probe[name];
    if (!w) continue;
    for (let i = 0; i < w.length; i++) {
      const saved = w[i]!;
      w[i] = saved + eps;
      const up = lossAt(probe);
      w[i] = saved - eps;
      const down = lossAt(probe);
      w[i] = saved;
      const numeric = (up - down) / (2 * eps);
      const exact = analytic[name][i]!;
      const abs = Math.abs(exact - numeric);
      maxAbsoluteError = Math.max(maxAbsoluteError, abs);
      maxRelativeError = Math.max(
        maxRelativeError,
        abs / Math.max(1e-8, Math.abs(exact) + Math.abs(numeric)),
      );
      checked++;
    }
  }
  return { maxRelativeError, maxAbsoluteError, checked };
}
