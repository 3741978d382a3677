/**
 * Prints how long `replay` takes to fold a log of N joins (issue 15 part 4: linear replay, 10,000
 * joins under 1 s), for N = 2,500, 5,000, 10,000 and (to show where it bends) 20,000. The best of
 * three runs per size, so a busy
 * machine shows less noise. Run: `pnpm --filter @backprop/lesson --silent bench:replay`.
 */
import { performance } from 'node:perf_hooks';
import { DECK_PRESET } from '@backprop/contract';
import { type Envelope, replay } from '../src/index.ts';

const TARGET_MS = 1000;

function joins(n: number): Envelope[] {
  const log: Envelope[] = [];
  for (let i = 0; i < n; i++) {
    const nickname = `Student ${i}`;
    log.push({
      actor: { role: 'system' },
      at: 1_000_000 + i,
      // Every other join from a log before look-alike keys (lower-cased nickname, L1).
      command: {
        type: 'join',
        playerId: `p${i}`,
        nickname,
        ...(i % 2 === 0 && { nicknameKey: nickname.toLowerCase() }),
        tokenHash: `t${i}`,
      },
    });
  }
  return log;
}

const input = { code: 'BENCH1', settings: DECK_PRESET, createdAt: 1_000_000 };
for (const n of [2_500, 5_000, 10_000, 20_000]) {
  const log = joins(n);
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    replay(input, log);
    best = Math.min(best, performance.now() - t0);
    if (best > 5 * TARGET_MS) break; // the quadratic fold: one run says enough
  }
  const verdict =
    n === 10_000
      ? best < TARGET_MS
        ? '  (target < 1000 ms: met)'
        : '  (target < 1000 ms: MISSED)'
      : '';
  console.log(`replay ${String(n).padStart(6)} joins: ${best.toFixed(0).padStart(6)} ms${verdict}`);
}
