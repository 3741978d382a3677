'use client';
/**
 * The current question: symbol and formula, the values it is computed from, the status and the
 * timer, the answer entry (sent and changed until the lock) and, once revealed, the result.
 */
import type {
  Ack,
  AnswerCommand,
  AnswerValue,
  QuestionView,
  StudentView,
} from '@backprop/contract';
import type { GivenName, QuantityName } from '@backprop/mlp-core';
import { type FormEvent, useCallback, useId, useMemo, useRef, useState } from 'react';
import { LiveTex } from '../components/live-tex.tsx';
import { MatrixTable } from '../components/matrix-table.tsx';
import { newAnswerId } from '../live/use-lesson.ts';
import {
  COMPACT,
  draftFromAnswer,
  entryLabel,
  gridOf,
  numericAnswer,
  optionLetter,
  type Sign,
  sameAnswer,
  signAnswer,
  signText,
} from './answer-draft.ts';
import { ChoiceEntry, NumericEntry, SignEntry } from './answer-entry.tsx';
import { Icon } from './icons.tsx';
import { answerRefusal } from './messages.ts';
import { ResultCard } from './result-card.tsx';
import { Timer } from './timer.tsx';

type AnswerFn = (answer: AnswerCommand) => Promise<Ack<{ version: number }>>;

interface QuestionPanelProps {
  view: StudentView & { question: QuestionView };
  answer: AnswerFn;
  announce: (message: string) => void;
}

const STATUS = {
  shown: {
    text: 'Get ready',
    detail: 'Work it out: answers open in a moment.',
    css: 'border-slate-500 bg-slate-100 text-slate-900',
  },
  open: {
    text: 'Open',
    detail: 'Enter your answer and send it. You can change it until the lock.',
    css: 'border-sky-700 bg-sky-50 text-sky-950',
  },
  locked: {
    text: 'Locked',
    detail: 'Answers are closed: the instructor reveals the true value next.',
    css: 'border-amber-600 bg-amber-50 text-amber-950',
  },
  revealed: {
    text: 'Revealed',
    detail: 'Here is how you did.',
    css: 'border-indigo-700 bg-indigo-50 text-indigo-950',
  },
} as const;

type Ackd = { kind: 'sent' | 'changed'; at: number } | { kind: 'error'; text: string } | null;

