// refusal.ts on real database errors: what a client sees when storage fails.
import { ERROR_CODES } from '@backprop/contract';
import { applyMigrations, createDb } from '@backprop/db';
import { createTestDatabase } from '@backprop/db/testing';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../src/services/errors';
import { refusalOf } from '../src/services/refusal';

describe('refusalOf', () => {
  it('[14.6] a full disk (SQLITE_FULL) is UNAVAILABLE, not an internal error with Prisma text', async () => {
    const database = await createTestDatabase('sqlite');
    await applyMigrations(database.url);
    const db = createDb(database.url);
    try {
      // The database may not grow past its current pages: the next pages it needs fail as on a full disk.
      const pages = await db.client.$queryRawUnsafe<{ page_count: bigint }[]>('PRAGMA page_count');
      await db.client.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(pages[0]?.page_count)}`);
      let failure: unknown;
      try {
        for (let i = 0; i < 10_000; i += 1) {
          await db.client.heartbeat.create({ data: { source: 'x'.repeat(2000) } });
        }
      } catch (error) {
        failure = error;
      }
      expect(String(failure)).toMatch(/full/i);
      const refusal = refusalOf(failure, 'test');
      expect(refusal.code).toBe(ERROR_CODES.UNAVAILABLE);
      expect(refusal.message).not.toMatch(/prisma|sqlite|\//i);
    } finally {
      await db.close();
      await database.drop();
    }
  });

  it('[14.6] an unknown error becomes INTERNAL with a reference; a typed refusal passes as it is', () => {
    const leaky = new Error('Invalid `prisma.player.create()` invocation in /srv/app/src/x.ts:12');
    const refusal = refusalOf(leaky, 'test');
    expect(refusal.code).toBe(ERROR_CODES.INTERNAL);
    expect(refusal.message).toMatch(/^Internal server error \(reference [0-9a-f]{8}\)$/);
    const typed = new ServiceError(ERROR_CODES.NAME_TAKEN, 'taken');
    expect(refusalOf(typed, 'test')).toBe(typed);
  });
});
