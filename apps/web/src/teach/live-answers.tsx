'use client';
/**
 * Each student's answer as it arrives, and which slip it was (the instructor's view only), with
 * "show on the big screen": one answer, or every answer with one slip, without names.
 */
import type { AnswerValue, InstructorCommand, InstructorView } from '@backprop/contract';
import { memo } from 'react';
import { ScrollRegion } from './scroll-region.tsx';

const SIGN: Record<string, string> = { '1': '+', '-1': '−', '0': '0' };

/** Short enough for a table cell: 4 significant digits, rows separated by semicolons. */
function valueText(value: AnswerValue): string {
  if ('choice' in value) return `choice ${String.fromCharCode(65 + value.choice)}`;
  const signs = 'signs' in value;
  const v = signs ? value.signs : value.numbers;
  const cell = (x: number) =>
    signs ? (SIGN[String(x)] ?? String(x)) : Number(x.toPrecision(4)).toString();
  if (typeof v === 'number') return cell(v);
  return `[${v.map((row) => row.map(cell).join(', ')).join('; ')}]`;
}

/** What the answer was: right, its slip's label, or other (with the share of entries right). */
function Verdict({
  correct,
  slip,
  credit,
}: {
  correct: boolean;
  slip: string | null;
  credit: number;
}) {
  if (correct) {
    return (
      <span className="font-semibold text-blue-900">
        <span aria-hidden="true">✓ </span>right
      </span>
    );
  }
  if (slip !== null) return <span className="text-orange-950">{slip}</span>;
  return (
    <span className="text-slate-700">
      other{credit > 0 ? ` (${Math.round(credit * 100)}% of entries right)` : ''}
    </span>
  );
}

interface AnswerRowProps {
  playerId: string;
  nickname: string;
  /** valueText of the answer. */
  text: string;
  correct: boolean;
  misconceptionId: string | null;
  /** The slip's label, when there is one. */
  slip: string | null;
  credit: number;
  hidden: boolean;
  canShow: boolean;
  run: (command: InstructorCommand) => Promise<void>;
}

/**
 * One student's answer. Memoised on its fields: every view brings every answer again (2,000 at
 * 2,000 students, a few times a second while they arrive) and most have not changed.
 */
const AnswerRow = memo(function AnswerRow({
  playerId,
  nickname,
  text,
  correct,
  misconceptionId,
  slip,
  credit,
  hidden,
  canShow,
  run,
}: AnswerRowProps) {
  return (
    <tr
      className="border-b border-slate-100"
      data-testid="live-answer"
      data-nickname={nickname}
      data-misconception={misconceptionId ?? ''}
    >
      <th scope="row" className="max-w-32 truncate py-1.5 pr-2 text-left font-medium">
        {nickname}
      </th>
      <td className="py-1.5 pr-2 font-mono text-xs whitespace-nowrap">
        {hidden ? <span className="font-sans text-slate-600">hidden</span> : text}
      </td>
      <td className="py-1.5 pr-2">
        {hidden ? (
          <span className="text-slate-600">hidden</span>
        ) : (
          <Verdict correct={correct} slip={slip} credit={credit} />
        )}
      </td>
      <td className="py-1.5 text-right">
        <button
          type="button"
          className="rounded-md border border-slate-400 px-2 py-1 text-xs font-semibold whitespace-nowrap hover:bg-slate-100 disabled:opacity-50"
          disabled={!canShow}
          onClick={() => void run({ type: 'showSnapshot', target: { kind: 'answer', playerId } })}
          data-testid="snapshot-answer"
        >
          Show on the big screen
          <span className="sr-only"> (without the name of {nickname})</span>
        </button>
      </td>
    </tr>
  );
});

export function LiveAnswers({
  view,
  run,
  busy,
  hideTruth,
}: {
  view: InstructorView;
  run: (command: InstructorCommand) => Promise<void>;
  busy: boolean;
  hideTruth: boolean;
}) {
  const q = view.question;
  if (!q || q.status === 'shown') return null;
  const answers = view.answers;
  const hidden = hideTruth && q.status !== 'revealed';
  const canShow = !busy && view.allowed.includes('showSnapshot');
  const slips = new Map<string, number>();
  for (const a of answers) {
    if (a.misconceptionId) slips.set(a.misconceptionId, (slips.get(a.misconceptionId) ?? 0) + 1);
  }
  const snapshot = view.snapshot;
  return (
    <section
      aria-labelledby="live-answers-title"
      className="rounded-xl border border-slate-300 bg-white p-4"
      data-testid="live-answers"
    >
      <h2 id="live-answers-title" className="text-lg font-semibold">
        Each student&rsquo;s answer{' '}
        <span className="font-normal text-slate-600">({answers.length})</span>
      </h2>
      {snapshot && (
        <p
          className="mt-2 rounded-lg border-2 border-indigo-700 bg-indigo-50 px-3 py-2 text-sm text-indigo-950"
          data-testid="snapshot-status"
        >
          <span className="font-semibold">On the big screen:</span>{' '}
          {snapshot.source === 'slip'
            ? `${snapshot.values.length} answers with “${snapshot.misconception?.label ?? ''}”`
            : 'one answer'}
          , without names. Press <kbd className="rounded border border-indigo-400 px-1">B</kbd> or
          &ldquo;Back to the question&ldquo;Big screen: back to the question&rdquo; to return.rdquo;
          to return.
        </p>
      )}
      {answers.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No answer yet.</p>
      ) : (
        <>
          {slips.size > 0 && (
            <ul className="mt-2 flex flex-wrap gap-2" aria-label="Slips that occurred">
              {[...slips].map(([id, count]) => (
                <li key={id}>
                  <button
                    type="button"
                    className="rounded-md border border-orange-700 bg-orange-50 px-2 py-1 text-left text-sm font-medium text-orange-950 hover:bg-orange-100 disabled:opacity-50"
                    disabled={!canShow}
                    onClick={() =>
                      void run({
                        type: 'showSnapshot',
                        target: { kind: 'slip', misconceptionId: id },
                      })
                    }
                    data-testid="snapshot-slip"
                    data-misconception={id}
                  >
                    Show the {count} with &ldquo;{view.misconceptionLabels[id] ?? id}&rdquo; on the
                    big screen
                  </button>
                </li>
              ))}
            </ul>
          )}
          <ScrollRegion label="Each student's answer">
            <table className="w-full text-sm" data-testid="live-answer-table">
              <thead>
                <tr className="border-b border-slate-300 text-left text-slate-700">
                  <th scope="col" className="py-1 pr-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="py-1 pr-2 font-medium">
                    Answer
                  </th>
                  <th scope="col" className="py-1 pr-2 font-medium">
                    Slip
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    <span className="sr-only">Big screen</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {answers.map((a) => (
                  <AnswerRow
                    key={a.playerId}
                    playerId={a.playerId}
                    nickname={a.nickname}
                    text={valueText(a.value)}
                    correct={a.correct}
                    misconceptionId={a.misconceptionId}
                    slip={
                      a.misconceptionId
                        ? (view.misconceptionLabels[a.misconceptionId] ?? a.misconceptionId)
                        : null
                    }
                    credit={a.credit}
                    hidden={hidden}
                    canShow={canShow}
                    run={run}
                  />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}
