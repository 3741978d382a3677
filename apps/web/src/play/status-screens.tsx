/** Full-page messages for the ends of the road: no such lesson, finished, removed, refused. */
import type { ReactNode } from 'react';
import { Icon, type IconName } from './icons.tsx';

interface ScreenProps {
  testId: string;
  title: string;
  icon: IconName;
  children: ReactNode;
}

function StatusScreen({ testId, title, icon, children }: ScreenProps) {
  return (
    <section
      data-testid={testId}
      aria-labelledby={`${testId}-title`}
      className="mx-auto max-w-md rounded-xl border border-slate-300 bg-white p-6 text-center"
    >
      <Icon name={icon} className="mx-auto size-12 text-slate-700" />
      <h1 id={`${testId}-title`} className="mt-2 text-2xl font-bold">
        {title}
      </h1>
      <div className="mt-3 grid gap-4 text-slate-700">{children}</div>
    </section>
  );
}

const backLink = (
  <a
    href="/"
    data-testid="back-to-landing"
    className="justify-self-center rounded-lg bg-indigo-700 px-4 py-3 font-semibold text-white hover:bg-indigo-800"
  >
    Enter another code
  </a>
);

export function UnknownLesson({ code }: { code: string }) {
  return (
    <StatusScreen testId="unknown-lesson" title="No lesson with this code" icon="search">
      <p>
        There is no lesson with the code{' '}
        <span className="font-mono font-semibold tracking-widest">{code}</span>. Check the code on
        the big screen and try again.
      </p>
      {backLink}
    </StatusScreen>
  );
}

export function LessonFinished() {
  return (
    <StatusScreen testId="lesson-finished" title="This lesson has finished" icon="flag">
      <p>It no longer takes new players. Ask your instructor for the code of the next one.</p>
      {backLink}
    </StatusScreen>
  );
}

export function Kicked({ onRetry }: { onRetry: () => void }) {
  return (
    <StatusScreen testId="kicked" title="The instructor removed you" icon="door">
      <p>
        You are no longer in this lesson. If your instructor lets you back in, your score is kept:
        try again then.
      </p>
      <button
        type="button"
        onClick={onRetry}
        data-testid="kicked-retry"
        className="justify-self-center rounded-lg border border-slate-500 px-4 py-3 font-semibold text-slate-900 hover:bg-slate-100"
      >
        Try again
      </button>
    </StatusScreen>
  );
}

export function Refused({ message }: { message: string }) {
  return (
    <StatusScreen testId="refused" title="Could not connect" icon="alert">
      <p>{message}</p>
      <button
        type="button"
        onClick={() => window.location.reload()}
        className="justify-self-center rounded-lg bg-indigo-700 px-4 py-3 font-semibold text-white hover:bg-indigo-800"
      >
        Reload the page
      </button>
    </StatusScreen>
  );
}
