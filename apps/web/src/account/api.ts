/**
 * The instructor's procedures, through this origin's /api proxy so the session cookie goes along.
 * Inputs and results are the contract's types.
 */
import type {
  AssignmentSettings,
  AssignmentSummary,
  CreateLessonResult,
  HomeworkView,
  Instructor,
  LessonSettings,
  LessonSummary,
  Report,
} from '@backprop/contract';
import { trpcCall } from '../lib/trpc-call.ts';

const call = <T>(procedure: string, kind: 'query' | 'mutation', input?: unknown) =>
  trpcCall<T>('/api/trpc', procedure, kind, input);

export const accountApi = {
  me: () => call<Instructor | null>('account.me', 'query'),
  lessons: () => call<LessonSummary[]>('account.lessons', 'query'),
  /** lesson.create with the session: the lesson is the instructor's, with a report later. */
  createLesson: (input: { preset: 'deck' } | { settings: LessonSettings }) =>
    call<CreateLessonResult>('lesson.create', 'mutation', input),
  createAssignment: (input: AssignmentSettings) =>
    call<AssignmentSummary>('assignment.create', 'mutation', input),
  assignments: () => call<AssignmentSummary[]>('assignment.list', 'query'),
  assignment: (id: string) => call<AssignmentSummary>('assignment.get', 'query', { id }),
  student: (id: string, studentId: string) =>
    call<HomeworkView>('assignment.student', 'query', { id, studentId }),
  lessonReport: (code: string) => call<Report>('report.lesson', 'query', { code }),
  assignmentReport: (id: string) => call<Report>('report.assignment', 'query', { id }),
};

/** The CSV downloads (served by the game server, through the proxy, with the cookie). */
export function csvLinks(report: Pick<Report, 'kind' | 'id'>): {
  students: string;
  answers: string;
} {
  const base = `/api/reports/${report.kind}/${encodeURIComponent(report.id)}`;
  return { students: `${base}/students.csv`, answers: `${base}/answers.csv` };
}
