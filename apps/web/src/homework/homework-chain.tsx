'use client';
/**
 * A student's homework (or practice): their own numbers, the chain question by question with the
 * live lesson's answer entry, feedback after every submission, the true value once a question is
 * right or out of attempts, and a review at the end (or after the due date). The caller owns the
 * view and how an attempt is sent (the server, or the engine in the browser for practice).
 */
import type {
  AnswerValue,
  AttemptFeedback,
  HomeworkQuestion,
  HomeworkView,
} from '@backprop/contract';
import { GIVEN_NAMES, type GivenName, type QuantityName } from '@backprop/mlp-core';
import { type FormEvent, useId, useRef, useState } from 'react';
import { MatrixTable } from '../components/matrix-table.tsx';
import { formatScore } from '../lib/format.ts';
import { randomId } from '../lib/random-id.ts';
import { STUDENT_VALUES, sentAnswerRows } from '../play/answer-draft.ts';
import { AnswerForm, ComputedFrom, QuestionHeading, useAnswerDraft } from '../play/answer-form.tsx';
import { Verdict } from '../play/verdict.tsx';

/** What sending an attempt gives: the graded feedback and the new view, or a refusal in words. */
export type SubmitAttempt = (
  questionIndex: number,
  value: AnswerValue,
  attemptId: string,
) => Promise<
  { ok: true; feedback: AttemptFeedback; view: HomeworkView } | { ok: false; message: string }
>;

interface HomeworkChainProps {
  view: HomeworkView;
  submit: SubmitAttempt;
  onView: (view: HomeworkView) => void;
  /** The instructor looking at a student's numbers: nothing to answer. */
  readOnly?: boolean;
}

const STATE_TEXT: Record<HomeworkQuestion['state'], { icon: string; text: string }> = {
  locked: { icon: '·', text: 'not yet' },
  current: { icon: '→', text: 'now' },
  right: { icon: '✓', text: 'right' },
  missed: { icon: '✗', text: 'out of attempts' },
};

export function HomeworkChain({ view, submit, onView, readOnly = false }: HomeworkChainProps) {
  // The latest feedback, shown until the next submission (also after the question moved on).
  const [last, setLast] = useState<{ index: number; feedback: AttemptFeedback } | null>(null);
  const current = view.current === null ? null : (view.questions[view.current] ?? null);
  const closed = view.assignment.status === 'closed';
  const done = view.current === null;

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <Progress view={view} />
      {/* Announced to screen readers: each verdict, without moving the focus. */}
      <div aria-live="polite" data-testid="feedback-region">
        {last && (
          <FeedbackCard
            question={view.questions[last.index]!}
            feedback={last.feedback}
            attempts={view.assignment.attempts}
            movedOn={view.current !== last.index}
          />
        )}
      </div>

      {current && !readOnly && (
        <QuestionCard
          // A fresh draft for every question.
          key={current.index}
          question={current}
          known={view.known}
          count={view.questions.length}
          attempts={view.assignment.attempts}
          submit={async (value, attemptId) => {
            const result = await submit(current.index, value, attemptId);
            if (result.ok) {
              setLast({ index: current.index, feedback: result.feedback });
              onView(result.view);
            }
            return result;
          }}
        />
      )}

      {/* All of them after the question; the ones it needs are also inside its card. */}
      <YourNumbers view={view} />

      {(done || closed || readOnly) && <Review view={view} />}
    </div>
  );
}

