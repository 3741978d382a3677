/**
 * The student's homework procedures, through this origin's /api proxy. No account: the resume
 * code the server gave at the start is the student's only key.
 */
import type {
  AnswerValue,
  AssignmentIntro,
  HomeworkView,
  StartHomeworkResult,
  SubmitHomeworkResult,
} from '@backprop/contract';
import { trpcCall } from '../lib/trpc-call.ts';

const call = <T>(procedure: string, kind: 'query' | 'mutation', input: unknown) =>
  trpcCall<T>('/api/trpc', procedure, kind, input);

export const homeworkApi = {
  intro: (assignmentId: string) =>
    call<AssignmentIntro>('homework.intro', 'query', { assignmentId }),
  start: (input: { assignmentId: string; name: string; studentNumber?: string }) =>
    call<StartHomeworkResult>('homework.start', 'mutation', input),
  view: (assignmentId: string, resumeCode: string) =>
    call<HomeworkView>('homework.view', 'query', { assignmentId, resumeCode }),
  submit: (input: {
    assignmentId: string;
    resumeCode: string;
    attemptId: string;
    questionIndex: number;
    value: AnswerValue;
  }) => call<SubmitHomeworkResult>('homework.submit', 'mutation', input),
};

/** The resume code stays in this browser, per assignment, so a reload continues. */
const key = (assignmentId: string) => `backprop:homework:${assignmentId}`;

export const resumeStore = {
  get(assignmentId: string): string | null {
    try {
      return window.localStorage.getItem(key(assignmentId));
    } catch {
      return null;
    }
  },
  set(assignmentId: string, code: string): void {
    try {
      window.localStorage.setItem(key(assignmentId), code);
    } catch {
      // Private mode without storage: the student keeps the code shown on screen.
    }
  },
  clear(assignmentId: string): void {
    try {
      window.localStorage.removeItem(key(assignmentId));
    } catch {}
  },
};
