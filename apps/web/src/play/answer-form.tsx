'use client';
/**
 * What the live question (/play) and a homework question (/homework) share: the question's
 * heading and formula, the draft of an answer with its checks before sending, and the entry
 * fitted to the mode with the line that says what is missing, the values the question is
 * computed from, and the answer form. The verdict is `verdict.tsx`. The screens keep what
 * differs: status, timer and acks live; attempts and progress in homework.
 */
import type { AnswerMode, AnswerValue } from '@backprop/contract';
import type { GivenName, QuantityName, Shape, Value } from '@backprop/mlp-core';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { LiveTex } from '../components/live-tex.tsx';
import { MatrixTable } from '../components/matrix-table.tsx';
import { ProblemLine } from '../components/problem-line.tsx';
import { draftFromAnswer, gridOf, readAnswer, type Sign, STUDENT_VALUES } from './answer-draft.ts';
import { ChoiceEntry, NumericEntry, SignEntry } from './answer-entry.tsx';

interface AskedQuestion {
  quantity: string;
  symbol: string;
  formula: string;
  mode: AnswerMode;
  shape: Shape;
  options?: Value[] | null;
}

/**
 * The draft of one question's answer, from a stored answer if there is one (a reload shows what
 * was sent). `check()` gives the answer to send, or null after flagging what is missing.
 */
export function useAnswerDraft(q: Pick<AskedQuestion, 'mode' | 'shape'>, stored?: unknown) {
  const { rows, cols } = gridOf(q.shape);
  const [initial] = useState(() => draftFromAnswer(q.mode, stored, rows * cols));
  const [texts, setTexts] = useState(initial.texts);
  const [signs, setSigns] = useState<(Sign | null)[]>(initial.signs);
  const [choice, setChoice] = useState<number | null>(initial.choice);
  const [flagged, setFlagged] = useState<ReadonlySet<number>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  return {
    texts,
    setTexts,
    signs,
    setSigns,
    choice,
    setChoice,
    flagged,
    problem,
    setProblem,
    inputs,
    check(question: Pick<AskedQuestion, 'mode' | 'quantity' | 'shape'>): AnswerValue | null {
      const r = readAnswer(question, { texts, signs, choice });
      if (!r.ok) {
        setFlagged(new Set(r.flagged));
        setProblem(r.problem);
        if (r.focus !== undefined) inputs.current[r.focus]?.focus();
        return null;
      }
      setFlagged(new Set());
      setProblem(null);
      return r.value;
    },
  };
}

export type AnswerDraft = ReturnType<typeof useAnswerDraft>;

/** "What is z1?" with its symbol, then the formula in a box that scrolls sideways on a phone. */
export function QuestionHeading({
  q,
  id,
  level,
  formulaClass,
  focusHere = false,
  children,
}: {
  q: Pick<AskedQuestion, 'quantity' | 'symbol' | 'formula'>;
  id: string;
  level: 'h1' | 'h2';
  /** The formula box's background. */
  formulaClass: string;
  /** The heading takes the focus when the control that had it goes away (see StudentScreen). */
  focusHere?: boolean;
  /** Said under the formula. */
  children: ReactNode;
}) {
  const Heading = level;
  return (
    <header className="grid gap-2">
      <Heading
        id={id}
        className="flex flex-wrap items-baseline gap-x-3 text-2xl font-bold"
        tabIndex={focusHere ? -1 : undefined}
        data-focus-here={focusHere || undefined}
      >
        <span className="sr-only">What is </span>
        <LiveTex tex={q.symbol} className="text-3xl" />
        <span
          data-testid="question-quantity"
          className="font-mono text-base font-normal text-slate-700"
        >
          {q.quantity}
        </span>
        <span className="sr-only">?</span>
      </Heading>
      <div
        data-testid="formula"
        className={`formula-scroll relative overflow-x-auto rounded-lg px-3 py-2 ring-1 ring-slate-200 ${formulaClass}`}
      >
        <LiveTex tex={q.formula} display />
      </div>
      {children}
    </header>
  );
}

