'use client';
/**
 * The report of a live lesson or a homework: share correct per quantity (chart and table), the
 * hardest quantity called out, the named slips with their counts, every student's result, and
 * the two CSV downloads.
 */
import type { Report, ReportQuantity } from '@backprop/contract';
import { useEffect, useState } from 'react';
import { accountApi, csvLinks } from '../account/api.ts';
import { refusalText } from '../account/messages.ts';
import { useInstructor } from '../account/use-instructor.ts';
import { formatScore } from '../lib/format.ts';
import { ScrollRegion } from '../teach/scroll-region.tsx';
import { ReportChart } from './report-chart.tsx';

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
const round2 = (x: number) => Math.round(x * 100) / 100;
/** m:ss, as the CSV's time column (packages/lesson's minutesSeconds). */
const mss = (seconds: number) => {
  const whole = Math.round(Math.max(0, seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

const th = 'py-2 pr-3 font-medium';
const td = 'py-2 pr-3 tabular-nums';

export function ReportScreen({ kind, id }: { kind: Report['kind']; id: string }) {
  const state = useInstructor();
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (state.kind !== 'ready') return;
    (kind === 'lesson' ? accountApi.lessonReport(id) : accountApi.assignmentReport(id)).then(
      setReport,
      (e: unknown) => setProblem(refusalText(e)),
    );
  }, [state.kind, kind, id]);

  if (problem) {
    return (
      <div className="grid gap-3">
        <h1 className="text-2xl font-bold">Report</h1>
        <p role="alert">{problem}</p>
      </div>
    );
  }
  if (state.kind === 'error') return <p role="alert">{state.message}</p>;
  if (!report) return <p role="status">Loading the report…</p>;
  return <ReportBody report={report} />;
}

function ReportBody({ report }: { report: Report }) {
  const csv = csvLinks(report);
  const hardest = report.quantities.find((q) => q.quantity === report.hardest) ?? null;
  const slips = allSlips(report.quantities);
  const live = report.kind === 'lesson';
  const back = live ? '/dashboard' : `/assignments/${report.id}`;
  return (
    <div className="grid grid-cols-1 gap-8">
      <header className="grid gap-2">
        <p>
          <a href={back} className="text-sm text-indigo-800 underline">
            {live ? 'Your classes' : 'The homework'}
          </a>
        </p>
        <h1 className="text-3xl font-bold">
          Report: <span data-testid="report-title">{report.title}</span>
        </h1>
        <p className="text-slate-700">
          {live ? 'Live lesson' : 'Homework'} · {report.students.length}{' '}
          {report.students.length === 1 ? 'student' : 'students'} · {report.quantities.length}{' '}
          quantities
        </p>
        <p className="flex flex-wrap gap-3">
          <a
            href={csv.students}
            download
            data-testid="csv-students"
            className="rounded-lg border-2 border-indigo-700 bg-white px-3 py-2 font-semibold text-indigo-900 hover:bg-indigo-50"
          >
            Students (CSV)
          </a>
          <a
            href={csv.answers}
            download
            data-testid="csv-answers"
            className="rounded-lg border-2 border-indigo-700 bg-white px-3 py-2 font-semibold text-indigo-900 hover:bg-indigo-50"
          >
            Answers per question (CSV)
          </a>
        </p>
      </header>

      {report.students.length === 0 ? (
        <p className="text-slate-700">No answers yet.</p>
      ) : (
        <>
          {hardest && (
            <p
              data-testid="hardest"
              data-quantity={hardest.quantity}
              className="rounded-xl border-2 border-orange-700 bg-orange-50 p-4 text-lg text-orange-950"
            >
              Hardest: <span className="font-mono font-bold">{hardest.quantity}</span>,{' '}
              {pct(hardest.correctShare)} right ({hardest.correct} of {hardest.present} who could
              answer)
              {hardest.misconceptions[0] && (
                <>
                  ; the most common slip: {hardest.misconceptions[0].label} (
                  {hardest.misconceptions[0].count}×)
                </>
              )}
              .
            </p>
          )}
          <div className="grid gap-1 text-sm text-slate-700" data-testid="report-rules">
            <p>
              A share right counts only the students who could answer: in the lesson (joined, not
              removed) while the question was open. Those who could not are shown as “not present”,
              apart.
            </p>
            <p>
              “Hardest” is the quantity with the lowest share right among those answered by at least
              half of the students who could answer it: a question locked early, or asked to few,
              says little.
            </p>
            <p>
              {live
                ? 'Max score: the most points a student could have on the questions they could answer (1,000 each, plus the largest speed bonus when the lesson has a timer and that bonus, plus the bonus of an unbroken streak). Percent: the credit on those questions.'
                : 'Max score: 1 per question (full credit). Percent: score over max score.'}
            </p>
          </div>

          <section aria-labelledby="quantities-title" className="grid grid-cols-1 gap-3">
            <h2 id="quantities-title" className="text-2xl font-bold">
              Share right per quantity
            </h2>
            <ReportChart quantities={report.quantities} hardest={report.hardest} />
            <ScrollRegion label="Share right per quantity, table">
              <table className="w-full min-w-[44rem] text-sm" data-testid="quantities-table">
                <caption className="sr-only">Share right per quantity</caption>
                <thead>
                  <tr className="border-b border-slate-300 text-left text-slate-700">
                    <th scope="col" className={th}>
                      Quantity
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Right
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Answered
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Could answer
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Not present
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Attempts (mean)
                    </th>
                    <th scope="col" className={th}>
                      Slips
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.quantities.map((q) => (
                    <tr
                      key={q.quantity}
                      data-testid={`quantity-${q.quantity}`}
                      className="border-b border-slate-200 align-top"
                    >
                      <th scope="row" className="py-2 pr-3 text-left font-mono font-medium">
                        {q.quantity}
                        {q.quantity === report.hardest && (
                          <span className="ml-1 font-sans text-xs font-semibold text-orange-800">
                            hardest
                          </span>
                        )}
                      </th>
                      <td className={`${td} text-right`} data-testid="share-right">
                        {pct(q.correctShare)}
                      </td>
                      <td className={`${td} text-right`}>{q.answered}</td>
                      <td className={`${td} text-right`} data-testid="present">
                        {q.present}
                      </td>
                      <td className={`${td} text-right`} data-testid="not-present">
                        {q.notPresent}
                      </td>
                      <td className={`${td} text-right`}>{round2(q.meanAttempts)}</td>
                      <td className="py-2 pr-3">
                        {q.misconceptions.map((m) => `${m.label} (${m.count}×)`).join('; ') || '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>

          <section aria-labelledby="slips-title" className="grid gap-2">
            <h2 id="slips-title" className="text-2xl font-bold">
              Common slips
            </h2>
            {slips.length === 0 ? (
              <p className="text-slate-700">No wrong answer matched a named slip.</p>
            ) : (
              <ul className="grid gap-1" data-testid="slips">
                {slips.map((s) => (
                  <li key={s.id}>
                    <span className="font-semibold tabular-nums">{s.count}×</span> {s.label}{' '}
                    <span className="text-sm text-slate-700">
                      (<span className="font-mono">{s.quantities.join(', ')}</span>)
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="students-title" className="grid grid-cols-1 gap-2">
            <h2 id="students-title" className="text-2xl font-bold">
              Students
            </h2>
            <p className="text-sm text-slate-700" data-testid="cells-legend">
              Per question: ✓ right, ✗ wrong, – not answered, ○ not present (joined later, or
              removed while it was open).
            </p>
            <ScrollRegion label="Students, table">
              <table className="w-full min-w-[48rem] text-sm" data-testid="report-students">
                <caption className="sr-only">Every student's result</caption>
                <thead>
                  <tr className="border-b border-slate-300 text-left text-slate-700">
                    <th scope="col" className={th}>
                      Name
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      {live ? 'Points' : 'Score'}
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Max
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Percent
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Right
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Not present
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Attempts
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Time
                    </th>
                    <th scope="col" className={th}>
                      Per question
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.students.map((s) => (
                    <tr key={s.id} className="border-b border-slate-200 align-top">
                      <th scope="row" className="py-2 pr-3 text-left font-medium">
                        {s.name}
                        {s.studentNumber && (
                          <span className="block text-xs font-normal text-slate-700">
                            {s.studentNumber}
                          </span>
                        )}
                      </th>
                      <td className={`${td} text-right`} data-testid="student-score">
                        {formatScore(s.score)}
                      </td>
                      <td className={`${td} text-right`} data-testid="student-max">
                        {formatScore(s.maxScore)}
                      </td>
                      <td className={`${td} text-right`} data-testid="student-percent">
                        {pct(s.creditShare)}
                      </td>
                      <td className={`${td} text-right`} data-testid="student-right">
                        {s.cells.filter((c) => c.correct).length} of {s.questions}
                      </td>
                      <td className={`${td} text-right`} data-testid="student-not-present">
                        {s.cells.length - s.questions}
                      </td>
                      <td className={`${td} text-right`}>{s.attempts}</td>
                      <td className={`${td} text-right`} data-testid="student-time">
                        {mss(s.seconds)}
                      </td>
                      <td className="py-2 pr-3">
                        <ul className="flex flex-wrap gap-1">
                          {s.cells.map((c) => (
                            <li
                              key={`${c.step}-${c.quantity}`}
                              data-present={c.present}
                              className={`rounded px-1.5 py-0.5 font-mono text-xs ${
                                c.correct
                                  ? 'bg-sky-100 text-sky-950'
                                  : c.answered
                                    ? 'bg-orange-100 text-orange-950'
                                    : c.present
                                      ? 'bg-slate-100 text-slate-700'
                                      : 'border border-dashed border-slate-500 text-slate-700'
                              }`}
                            >
                              <span aria-hidden="true">
                                {c.correct ? '✓' : c.answered ? '✗' : c.present ? '–' : '○'}{' '}
                              </span>
                              {c.quantity}
                              <span className="sr-only">
                                {c.correct
                                  ? ' right'
                                  : c.answered
                                    ? ' wrong'
                                    : c.present
                                      ? ' not answered'
                                      : ' not present'}
                              </span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>
        </>
      )}
    </div>
  );
}

/** The named slips over every quantity, most common first. */
function allSlips(quantities: ReportQuantity[]) {
  const byId = new Map<
    string,
    { id: string; label: string; count: number; quantities: string[] }
  >();
  for (const q of quantities) {
    for (const m of q.misconceptions) {
      const slip = byId.get(m.id) ?? { id: m.id, label: m.label, count: 0, quantities: [] };
      slip.count += m.count;
      slip.quantities.push(q.quantity);
      byId.set(m.id, slip);
    }
  }
  return [...byId.values()].sort((a, b) => b.count - a.count);
}
