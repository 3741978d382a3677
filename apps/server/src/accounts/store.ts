// The accounts store port: what instructors own. Accounts and sessions themselves are
// better-auth's (auth/auth.ts); this reads the lessons they own. Prisma implements it
// (prisma-store.ts); memory-store.ts is its in-memory twin for unit tests.
import type { LessonSettings, LessonSummary } from '@backprop/contract';

export interface LessonOwnership {
  id: string;
  code: string;
  /** The signed-in instructor who created it; null on the quick "teach now" path. */
  ownerId: string | null;
  settings: LessonSettings;
  createdAt: number;
}

export interface AccountStore {
  /** The instructor's lessons, newest first, with how many students joined each. */
  lessonsOf(ownerId: string): Promise<LessonSummary[]>;
  /** The lesson with this join code and who owns it, or null when there is none. */
  lesson(code: string): Promise<LessonOwnership | null>;
}
