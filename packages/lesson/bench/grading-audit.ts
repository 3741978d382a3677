/**
 * Prints the figures of issue 13 ("Grading that cannot be fooled"): how the deck lesson's
 * grading treats unchanged weights, 0, −truth and halved answers, the sign-mode score of the
 * exact true signs, the named slips per deck quantity and three multiple-choice questions.
 * Run: `pnpm --silent audit:grading` (or `pnpm --filter @backprop/lesson --silent audit:grading`). Deterministic; reads no files.
 */
import { DECK_PRESET, type QuestionSpec } from '@backprop/contract';
import {
  DECK_CONFIG,
  fromRows,
  gradeAnswer,
  initParams,
  type Matrix,
  misconceptionsFor,
  multipleChoice,
  type NetworkConfig,
  type Params,
  QUANTITY_NAMES,
  type QuantityName,
  type StepTrace,
  type Tolerance,
  traceStep,
  type Value,
  xorData,
} from '@backprop/mlp-core';

const tolOf = (name: QuantityName): Tolerance => {
  const spec = DECK_PRESET.questions.find((q: QuestionSpec) => q.quantity === name);
  return { ...DECK_PRESET.tolerance, ...spec?.tolerance };
};
const quantityValue = (t: StepTrace, name: QuantityName) =>
  t.entries.find((e) => e.name === name)!.value;
const mapV = (v: Value, f: (x: number) => number): Value =>
  typeof v === 'number' ? f(v) : v.map((r) => r.map(f));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The traces of a lesson that quizzes every step: weights carried, offset advancing by batch. */
function lessonTraces(config: NetworkConfig, steps: number): StepTrace[] {
  const data = xorData(config.dataSeed, config.n);
  let params: Params = initParams(config);
  let offset = 0;
  const out: StepTrace[] = [];
  for (let i = 0; i < steps; i++) {
    const t = traceStep(config, offset, { params, data });
    out.push(t);
    const W1 = quantityValue(t, 'W1_new') as Matrix;
    const W2 = quantityValue(t, 'W2_new') as Matrix;
    params = { ...params, W1: fromRows(W1), W2: fromRows(W2) };
    offset = (offset + config.batch) % config.n;
  }
  return out;
}

const deck = lessonTraces({ ...DECK_CONFIG }, 300);
const deck8 = lessonTraces({ ...DECK_CONFIG, batch: 8 }, Math.ceil(300 / 8));

console.log('# Grading audit (issue 13)\n');
console.log(`Lesson tolerance: ${JSON.stringify(DECK_PRESET.tolerance)}`);
console.log(`W1_new question tolerance: ${JSON.stringify(tolOf('W1_new'))}\n`);

console.log('## Unchanged weights, W + α·g and the right step (deck lesson, 300 rows)');
for (const w of ['W1', 'W2'] as const) {
  const name = `${w}_new` as QuantityName;
  const cases: [string, (t: StepTrace) => Value][] = [
    [`${w} unchanged`, (t) => t.givens[w]!],
    [
      `${w} + α·g (update added)`,
      (t) => {
        const W = t.givens[w]!;
        const g = quantityValue(t, `dLoss_d${w}` as QuantityName) as Matrix;
        return W.map((r, i) => r.map((x, j) => x + t.config.lr * g[i]![j]!));
      },
    ],
    [
      'the truth, rounded to 3 significant figures',
      (t) => mapV(quantityValue(t, name), (x) => Number(x.toPrecision(3))),
    ],
    [
      'W + the step to 3 significant figures',
      (t) => {
        const W = t.givens[w]!;
        const v = quantityValue(t, name) as Matrix;
        return W.map((r, i) => r.map((x, j) => x + Number((v[i]![j]! - x).toPrecision(3))));
      },
    ],
  ];
  for (const [label, answer] of cases) {
    const grades = deck.map((t) =>
      gradeAnswer(t, name, answer(t) as Matrix, { tolerance: tolOf(name) }),
    );
    const mean = grades.reduce((a, g) => a + g.score, 0) / grades.length;
    const full = grades.filter((g) => g.correct).length;
    const named = grades[0]!.misconception?.id ?? 'none';
    console.log(
      `${name} answered ${label}: deck step ${pct(grades[0]!.score)} (named: ${named}); mean ${pct(mean)}, full credit on ${full}/300`,
    );
  }
  const custom = deck.map((t) =>
    gradeAnswer(t, name, t.givens[w]!, { tolerance: DECK_PRESET.tolerance }),
  );
  const cmean = custom.reduce((a, g) => a + g.score, 0) / custom.length;
  console.log(
    `${name} answered ${w} unchanged under the lesson tolerance (custom lesson): mean ${pct(cmean)}`,
  );
}

/** Share of entries (over `traces`) whose answer f(truth) is accepted. */
function shareAccepted(traces: StepTrace[], name: QuantityName, f: (x: number) => number): number {
  let ok = 0;
  let all = 0;
  for (const t of traces) {
    const g = gradeAnswer(t, name, mapV(quantityValue(t, name), f) as Matrix, {
      tolerance: tolOf(name),
    });
    for (const e of g.entries) {
      all++;
      if (e.correct) ok++;
    }
  }
  return ok / all;
}

