/**
 * The instructor's procedures, through this origin's /api proxy so the session cookie goes along.
 * Inputs and results are the server router's types.
 */
import type { Report } from '@backprop/contract';
import { type ProcedureInput, trpcClient } from '../lib/trpc-call.ts';

const server = trpcClient(() => '/api/trpc');

export const accountApi = {
  me: () => server.query('account.me'),
  lessons: () => server.query('account.lessons'),
  /** lesson.create with the session: the lesson is the instructor's, with a report later. */
  createLesson: (input: ProcedureInput<'lesson.create'>) => server.mutation('lesson.create', input),
  createAssignment: (input: ProcedureInput<'assignment.create'>) =>
    server.mutation('assignment.create', input),
  assignments: () => server.query('assignment.list'),
  assignment: (id: string) => server.query('assignment.get', { id }),
  student: (id: string, studentId: string) => server.query('assignment.student', { id, studentId }),
  lessonReport: (code: string) => server.query('report.lesson', { code }),
  assignmentReport: (id: string) => server.query('report.assignment', { id }),
};

/** The CSV downloads (served by the game server, through the proxy, with the cookie). */
export function csvLinks(report: Pick<Report, 'kind' | 'id'>): {
  students: string;
  answers: string;
} {
  const base = `/api/reports/${report.kind}/${encodeURIComponent(report.id)}`;
  return { students: `${base}/students.csv`, answers: `${base}/answers.csv` };
}
