'use client';
/**
 * Practice: the homework chain with fresh random numbers, run entirely in this browser by the
 * lesson engine (the same grading as homework and live lessons). Nothing is sent or stored.
 */
import type { HomeworkView } from '@backprop/contract';
import {
  type HomeworkAttemptRecord,
  homeworkView,
  practiceAssignment,
  submitAttempt,
} from '@backprop/lesson';
import { useEffect, useRef, useState } from 'react';
import { HomeworkChain, type SubmitAttempt } from './homework-chain.tsx';

type Session = ReturnType<typeof practiceAssignment>;

/** A random uint32 seed (crypto: Math.random is not used for draws anywhere in the app). */
const newSeed = () => crypto.getRandomValues(new Uint32Array(1))[0]!;

export function PracticeScreen() {
  // Drawn after mounting: the server-rendered page has no numbers to disagree with.
  const [session, setSession] = useState<Session | null>(null);
  const [view, setView] = useState<HomeworkView | null>(null);
  const attempts = useRef<HomeworkAttemptRecord[]>([]);
  const [round, setRound] = useState(0);

  useEffect(() => {
    void round; // a new round draws new numbers
    const fresh = practiceAssignment(newSeed(), Date.now());
    attempts.current = [];
    setSession(fresh);
    setView(homeworkView(fresh.assignment, fresh.student, [], Date.now()));
  }, [round]);

  const submit: SubmitAttempt = async (questionIndex, value, attemptId) => {
    if (!session) return { ok: false, message: 'Loading…' };
    const now = Date.now();
    const outcome = submitAttempt(
      session.assignment,
      session.student,
      attempts.current,
      { attemptId, questionIndex, value },
      now,
    );
    if (!outcome.ok) return { ok: false, message: outcome.error.message };
    if (!outcome.duplicate) attempts.current = [...attempts.current, outcome.record];
    const next = homeworkView(session.assignment, session.student, attempts.current, now);
    return { ok: true, feedback: outcome.feedback, view: next };
  };

  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <header className="grid gap-2">
        <h1 className="text-3xl font-bold">Practice</h1>
        <p className="text-slate-800">
          One training step with random numbers of your own. Work out each value and gradient; every
          answer is checked at once, with a hint after a wrong one. Nothing is saved.
        </p>
        <p>
          <button
            type="button"
            onClick={() => setRound((r) => r + 1)}
            data-testid="practice-new"
            className="rounded-lg border-2 border-indigo-700 bg-white px-4 py-2 font-semibold text-indigo-900 hover:bg-indigo-50"
          >
            New numbers
          </button>
        </p>
      </header>
      {view ? (
        <HomeworkChain key={round} view={view} submit={submit} onView={setView} />
      ) : (
        <p role="status" className="text-slate-700">
          Drawing your numbers…
        </p>
      )}
    </div>
  );
}
