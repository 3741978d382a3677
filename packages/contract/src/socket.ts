/** The socket.io contract: handshake auth, and the typed event maps of both directions. */
import { z } from 'zod';
import type { AnswerCommand, InstructorCommand } from './commands.ts';
import { JOIN_CODE_ALPHABET } from './constants.ts';
import type { Ack } from './errors.ts';
import type { HealthInput, HealthResult } from './health.ts';
import type { LessonView, StudentView, TrainingFrame } from './views.ts';
export const joinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`), 'a join code is 6 letters and digits');

const secret = z.string().min(16).max(128);

/** Who a client is, proven by its secret: in the socket handshake and in tRPC's lesson.view. */
export const credentialsSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('instructor'), secret }),
  z.strictObject({ role: z.literal('cohost'), token: secret }),
  z.strictObject({ role: z.literal('student'), playerToken: secret }),
  z.strictObject({ role: z.literal('projector') }),
]);
export type Credentials = z.infer<typeof credentialsSchema>;

/** Sent in socket.io's handshake (`io(url, { auth })`), again on every reconnect. */
export const handshakeSchema = z.strictObject({
  protocolVersion: z.number().int(),
  code: joinCodeSchema,
  as: credentialsSchema,
  // socket.io-client adds these on every reconnection when connection-state recovery is on
  // (several processes): the session it wants back and the last packet it saw.
  pid: z.string().max(128).optional(),
  offset: z.string().max(128).optional(),
});
export type Handshake = z.infer<typeof handshakeSchema>;

/** An accepted answer: the lesson's version, and the student's stored answer to the current question. */
export interface AnswerAck {
  version: number;
  myAnswer: StudentView['myAnswer'];
}

export interface ClientToServerEvents {
  /**
   * Instructor and co-host: drive the lesson. `version`, when given, must be the current one;
   * `expect`, when given, the `instructorVersion` of the view the sender acted on (a command
   * another instructor made stale is refused with STALE_VERSION).
   */
  command: (
    payload: { command: InstructorCommand; version?: number; expect?: number },
    ack: (result: Ack<{ version: number }>) => void,
  ) => void;
  /**
   * Students: answer the open question (or change the answer until it locks). The
   * acknowledgement carries the answer as stored (the view's `myAnswer`): the connection that
   * sent it gets no view for it, the student's other connections do.
   */
  answer: (payload: AnswerCommand, ack: (result: Ack<AnswerAck>) => void) => void;
  /** Anyone: the current view again (after a gap). */
  sync: (payload: Record<string, never>, ack: (result: Ack<{ view: LessonView }>) => void) => void;
  /** Anyone, with or without a lesson handshake: the database answers (read only). */
  health: (payload: HealthInput, ack: (result: Ack<HealthResult>) => void) => void;
}

export interface ServerToClientEvents {
  /** The viewer's whole view, after every change that concerns them. */
  view: (view: LessonView) => void;
  /** Fast-forward animation. */
  frame: (frame: TrainingFrame) => void;
}
