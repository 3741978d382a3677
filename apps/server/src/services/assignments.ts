// Assignments: an instructor turns a lesson configuration into homework with a share link.
import { randomBytes, randomInt } from 'node:crypto';
import {
  type AssignmentSettings,
  type AssignmentSummary,
  ERROR_CODES,
  type Instructor,
} from '@backprop/contract';
import { assignmentStatus } from '@backprop/lesson';
import type { RequestContext } from '../context';
import type { StoredAssignment } from '../homework/store';
import { ServiceError } from './errors';

/** 12 random bytes, base64url: 16 URL-safe characters, not guessable from the share links of others. */
export const newAssignmentId = (): string => randomBytes(12).toString('base64url');

/** An assignment by id, whoever owns it: UNKNOWN_ASSIGNMENT when there is none. */
export async function findAssignment(ctx: RequestContext, id: string): Promise<StoredAssignment> {
  const stored = await ctx.homework.assignment(id);
  if (!stored) throw new ServiceError(ERROR_CODES.UNKNOWN_ASSIGNMENT, 'No assignment has this id');
  return stored;
}

/** The instructor's own assignment: UNKNOWN_ASSIGNMENT, or NOT_OWNER. */
export async function ownedAssignment(
  ctx: RequestContext,
  instructor: Instructor,
  id: string,
): Promise<StoredAssignment> {
  const stored = await findAssignment(ctx, id);
  if (stored.ownerId !== instructor.id) {
    throw new ServiceError(ERROR_CODES.NOT_OWNER, 'This assignment belongs to another instructor');
  }
  return stored;
}

async function summaries(
  ctx: RequestContext,
  stored: StoredAssignment[],
): Promise<AssignmentSummary[]> {
  const progress = await ctx.homework.progress(stored.map((s) => s.assignment.id));
  const now = ctx.clock.now();
  return stored.map(({ assignment: a, createdAt }) => ({
    id: a.id,
    title: a.title,
    settings: a.settings,
    opensAt: a.opensAt,
    dueAt: a.dueAt,
    attempts: a.attempts,
    showHints: a.showHints,
    askStudentNumber: a.askStudentNumber,
    status: assignmentStatus(a, now),
    createdAt,
    ...(progress.get(a.id) ?? { started: 0, finished: 0 }),
  }));
}

export async function createAssignment(
  ctx: RequestContext,
  instructor: Instructor,
  input: AssignmentSettings,
): Promise<AssignmentSummary> {
  const assignment = {
    id: newAssignmentId(),
    ...input,
    seed: randomInt(2 ** 32),
  };
  const createdAt = ctx.clock.now();
  await ctx.homework.createAssignment(assignment, instructor.id, createdAt);
  const [summary] = await summaries(ctx, [{ assignment, ownerId: instructor.id, createdAt }]);
  return summary!;
}

export async function listAssignments(
  ctx: RequestContext,
  instructor: Instructor,
): Promise<AssignmentSummary[]> {
  return summaries(ctx, await ctx.homework.assignmentsOf(instructor.id));
}

export async function getAssignment(
  ctx: RequestContext,
  instructor: Instructor,
  id: string,
): Promise<AssignmentSummary> {
  const [summary] = await summaries(ctx, [await ownedAssignment(ctx, instructor, id)]);
  return summary!;
}
