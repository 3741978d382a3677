// The instructor console's contract over the real server (port 0), real socket.io clients and a
// real database of each provider: instructor and co-host acting at once ([C5]), the display
// options and snapshots reaching the staff's screens only ([D1][D3]), and more time ([Q10]).
import type { InstructorView, LessonView, ProjectorView } from '@backprop/contract';
import { applyMigrations, PROVIDERS } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { DECK_CONFIG, misconceptionsFor, traceStep } from '@backprop/mlp-core';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import type { AppRouter } from '../src/trpc/router';
import { openClient, type TestClient } from './support/clients';

const isInstructor = (v: LessonView): v is InstructorView => v.kind === 'instructor';

describe.each(PROVIDERS)('the console on %s', (provider) => {
  let database: TestDatabase;
  let server: RunningServer;
  let trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  const clients: TestClient[] = [];
  const open = async (...args: Parameters<typeof openClient>) => {
    const c = await openClient(...args);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await applyMigrations(database.url);
    server = await createServer({
      port: 0,
      databaseUrl: database.url,
      rateLimit: { perSecond: 1000, burst: 1000 },
    });
    trpc = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    await database?.drop();
  });

  it('[C5] instructor and co-host press Skip at the same moment: one question is skipped, the other is told STALE_VERSION', async () => {
    const { code, instructorSecret, cohostToken } = await trpc.lesson.create.mutate({
      preset: 'deck',
    });
    const ada = await trpc.lesson.join.mutate({ code, nickname: 'Ada' });
    const teacher = await open(server.url, code, { role: 'instructor', secret: instructorSecret });
    const cohost = await open(server.url, code, { role: 'cohost', token: cohostToken });
    const student = await open(server.url, code, { role: 'student', playerToken: ada.playerToken });
    expect(await teacher.send('command', { command: { type: 'start' } })).toMatchObject({
      ok: true,
    });
    await teacher.until((v) => v.question?.key.index === 0);
    const seen = await cohost.until((v) => v.question?.key.index === 0);
    if (!isInstructor(seen)) throw new Error('instructor view expected');
    // Both screens drew the same view: both send what they saw, at once.
    const acks = await Promise.all([
      teacher.send('command', { command: { type: 'skip' }, expect: seen.instructorVersion }),
      cohost.send('command', { command: { type: 'skip' }, expect: seen.instructorVersion }),
    ]);
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(acks.find((a) => !a.ok)?.error?.code).toBe('STALE_VERSION');
    const after = await student.until((v) => v.question?.key.index === 1);
    expect(after.question?.status).toBe('shown');
    // One question skipped, not two: every screen settles at question 1.
    await new Promise((r) => setTimeout(r, 200));
    for (const c of [teacher, cohost, student]) expect(c.last()?.question?.key.index).toBe(1);
    // A student's answer does not make the instructor's next command stale.
    const now = (await teacher.until((v) => v.question?.key.index === 1)) as InstructorView;
    expect(
      await teacher.send('command', { command: { type: 'open' }, expect: now.instructorVersion }),
    ).toMatchObject({ ok: true });
    const opened = (await teacher.until((v) => v.question?.status === 'open')) as InstructorView;
    const answer = await student.send('answer', {
      type: 'answer',
      answerId: 'answer-console-1',
      question: { step: 0, index: 1 },
      // Any well-shaped answer: the truth of the step's quantity.
      value: {
        numbers: traceStep(DECK_CONFIG, 0).entries.find((e) => e.name === now.question!.quantity)!
          .value,
      },
    });
    expect(answer.ok).toBe(true);
    await teacher.until((v) => isInstructor(v) && v.answers.length === 1);
    expect(
      // (The answer also locked the question: everyone answered. Neither counts.)
      await cohost.send('command', {
        command: { type: 'reveal' },
        expect: opened.instructorVersion,
      }),
    ).toMatchObject({ ok: true });
  });

  it('[D1][D3][V7][Q10] display options and snapshots reach the staff, never the class; the timer can be extended', async () => {
    const { code, instructorSecret } = await trpc.lesson.create.mutate({
      settings: {
        ...(await import('@backprop/contract')).DECK_PRESET,
        timerSeconds: 60,
      },
    });
    const names = ['Ada', 'Bob', 'Cy'];
    const tokens = await Promise.all(
      names.map((nickname) => trpc.lesson.join.mutate({ code, nickname })),
    );
    const teacher = await open(server.url, code, { role: 'instructor', secret: instructorSecret });
    const screen = await open(server.url, code, { role: 'projector' });
    const students = await Promise.all(
      tokens.map((t) => open(server.url, code, { role: 'student', playerToken: t.playerToken })),
    );
    const send = async (command: unknown) => {
      const ack = await teacher.send('command', { command });
      expect(ack, JSON.stringify(command)).toMatchObject({ ok: true });
    };
    await send({ type: 'display', options: { anonymise: true, leaderboardLength: 3 } });
    const shown = (await screen.until(
      (v) => v.kind === 'projector' && v.display.anonymise,
    )) as ProjectorView;
    expect(shown.display).toEqual({
      hideLeaderboard: false,
      anonymise: true,
      leaderboardLength: 3,
      sounds: false,
    });
    // The deck's questions up to dLoss_dh2 (index 4 of the preset) are skipped to reach numbers.
    await send({ type: 'start' });
    const trace = traceStep(DECK_CONFIG, 0);
    let view = (await teacher.until((v) => v.question?.key.index === 0)) as InstructorView;
    while (view.question?.quantity !== 'dLoss_dW2') {
      const index = view.question!.key.index;
      await send({ type: 'skip' });
      view = (await teacher.until((v) => v.question?.key.index === index + 1)) as InstructorView;
    }
    const index = view.question.key.index;
    await send({ type: 'open' });
    const before = (await teacher.until((v) => v.question?.status === 'open')) as InstructorView;
    await send({ type: 'extendTimer' });
    const later = await teacher.until(
      (v) => v.question?.deadline === before.question!.deadline! + 30_000,
    );
    expect(later.question?.deadline).toBe(before.question!.deadline! + 30_000);
    const slip = misconceptionsFor(trace, 'dLoss_dW2')[0]!;
    for (const [i, c] of students.entries()) {
      const ack = await c.send('answer', {
        type: 'answer',
        answerId: `answer-snap-${i}-${provider}`,
        question: { step: 0, index },
        value: { numbers: slip.value },
      });
      expect(ack.ok).toBe(true);
    }
    const answered = (await teacher.until(
      (v) => isInstructor(v) && v.answers.length === 3,
    )) as InstructorView;
    expect(answered.answers.map((a) => [a.nickname, a.misconceptionId])).toEqual(
      names.map((n) => [n, slip.id]),
    );
    await send({ type: 'showSnapshot', target: { kind: 'slip', misconceptionId: slip.id } });
    const snap = (await screen.until(
      (v) => v.kind === 'projector' && v.snapshot !== null,
    )) as ProjectorView;
    expect(snap.snapshot?.values).toHaveLength(3);
    const text = JSON.stringify(snap.snapshot);
    for (const n of names) expect(text).not.toContain(n);
    for (const t of tokens) expect(text).not.toContain(t.playerId);
    for (const c of students) {
      const mine = JSON.stringify(c.last());
      expect(mine).not.toContain('snapshot');
      expect(mine).not.toContain('leaderboardLength');
      expect(mine).not.toContain('"answers"');
    }
    await send({ type: 'hideSnapshot' });
    await screen.until((v) => v.kind === 'projector' && v.snapshot === null);
  });
});
