// Every store the server writes through, as ports: Prisma's implementations for the server, the
// in-memory twins for unit tests of the services' own logic.
import type { Db } from '@backprop/db';
import { createMemoryAccountStore } from './accounts/memory-store';
import { createPrismaAccountStore } from './accounts/prisma-store';
import type { AccountStore } from './accounts/store';
import {
  createMemoryHeartbeatStore,
  createPrismaHeartbeatStore,
  type HeartbeatStore,
} from './health/store';
import { createMemoryHomeworkStore } from './homework/memory-store';
import { createPrismaHomeworkStore } from './homework/prisma-store';
import type { HomeworkStore } from './homework/store';
import { createMemoryStore, type MemoryLessonStore } from './lessons/memory-store';
import { createPrismaStore } from './lessons/prisma-store';
import type { LessonStore } from './lessons/store';
import {
  createMemorySecretStore,
  createPrismaSecretStore,
  type SecretStore,
} from './secrets/store';

export interface Stores {
  lessons: LessonStore;
  homework: HomeworkStore;
  accounts: AccountStore;
  heartbeats: HeartbeatStore;
  secrets: SecretStore;
}

export const createPrismaStores = (db: Db): Stores => ({
  lessons: createPrismaStore(db),
  homework: createPrismaHomeworkStore(db),
  accounts: createPrismaAccountStore(db),
  heartbeats: createPrismaHeartbeatStore(db),
  secrets: createPrismaSecretStore(db),
});

export function createMemoryStores(): Stores & { lessons: MemoryLessonStore } {
  const lessons = createMemoryStore();
  return {
    lessons,
    homework: createMemoryHomeworkStore(),
    accounts: createMemoryAccountStore(lessons),
    heartbeats: createMemoryHeartbeatStore(),
    secrets: createMemorySecretStore(),
  };
}
