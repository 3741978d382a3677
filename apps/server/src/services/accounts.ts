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

export async function ownedLessons(
  ctx: RequestContext,
  instructor: Instructor,
): Promise<LessonSummary[]> {
  const rows = await ctx.db.client.lesson.findMany({
    where: { ownerId: instructor.id },
    orderBy: { createdAt: 'desc' },
    select: {
      code: true,
      createdAt: true,
      finishedAt: true,
      _count: { select: { players: true } },
    },
  });
  return rows.map((row) => ({
    code: row.code,
    createdAt: row.createdAt.getTime(),
    finishedAt: row.finishedAt?.getTime() ?? null,
    players: row._count.players,
  }));
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
  const row = await ctx.db.client.lesson.findUnique({ where: { code } });
  if (!row) throw new ServiceError(ERROR_CODES.UNKNOWN_LESSON, 'No lesson has this code');
  if (row.ownerId !== instructor.id) {
    throw new ServiceError(ERROR_CODES.NOT_OWNER, 'This lesson belongs to another instructor');
  }
  return {
    id: row.id,
    code: row.code,
    settings: JSON.parse(row.settings) as LessonSettings,
    createdAt: row.createdAt.getTime(),
  };
}
