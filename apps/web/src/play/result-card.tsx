/**
 * The reveal, for this student: right or wrong per entry (an icon and a word, never colour
 * alone), the true value, the named slip when the answer matched one, points, streak and rank.
 */
import type { AnswerResult, QuestionView, StudentView } from '@backprop/contract';
import { MatrixTable } from '../components/matrix-table.tsx';
import { formatNumber, formatScore } from '../lib/format.ts';
import { entryLabel, optionLetter, STUDENT_VALUES, signText } from './answer-draft.ts';
import { Icon } from './icons.tsx';

interface ResultCardProps {
  question: QuestionView;
  result: AnswerResult | null;
  me: StudentView['me'];
  playerCount: number;
  /** The option chosen, for a multiple-choice question. */
  choice: number | null;
}

export function verdictOf(result: AnswerResult | null): {
  icon: string;
  text: string;
  tone: 'right' | 'partial' | 'wrong' | 'none';
} {
  if (!result) return { icon: '–', text: 'You did not answer this one', tone: 'none' };
  if (result.correct) return { icon: '✓', text: 'Right!', tone: 'right' };
  const right = result.entries.filter((e) => e.correct).length;
  if (right > 0) {
    return {
      icon: '◐',
      text: `Partly right: ${right} of ${result.entries.length} entries`,
      tone: 'partial',
    };
  }
  return { icon: '✗', text: 'Not this time', tone: 'wrong' };
}

export const TONE = {
  right: 'border-sky-700 bg-sky-50 text-sky-950',
  partial: 'border-amber-600 bg-amber-50 text-amber-950',
  wrong: 'border-orange-700 bg-orange-50 text-orange-950',
  none: 'border-slate-400 bg-slate-50 text-slate-900',
} as const;

export function ResultCard({ question, result, me, playerCount, choice }: ResultCardProps) {
  const verdict = verdictOf(result);
  const sign = question.mode === 'sign';
  const show = (x: number) => (sign ? signText(x) : formatNumber(x));
  return (
    <section
      aria-labelledby="result-title"
      data-testid="my-result"
      className="grid grid-cols-[minmax(0,1fr)] gap-4"
    >
      <div
        data-testid="my-verdict"
        data-tone={verdict.tone}
        className={`rounded-xl border-2 p-4 ${TONE[verdict.tone]}`}
      >
        <h2
          id="result-title"
          className="flex items-center gap-3 text-2xl font-bold"
          tabIndex={-1}
          data-focus-here
        >
          <span aria-hidden="true" className="text-3xl">
            {verdict.icon}
          </span>
          {verdict.text}
        </h2>
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-base">
          <span data-testid="my-points" className="font-semibold">
            +{formatScore(result?.points ?? 0)} points
          </span>
          <span data-testid="result-streak">
            streak {me.streak}
            {me.streak > 1 && <Icon name="flame" className="ml-1 size-4 align-[-2px]" />}
          </span>
          <span data-testid="result-rank">
            rank {me.rank} of {playerCount}
          </span>
        </p>
      </div>

      {result?.misconception && (
        <div
          data-testid="misconception"
          className="rounded-xl border-2 border-dashed border-orange-700 bg-white p-4"
        >
          <h3 className="font-bold">
            <Icon name="bulb" className="mr-1 size-5 align-[-4px]" />A common slip:{' '}
            {result.misconception.label}
          </h3>
          <p className="mt-1 text-slate-800">{result.misconception.hint}</p>
        </div>
      )}

      {result && question.mode === 'choice' && choice !== null && (
        <p>
          You chose option {optionLetter(choice)}
          {result.correct ? ', the true value.' : '.'}
        </p>
      )}

      {result && (
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
                <th scope="col" className="py-1 pr-2 text-right font-normal">
                  True
                </th>
                <th scope="col" className="py-1 font-normal">
                  <span className="sr-only">Verdict</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.entries.map((e) => (
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
                  <td className="whitespace-nowrap py-1.5 pr-2 text-right font-mono tabular-nums">
                    {e.truth === null ? '' : show(e.truth)}
                  </td>
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

      {question.truth !== null && (
        <div data-testid="truth" className={`grid min-w-0 gap-1 ${STUDENT_VALUES}`}>
          <h3 className="font-bold">
            The true value of <span className="font-mono">{question.quantity}</span>
          </h3>
          <MatrixTable name={question.quantity} value={question.truth} />
        </div>
      )}
    </section>
  );
}