function Progress({ view }: { view: HomeworkView }) {
  const { credit, max } = view.score;
  const finished = view.questions.filter((q) => q.state === 'right' || q.state === 'missed').length;
  return (
    <section aria-labelledby="progress-title" className="grid gap-2">
      <h2 id="progress-title" className="text-lg font-bold">
        Progress
      </h2>
      <p data-testid="homework-score" className="text-slate-800">
        {finished} of {view.questions.length} questions done · score{' '}
        <span className="font-semibold">
          {formatScore(credit)} of {formatScore(max)}
        </span>
      </p>
      <ol className="flex flex-wrap gap-1.5" data-testid="homework-progress">
        {view.questions.map((q) => {
          const s = STATE_TEXT[q.state];
          return (
            <li
              key={q.index}
              data-state={q.state}
              className={[
                'rounded-full border px-2.5 py-1 font-mono text-xs',
                q.state === 'current'
                  ? 'border-indigo-700 bg-indigo-50 font-bold text-indigo-950'
                  : q.state === 'right'
                    ? 'border-sky-700 bg-sky-50 text-sky-950'
                    : q.state === 'missed'
                      ? 'border-orange-700 bg-orange-50 text-orange-950'
                      : 'border-slate-300 bg-white text-slate-700',
              ].join(' ')}
            >
              <span aria-hidden="true">{s.icon} </span>
              {q.quantity}
              <span className="sr-only">: {s.text}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The givens of this student's step (their own numbers), then the values already earned. */
function YourNumbers({ view }: { view: HomeworkView }) {
  const names = [
    ...GIVEN_NAMES.filter((n) => view.known[n] !== undefined),
    ...(Object.keys(view.known) as (GivenName | QuantityName)[]).filter(
      (n) => !(GIVEN_NAMES as readonly string[]).includes(n),
    ),
  ];
  return (
    <section aria-labelledby="numbers-title" className="grid gap-3" data-testid="your-numbers">
      <h2 id="numbers-title" className="text-lg font-bold">
        Your numbers
      </h2>
      <p className="text-sm text-slate-700">
        Your own data point and weights: the other students have different ones. A{' '}
        {view.network.hidden}-unit {view.network.activation} hidden layer
        {view.network.bias ? ' with biases' : ', no biases'}, learning rate {view.network.lr}.
      </p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {names.map((name) => (
          <div
            key={name}
            data-testid={`given-${name}`}
            className={`grid gap-1 rounded-lg border border-slate-300 bg-white p-2 sm:p-3 ${STUDENT_VALUES}`}
          >
            <h3 className="font-mono text-sm font-semibold">{name}</h3>
            <MatrixTable name={name} value={view.known[name]!} />
          </div>
        ))}
      </div>
    </section>
  );
}

interface QuestionCardProps {
  question: HomeworkQuestion;
  /** The student's numbers: the question shows the ones it is computed from, above its answer. */
  known: HomeworkView['known'];
  count: number;
  attempts: number;
  submit: (
    value: AnswerValue,
    attemptId: string,
  ) => Promise<{ ok: true } | { ok: false; message: string }>;
}

function QuestionCard({ question: q, known, count, attempts, submit }: QuestionCardProps) {
  const draft = useAnswerDraft(q);
  const [sending, setSending] = useState(false);
  // The id of an attempt whose reply was lost: sent again with the same value, it counts once.
  const pending = useRef<{ id: string; value: string } | null>(null);
  const id = useId();
  const left = attempts - q.attemptsUsed;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const value = draft.check(q);
    if (value === null) return;
    const json = JSON.stringify(value);
    const attemptId = pending.current?.value === json ? pending.current.id : randomId();
    pending.current = { id: attemptId, value: json };
    setSending(true);
    const result = await submit(value, attemptId);
    setSending(false);
    if (result.ok) pending.current = null;
    else draft.setProblem(result.message);
  }

  return (
    <article
      aria-labelledby={`${id}-title`}
      className="grid gap-4 rounded-xl border border-slate-300 bg-white p-3 sm:p-5"
      data-testid="homework-question"
      data-quantity={q.quantity}
      data-index={q.index}
    >
      <p className="text-sm text-slate-700" data-testid="question-progress">
        Question {q.index + 1} of {count} · attempt {q.attemptsUsed + 1} of {attempts}
      </p>
      <QuestionHeading q={q} id={`${id}-title`} level="h2" formulaClass="bg-slate-50">
        {q.precision && (
          <p className="text-sm text-slate-700" data-testid="question-precision">
            {q.precision}
          </p>
        )}
      </QuestionHeading>
      {/* The numbers this question needs, between its formula and its answer: no scrolling
          down to "Your numbers" and back for every question on a phone. */}
      <ComputedFrom
        names={q.inputs}
        known={known}
        id={`${id}-from`}
        title="Computed from your numbers"
        level="h3"
        testId="question-inputs"
        itemTestId="input-"
      />
      <AnswerForm
        q={q}
        draft={draft}
        id={id}
        level="h3"
        className="grid gap-3"
        disabled={sending}
        onSubmit={onSubmit}
        send={{ held: sending, label: sending ? 'Checking…' : 'Check my answer' }}
      >
        <p className="text-sm text-slate-700" data-testid="attempts-left">
          {left === 1 ? 'Last attempt' : `${left} attempts left`} for this question.
        </p>
      </AnswerForm>
    </article>
  );
}

/** The latest attempt: the shared verdict, with the attempts left and the truth once it is earned. */
function FeedbackCard({
  question: q,
  feedback,
  attempts,
  movedOn,
}: {
  question: HomeworkQuestion;
  feedback: AttemptFeedback;
  attempts: number;
  movedOn: boolean;
}) {
  const left = attempts - feedback.attempt;
  const choice = 'choice' in feedback.value ? feedback.value.choice : null;
  return (
    <Verdict
      question={q}
      graded={feedback}
      truth={feedback.correct ? null : q.truth}
      choice={choice}
      again
      named
      titleId="feedback-title"
      testId="feedback"
    >
      <p className="mt-1 text-sm">
        Attempt {feedback.attempt} of {attempts}
        {feedback.correct
          ? '.'
          : left > 0
            ? ` · ${left === 1 ? '1 attempt' : `${left} attempts`} left: try again.`
            : ' · no attempts left: here is the true value.'}
        {movedOn && ' On to the next question.'}
      </p>
    </Verdict>
  );
}

/** Every question with its attempts and (once earned, or after the due date) its true value. */
function Review({ view }: { view: HomeworkView }) {
  return (
    <section aria-labelledby="review-title" className="grid gap-3" data-testid="review">
      <h2 id="review-title" className="text-xl font-bold">
        {view.current === null && view.finishedAt !== null ? 'All done: your answers' : 'Review'}
      </h2>
      {view.assignment.status === 'closed' && view.finishedAt === null && (
        <p className="text-slate-800">
          The due date has passed: answers are closed, the true values are shown.
        </p>
      )}
      <ol className="grid grid-cols-[minmax(0,1fr)] gap-3">
        {view.questions.map((q) => (
          <li
            key={q.index}
            data-testid={`review-${q.quantity}`}
            data-state={q.state}
            className={`grid min-w-0 gap-2 rounded-lg border border-slate-300 bg-white p-3 ${STUDENT_VALUES}`}
          >
            <h3 className="flex flex-wrap items-baseline gap-x-2 font-semibold">
              <span className="font-mono">{q.quantity}</span>
              <span className="text-sm font-normal text-slate-700">
                <span aria-hidden="true">{STATE_TEXT[q.state].icon} </span>
                {STATE_TEXT[q.state].text} · {q.attemptsUsed}{' '}
                {q.attemptsUsed === 1 ? 'attempt' : 'attempts'}
              </span>
            </h3>
            {q.attempts.length > 0 && (
              <p className="text-sm text-slate-700">
                Your last answer:{' '}
                {sentAnswerRows(q.attempts[q.attempts.length - 1]!.value)
                  .rows.flat()
                  .map((text, i, all) => (
                    // One entry never breaks; the line may break between entries.
                    <span key={i}>
                      <span className="whitespace-nowrap font-mono text-base" data-value>
                        {text}
                        {i < all.length - 1 ? ',' : ''}
                      </span>{' '}
                    </span>
                  ))}
              </p>
            )}
            {q.truth !== null && <MatrixTable name={`${q.quantity} true value`} value={q.truth} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
