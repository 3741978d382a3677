// The server as a real child process: open a question, answers acknowledged, SIGKILL, start it
// again on the same database, and the lesson continues with every acknowledged answer.
import type { ChildProcess } from 'node:child_process';
import { DECK_PRESET, type LessonView } from '@backprop/contract';
import { applyMigrations, createDb, PROVIDERS } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { DECK_CONFIG, traceStep, type Value } from '@backprop/mlp-core';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../src/trpc/router';
import { openClient, type TestClient } from './support/clients';
import { freePort, killed, startServer } from './support/processes';

describe.each(PROVIDERS)('a restart on %s', (provider) => {
  let database: TestDatabase;
  let child: ChildProcess | undefined;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await applyMigrations(database.url);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    if (child) await killed(child);
    await database?.drop();
  });

  it('[RN3][RN6] SIGKILL in the middle of an open question loses no acknowledged answer', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await startServer(database.url, port);
    const trpc = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc` })] });
    const { code, instructorSecret } = await trpc.lesson.create.mutate({ preset: 'deck' });
    const alice = await trpc.lesson.join.mutate({ code, nickname: 'alice' });
    const bob = await trpc.lesson.join.mutate({ code, nickname: 'bob' });
    // Carol joins but does not answer: the question stays open (it would lock once all answered).
    await trpc.lesson.join.mutate({ code, nickname: 'carol' });
    const connectAll = async () => {
      const teacher = await openClient(url, code, { role: 'instructor', secret: instructorSecret });
      const a = await openClient(url, code, { role: 'student', playerToken: alice.playerToken });
      const b = await openClient(url, code, { role: 'student', playerToken: bob.playerToken });
      clients.push(teacher, a, b);
      return { teacher, a, b };
    };
    let { teacher, a, b } = await connectAll();
    expect(await teacher.send('command', { command: { type: 'start' } })).toMatchObject({
      ok: true,
    });
    expect(await teacher.send('command', { command: { type: 'open' } })).toMatchObject({
      ok: true,
    });
    const truth = traceStep(DECK_CONFIG, 0).entries[0]!.value as Value;
    const question = { step: 0, index: 0 };
    expect(
      await a.send('answer', {
        type: 'answer',
        answerId: 'alice-answer-1',
        question,
        value: { numbers: truth },
      }),
    ).toMatchObject({ ok: true });
    expect(
      await b.send('answer', {
        type: 'answer',
        answerId: 'bob-answer-1',
        question,
        value: { numbers: [[9, 9, 9]] },
      }),
    ).toMatchObject({ ok: true });

    await killed(child);
    for (const c of [teacher, a, b]) c.close();
    child = await startServer(database.url, port);
    ({ teacher, a, b } = await connectAll());
    const resumed = await teacher.until((v) => v.kind === 'instructor');
    expect(resumed.question).toMatchObject({ key: question, status: 'open', answeredCount: 2 });
    expect(await a.until((v) => v.kind === 'student')).toMatchObject({
      myAnswer: { answerId: 'alice-answer-1' },
    });

    // The same answer id again after the restart still counts once.
    expect(
      await a.send('answer', {
        type: 'answer',
        answerId: 'alice-answer-1',
        question,
        value: { numbers: truth },
      }),
    ).toMatchObject({ ok: true });
    expect(await teacher.send('command', { command: { type: 'reveal' } })).toMatchObject({
      ok: true,
    });
    const mine = (await a.until((v) => v.question?.status === 'revealed')) as Extract<
      LessonView,
      { kind: 'student' }
    >;
    expect(mine.myResult).toMatchObject({ correct: true, credit: 1 });

    const db = createDb(database.url);
    try {
      const lesson = await db.client.lesson.findUniqueOrThrow({ where: { code } });
      const answers = await db.client.answer.findMany({
        where: { lessonId: lesson.id },
        orderBy: { answerId: 'asc' },
      });
      expect(answers.map((r) => [r.answerId, r.quantity, r.correct])).toEqual([
        ['alice-answer-1', DECK_PRESET.questions[0]!.quantity, true],
        ['bob-answer-1', DECK_PRESET.questions[0]!.quantity, false],
      ]);
      const scores = await db.client.score.findMany({ where: { lessonId: lesson.id } });
      expect(scores.find((s) => s.playerId === alice.playerId)!.score).toBeGreaterThan(0);
      expect(scores.find((s) => s.playerId === bob.playerId)!.score).toBe(0);
      expect(mine.me.score).toBe(scores.find((s) => s.playerId === alice.playerId)!.score);
    } finally {
      await db.close();
    }
  });
});
