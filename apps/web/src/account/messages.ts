/** What an instructor reads when a lookup is refused: the contract's codes in plain words. */
import { ApiError } from '../lib/trpc-call.ts';

/** A refused or failed load of an instructor's page (an assignment, a student, a report). */
export function refusalText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'NOT_OWNER') return 'This belongs to another instructor.';
    if (error.code === 'UNKNOWN_ASSIGNMENT') return 'There is no homework with this id.';
    if (error.code === 'UNKNOWN_LESSON') return 'There is no lesson with this code.';
    return error.message;
  }
  return 'Could not load: try again.';
}