/** The entry for the question's mode, then the line that says what is missing (read politely). */
export function AnswerFields({
  q,
  draft,
  disabled,
  problemId,
}: {
  q: Pick<AskedQuestion, 'mode' | 'quantity' | 'shape' | 'options'>;
  draft: AnswerDraft;
  disabled: boolean;
  problemId: string;
}) {
  return (
    <>
      {q.mode === 'numeric' && (
        <NumericEntry
          quantity={q.quantity}
          shape={q.shape}
          texts={draft.texts}
          onChange={draft.setTexts}
          disabled={disabled}
          flagged={draft.flagged}
          describedBy={draft.problem ? problemId : undefined}
          inputs={draft.inputs}
        />
      )}
      {q.mode === 'sign' && (
        <SignEntry
          quantity={q.quantity}
          shape={q.shape}
          signs={draft.signs}
          onChange={draft.setSigns}
          disabled={disabled}
          flagged={draft.flagged}
        />
      )}
      {q.mode === 'choice' && q.options && (
        <ChoiceEntry
          quantity={q.quantity}
          options={q.options}
          choice={draft.choice}
          onChange={draft.setChoice}
          disabled={disabled}
        />
      )}
      <ProblemLine
        problem={draft.problem}
        testId="answer-problem"
        id={problemId}
        className="text-sm font-medium text-orange-800"
      />
    </>
  );
}

type Known = Partial<Record<GivenName | QuantityName, Value>>;

/** The values a question is computed from, between its formula and its answer. */
export function ComputedFrom({
  names,
  known,
  id,
  title,
  level,
  testId,
  itemTestId,
}: {
  names: readonly (GivenName | QuantityName)[];
  known: Known;
  id: string;
  title: string;
  level: 'h2' | 'h3';
  testId: string;
  /** The test id of a value: the prefix and its name. */
  itemTestId: string;
}) {
  const Heading = level;
  const Item = level === 'h2' ? 'h3' : 'h4';
  const shown = names.filter((name) => known[name] !== undefined);
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby={id} data-testid={testId} className="grid gap-3">
      <Heading id={id} className="text-lg font-bold">
        {title}
      </Heading>
      <div className="grid gap-3 sm:grid-cols-2">
        {shown.map((name) => (
          <div
            key={name}
            data-testid={`${itemTestId}${name}`}
            className={`grid min-w-0 gap-1 rounded-lg border border-slate-300 bg-white p-2 sm:p-3 ${STUDENT_VALUES}`}
          >
            <Item className="font-mono text-sm font-semibold">{name}</Item>
            <MatrixTable name={name} value={known[name]!} />
          </div>
        ))}
      </div>
    </section>
  );
}

/**
 * The answer form: "Your answer", the entry for the mode, the send button (none once locked)
 * and the screen's own lines under it (acks live, attempts left in homework).
 */
export function AnswerForm({
  q,
  draft,
  id,
  level,
  className,
  disabled,
  onSubmit,
  send,
  children,
}: {
  q: Pick<AskedQuestion, 'mode' | 'quantity' | 'shape' | 'options'>;
  draft: AnswerDraft;
  id: string;
  level: 'h2' | 'h3';
  className: string;
  /** The entry cannot be changed. */
  disabled: boolean;
  onSubmit: (event: FormEvent) => void;
  /** The button's words, and whether sending is held back; null for no button. */
  send: { label: string; held: boolean } | null;
  children?: ReactNode;
}) {
  const Heading = level;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-answer`} className={className}>
      <Heading id={`${id}-answer`} className="text-lg font-bold">
        Your answer
      </Heading>
      <AnswerFields q={q} draft={draft} disabled={disabled} problemId={`${id}-problem`} />
      {send && (
        <button
          type="submit"
          data-testid="answer-submit"
          aria-disabled={send.held || undefined}
          className="rounded-lg bg-indigo-700 px-4 py-3 text-lg font-semibold text-white hover:bg-indigo-800 aria-disabled:cursor-not-allowed aria-disabled:bg-slate-500"
        >
          {send.label}
        </button>
      )}
      {children}
    </form>
  );
}
