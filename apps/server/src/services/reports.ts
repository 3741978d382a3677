// Reports of a live lesson or an assignment, for their owner only.
import { ERROR_CODES, type Instructor } from '@backprop/contract';
import type { RequestContext } from '../context';
import { ownedLesson } from './accounts';
import { ownedAssignment } from './assignments';
import { ServiceError } from './errors';

export type ReportTables = { students: (string | number)[][]; answers: (string | number)[][] };

export async function reportCsvTables(
  ctx: RequestContext,
  me: Instructor,
  kind: 'lesson' | 'assignment',
  id: string,
): Promise<ReportTables> {
  if (kind === 'lesson') await ownedLesson(ctx, me, id);
  else await ownedAssignment(ctx, me, id);
  // TEMPORARY until the report engine (branch core) is merged.
  throw new ServiceError(ERROR_CODES.INTERNAL, 'Reports are not built yet');
}
