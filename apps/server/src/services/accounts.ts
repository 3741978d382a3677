// Instructor accounts as the other services see them: who is signed in, and what they own.
// Ownership is checked here, on the server, for every read of a lesson or an assignment.
import {
  ERROR_CODES,
  type Instructor,
  type LessonSettings,
  type LessonSummary,
} from '@backprop/contract';
import type { RequestContext } from '../context';
import { ServiceError } from './errors';

export async function signedIn(ctx: RequestContext): Promise<Instructor> {
  const instructor = await ctx.instructor();
  if (!instructor) {
    throw new ServiceError(ERROR_CODES.NOT_SIGNED_IN, 'Please sign in as an instructor');
  }
  return instructor;
}

export function ownedLessons(
  ctx: RequestContext,
  instructor: Instructor,
): Promise<LessonSummary[]> {
  return ctx.accounts.lessonsOf(instructor.id);
}

export interface OwnedLesson {
  id: string;
  code: string;
  settings: LessonSettings;
  createdAt: number;
}

/** The instructor's lesson with this join code: UNKNOWN_LESSON, or NOT_OWNER (also for a lesson made without an account). */
export async function ownedLesson(
  ctx: RequestContext,
  instructor: Instructor,
  code: string,
): Promise<OwnedLesson> {
  const lesson = await ctx.accounts.lesson(code);
  if (!lesson) throw new ServiceError(ERROR_CODES.UNKNOWN_LESSON, 'No lesson has this code');
  if (lesson.ownerId !== instructor.id) {
    throw new ServiceError(ERROR_CODES.NOT_OWNER, 'This lesson belongs to another instructor');
  }
  const { id, settings, createdAt } = lesson;
  return { id, code: lesson.code, settings, createdAt };
}
