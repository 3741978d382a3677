'use client';
/**
 * One homework, for its instructor: the share link and its QR code, status and dates, the
 * students so far (each with a link to their exact numbers), and the report.
 */
import type { AssignmentSummary, Report } from '@backprop/contract';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState } from 'react';
import { accountApi } from '../account/api.ts';
import { STATUS_TEXT, when } from '../account/dashboard.tsx';
import { refusalText } from '../account/messages.ts';
import { useInstructor } from '../account/use-instructor.ts';
import { ScrollRegion } from '../teach/scroll-region.tsx';

export function AssignmentDetail({ id, created }: { id: string; created: boolean }) {
  const state = useInstructor();
  const [summary, setSummary] = useState<AssignmentSummary | null>(null);
  // undefined: loading; null: could not be loaded.
  const [report, setReport] = useState<Report | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [origin, setOrigin] = useState('');

  useEffect(() => {
    setOrigin(window.location.origin);
    if (state.kind !== 'ready') return;
    accountApi.assignment(id).then(setSummary, (error: unknown) => setProblem(refusalText(error)));
    // The students come with the report; the page is useful without them (the share link).
    accountApi.assignmentReport(id).then(setReport, () => setReport(null));
  }, [state.kind, id]);

  if (problem) {
    return (
      <div className="grid gap-3">
        <h1 className="text-2xl font-bold">Homework</h1>
        <p role="alert">{problem}</p>
        <p>
          <a href="/dashboard" className="text-indigo-800 underline">
            Back to your classes
          </a>
        </p>
      </div>
    );
  }
  if (state.kind === 'error') return <p role="alert">{state.message}</p>;
  if (!summary) return <p role="status">Loading…</p>;

  const link = `${origin}/homework/${summary.id}`;
  return (
    <div className="grid grid-cols-1 gap-8">
      <header className="grid gap-2">
        <p>
          <a href="/dashboard" className="text-sm text-indigo-800 underline">
            Your classes
          </a>
        </p>
        <h1 className="text-3xl font-bold" data-testid="assignment-title">
          {summary.title}
        </h1>
        <p className="text-slate-800" data-testid="assignment-status" data-status={summary.status}>
          {STATUS_TEXT[summary.status]} · opens {when(summary.opensAt)} · due {when(summary.dueAt)}
        </p>
        <p className="text-slate-700">
          {summary.settings.questions.length} questions · {summary.attempts}{' '}
          {summary.attempts === 1 ? 'attempt' : 'attempts'} each · hints{' '}
          {summary.showHints ? 'on' : 'off'}
          {summary.askStudentNumber && ' · asks for a student number'}
        </p>
      </header>

      <section
        aria-labelledby="share-title"
        className={`grid gap-4 rounded-xl border bg-white p-4 sm:grid-cols-[1fr_auto] ${created ? 'border-indigo-700 ring-2 ring-indigo-300' : 'border-slate-300'}`}
      >
        <div className="grid content-start gap-2">
          <h2 id="share-title" className="text-xl font-semibold">
            Share with your students
          </h2>
          <label htmlFor="share-link" className="text-sm text-slate-700">
            The homework link (no account needed)
          </label>
          <input
            id="share-link"
            readOnly
            value={link}
            data-testid="share-link"
            onFocus={(e) => e.currentTarget.select()}
            className="w-full rounded-md border border-slate-400 bg-slate-50 px-2 py-2 font-mono text-sm"
          />
          <p>
            <a
              href={`/reports/assignments/${summary.id}`}
              className="font-semibold text-indigo-800 underline"
              data-testid="report-link"
            >
              Report and CSV downloads
            </a>
          </p>
        </div>
        {origin && (
          <QRCodeSVG
            value={link}
            size={200}
            level="M"
            marginSize={2}
            title={`QR code of ${link}`}
            role="img"
            aria-label={`QR code of ${link}`}
            className="h-auto w-40"
          />
        )}
      </section>

      <section aria-labelledby="students-title" className="grid grid-cols-1 gap-2">
        <h2 id="students-title" className="text-xl font-semibold">
          Students ({summary.started} started, {summary.finished} finished)
        </h2>
        {report === undefined ? (
          <p className="text-slate-700">Loading the students…</p>
        ) : report === null ? (
          <p className="text-slate-700">The students could not be loaded: reload the page.</p>
        ) : report.students.length === 0 ? (
          <p className="text-slate-700">Nobody has started yet.</p>
        ) : (
          <ScrollRegion label="Students">
            <table className="w-full min-w-[28rem] text-sm" data-testid="students-table">
              <thead>
                <tr className="border-b border-slate-300 text-left text-slate-700">
                  <th scope="col" className="py-2 pr-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="py-2 pr-2 text-right font-medium">
                    Score
                  </th>
                  <th scope="col" className="py-2 pr-2 text-right font-medium">
                    Right
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">Their numbers</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.students.map((s) => (
                  <tr key={s.id} className="border-b border-slate-200">
                    <th scope="row" className="py-2 pr-2 text-left font-medium">
                      {s.name}
                      {s.studentNumber && (
                        <span className="font-normal text-slate-700"> ({s.studentNumber})</span>
                      )}
                    </th>
                    <td className="py-2 pr-2 text-right tabular-nums">
                      {Math.round(s.score * 100) / 100} / {summary.settings.questions.length}
                    </td>
                    <td className="py-2 pr-2 text-right tabular-nums">
                      {Math.round(s.correctShare * 100)}%
                    </td>
                    <td className="py-2">
                      <a
                        href={`/assignments/${summary.id}/students/${encodeURIComponent(s.id)}`}
                        className="text-indigo-800 underline"
                      >
                        exact numbers<span className="sr-only"> of {s.name}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </div>
  );
}
