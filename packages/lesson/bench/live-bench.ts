/**
 * What one server process computes for a live lesson of N students, offline on one core: the
 * joins with each joiner's first view, the answers with each answerer's view, a reveal and every
 * student's view after it. Run: `pnpm --filter @backprop/lesson --silent bench:live-lesson`.
 */
import { performance } from 'node:perf_hooks';
import { DECK_PRESET, type LessonView } from '@backprop/contract';
import { entryOf, misconceptionsFor, type QuantityName, type Value } from '@backprop/mlp-core';
import {
  type Actor,
  applyCommand,
  createLesson,
  type Envelope,
  type LessonCommand,
  type LessonState,
  studentViewJson,
  viewFor,
} from '../src/index.ts';

const N = Number(process.argv[2] ?? 5000);
let state: LessonState = createLesson({
  code: 'BENCH1',
  settings: DECK_PRESET,
  createdAt: 1_000_000,
});
let now = 1_000_000;

function apply(actor: Actor, command: LessonCommand): void {
  now += 1;
  const envelope: Envelope = { actor, at: now, command };
  const result = applyCommand(state, envelope);
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code} ${result.error.message}`);
  state = result.state;
}

function time(label: string, f: () => void): void {
  const t0 = performance.now();
  f();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms`);
}

const I: Actor = { role: 'instructor' };
time(`${N} joins, each with the joiner's view`, () => {
  for (let i = 0; i < N; i++) {
    apply(
      { role: 'system' },
      { type: 'join', playerId: `p${i}`, nickname: `Student ${i}`, tokenHash: `t${i}` },
    );
    studentViewJson(state, `p${i}`);
  }
});
apply(I, { type: 'start' } as LessonCommand);
for (let question = 0; question < 4; question++) {
  apply(I, { type: 'open' } as LessonCommand);
  const q = state.question!;
  const truth = entryOf(state.trace!, q.spec.quantity as QuantityName).value;
  const view = viewFor(state, { role: 'student', playerId: 'p0' }) as Extract<
    LessonView,
    { kind: 'student' }
  >;
  const mode = view.question!.mode;
  // The simulator's mix: 55% right, 25% a named slip, 20% off by a lot (graded to "other").
  const slips = misconceptionsFor(state.trace!, q.spec.quantity as QuantityName);
  const off = (v: Value): Value =>
    typeof v === 'number' ? v + 3 : v.map((row) => row.map((x) => x + 3));
  const answerValue = (i: number) => {
    const r = (i * 7919) % 100;
    const numbers =
      r < 55 ? truth : r < 80 && slips.length ? slips[i % slips.length]!.value : off(truth);
    if (mode === 'numeric') return { numbers };
    if (mode === 'sign') return { signs: numbers };
    return { choice: r < 55 ? 0 : 1 };
  };
  time(`question ${question}: ${N} answers, each with its view`, () => {
    for (let i = 0; i < N; i++) {
      apply({ role: 'student', playerId: `p${i}` }, {
        type: 'answer',
        answerId: `answer-${question}-${i}`,
        question: q.key,
        value: answerValue(i),
      } as LessonCommand);
      studentViewJson(state, `p${i}`);
    }
  });
  time(`question ${question}: reveal`, () => apply(I, { type: 'reveal' } as LessonCommand));
  time(`question ${question}: ${N} students' views`, () => {
    for (let i = 0; i < N; i++) studentViewJson(state, `p${i}`);
  });
  let json = '';
  time(`question ${question}: instructor view, as JSON`, () => {
    json = JSON.stringify(viewFor(state, { role: 'instructor' }));
  });
  console.log(`  (${(json.length / 1024).toFixed(0)} kB)`);
  apply(I, { type: 'next' } as LessonCommand);
}
