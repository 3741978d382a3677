// The accounts store over Prisma (SQLite or PostgreSQL).
import type { LessonSettings } from '@backprop/contract';
import type { Db } from '@backprop/db';
import type { AccountStore } from './store';

export function createPrismaAccountStore({ client }: Db): AccountStore {
  return {
    async lessonsOf(ownerId) {
      const rows = await client.lesson.findMany({
        where: { ownerId },
        orderBy: { createdAt: 'desc' },
        select: {
          code: true,
          createdAt: true,
          finishedAt: true,
          _count: { select: { players: true } },
        },
      });
      return rows.map((row) => ({
        code: row.code,
        createdAt: row.createdAt.getTime(),
        finishedAt: row.finishedAt?.getTime() ?? null,
        players: row._count.players,
      }));
    },
    async lesson(code) {
      const row = await client.lesson.findUnique({ where: { code } });
      if (!row) return null;
      return {
        id: row.id,
        code: row.code,
        ownerId: row.ownerId,
        settings: JSON.parse(row.settings) as LessonSettings,
        createdAt: row.createdAt.getTime(),
      };
    },
  };
}
