/**
 * The student's homework procedures, through this origin's /api proxy. No account: the resume
 * code the server gave at the start is the student's only key.
 */
import { type ProcedureInput, trpcClient } from '../lib/trpc-call.ts';

const server = trpcClient(() => '/api/trpc');

export const homeworkApi = {
  intro: (assignmentId: string) => server.query('homework.intro', { assignmentId }),
  start: (input: ProcedureInput<'homework.start'>) => server.mutation('homework.start', input),
  view: (assignmentId: string, resumeCode: string) =>
    server.query('homework.view', { assignmentId, resumeCode }),
  submit: (input: ProcedureInput<'homework.submit'>) => server.mutation('homework.submit', input),
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
