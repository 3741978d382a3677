// The homework store port: assignments, homework students and their attempts as packages/lesson's
// plain records. No rules here; the homework engine grades. Prisma implements it
// (prisma-store.ts); memory-store.ts is its in-memory twin for unit tests.
import type {
  HomeworkAssignment,
  HomeworkAttemptRecord,
  HomeworkStudentRecord,
} from '@backprop/lesson';

export interface StoredAssignment {
  assignment: HomeworkAssignment;
  ownerId: string;
  createdAt: number;
}

export interface StudentRow {
  /** The resume code is stored hashed: the record carries ''. */
  student: HomeworkStudentRecord;
  resumeCodeHash: string;
}

export interface AssignmentProgress {
  started: number;
  finished: number;
}

/** Another student of the assignment already holds this resume code: draw another. */
export class ResumeCodeTakenError extends Error {
  constructor(readonly assignmentId: string) {
    super(`assignment ${assignmentId}: the resume code is taken`);
    this.name = 'ResumeCodeTakenError';
  }
}

/** A concurrent submission took this attempt's id or number first: reload and grade again. */
export class AttemptTakenError extends Error {
  constructor(readonly studentId: string) {
    super(`student ${studentId}: the attempt is taken`);
    this.name = 'AttemptTakenError';
  }
}

export interface HomeworkStore {
  createAssignment(a: HomeworkAssignment, ownerId: string, createdAt: number): Promise<void>;
  assignment(id: string): Promise<StoredAssignment | null>;
  /** The owner's assignments, newest first. */
  assignmentsOf(ownerId: string): Promise<StoredAssignment[]>;
  /** Students who started, and who finished every question, per assignment id. */
  progress(assignmentIds: string[]): Promise<Map<string, AssignmentProgress>>;
  /** Throws ResumeCodeTakenError when the resume code hash is taken in the assignment. */
  createStudent(
    assignmentId: string,
    student: HomeworkStudentRecord,
    resumeCodeHash: string,
  ): Promise<void>;
  studentByResumeHash(assignmentId: string, resumeCodeHash: string): Promise<StudentRow | null>;
  student(assignmentId: string, studentId: string): Promise<StudentRow | null>;
  /** The student's attempts by question, then attempt number. */
  attempts(studentId: string): Promise<HomeworkAttemptRecord[]>;
  /** Every student of an assignment with their attempts (reports), in the order they started. */
  students(
    assignmentId: string,
  ): Promise<{ student: HomeworkStudentRecord; attempts: HomeworkAttemptRecord[] }[]>;
  /**
   * The attempt and, when it finished the homework, the student's finishedAt: both or neither.
   * Throws AttemptTakenError when a concurrent submission took this attempt id or number.
   */
  appendAttempt(
    studentId: string,
    attempt: HomeworkAttemptRecord,
    finishedAt: number | null,
  ): Promise<void>;
}
