// [CL5] A lost announcement heals: an entry appended to a lesson's log without announcing it
// (a process killed right after its append) reaches the screens of a process holding the lesson
// by the periodic sweep. One real server with the Redis adapter, on PostgreSQL; the entry is
// written straight through a second store, as another process would.
import { randomUUID } from 'node:crypto';
import { applyMigrations, createDb, type Db } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import { createPrismaStore } from '../src/lessons/prisma-store';
import type { AppRouter } from '../src/trpc/router';
import { openClient, type TestClient } from './support/clients';

const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const SWEEP_MS = 300;

describe('several processes: the sweep', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let db: Db;
  let teacher: TestClient | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    await applyMigrations(database.url);
    server = await createServer({
      port: 0,
      databaseUrl: database.url,
      cluster: { redisUrl, prefix: `sweep-${randomUUID()}`, sweepMs: SWEEP_MS },
    });
    db = createDb(database.url);
  });

  afterAll(async () => {
    teacher?.close();
    await server?.stop();
    await db?.close();
    await database?.drop();
  });

  it('[CL5] folds in an entry whose notice was lost, and sends the fresh view', async () => {
    const trpc = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    const { code, instructorSecret } = await trpc.lesson.create.mutate({ preset: 'deck' });
    teacher = await openClient(server.url, code, { role: 'instructor', secret: instructorSecret });
    expect((await teacher.until((v) => v.kind === 'instructor')).version).toBe(0);

    const store = createPrismaStore(db);
    const record = await store.findLessonByCode(code);
    await store.append(
      record!.id,
      1,
      { actor: { role: 'instructor' }, at: Date.now(), command: { type: 'start' } },
      { players: [], answers: [], scores: [], finishedAt: null },
    );
    const started = Date.now();
    const view = await teacher.until((v) => v.version === 1, 5 * SWEEP_MS);
    expect(view.phase).toBe('question');
    expect(Date.now() - started).toBeLessThan(5 * SWEEP_MS);
  });
});
