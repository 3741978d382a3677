/** Every error a client can be answered with. Readable strings: they show up in logs, the DB and the UI. */
export const ERROR_CODES = {
  /** The payload failed validation. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The client speaks another protocol version: reload the page. */
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  UNKNOWN_LESSON: 'UNKNOWN_LESSON',
  /** An instructor command without a valid instructor secret or co-host token. */
  NOT_INSTRUCTOR: 'NOT_INSTRUCTOR',
  /** A student command (an answer) from an instructor or the server. */
  NOT_STUDENT: 'NOT_STUDENT',
  /** A student command without a valid player token. */
  UNKNOWN_PLAYER: 'UNKNOWN_PLAYER',
  NAME_TAKEN: 'NAME_TAKEN',
  /** The nickname is refused (profanity, or empty after trimming). */
  NAME_REFUSED: 'NAME_REFUSED',
  /** The student was removed by the instructor. */
  KICKED: 'KICKED',
  /** The command does not fit the lesson's phase (e.g. reveal while the question is open). */
  WRONG_PHASE: 'WRONG_PHASE',
  /** An answer to a question that is not open (not yet, locked, or another question). */
  QUESTION_CLOSED: 'QUESTION_CLOSED',
  /** An answer of the wrong shape, non-numbers, a sign other than -1/0/1, a choice out of range. */
  BAD_ANSWER: 'BAD_ANSWER',
  /** The lesson is paused: no answers, no timers. */
  PAUSED: 'PAUSED',
  LESSON_FINISHED: 'LESSON_FINISHED',
  /** A command built on a stale state version. */
  STALE_VERSION: 'STALE_VERSION',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The lesson has as many students as the server admits (MAX_PLAYERS_PER_LESSON). */
  LESSON_FULL: 'LESSON_FULL',
  /** Homework: no assignment with this id. */
  UNKNOWN_ASSIGNMENT: 'UNKNOWN_ASSIGNMENT',
  /** Homework: before the assignment opens. */
  ASSIGNMENT_NOT_OPEN: 'ASSIGNMENT_NOT_OPEN',
  /** Homework: after the due date answers are refused (review stays open). */
  ASSIGNMENT_CLOSED: 'ASSIGNMENT_CLOSED',
  /** Homework: every attempt at this question is used. */
  NO_ATTEMPTS_LEFT: 'NO_ATTEMPTS_LEFT',
  /** No signed-in instructor (missing or expired session). */
  NOT_SIGNED_IN: 'NOT_SIGNED_IN',
  /** A lesson, assignment or report of another instructor. */
  NOT_OWNER: 'NOT_OWNER',
  /** The database could not be reached; nothing was changed, try again. */
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export interface WireError {
  code: ErrorCode;
  message: string;
}

/** What every acknowledgement carries: the result, or a typed error. */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: WireError };