export function QuestionPanel({ view, answer, announce }: QuestionPanelProps) {
  const q = view.question;
  const { rows, cols } = gridOf(q.shape);
  const size = rows * cols;
  // The draft starts from the stored answer, so a reload shows what was sent.
  const [initial] = useState(() => draftFromAnswer(q.mode, view.myAnswer?.value, size));
  const [texts, setTexts] = useState(initial.texts);
  const [signs, setSigns] = useState<(Sign | null)[]>(initial.signs);
  const [choice, setChoice] = useState<number | null>(initial.choice);
  const [flagged, setFlagged] = useState<ReadonlySet<number>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [ack, setAck] = useState<Ackd>(null);
  const [sending, setSending] = useState(false);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const id = useId();

  const canAnswer = q.status === 'open' && !view.paused;
  const editable = (q.status === 'shown' || q.status === 'open') && !view.paused;

  const built = useMemo((): AnswerValue | null => {
    if (q.mode === 'numeric') {
      const r = numericAnswer(texts, q.shape);
      return r.ok ? r.value : null;
    }
    if (q.mode === 'sign') {
      const r = signAnswer(signs, q.shape);
      return r.ok ? r.value : null;
    }
    return choice === null ? null : { choice };
  }, [q.mode, q.shape, texts, signs, choice]);
  const unsent =
    view.myAnswer !== null && built !== null && !sameAnswer(built, view.myAnswer.value);

  const onCue = useCallback(
    (cue: 'ten' | 'up') => announce(cue === 'ten' ? '10 seconds left' : 'Time is up'),
    [announce],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canAnswer || sending) return;
    let value: AnswerValue;
    if (q.mode === 'numeric') {
      const r = numericAnswer(texts, q.shape);
      if (!r.ok) {
        const bad = [...r.invalid, ...r.empty].sort((a, b) => a - b);
        setFlagged(new Set(bad));
        const first = bad[0]!;
        const where = entryLabel(q.quantity, q.shape, Math.floor(first / cols), first % cols);
        setProblem(
          r.invalid.length > 0
            ? `${where} is not a number: type it like -0.1234, .5 or 1e-3.`
            : size === 1
              ? 'Type a number first.'
              : `Fill in every entry (${bad.length} left, starting with ${where}).`,
        );
        inputs.current[first]?.focus();
        return;
      }
      value = r.value;
    } else if (q.mode === 'sign') {
      const r = signAnswer(signs, q.shape);
      if (!r.ok) {
        setFlagged(new Set(r.missing));
        setProblem(`Choose a sign for every entry (${r.missing.length} left).`);
        return;
      }
      value = r.value;
    } else {
      if (choice === null) {
        setProblem('Choose one of the options first.');
        return;
      }
      value = { choice };
    }
    setFlagged(new Set());
    setProblem(null);
    setSending(true);
    const changing = view.myAnswer !== null;
    const result = await answer({
      type: 'answer',
      answerId: newAnswerId(),
      question: q.key,
      value,
    });
    setSending(false);
    if (result.ok) {
      setAck({ kind: changing ? 'changed' : 'sent', at: Date.now() });
      announce(changing ? 'Answer changed' : 'Answer sent');
    } else {
      setAck({ kind: 'error', text: answerRefusal(result.error.code, result.error.message) });
    }
  }

  const status = STATUS[q.status];
  const inputNames = q.inputs.filter((name) => view.known[name] !== undefined);

  return (
    <article aria-labelledby={`${id}-title`} className="grid gap-5" data-testid="question">
      <div className="flex items-center gap-2">
        <p
          data-testid="question-status"
          data-status={q.status}
          data-paused={view.paused || undefined}
          className={`shrink-0 rounded-full border-2 px-3 py-1 text-sm font-bold uppercase tracking-wide ${view.paused ? 'border-slate-700 bg-slate-800 text-white' : status.css}`}
        >
          {view.paused ? 'Paused' : status.text}
        </p>
        <p className="min-w-0 flex-1 text-sm text-slate-700" data-testid="question-progress">
          Step {q.key.step + 1} · question {q.key.index + 1} of {view.questionCount}
        </p>
        <span className="shrink-0">
          <Timer
            deadline={q.deadline}
            remainingMs={q.remainingMs}
            paused={view.paused}
            onCue={onCue}
          />
        </span>
      </div>

      <header className="grid gap-2">
        <h1 id={`${id}-title`} className="flex flex-wrap items-baseline gap-x-3 text-2xl font-bold">
          <span className="sr-only">What is </span>
          <LiveTex tex={q.symbol} className="text-3xl" />
          <span
            data-testid="question-quantity"
            className="font-mono text-base font-normal text-slate-700"
          >
            {q.quantity}
          </span>
          <span className="sr-only">?</span>
        </h1>
        <div
          data-testid="formula"
          className="formula-scroll overflow-x-auto rounded-lg bg-white px-3 py-2 ring-1 ring-slate-200"
        >
          <LiveTex tex={q.formula} display />
        </div>
        <p className="text-sm text-slate-700">
          {view.paused ? 'The instructor paused the lesson: wait a moment.' : status.detail}
        </p>
      </header>

      {inputNames.length > 0 && q.status !== 'revealed' && (
        <section aria-labelledby={`${id}-known`} data-testid="known-values" className="grid gap-3">
          <h2 id={`${id}-known`} className="text-lg font-bold">
            Computed from
          </h2>
          <div className="grid gap-3 sm:grid-cols-2">
            {inputNames.map((name) => (
              <KnownValue key={name} name={name} view={view} />
            ))}
          </div>
        </section>
      )}

      {q.status === 'revealed' ? (
        <ResultCard
          question={q}
          result={view.myResult}
          me={view.me}
          playerCount={view.playerCount}
          choice={view.myAnswer ? choiceOf(view.myAnswer.value) : null}
        />
      ) : (
        <form
          onSubmit={submit}
          noValidate
          aria-labelledby={`${id}-answer`}
          className="grid gap-3 rounded-xl border border-slate-300 bg-white p-3 sm:p-4"
        >
          <h2 id={`${id}-answer`} className="text-lg font-bold">
            Your answer
          </h2>
          {q.mode === 'numeric' && (
            <NumericEntry
              quantity={q.quantity}
              shape={q.shape}
              texts={texts}
              onChange={setTexts}
              disabled={!editable}
              flagged={flagged}
              describedBy={problem ? `${id}-problem` : undefined}
              inputs={inputs}
            />
          )}
          {q.mode === 'sign' && (
            <SignEntry
              quantity={q.quantity}
              shape={q.shape}
              signs={signs}
              onChange={setSigns}
              disabled={!editable}
              flagged={flagged}
            />
          )}
          {q.mode === 'choice' && q.options && (
            <ChoiceEntry
              quantity={q.quantity}
              options={q.options}
              choice={choice}
              onChange={setChoice}
              disabled={!editable}
            />
          )}
          <p
            id={`${id}-problem`}
            aria-live="polite"
            className="text-sm font-medium text-orange-800"
          >
            {problem && (
              <span data-testid="answer-problem">
                <span aria-hidden="true">⚠ </span>
                {problem}
              </span>
            )}
          </p>
          {q.status !== 'locked' && (
            <button
              type="submit"
              data-testid="answer-submit"
              aria-disabled={!canAnswer || sending || undefined}
              className="rounded-lg bg-indigo-700 px-4 py-3 text-lg font-semibold text-white hover:bg-indigo-800 aria-disabled:cursor-not-allowed aria-disabled:bg-slate-500"
            >
              {sending
                ? 'Sending…'
                : view.paused
                  ? 'Paused'
                  : q.status === 'shown'
                    ? 'Answers open soon'
                    : view.myAnswer
                      ? 'Change my answer'
                      : 'Send my answer'}
            </button>
          )}
          <AckLine ack={ack} unsent={unsent && q.status === 'open'} />
          {q.status === 'locked' && (
            <p
              data-testid="locked-note"
              className="rounded-lg border-2 border-amber-600 bg-amber-50 px-3 py-2 font-semibold text-amber-950"
            >
              <Icon name="lock" className="mr-1 size-5 align-[-4px]" />
              Locked — wait for the reveal.
              {!view.myAnswer && ' You did not send an answer to this one.'}
            </p>
          )}
          {view.myAnswer && <SentAnswer value={view.myAnswer.value} at={view.myAnswer.at} />}
        </form>
      )}
    </article>
  );
}

