/** Inputs and outputs of the request/response procedures (tRPC). */
import { z } from 'zod';
import { lessonSettingsSchema } from './settings.ts';
import { joinCodeSchema } from './socket.ts';

export const createLessonInput = z.strictObject({
  /** 'deck' reproduces the slide deck; otherwise give the settings. */
  preset: z.enum(['deck']).optional(),
  settings: lessonSettingsSchema.optional(),
});
export interface CreateLessonResult {
  code: string;
  /** Keep it: it drives the lesson. Stored hashed on the server. */
  instructorSecret: string;
  /** The co-host link's token: a second instructor with the same controls. */
  cohostToken: string;
}

export const NICKNAME_MAX = 24;
export const joinLessonInput = z.strictObject({
  code: joinCodeSchema,
  nickname: z.string().trim().min(1).max(NICKNAME_MAX),
});
export interface JoinLessonResult {
  playerId: string;
  /** Lets the same browser reconnect as this student. Stored hashed on the server. */
  playerToken: string;
}

export const lessonLookupInput = z.strictObject({ code: joinCodeSchema });

export const resultsInput = z.strictObject({
  code: joinCodeSchema,
  secret: z.string().min(16).max(128),
});
