/**
 * `pnpm bench:mlp`: the same 2-8-2 network, full batch on the 300 points, 10,000 steps, trained
 * by mlp-core and by numpy in one run. Prints both times, the ratio, the largest difference of the
 * final weights, and how many garbage collections ran inside mlp-core's step loop. Not a test.
 */
import { spawnSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { resolveConfig, train } from '../src/index.ts';

const config = resolveConfig({ hidden: 8, bias: true, lr: 1, batch: 300, n: 300 });
const steps = 10_000;
const REPEATS = 5;

function timeMlpCore() {
  let gcs = 0;
  const observer = new PerformanceObserver((list) => {
    gcs += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  const start = performance.now();
  // every = steps: record only step 0 and the last, so nothing else is allocated in the loop.
  const result = train(config, { steps, every: steps });
  const seconds = (performance.now() - start) / 1000;
  observer.disconnect();
  return { seconds, result, gcs };
}

timeMlpCore(); // warm-up: let V8 optimise the kernel before timing
const runs = Array.from({ length: REPEATS }, timeMlpCore);
const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const ts = {
  seconds: best.seconds,
  accuracy: best.result.accuracy,
  gcsDuringLoop: Math.max(...runs.map((r) => r.gcs)),
};

const script = fileURLToPath(new URL('./train-bench.py', import.meta.url));
// These machines set OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for old OpenBLAS builds; they slow a
// current numpy, so numpy runs without them (the fair comparison).
const numpyEnv = { ...process.env };
delete numpyEnv.OPENBLAS_CORETYPE;
delete numpyEnv.OPENBLAS_L2_SIZE;
const numpyRuns = [];
let numpyError = '';
for (let i = 0; i < REPEATS; i++) {
  const py = spawnSync('python3', [script, JSON.stringify({ ...config, steps })], {
    encoding: 'utf8',
  });
  if (py.status !== 0) {
    numpyError = (py.error?.message ?? py.stderr).trim().split('\n').at(-1) ?? 'failed';
    break;
  }
  numpyRuns.push(JSON.parse(py.stdout));
}

const report: Record<string, unknown> = {
  network: `2-${config.hidden}-2 ${config.activation}, biases, full batch of ${config.n}, lr ${config.lr}`,
  steps,
  repeats: REPEATS,
  mlpCore: { bestSeconds: ts.seconds, accuracy: ts.accuracy, gcsDuringLoop: ts.gcsDuringLoop },
};
if (numpyRuns.length === 0) {
  report.numpy = `skipped: python3 with numpy is not available here (${numpyError})`;
} else {
  const np = numpyRuns.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const W1 = (np.W1 as number[][]).flat();
  const maxWeightDifference = Math.max(
    ...W1.map((w, i) => Math.abs(w - best.result.params.W1[i]!)),
    ...(np.W2 as number[][]).flat().map((w, i) => Math.abs(w - best.result.params.W2[i]!)),
  );
  report.numpy = { version: np.numpy, bestSeconds: np.seconds, accuracy: np.accuracy };
  report.numpyOverMlpCore = Number((np.seconds / ts.seconds).toFixed(2));
  report.maxFinalWeightDifference = maxWeightDifference;
}
console.log(JSON.stringify(report, null, 2));