function KnownValue({ name, view }: { name: GivenName | QuantityName; view: StudentView }) {
  const value = view.known[name];
  if (value === undefined) return null;
  return (
    <div
      data-testid={`known-${name}`}
      className={`grid gap-1 rounded-lg border border-slate-300 bg-white p-2 sm:p-3 ${COMPACT}`}
    >
      <h3 className="font-mono text-sm font-semibold">{name}</h3>
      <MatrixTable name={name} value={value} />
    </div>
  );
}

function AckLine({ ack, unsent }: { ack: Ackd; unsent: boolean }) {
  if (unsent) {
    return (
      <p data-testid="answer-unsent" className="text-sm font-medium text-slate-800">
        <span aria-hidden="true">✎ </span>You changed something: send it again for it to count.
      </p>
    );
  }
  if (!ack) return null;
  if (ack.kind === 'error') {
    return (
      <p
        role="alert"
        data-testid="answer-ack"
        data-kind="error"
        className="font-medium text-orange-800"
      >
        <span aria-hidden="true">⚠ </span>
        {ack.text}
      </p>
    );
  }
  return (
    <p data-testid="answer-ack" data-kind={ack.kind} className="font-semibold text-sky-800">
      <span aria-hidden="true">✓ </span>
      {ack.kind === 'changed' ? 'Answer changed' : 'Answer sent'}. You can change it until the lock.
    </p>
  );
}

const choiceOf = (value: unknown): number | null => {
  const c = (value as { choice?: unknown } | null)?.choice;
  return typeof c === 'number' ? c : null;
};

/** What the server holds as this student's answer (view.myAnswer). */
function SentAnswer({ value, at }: { value: unknown; at: number }) {
  const v = value as { numbers?: unknown; signs?: unknown; choice?: number };
  let text: string;
  if (typeof v.choice === 'number') text = `option ${optionLetter(v.choice)}`;
  else {
    const raw = v.numbers ?? v.signs;
    const show = (x: unknown) => (v.signs !== undefined ? signText(Number(x)) : String(x));
    text = Array.isArray(raw)
      ? raw.map((row: unknown) => `[${(row as unknown[]).map(show).join(', ')}]`).join(' ')
      : show(raw);
  }
  const time = new Date(at).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (
    <p data-testid="my-answer" className="text-sm text-slate-700">
      Counted answer (sent {time}): <span className="font-mono text-slate-900">{text}</span>
    </p>
  );
}
