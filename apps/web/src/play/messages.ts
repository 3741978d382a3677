/** What a student reads when the server says no: the contract's error codes in plain words. */
import type { ErrorCode } from '@backprop/contract';

const ANSWER_REFUSED: Partial<Record<ErrorCode | 'NETWORK', string>> = {
  QUESTION_CLOSED: 'Too late: this question is not taking answers any more.',
  BAD_ANSWER: 'The server could not read this answer',
  PAUSED: 'The lesson is paused: send your answer when it resumes.',
  LESSON_FINISHED: 'The lesson has finished.',
  KICKED: 'The instructor removed you from this lesson.',
  RATE_LIMITED: 'Too many tries at once: wait a second and send again.',
  UNAVAILABLE: 'Not connected: your answer was not sent. Try again in a moment.',
};

/** A refused answer: the code's sentence, with the server's detail for a malformed answer. */
export function answerRefusal(code: ErrorCode, message: string): string {
  const text = ANSWER_REFUSED[code];
  if (code === 'BAD_ANSWER') return `${text}: ${message}`;
  return text ?? `The answer was not accepted: ${message}`;
}

/** A refused join (lesson.join). */
export function joinRefusal(code: ErrorCode | 'NETWORK', message: string): string {
  switch (code) {
    case 'NAME_TAKEN':
      return 'Someone in this lesson already has that nickname: choose another one.';
    case 'NAME_REFUSED':
      return 'That nickname is not allowed: choose another one.';
    case 'INVALID_INPUT':
      return 'A nickname has 1 to 24 characters.';
    case 'RATE_LIMITED':
      return 'Too many tries at once: wait a second and try again.';
    case 'NETWORK':
      return message;
    default:
      return `Could not join: ${message}`;
  }
}
