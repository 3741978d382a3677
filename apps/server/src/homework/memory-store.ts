// The homework store's in-memory twin, for unit tests of the services: same contract (the same
// keys refuse the same rows), no database.
import type { HomeworkAttemptRecord } from '@backprop/lesson';
import {
  AttemptTakenError,
  type HomeworkStore,
  ResumeCodeTakenError,
  type StoredAssignment,
  type StudentRow,
} from './store';

interface StoredStudent extends StudentRow {
  assignmentId: string;
  attempts: HomeworkAttemptRecord[];
}

const byQuestionThenAttempt = (a: HomeworkAttemptRecord, b: HomeworkAttemptRecord) =>
  a.questionIndex - b.questionIndex || a.attempt - b.attempt;

export function createMemoryHomeworkStore(): HomeworkStore {
  const assignments = new Map<string, StoredAssignment>();
  const students = new Map<string, StoredStudent>();
  const clone = <T>(value: T): T => structuredClone(value);
  const row = (s: StoredStudent): StudentRow =>
    clone({ student: s.student, resumeCodeHash: s.resumeCodeHash });
  const ofAssignment = (assignmentId: string) =>
    [...students.values()].filter((s) => s.assignmentId === assignmentId);

  return {
    async createAssignment(assignment, ownerId, createdAt) {
      if (assignments.has(assignment.id)) throw new Error(`assignment ${assignment.id} exists`);
      assignments.set(assignment.id, clone({ assignment, ownerId, createdAt }));
    },
    async assignment(id) {
      const stored = assignments.get(id);
      return stored ? clone(stored) : null;
    },
    async assignmentsOf(ownerId) {
      return clone(
        [...assignments.values()]
          .filter((a) => a.ownerId === ownerId)
          .sort((a, b) => b.createdAt - a.createdAt),
      );
    },
    async progress(assignmentIds) {
      return new Map(
        assignmentIds.map((id) => {
          const started = ofAssignment(id);
          const finished = started.filter((s) => s.student.finishedAt !== null).length;
          return [id, { started: started.length, finished }];
        }),
      );
    },
    async createStudent(assignmentId, student, resumeCodeHash) {
      if (ofAssignment(assignmentId).some((s) => s.resumeCodeHash === resumeCodeHash)) {
        throw new ResumeCodeTakenError(assignmentId);
      }
      students.set(student.id, {
        assignmentId,
        student: clone(student),
        resumeCodeHash,
        attempts: [],
      });
    },
    async studentByResumeHash(assignmentId, resumeCodeHash) {
      const found = ofAssignment(assignmentId).find((s) => s.resumeCodeHash === resumeCodeHash);
      return found ? row(found) : null;
    },
    async student(assignmentId, studentId) {
      const found = students.get(studentId);
      return found && found.assignmentId === assignmentId ? row(found) : null;
    },
    async attempts(studentId) {
      return clone([...(students.get(studentId)?.attempts ?? [])].sort(byQuestionThenAttempt));
    },
    async students(assignmentId) {
      return ofAssignment(assignmentId)
        .sort(
          (a, b) =>
            a.student.startedAt - b.student.startedAt || (a.student.id < b.student.id ? -1 : 1),
        )
        .map((s) => ({
          student: clone(s.student),
          attempts: clone([...s.attempts].sort(byQuestionThenAttempt)),
        }));
    },
    async appendAttempt(studentId, attempt, finishedAt) {
      const stored = students.get(studentId);
      if (!stored) throw new Error(`no student ${studentId}`);
      const taken = stored.attempts.some(
        (a) =>
          a.attemptId === attempt.attemptId ||
          (a.questionIndex === attempt.questionIndex && a.attempt === attempt.attempt),
      );
      if (taken) throw new AttemptTakenError(studentId);
      stored.attempts.push(clone(attempt));
      if (finishedAt !== null) stored.student.finishedAt = finishedAt;
    },
  };
}
