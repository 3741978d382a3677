import type { IncomingMessage } from 'node:http';
import type { Instructor } from '@backprop/contract';
import type { AccountStore } from './accounts/store';
import type { AuthPort } from './auth/auth';
import type { HeartbeatStore } from './health/store';
import type { HomeworkStore } from './homework/store';
import type { Limits } from './http/limits';
import type { Clock } from './lessons/clock';
import type { LessonEngine } from './lessons/engine';
import type { LessonRunner } from './lessons/runner';
import type { LessonStore } from './lessons/store';
import type { LessonViews } from './lessons/views';

/** What the live-lesson services need. */
export interface LessonContext {
  engine: LessonEngine;
  runner: LessonRunner;
  store: LessonStore;
  clock: Pick<Clock, 'now'>;
  views: LessonViews;
}

/**
 * What the service layer needs; built once per server by createServer (complete before any
 * transport exists), shared by tRPC, socket.io and the CSV downloads.
 */
export interface AppContext {
  lessons: LessonContext;
  homework: HomeworkStore;
  accounts: AccountStore;
  heartbeats: HeartbeatStore;
  /** The server's time: homework opening and due dates are judged by it (tests inject one). */
  clock: Pick<Clock, 'now'>;
  /** Where phones reach the web app when set (PUBLIC_URL); else the join address is the LAN's. */
  publicUrl: string | null;
  auth: AuthPort;
  /** Per-address and per-account budgets (http/limits.ts). */
  limits: Limits;
  /** The most students one lesson admits (MAX_PLAYERS_PER_LESSON). */
  maxPlayersPerLesson: number;
}

/** One HTTP request's context: the app's, plus who is signed in on it. */
export interface RequestContext extends AppContext {
  /** The signed-in instructor (session cookie), looked up at most once per request. */
  instructor(): Promise<Instructor | null>;
  /** The client's address, as http/limits.ts reads it (trusted proxies only). */
  address: string;
}

export function requestContext(ctx: AppContext, req: IncomingMessage): RequestContext {
  let instructor: Promise<Instructor | null> | undefined;
  return {
    ...ctx,
    instructor: () => (instructor ??= ctx.auth.instructorOf(req)),
    address: ctx.limits.addressOf(req),
  };
}
