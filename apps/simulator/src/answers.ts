// What a simulated student types: the right value (mlp-core's trace of the step), a named
// misconception's value, or a plain slip, in the question's answer mode.
import type { AnswerValue, QuestionView } from '@backprop/contract';
import {
  entryOf,
  misconceptionsFor,
  type QuantityName,
  type StepTrace,
  type Value,
} from '@backprop/mlp-core';

export type AnswerKind = 'right' | 'wrong' | 'misconception';

/** A seeded source of doubles in [0, 1). */
export type Random = () => number;

const map = (v: Value, f: (x: number) => number): Value =>
  typeof v === 'number' ? f(v) : v.map((row) => row.map(f));

const close = (a: Value, b: Value): boolean => {
  const fa = typeof a === 'number' ? [a] : a.flat();
  const fb = typeof b === 'number' ? [b] : b.flat();
  return fa.length === fb.length && fa.every((x, i) => Math.abs(x - fb[i]!) <= 1e-9);
};

/** A value of the truth's shape, every entry off by 0.5 to 1.5 either way. */
const slip = (truth: Value, random: Random): Value =>
  map(truth, (x) => x + (random() < 0.5 ? -1 : 1) * (0.5 + random()));

/** The answer of `kind` to `question` (step 0's trace). */
export function answerFor(
  trace: StepTrace,
  question: QuestionView,
  kind: AnswerKind,
  random: Random,
): AnswerValue {
  const quantity = question.quantity as QuantityName;
  const truth = entryOf(trace, quantity).value;
  let numbers: Value;
  if (kind === 'right') numbers = truth;
  else if (kind === 'misconception') {
    const named = misconceptionsFor(trace, quantity);
    numbers = named.length
      ? named[Math.floor(random() * named.length)]!.value
      : slip(truth, random);
  } else numbers = slip(truth, random);

  switch (question.mode) {
    case 'numeric':
      return { numbers };
    case 'sign':
      return { signs: map(numbers, (x) => Math.sign(x)) };
    case 'choice': {
      const options = question.options ?? [];
      const right = options.findIndex((o) => close(o, truth));
      if (kind === 'right' && right >= 0) return { choice: right };
      const others = options.map((_, i) => i).filter((i) => i !== right);
      return { choice: others[Math.floor(random() * others.length)] ?? 0 };
    }
  }
}
