'use client';
/** The instructor's home: their lessons (with reports), their homework, teach now, sign out. */
import type { AssignmentStatus, AssignmentSummary, LessonSummary } from '@backprop/contract';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { accountApi } from './api.ts';
import { authClient } from './auth-client.ts';
import { useInstructor } from './use-instructor.ts';

export const when = (ms: number) =>
  new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

export const STATUS_TEXT: Record<AssignmentStatus, string> = {
  upcoming: 'Not open yet',
  open: 'Open',
  closed: 'Closed',
};

const linkButton =
  'rounded-lg px-4 py-2.5 font-semibold text-white bg-indigo-700 hover:bg-indigo-800';

export function Dashboard() {
  const state = useInstructor();
  const router = useRouter();
  const [lessons, setLessons] = useState<LessonSummary[] | null>(null);
  const [assignments, setAssignments] = useState<AssignmentSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (state.kind !== 'ready') return;
    Promise.all([accountApi.lessons(), accountApi.assignments()]).then(
      ([l, a]) => {
        setLessons(l);
        setAssignments(a);
      },
      (error: unknown) => setProblem(error instanceof Error ? error.message : 'Could not load.'),
    );
  }, [state.kind]);

  if (state.kind === 'loading') return <p role="status">Loading…</p>;
  if (state.kind === 'error') return <p role="alert">{state.message}</p>;

  const signOut = async () => {
    await authClient().signOut();
    router.push('/');
  };

  return (
    <div className="grid gap-8">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold">Your classes</h1>
          <p className="mt-1 text-slate-700" data-testid="signed-in-as">
            Signed in as {state.me.name} ({state.me.email})
          </p>
        </div>
        <button
          type="button"
          onClick={signOut}
          className="rounded-lg border border-slate-400 bg-white px-4 py-2 font-medium hover:bg-slate-100"
        >
          Sign out
        </button>
      </header>
      {problem && (
        <p role="alert" className="rounded-lg border border-rose-700 bg-rose-50 p-3 text-rose-900">
          {problem}
        </p>
      )}

      <section aria-labelledby="assignments-title" className="grid gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="assignments-title" className="text-2xl font-bold">
            Homework
          </h2>
          <a href="/assignments/new" className={linkButton} data-testid="new-assignment">
            New assignment
          </a>
        </div>
        {assignments === null ? (
          <p className="text-slate-700">Loading…</p>
        ) : assignments.length === 0 ? (
          <p className="text-slate-700">
            No homework yet: set one, and share its link with your students.
          </p>
        ) : (
          <ul className="grid gap-2" data-testid="assignment-list">
            {assignments.map((a) => (
              <li
                key={a.id}
                className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 rounded-lg border border-slate-300 bg-white p-3"
              >
                <a
                  href={`/assignments/${a.id}`}
                  className="font-semibold text-indigo-800 underline"
                >
                  {a.title}
                </a>
                <span className="text-sm text-slate-700">
                  {STATUS_TEXT[a.status]} · due {when(a.dueAt)} · {a.started} started, {a.finished}{' '}
                  finished ·{' '}
                  <a href={`/reports/assignments/${a.id}`} className="text-indigo-800 underline">
                    report<span className="sr-only"> of {a.title}</span>
                  </a>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="lessons-title" className="grid gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="lessons-title" className="text-2xl font-bold">
            Live lessons
          </h2>
          <a href="/teach?account=1" className={linkButton} data-testid="teach-now">
            Teach now
          </a>
        </div>
        {lessons === null ? (
          <p className="text-slate-700">Loading…</p>
        ) : lessons.length === 0 ? (
          <p className="text-slate-700">
            No lessons yet. Lessons you start from here keep a report.
          </p>
        ) : (
          <ul className="grid gap-2" data-testid="lesson-list">
            {lessons.map((l) => (
              <li
                key={l.code}
                className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 rounded-lg border border-slate-300 bg-white p-3"
              >
                <span className="font-mono font-semibold">{l.code}</span>
                <span className="text-sm text-slate-700">
                  {when(l.createdAt)} · {l.players} {l.players === 1 ? 'student' : 'students'} ·{' '}
                  {l.finishedAt ? 'finished' : 'not finished'} ·{' '}
                  <a href={`/teach/${l.code}`} className="text-indigo-800 underline">
                    console<span className="sr-only"> of lesson {l.code}</span>
                  </a>{' '}
                  ·{' '}
                  <a href={`/reports/lessons/${l.code}`} className="text-indigo-800 underline">
                    report<span className="sr-only"> of lesson {l.code}</span>
                  </a>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
