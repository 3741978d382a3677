'use client';
/**
 * The student's homework page (the share link): the assignment's intro, a name to start with (and
 * a student number when asked), the resume code shown once and kept in this browser, a field to
 * continue on another device, then the chain. Phones open it: no auth client, no charts here.
 */
import type { AssignmentIntro, HomeworkView } from '@backprop/contract';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { ProblemLine } from '../components/problem-line.tsx';
import { ApiError } from '../lib/trpc-call.ts';
import { homeworkApi, resumeStore } from './api.ts';
import { HomeworkChain, type SubmitAttempt } from './homework-chain.tsx';
import { dashed, refusal } from './messages.ts';

const when = (ms: number) =>
  new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

const inputClass =
  'mt-1 block w-full rounded-lg border border-slate-500 bg-white px-3 py-2.5 text-lg text-slate-900 placeholder:text-slate-500 aria-[invalid=true]:border-rose-700';
const buttonClass =
  'rounded-lg bg-indigo-700 px-4 py-3 text-lg font-semibold text-white hover:bg-indigo-800 disabled:opacity-60';

type Screen =
  | { kind: 'loading' }
  | { kind: 'missing'; message: string }
  | { kind: 'intro'; intro: AssignmentIntro }
  | { kind: 'working'; view: HomeworkView; code: string; fresh: boolean };

export function HomeworkScreen({ assignmentId }: { assignmentId: string }) {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  // A code kept in this browser continues where the student left off; else the intro.
  useEffect(() => {
    let active = true;
    const load = async () => {
      const code = resumeStore.get(assignmentId);
      if (code) {
        try {
          const view = await homeworkApi.view(assignmentId, code);
          if (active) setScreen({ kind: 'working', view, code, fresh: false });
          return;
        } catch (error) {
          // A stale code (another database, a typo saved): forget it, show the intro.
          if (error instanceof ApiError && error.code === 'UNKNOWN_PLAYER') {
            resumeStore.clear(assignmentId);
          }
        }
      }
      try {
        const intro = await homeworkApi.intro(assignmentId);
        if (active) setScreen({ kind: 'intro', intro });
      } catch (error) {
        if (active) setScreen({ kind: 'missing', message: refusal(error) });
      }
    };
    void load();
    return () => {
      active = false;
    };
  }, [assignmentId]);

  const working = useCallback(
    (view: HomeworkView, code: string, fresh: boolean) => {
      resumeStore.set(assignmentId, code);
      setScreen({ kind: 'working', view, code, fresh });
    },
    [assignmentId],
  );

  if (screen.kind === 'loading') {
    return (
      <p className="py-10 text-center text-slate-700" role="status">
        Loading the homework…
      </p>
    );
  }
  if (screen.kind === 'missing') {
    return (
      <div className="mx-auto grid max-w-xl gap-3 py-6">
        <h1 className="text-2xl font-bold">Homework not found</h1>
        <p role="alert" className="text-slate-800">
          {screen.message}
        </p>
      </div>
    );
  }
  if (screen.kind === 'intro') {
    return <Intro intro={screen.intro} assignmentId={assignmentId} onStarted={working} />;
  }
  return (
    <Working
      assignmentId={assignmentId}
      view={screen.view}
      code={screen.code}
      fresh={screen.fresh}
      onView={(view) => setScreen({ ...screen, view })}
    />
  );
}

function IntroFacts({ intro }: { intro: AssignmentIntro }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800">
      <dt className="font-medium">Questions</dt>
      <dd data-testid="intro-questions">{intro.questionCount}</dd>
      <dt className="font-medium">Attempts</dt>
      <dd>{intro.attempts} per question</dd>
      <dt className="font-medium">Opens</dt>
      <dd>{when(intro.opensAt)}</dd>
      <dt className="font-medium">Due</dt>
      <dd data-testid="intro-due">{when(intro.dueAt)}</dd>
    </dl>
  );
}

function Intro({
  intro,
  assignmentId,
  onStarted,
}: {
  intro: AssignmentIntro;
  assignmentId: string;
  onStarted: (view: HomeworkView, code: string, fresh: boolean) => void;
}) {
  const [name, setName] = useState('');
  const [studentNumber, setStudentNumber] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem('Type your name first.');
    if (intro.askStudentNumber && !studentNumber.trim()) {
      return setProblem('Type your student number too.');
    }
    setBusy(true);
    setProblem(null);
    try {
      const result = await homeworkApi.start({
        assignmentId,
        name: name.trim(),
        ...(intro.askStudentNumber ? { studentNumber: studentNumber.trim() } : {}),
      });
      onStarted(result.view, result.resumeCode, true);
    } catch (error) {
      setProblem(refusal(error));
      setBusy(false);
    }
  };

  return (
    <div className="mx-auto grid max-w-xl gap-6">
      <header className="grid gap-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-indigo-800">Homework</p>
        <h1 className="text-3xl font-bold" data-testid="homework-title">
          {intro.title}
        </h1>
        <p className="text-slate-800">
          One training step of a small network, with your own numbers: compute each value and
          gradient in the deck&apos;s order. Each answer is checked at once.
        </p>
        <IntroFacts intro={intro} />
        {intro.showHints && (
          <p className="text-sm text-slate-700">
            After a wrong answer you may get a hint about a common slip.
          </p>
        )}
      </header>

      {intro.status === 'open' && (
        <section
          aria-labelledby={`${id}-start`}
          className="rounded-xl border border-slate-300 bg-white p-4"
        >
          <h2 id={`${id}-start`} className="text-xl font-bold">
            Start
          </h2>
          <form onSubmit={start} noValidate className="mt-3 grid gap-4">
            <div>
              <label htmlFor={`${id}-name`} className="font-medium">
                Your name (your instructor sees it)
              </label>
              <input
                id={`${id}-name`}
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={24}
                autoComplete="name"
                required
                className={inputClass}
              />
            </div>
            {intro.askStudentNumber && (
              <div>
                <label htmlFor={`${id}-number`} className="font-medium">
                  Your student number
                </label>
                <input
                  id={`${id}-number`}
                  value={studentNumber}
                  onChange={(e) => setStudentNumber(e.target.value)}
                  maxLength={40}
                  autoComplete="off"
                  required
                  className={inputClass}
                />
              </div>
            )}
            <ProblemLine problem={problem} testId="start-problem" />
            <button type="submit" disabled={busy} className={buttonClass} data-testid="start">
              {busy ? 'Starting…' : 'Start the homework'}
            </button>
          </form>
        </section>
      )}
      {intro.status === 'upcoming' && (
        <p
          className="rounded-lg border-2 border-slate-500 bg-slate-100 p-3 font-semibold"
          data-testid="not-open"
        >
          This homework opens {when(intro.opensAt)}. Come back then.
        </p>
      )}
      {intro.status === 'closed' && (
        <p
          className="rounded-lg border-2 border-amber-600 bg-amber-50 p-3 font-semibold text-amber-950"
          data-testid="closed"
        >
          The due date has passed: no new answers. If you started, continue with your code below to
          review your answers and the true values.
        </p>
      )}

      <ResumeForm assignmentId={assignmentId} onResumed={onStarted} />
    </div>
  );
}

