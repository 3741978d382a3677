/**
 * The verdict on a graded answer, the same live (/play, at the reveal) and in homework (after
 * each attempt): right, partly right or wrong (an icon and a word, never colour alone), the named
 * slip with its hint when there is one, the answer entry by entry with the true entry once it may
 * be shown, and the true value. The screens add their own line (points, streak and rank live;
 * attempts in homework) as children.
 */
import type { GradedAnswer, QuestionFace } from '@backprop/contract';
import type { Value } from '@backprop/mlp-core';
import type { ReactNode } from 'react';
import { MatrixTable } from '../components/matrix-table.tsx';
import { formatNumber } from '../lib/format.ts';
import { entryLabel, optionLetter, STUDENT_VALUES, signText } from './answer-draft.ts';
import { Icon } from './icons.tsx';
import { verdictOf } from './verdict-of.ts';

export type { Tone } from './verdict-of.ts';

export const TONE = {
  right: 'border-sky-700 bg-sky-50 text-sky-950',
  partial: 'border-amber-600 bg-amber-50 text-amber-950',
  wrong: 'border-orange-700 bg-orange-50 text-orange-950',
  none: 'border-slate-400 bg-slate-50 text-slate-900',
} as const;

interface VerdictProps {
  question: Pick<QuestionFace, 'quantity' | 'mode' | 'shape'>;
  graded: GradedAnswer | null;
  /** The true value to show in full, or null. */
  truth: Value | null;
  /** The option chosen, for a multiple-choice question. */
  choice: number | null;
  again?: boolean;
  /** Name the quantity in the heading (homework: the verdict may be about the previous question). */
  named?: boolean;
  titleId: string;
  /** The heading takes the focus when the form it replaces goes away (live). */
  focusHere?: boolean;
  testId: string;
  /** The verdict box's test id. */
  boxTestId?: string;
  /** The screen's own line under the verdict. */
  children?: ReactNode;
}

export function Verdict(props: VerdictProps) {
  const { question, graded, truth, choice, titleId, testId, children } = props;
  const verdict = verdictOf(graded, props.again);
  const sign = question.mode === 'sign';
  const show = (x: number) => (sign ? signText(x) : formatNumber(x));
  const withTruth = graded?.entries.some((e) => e.truth !== null) ?? false;
  return (
    <section
      aria-labelledby={titleId}
      data-testid={testId}
      data-tone={verdict.tone}
      data-quantity={question.quantity}
      className="grid grid-cols-[minmax(0,1fr)] gap-4"
    >
      <div
        data-testid={props.boxTestId}
        data-tone={verdict.tone}
        className={`rounded-xl border-2 p-4 ${TONE[verdict.tone]}`}
      >
        <h2
          id={titleId}
          className="flex items-center gap-3 text-2xl font-bold"
          tabIndex={props.focusHere ? -1 : undefined}
          data-focus-here={props.focusHere || undefined}
        >
          <span aria-hidden="true" className="text-3xl">
            {verdict.icon}
          </span>
          <span>
            {props.named && (
              <>
                <span className="font-mono">{question.quantity}</span>:{' '}
              </>
            )}
            {verdict.text}
          </span>
        </h2>
        {children}
      </div>

      {graded?.misconception && (
        <div
          data-testid="misconception"
          className="rounded-xl border-2 border-dashed border-orange-700 bg-white p-4"
        >
          <h3 className="font-bold">
            <Icon name="bulb" className="mr-1 size-5 align-[-4px]" />A common slip:{' '}
            {graded.misconception.label}
          </h3>
          {graded.misconception.hint && (
            <p className="mt-1 text-slate-800" data-testid="hint">
              {graded.misconception.hint}
            </p>
          )}
        </div>
      )}

      {graded && question.mode === 'choice' && choice !== null && (
        <p>
          You chose option {optionLetter(choice)}
          {graded.correct ? ', the true value.' : '.'}
        </p>
      )}

      {graded && (
        // biome-ignore lint/a11y/useSemanticElements: a scroll container for a wide table, named.
        <div
          role="region"
          aria-label="Your answer, entry by entry"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the table may scroll sideways on a phone.
          tabIndex={0}
          // Positioned: the screen-reader-only words of its cells scroll with it, not the page.
          className="relative overflow-x-auto"
        >
          <table data-testid="result-entries" className="w-full text-base">
            <caption className="sr-only">Your answer, entry by entry</caption>
            <thead>
              <tr className="text-left text-xs text-slate-600">
                <th scope="col" className="py-1 pr-2 font-normal">
                  {question.shape.length === 0 ? 'Entry' : 'Row, col'}
                </th>
                <th scope="col" className="py-1 pr-2 text-right font-normal">
                  You
                </th>
                {withTruth && (
                  <th scope="col" className="py-1 pr-2 text-right font-normal">
                    True
                  </th>
                )}
                <th scope="col" className="py-1 font-normal">
                  <span className="sr-only">Verdict</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {graded.entries.map((e) => (
                <tr
                  key={`${e.row}-${e.col}`}
                  data-testid="result-entry"
                  data-correct={e.correct}
                  className="border-t border-slate-200"
                >
                  <th
                    scope="row"
                    className="whitespace-nowrap py-1.5 pr-2 text-left font-normal text-slate-700"
                  >
                    {question.shape.length === 0 ? (
                      question.quantity
                    ) : (
                      // "1,3" on screen (row, column: the header says so), in words when read.
                      <>
                        <span aria-hidden="true">
                          {e.row + 1},{e.col + 1}
                        </span>
                        <span className="sr-only">
                          {entryLabel('', question.shape, e.row, e.col).trim()}
                        </span>
                      </>
                    )}
                  </th>
                  <td className="whitespace-nowrap py-1.5 pr-2 text-right font-mono tabular-nums">
                    {show(e.answer)}
                  </td>
                  {withTruth && (
                    <td className="whitespace-nowrap py-1.5 pr-2 text-right font-mono tabular-nums">
                      {e.truth === null ? '' : show(e.truth)}
                    </td>
                  )}
                  <td
                    className={`whitespace-nowrap py-1.5 font-semibold ${e.correct ? 'text-sky-800' : 'text-orange-800'}`}
                  >
                    <span aria-hidden="true">{e.correct ? '✓' : '✗'}</span>
                    {/* The word beside the icon where there is room; always for screen readers. */}
                    <span className="max-sm:sr-only"> {e.correct ? 'right' : 'wrong'}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {truth !== null && (
        <div data-testid="truth" className={`grid min-w-0 gap-1 ${STUDENT_VALUES}`}>
          <h3 className="font-bold">
            The true value of <span className="font-mono">{question.quantity}</span>
          </h3>
          <MatrixTable name={question.quantity} value={truth} />
        </div>
      )}
    </section>
  );
}
