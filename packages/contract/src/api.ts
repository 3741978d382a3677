/** Inputs and outputs of the request/response procedures (tRPC). */
import { z } from 'zod';
import type { AnswerValue } from './commands.ts';
import { NICKNAME_MAX } from './constants.ts';
import { lessonSettingsSchema } from './settings.ts';
import { credentialsSchema, joinCodeSchema } from './socket.ts';
import type { PlayerStanding } from './views.ts';

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

/** The caller's view of a lesson (tRPC lesson.view): the same credentials as the socket handshake. */
export const lessonViewInput = z.strictObject({ code: joinCodeSchema, as: credentialsSchema });

export const resultsInput = z.strictObject({
  code: joinCodeSchema,
  secret: z.string().min(16).max(128),
});

/** One stored answer, as scored at its question's reveal. */
export interface StoredAnswer {
  answerId: string;
  playerId: string;
  nickname: string;
  step: number;
  questionIndex: number;
  quantity: string;
  value: AnswerValue;
  /** Epoch ms. */
  submittedAt: number;
  correct: boolean;
  credit: number;
  points: number;
  misconceptionId: string | null;
}

/** lesson.results, for the instructor (secret or co-host token): standings and every stored answer. */
export interface LessonResults {
  code: string;
  finished: boolean;
  /** Epoch ms, or null while the lesson runs. */
  finishedAt: number | null;
  standings: PlayerStanding[];
  answers: StoredAnswer[];
}

/**
 * Where phones can reach the web app (tRPC `joinInfo`): the `PUBLIC_URL` setting when the
 * server has one, else the server's own network addresses (IPv4, most likely LAN first). The
 * web app builds `http://<address>:<its port>` from an address.
 */
export interface JoinInfo {
  publicUrl: string | null;
  addresses: string[];
}