console.log('\n## Share of entries that accept a wrong answer (lesson tolerance)');
for (const [label, traces, name] of [
  ['batch 1, 300 rows', deck, 'dLoss_dW1'],
  ['batch 1, 300 rows', deck, 'dLoss_dz1'],
  ['batch 8, 38 steps', deck8, 'dLoss_dz1'],
  ['batch 8, 38 steps', deck8, 'dLoss_dW1'],
] as const) {
  const zero = shareAccepted(traces, name, () => 0);
  const neg = shareAccepted(traces, name, (x) => -x);
  const half = shareAccepted(traces, name, (x) => x / 2);
  const twice = shareAccepted(traces, name, (x) => 2 * x);
  console.log(
    `${name} (${label}): accepts 0 ${pct(zero)}, −truth ${pct(neg)}, ×0.5 ${pct(half)}, ×2 ${pct(twice)}`,
  );
}

/** The widest relative error accepted for each entry of `name` on the deck's step. */
function bands(t: StepTrace, name: QuantityName): string {
  const truth = quantityValue(t, name) as Matrix;
  const out: string[] = [];
  const cols = truth[0]!.length;
  for (let i = 0; i < truth.length; i++) {
    for (let j = 0; j < cols; j++) {
      let lo = 0;
      let hi = 10;
      for (let k = 0; k < 50; k++) {
        const mid = (lo + hi) / 2;
        const answer = truth.map((r, a) =>
          r.map((v, b) => (a === i && b === j ? v * (1 + mid) : v)),
        );
        const g = gradeAnswer(t, name, answer, { tolerance: tolOf(name) });
        if (g.entries[i * cols + j]!.correct) lo = mid;
        else hi = mid;
      }
      out.push(`±${(100 * lo).toFixed(1)}%`);
    }
  }
  return out.join(' ');
}
console.log(
  `dLoss_dW1 on the deck's step, accepted band per entry: ${bands(deck[0]!, 'dLoss_dW1')}`,
);

console.log('\n## Sign mode: the score of the exact true signs');
const signScore = (t: StepTrace, name: QuantityName) =>
  gradeAnswer(t, name, mapV(quantityValue(t, name), Math.sign) as Matrix, {
    mode: 'sign',
    tolerance: tolOf(name),
  }).score;
for (const [label, traces, name] of [
  ['batch 1', deck, 'dLoss_dW1'],
  ['batch 1', deck, 'dLoss_dz1'],
  ['batch 8', deck8, 'dLoss_dz1'],
  ['batch 8', deck8, 'dLoss_dW1'],
] as const) {
  const scores = traces.map((t) => signScore(t, name));
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const zeros = traces.map(
    (t) =>
      gradeAnswer(t, name, mapV(quantityValue(t, name), () => 0) as Matrix, {
        mode: 'sign',
        tolerance: tolOf(name),
      }).score,
  );
  const zmean = zeros.reduce((a, b) => a + b, 0) / zeros.length;
  console.log(
    `${name} (${label}): rows 3, 4 ${signScore(traces[2]!, name).toFixed(3)}, ${signScore(traces[3]!, name).toFixed(3)}, mean ${mean.toFixed(3)}, min ${Math.min(...scores).toFixed(3)}; all zeros score ${zmean.toFixed(3)} on average`,
  );
}

console.log("\n## Named slips per quantity on the deck's step (local / one hop / further)");
const step = deck[0]!;
const hops = (name: QuantityName, origin: QuantityName) => {
  if (origin === name) return 0;
  const inputs = step.entries.find((e) => e.name === name)!.inputs as readonly string[];
  return inputs.includes(origin) ? 1 : 2;
};
for (const e of step.entries) {
  const ms = misconceptionsFor(step, e.name, tolOf(e.name));
  const by = [0, 1, 2].map(
    (h) => ms.filter((m) => Math.min(hops(e.name, m.origin), 2) === h).length,
  );
  console.log(`${e.name.padEnd(10)} ${String(ms.length).padStart(3)}  (${by.join(' / ')})`);
}

console.log("\n## Multiple choice on the deck's step (4 options, seed 1)");
const fmt = (v: Value) =>
  typeof v === 'number'
    ? v.toPrecision(6)
    : `[${v.map((r) => r.map((x) => x.toPrecision(6)).join(' ')).join('; ')}]`;
for (const name of ['loss', 'dLoss_dW1', 'W1_new'] as QuantityName[]) {
  const mc = multipleChoice(step, name, { seed: 1, count: 4, tolerance: tolOf(name) } as never);
  console.log(`${name}:`);
  for (const o of mc.options) console.log(`  ${o.id}. ${fmt(o.value)}  (${o.kind}: ${o.label})`);
}
void QUANTITY_NAMES;
