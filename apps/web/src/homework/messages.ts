/** What a student doing homework reads when the server says no: the contract's codes in plain words. */
import type { ErrorCode } from '@backprop/contract';
import { ApiError } from '../lib/trpc-call.ts';

const REFUSALS: Partial<Record<ErrorCode | 'NETWORK', string>> = {
  UNKNOWN_ASSIGNMENT: 'There is no homework at this link: check it with your instructor.',
  ASSIGNMENT_NOT_OPEN: 'This homework is not open yet.',
  ASSIGNMENT_CLOSED: 'The due date has passed: answers are closed.',
  NO_ATTEMPTS_LEFT: 'Every attempt at this question is used.',
  QUESTION_CLOSED: 'This question is already finished: here is where you are now.',
  UNKNOWN_PLAYER:
    'No homework started with that code here: check the code (10 letters and digits).',
  INVALID_INPUT: 'Check the fields: a name, and your student number if asked.',
  RATE_LIMITED: 'Too many tries at once: wait a second and try again.',
  UNAVAILABLE: 'The server is busy: nothing was saved, try again in a moment.',
};

/** A refused or failed homework call, for the student. */
export function refusal(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'BAD_ANSWER') return `The answer could not be read: ${error.message}`;
    return REFUSALS[error.code] ?? error.message;
  }
  return 'Something went wrong: try again.';
}

/** XXXXX-XXXXX: easier to copy by hand than ten characters in a row. */
export const dashed = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;
