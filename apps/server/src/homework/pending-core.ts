// TEMPORARY: the brief's packages/lesson homework types, until branch `core` is merged.
import type { AnswerValue, AssignmentStatus, LessonSettings } from '@backprop/contract';
import type { QuantityName } from '@backprop/mlp-core';

export interface HomeworkAssignment {
  id: string;
  title: string;
  settings: LessonSettings;
  seed: number;
  opensAt: number;
  dueAt: number;
  attempts: number;
  showHints: boolean;
  askStudentNumber: boolean;
}
export interface HomeworkStudentRecord {
  id: string;
  name: string;
  studentNumber: string | null;
  resumeCode: string;
  dataSeed: number;
  weightSeed: number;
  startedAt: number;
  finishedAt: number | null;
}
export interface HomeworkAttemptRecord {
  attemptId: string;
  questionIndex: number;
  quantity: QuantityName;
  attempt: number;
  value: AnswerValue;
  correct: boolean;
  credit: number;
  entryCorrect: boolean[];
  misconceptionId: string | null;
  submittedAt: number;
}
export function assignmentStatus(
  a: Pick<HomeworkAssignment, 'opensAt' | 'dueAt'>,
  now: number,
): AssignmentStatus {
  return now < a.opensAt ? 'upcoming' : now >= a.dueAt ? 'closed' : 'open';
}
