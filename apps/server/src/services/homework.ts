// Homework for students (no account: a name and a resume code) and the instructor's look at one
// student's numbers. The rules are packages/lesson's homework engine; this stores and loads.
import { randomInt, randomUUID } from 'node:crypto';
import type { AnswerValue } from '@backprop/contract';
import {
  type AssignmentIntro,
  ERROR_CODES,
  type HomeworkView,
  type Instructor,
  JOIN_CODE_ALPHABET,
  RESUME_CODE_LENGTH,
  type StartHomeworkResult,
  type SubmitHomeworkResult,
} from '@backprop/contract';
import {
  assignmentIntro,
  assignmentStatus,
  type HomeworkAssignment,
  type HomeworkStudentRecord,
  homeworkSeeds,
  homeworkView,
  submitAttempt,
} from '@backprop/lesson';
import type { RequestContext } from '../context';
import { AttemptTakenError, ResumeCodeTakenError } from '../homework/store';
import { findAssignment, ownedAssignment } from './assignments';
import { ServiceError } from './errors';
import { acceptableName } from './names';
import { hashSecret } from './secrets';

/** 10 characters of the join-code alphabet (31^10 ≈ 8e14), from crypto randomness. */
export function newResumeCode(): string {
  let code = '';
  for (let i = 0; i < RESUME_CODE_LENGTH; i += 1) {
    code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  }
  return code;
}

export async function homeworkIntro(
  ctx: RequestContext,
  assignmentId: string,
): Promise<AssignmentIntro> {
  const { assignment } = await findAssignment(ctx, assignmentId);
  return assignmentIntro(assignment, ctx.clock.now());
}

export async function startHomework(
  ctx: RequestContext,
  input: { assignmentId: string; name: string; studentNumber?: string | undefined },
): Promise<StartHomeworkResult> {
  const store = ctx.homework;
  const { assignment } = await findAssignment(ctx, input.assignmentId);
  const now = ctx.clock.now();
  const status = assignmentStatus(assignment, now);
  if (status === 'upcoming') {
    throw new ServiceError(ERROR_CODES.ASSIGNMENT_NOT_OPEN, 'This assignment is not open yet');
  }
  if (status === 'closed') {
    throw new ServiceError(ERROR_CODES.ASSIGNMENT_CLOSED, 'This assignment is past its due time');
  }
  if (assignment.askStudentNumber && !input.studentNumber) {
    throw new ServiceError(ERROR_CODES.INVALID_INPUT, 'Please give your student number');
  }
  const id = randomUUID();
  const student: HomeworkStudentRecord = {
    id,
    name: acceptableName(input.name),
    // Only kept when the instructor asked for it.
    studentNumber: assignment.askStudentNumber ? (input.studentNumber ?? null) : null,
    resumeCode: '',
    ...homeworkSeeds(assignment.seed, id),
    startedAt: now,
    finishedAt: null,
  };
  // Two students drawing the same code in one assignment is rare; five in a row is a bug.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const resumeCode = newResumeCode();
    try {
      await store.createStudent(assignment.id, student, hashSecret(resumeCode));
      return {
        resumeCode,
        view: homeworkView(assignment, { ...student, resumeCode }, [], now),
      };
    } catch (error) {
      if (!(error instanceof ResumeCodeTakenError)) throw error;
    }
  }
  throw new ServiceError(ERROR_CODES.UNAVAILABLE, 'No free resume code found; try again');
}

/** The student holding this resume code, with the code filled in for their view. */
async function studentByCode(
  ctx: RequestContext,
  assignment: HomeworkAssignment,
  resumeCode: string,
): Promise<HomeworkStudentRecord> {
  const row = await ctx.homework.studentByResumeHash(assignment.id, hashSecret(resumeCode));
  if (!row) {
    throw new ServiceError(
      ERROR_CODES.UNKNOWN_PLAYER,
      'No student of this assignment has that resume code',
    );
  }
  return { ...row.student, resumeCode };
}

export async function homeworkViewOf(
  ctx: RequestContext,
  input: { assignmentId: string; resumeCode: string },
): Promise<HomeworkView> {
  const { assignment } = await findAssignment(ctx, input.assignmentId);
  const student = await studentByCode(ctx, assignment, input.resumeCode);
  const attempts = await ctx.homework.attempts(student.id);
  return homeworkView(assignment, student, attempts, ctx.clock.now());
}

export async function submitHomework(
  ctx: RequestContext,
  input: {
    assignmentId: string;
    resumeCode: string;
    attemptId: string;
    questionIndex: number;
    value: AnswerValue;
  },
): Promise<SubmitHomeworkResult> {
  const store = ctx.homework;
  const { assignment } = await findAssignment(ctx, input.assignmentId);
  const student = await studentByCode(ctx, assignment, input.resumeCode);
  // A concurrent submission (two tabs, a retry racing its original) can take this attempt's
  // number first: reload and grade again, which then sees it (a duplicate, or the next attempt).
  for (let round = 0; round < 3; round += 1) {
    const attempts = await store.attempts(student.id);
    const now = ctx.clock.now();
    const outcome = submitAttempt(assignment, student, attempts, input, now);
    if (!outcome.ok) throw ServiceError.from(outcome.error);
    const { record, feedback, duplicate, finished } = outcome;
    if (duplicate) {
      return { feedback, view: homeworkView(assignment, student, attempts, now) };
    }
    const finishedAt = finished ? record.submittedAt : null;
    try {
      await store.appendAttempt(student.id, record, finishedAt);
    } catch (error) {
      if (error instanceof AttemptTakenError) continue;
      throw error;
    }
    return {
      feedback,
      view: homeworkView(
        assignment,
        { ...student, finishedAt: student.finishedAt ?? finishedAt },
        [...attempts, record],
        now,
      ),
    };
  }
  throw new ServiceError(ERROR_CODES.UNAVAILABLE, 'Too many submissions at once; try again');
}

/** The instructor's look at one student: their exact numbers and every truth. */
export async function assignmentStudentView(
  ctx: RequestContext,
  instructor: Instructor,
  input: { id: string; studentId: string },
): Promise<HomeworkView> {
  const { assignment } = await ownedAssignment(ctx, instructor, input.id);
  const store = ctx.homework;
  const row = await store.student(assignment.id, input.studentId);
  if (!row)
    throw new ServiceError(ERROR_CODES.UNKNOWN_PLAYER, 'No such student in this assignment');
  const attempts = await store.attempts(row.student.id);
  return homeworkView(assignment, row.student, attempts, ctx.clock.now(), { reveal: true });
}
