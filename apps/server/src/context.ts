import type { Db } from '@backprop/db';
import type { Clock } from './lessons/clock';
import type { LessonEngine } from './lessons/engine';
import type { LessonRunner } from './lessons/runner';
import type { LessonStore } from './lessons/store';

/** What the live-lesson services need. */
export interface LessonContext {
  engine: LessonEngine;
  runner: LessonRunner;
  store: LessonStore;
  clock: Clock;
  /** Students of a lesson with at least one live connection (for the roster's `connected`). */
  presence(code: string): ReadonlySet<string>;
}

/** What the service layer needs; one per server, shared by tRPC and socket.io. */
export interface AppContext {
  db: Db;
  /** Null only while createServer is wiring it up. */
  lessons: LessonContext | null;
}
