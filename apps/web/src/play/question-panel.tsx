'use client';
/**
 * The current question: symbol and formula, the values it is computed from, the status and the
 * timer, the answer entry (sent and changed until the lock) and, once revealed, the result.
 */
import {
  type Ack,
  type AnswerAck,
  type AnswerCommand,
  type AnswerValue,
  type QuestionView,
  quizStepLabel,
  type StudentView,
} from '@backprop/contract';
import { type FormEvent, useCallback, useId, useMemo, useState } from 'react';
import { formatScore } from '../lib/format.ts';
import { newAnswerId } from '../live/use-lesson.ts';
import { readAnswer, sameAnswer, sentAnswerRows } from './answer-draft.ts';
import { AnswerForm, ComputedFrom, QuestionHeading, useAnswerDraft } from './answer-form.tsx';
import { Icon } from './icons.tsx';
import { answerRefusal } from './messages.ts';
import { Timer } from './timer.tsx';
import { Verdict } from './verdict.tsx';

type AnswerFn = (answer: AnswerCommand) => Promise<Ack<AnswerAck>>;

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
  // The draft starts from the stored answer, so a reload shows what was sent.
  const draft = useAnswerDraft(q, view.myAnswer?.value);
  const [ack, setAck] = useState<Ackd>(null);
  const [sending, setSending] = useState(false);
  const id = useId();

  const canAnswer = q.status === 'open' && !view.paused;
  const editable = (q.status === 'shown' || q.status === 'open') && !view.paused;

  const { texts, signs, choice } = draft;
  const built = useMemo((): AnswerValue | null => {
    const r = readAnswer(q, { texts, signs, choice });
    return r.ok ? r.value : null;
  }, [q, texts, signs, choice]);
  const unsent =
    view.myAnswer !== null && built !== null && !sameAnswer(built, view.myAnswer.value);

  const onCue = useCallback(
    (cue: 'ten' | 'up') => announce(cue === 'ten' ? '10 seconds left' : 'Time is up'),
    [announce],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canAnswer || sending) return;
    const value = draft.check(q);
    if (value === null) return;
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

  return (
    <article
      aria-labelledby={`${id}-title`}
      className="grid grid-cols-[minmax(0,1fr)] gap-5"
      data-testid="question"
    >
      {/* Wraps at large text sizes rather than pushing the page sideways. */}
      <div className="flex flex-wrap items-center gap-2">
        <p
          data-testid="question-status"
          data-status={q.status}
          data-paused={view.paused || undefined}
          className={`shrink-0 rounded-full border-2 px-3 py-1 text-sm font-bold uppercase tracking-wide ${view.paused ? 'border-slate-700 bg-slate-800 text-white' : status.css}`}
        >
          {view.paused ? 'Paused' : status.text}
        </p>
        <p
          className="min-w-0 flex-[1_1_8rem] text-sm text-slate-700"
          data-testid="question-progress"
        >
          {quizStepLabel(view.quizStep, view.step)} · question {q.key.index + 1} of{' '}
          {view.questionCount}
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

      <QuestionHeading
        q={q}
        id={`${id}-title`}
        level="h1"
        formulaClass="bg-white"
        focusHere={q.status === 'shown' || q.status === 'open'}
      >
        <p className="text-sm text-slate-700">
          {view.paused ? 'The instructor paused the lesson: wait a moment.' : status.detail}
        </p>
        {q.precision && q.status !== 'revealed' && (
          <p className="text-sm text-slate-700" data-testid="question-precision">
            {q.precision}
          </p>
        )}
      </QuestionHeading>

      {q.status !== 'revealed' && (
        <ComputedFrom
          names={q.inputs}
          known={view.known}
          id={`${id}-known`}
          title="Computed from"
          level="h2"
          testId="known-values"
          itemTestId="known-"
        />
      )}

      {q.status === 'revealed' ? (
        <Verdict
          question={q}
          graded={view.myResult}
          truth={q.truth}
          choice={view.myAnswer ? choiceOf(view.myAnswer.value) : null}
          titleId="result-title"
          focusHere
          testId="my-result"
          boxTestId="my-verdict"
        >
          <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-base">
            <span data-testid="my-points" className="font-semibold">
              +{formatScore(view.myResult?.points ?? 0)} points
            </span>
            <span data-testid="result-streak">
              streak {view.me.streak}
              {view.me.streak > 1 && <Icon name="flame" className="ml-1 size-4 align-[-2px]" />}
            </span>
            <span data-testid="result-rank">
              rank {view.me.rank} of {view.playerCount}
            </span>
          </p>
        </Verdict>
      ) : (
        <AnswerForm
          q={q}
          draft={draft}
          id={id}
          level="h2"
          className="grid gap-3 rounded-xl border border-slate-300 bg-white p-3 sm:p-4"
          disabled={!editable}
          onSubmit={submit}
          send={
            q.status === 'locked'
              ? null
              : {
                  held: !canAnswer || sending,
                  label: sending
                    ? 'Sending…'
                    : view.paused
                      ? 'Paused'
                      : q.status === 'shown'
                        ? 'Answers open soon'
                        : view.myAnswer
                          ? 'Change my answer'
                          : 'Send my answer',
                }
          }
        >
          <AckLine ack={ack} unsent={unsent && q.status === 'open'} />
          {q.status === 'locked' && (
            <p
              data-testid="locked-note"
              tabIndex={-1}
              data-focus-here
              className="rounded-lg border-2 border-amber-600 bg-amber-50 px-3 py-2 font-semibold text-amber-950"
            >
              <Icon name="lock" className="mr-1 size-5 align-[-4px]" />
              Locked — wait for the reveal.
              {!view.myAnswer && ' You did not send an answer to this one.'}
            </p>
          )}
          {view.myAnswer && <SentAnswer value={view.myAnswer.value} at={view.myAnswer.at} />}
        </AnswerForm>
      )}
    </article>
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
  // Rows of entries; each entry on one line, the list free to wrap between them.
  const { rows, matrix } = sentAnswerRows(value);
  const time = new Date(at).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (
    <p data-testid="my-answer" className="text-sm text-slate-700">
      Counted answer (sent {time}):{' '}
      {rows.map((row, r) => (
        <span key={r} className="font-mono text-base text-slate-900">
          {matrix && '['}
          {row.map((text, c) => (
            <span key={c}>
              <span className="whitespace-nowrap" data-value>
                {text}
                {c < row.length - 1 ? ',' : ''}
              </span>
              {c < row.length - 1 ? ' ' : ''}
            </span>
          ))}
          {matrix && ']'}{' '}
        </span>
      ))}
    </p>
  );
}
