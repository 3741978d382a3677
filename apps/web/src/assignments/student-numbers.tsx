'use client';
/** One student's homework as they see it, with every true value: to help them, or to check a mark. */
import type { HomeworkView } from '@backprop/contract';
import { useEffect, useState } from 'react';
import { accountApi } from '../account/api.ts';
import { refusalText } from '../account/messages.ts';
import { useInstructor } from '../account/use-instructor.ts';
import { HomeworkChain } from '../homework/homework-chain.tsx';

export function StudentNumbers({ id, studentId }: { id: string; studentId: string }) {
  const state = useInstructor();
  const [view, setView] = useState<HomeworkView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (state.kind !== 'ready') return;
    accountApi.student(id, studentId).then(setView, (e: unknown) => setProblem(refusalText(e)));
  }, [state.kind, id, studentId]);
  if (problem) return <p role="alert">{problem}</p>;
  if (state.kind === 'error') return <p role="alert">{state.message}</p>;
  if (!view) return <p role="status">Loading…</p>;
  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <header className="grid gap-1">
        <p>
          <a href={`/assignments/${id}`} className="text-sm text-indigo-800 underline">
            {view.assignment.title}
          </a>
        </p>
        <h1 className="text-3xl font-bold">
          {view.student.name}
          {view.student.studentNumber && (
            <span className="text-xl font-normal text-slate-700">
              {' '}
              ({view.student.studentNumber})
            </span>
          )}
        </h1>
        <p className="text-slate-700">
          Their own numbers and every true value (the student sees a value once they earn it).
        </p>
      </header>
      <HomeworkChain
        view={view}
        readOnly
        onView={setView}
        submit={async () => ({ ok: false, message: 'Read only.' })}
      />
    </div>
  );
}