/** Continue on another device (or after clearing the browser) with the code shown at the start. */
function ResumeForm({
  assignmentId,
  onResumed,
}: {
  assignmentId: string;
  onResumed: (view: HomeworkView, code: string, fresh: boolean) => void;
}) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const resume = async (event: FormEvent) => {
    event.preventDefault();
    // The schema's normalisation: any case, with or without the dash or spaces.
    const clean = code.toUpperCase().replace(/[\s-]/g, '');
    if (clean.length !== 10) return setProblem('A resume code has 10 letters and digits.');
    setBusy(true);
    setProblem(null);
    try {
      const view = await homeworkApi.view(assignmentId, clean);
      onResumed(view, clean, false);
    } catch (error) {
      setProblem(refusal(error));
      setBusy(false);
    }
  };
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-xl border border-slate-300 bg-white p-4"
    >
      <h2 id={`${id}-title`} className="text-xl font-bold">
        Continue on another device
      </h2>
      <form onSubmit={resume} noValidate className="mt-3 grid gap-3">
        <div>
          <label htmlFor={`${id}-code`} className="font-medium">
            Resume code (shown when you started)
          </label>
          <input
            id={`${id}-code`}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            className={`${inputClass} font-mono tracking-widest uppercase`}
          />
        </div>
        <ProblemLine problem={problem} testId="resume-problem" id={`${id}-problem`} />
        <button
          type="submit"
          disabled={busy}
          data-testid="resume"
          className="rounded-lg border-2 border-indigo-700 bg-white px-4 py-2.5 font-semibold text-indigo-900 hover:bg-indigo-50 disabled:opacity-60"
        >
          {busy ? 'Opening…' : 'Continue'}
        </button>
      </form>
    </section>
  );
}

function Working({
  assignmentId,
  view,
  code,
  fresh,
  onView,
}: {
  assignmentId: string;
  view: HomeworkView;
  code: string;
  fresh: boolean;
  onView: (view: HomeworkView) => void;
}) {
  const submit: SubmitAttempt = async (questionIndex, value, attemptId) => {
    try {
      const result = await homeworkApi.submit({
        assignmentId,
        resumeCode: code,
        attemptId,
        questionIndex,
        value,
      });
      return { ok: true, feedback: result.feedback, view: result.view };
    } catch (error) {
      // The refusal may mean the page is behind (closed, finished elsewhere): catch up.
      if (
        error instanceof ApiError &&
        ['QUESTION_CLOSED', 'NO_ATTEMPTS_LEFT', 'ASSIGNMENT_CLOSED'].includes(error.code)
      ) {
        homeworkApi.view(assignmentId, code).then(onView, () => {});
      }
      return { ok: false, message: refusal(error) };
    }
  };
  const { assignment, student } = view;
  return (
    <div className="mx-auto grid max-w-3xl grid-cols-[minmax(0,1fr)] gap-6">
      <header className="grid gap-2">
        <p className="text-sm font-semibold uppercase tracking-wide text-indigo-800">Homework</p>
        <h1 className="text-3xl font-bold" data-testid="homework-title">
          {assignment.title}
        </h1>
        <p className="text-slate-800">
          <span data-testid="student-name">{student.name}</span>
          {student.studentNumber && <> ({student.studentNumber})</>} · due {when(assignment.dueAt)}
        </p>
      </header>
      <section
        aria-labelledby="resume-title"
        className={`rounded-xl border-2 p-4 ${fresh ? 'border-indigo-700 bg-indigo-50' : 'border-slate-300 bg-white'}`}
      >
        <h2 id="resume-title" className="font-bold">
          Your resume code
        </h2>
        <p
          className="mt-1 font-mono text-3xl font-bold tracking-[0.15em]"
          data-testid="resume-code"
          data-code={code}
        >
          {dashed(code)}
        </p>
        <p className="mt-1 text-sm text-slate-800">
          {fresh ? 'Write it down now: ' : ''}with it you continue on another device (open the same
          link, then “Continue on another device”). Nobody else needs it.
        </p>
      </section>
      <HomeworkChain view={view} submit={submit} onView={onView} />
    </div>
  );
}
