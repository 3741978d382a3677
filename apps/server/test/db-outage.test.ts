// The database briefly unavailable, for real: PostgreSQL refuses connections to the lesson's
// database and its open connections are terminated; SQLite is locked by another connection for
// longer than the busy timeout. Commands get UNAVAILABLE, nothing is half-written, the lesson
// in memory does not run ahead of its log, and everything works again once the database is back.
import type { LessonView } from '@backprop/contract';
import { applyMigrations, createDb, type Db } from '@backprop/db';
import { createTestDatabase, type TestDatabase, testPostgresAdminUrl } from '@backprop/db/testing';
import { DECK_CONFIG, traceStep, type Value } from '@backprop/mlp-core';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import type { AppRouter } from '../src/trpc/router';
import { openClient, type TestClient } from './support/clients';

const truth = traceStep(DECK_CONFIG, 0).entries[0]!.value as Value;
const question = { step: 0, index: 0 };
const answer = (answerId: string, numbers: Value = truth) => ({
  type: 'answer',
  answerId,
  question,
  value: { numbers },
});

/** Makes the database unreachable until `restore` is called. */
interface Outage {
  start(): Promise<void>;
  restore(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresAdminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function postgresOutage(url: string): Outage {
  const name = new URL(url).pathname.slice(1);
  return {
    async start() {
      await adminQuery(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await adminQuery(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`,
      );
    },
    restore: () => adminQuery(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`),
  };
}

/** Another connection holds an exclusive lock: the server's writes wait out its busy timeout. */
function sqliteOutage(url: string): Outage {
  let holder: Database.Database | undefined;
  return {
    async start() {
      holder = new Database(url.replace(/^file:/, ''));
      holder.exec('BEGIN EXCLUSIVE');
    },
    async restore() {
      holder?.exec('ROLLBACK');
      holder?.close();
      holder = undefined;
    },
  };
}

interface Case {
  provider: 'sqlite' | 'postgresql';
  outage: (url: string) => Outage;
}
const CASES: Case[] = [
  { provider: 'postgresql', outage: postgresOutage },
  { provider: 'sqlite', outage: sqliteOutage },
];

describe.each(CASES)('the database unavailable ($provider)', ({ provider, outage }) => {
  let database: TestDatabase;
  let server: RunningServer;
  let db: Db;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await applyMigrations(database.url);
    // A short busy timeout: SQLite's wait is synchronous and holds up the whole process.
    server = await createServer({ port: 0, databaseUrl: database.url, sqliteBusyTimeoutMs: 300 });
    db = createDb(database.url);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    await db?.close();
    await database?.drop();
  });

  const logOf = async (code: string) => {
    const lesson = await db.client.lesson.findUniqueOrThrow({ where: { code } });
    const commands = await db.client.lessonCommand.findMany({
      where: { lessonId: lesson.id },
      orderBy: { seq: 'asc' },
    });
    const answers = await db.client.answer.findMany({ where: { lessonId: lesson.id } });
    const scores = await db.client.score.findMany({ where: { lessonId: lesson.id } });
    return { commands, answers, scores };
  };

  it('[RN10] answers UNAVAILABLE, writes nothing, and the lesson continues when it returns', async () => {
    const trpc = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    const { code, instructorSecret } = await trpc.lesson.create.mutate({ preset: 'deck' });
    const alice = await trpc.lesson.join.mutate({ code, nickname: 'alice' });
    const bob = await trpc.lesson.join.mutate({ code, nickname: 'bob' });
    const teacher = await openClient(server.url, code, {
      role: 'instructor',
      secret: instructorSecret,
    });
    const a = await openClient(server.url, code, {
      role: 'student',
      playerToken: alice.playerToken,
    });
    const b = await openClient(server.url, code, { role: 'student', playerToken: bob.playerToken });
    clients.push(teacher, a, b);
    expect(await teacher.send('command', { command: { type: 'start' } })).toMatchObject({
      ok: true,
    });
    expect(await teacher.send('command', { command: { type: 'open' } })).toMatchObject({
      ok: true,
    });
    expect(await a.send('answer', answer('alice-answer-1'))).toMatchObject({ ok: true });
    const before = (await teacher.send('sync', {})).view as LessonView;
    const stored = await logOf(code);
    expect(stored.commands).toHaveLength(before.version);

    const down = outage(database.url);
    await down.start();
    try {
      const started = Date.now();
      // An answer, an instructor command, a join: each refused with the code the UI shows.
      expect(await b.send('answer', answer('bob-answer-1', [[9, 9, 9]]))).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE' },
      });
      expect(await teacher.send('command', { command: { type: 'reveal' } })).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE' },
      });
      const join = await trpc.lesson.join.mutate({ code, nickname: 'carol' }).catch((e) => e);
      expect(join).toBeInstanceOf(TRPCClientError);
      expect((join as TRPCClientError<AppRouter>).data).toMatchObject({
        appCode: 'UNAVAILABLE',
        httpStatus: 503,
      });
      // The refusals came within the busy timeout's reach, not after a hang.
      expect(Date.now() - started).toBeLessThan(20_000);
      // Memory did not run ahead of the log: same version, bob's answer not counted.
      const during = (await teacher.send('sync', {})).view as LessonView;
      expect(during.version).toBe(before.version);
      expect(during.question).toMatchObject({ status: 'open', answeredCount: 1 });
      expect(during).toEqual(before);
      // Reconnecting while the database is away still works (the lesson is held in memory).
      const again = await openClient(server.url, code, {
        role: 'student',
        playerToken: bob.playerToken,
      });
      clients.push(again);
      expect((await again.until((v) => v.kind === 'student')).version).toBe(before.version);
      again.close();
    } finally {
      await down.restore();
    }

    // Nothing half-written: the log and the tables are as they were.
    expect(await logOf(code)).toEqual(stored);

    // The same answer (same id) goes through once the database is back, and the lesson goes on.
    expect(await b.send('answer', answer('bob-answer-1', [[9, 9, 9]]))).toMatchObject({
      ok: true,
      version: before.version + 1, // the answer, which locks the question (everyone answered)
    });
    expect(await teacher.send('command', { command: { type: 'reveal' } })).toMatchObject({
      ok: true,
    });
    const after = await logOf(code);
    expect(after.commands.map((c) => c.seq)).toEqual(
      Array.from({ length: before.version + 2 }, (_, i) => i + 1),
    );
    expect(after.answers.map((r) => [r.answerId, r.correct]).sort()).toEqual([
      ['alice-answer-1', true],
      ['bob-answer-1', false],
    ]);
    const view = await teacher.until((v) => v.question?.status === 'revealed');
    expect(view.version).toBe(before.version + 2);
  });
});
