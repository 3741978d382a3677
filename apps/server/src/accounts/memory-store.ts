// The accounts store's in-memory twin, for unit tests of the services: it reads the lessons of
// the lesson store's twin, as the Prisma one reads the same tables as the lesson store.
import type { MemoryLessonStore } from '../lessons/memory-store';
import type { AccountStore } from './store';

export function createMemoryAccountStore(lessons: MemoryLessonStore): AccountStore {
  return {
    async lessonsOf(ownerId) {
      return lessons
        .all()
        .filter(({ record }) => record.ownerId === ownerId)
        .sort((a, b) => b.record.createdAt - a.record.createdAt)
        .map(({ record, players }) => ({
          code: record.code,
          createdAt: record.createdAt,
          finishedAt: record.finishedAt,
          players,
        }));
    },
    async lesson(code) {
      const record = await lessons.findLessonByCode(code);
      if (!record) return null;
      const { id, ownerId, settings, createdAt } = record;
      return { id, code: record.code, ownerId: ownerId ?? null, settings, createdAt };
    },
  };
}
