// Whole-class sends in slices (socket/fan-out.ts), over the real server, a real database and real
// socket.io clients. With `sliceMs: 0` every student's view is its own turn of the event loop,
// so a class of 40 shows what a class of 2,000 does in 10 ms slices: commands are answered while
// the class's views are still going out, a newer change replaces the send in progress, and every
// student still ends on the newest view, their views in version order.
import { DECK_PRESET, type LessonView } from '@backprop/contract';
import { applyMigrations } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { DECK_CONFIG, traceStep } from '@backprop/mlp-core';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import type { AppRouter } from '../src/trpc/router';
import { openClient, type TestClient } from './support/clients';

const CLASS_SIZE = 40;

describe('whole-class sends in slices', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let teacher: TestClient;
  const students: TestClient[] = [];
  let code = '';
  const tokens: string[] = [];
  /** Arrival order across every client: a student's view ("s<i>@<version>") or an ack. */
  const arrivals: string[] = [];

  const command = async (type: string) => {
    const ack = await teacher.send('command', { command: { type } });
    arrivals.push(`ack:${type}`);
    expect(ack, type).toMatchObject({ ok: true });
    return ack.version as number;
  };
  const everyoneAt = (version: number, of = students) =>
    Promise.all(of.map((s) => s.until((v) => v.version >= version)));

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await applyMigrations(database.url);
    server = await createServer({
      port: 0,
      databaseUrl: database.url,
      rateLimit: { perSecond: 1000, burst: 1000 },
      fanOut: { sliceMs: 0 },
    });
    const trpc = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    const created = await trpc.lesson.create.mutate({ preset: 'deck' });
    const { instructorSecret } = created;
    code = created.code;
    teacher = await openClient(server.url, code, { role: 'instructor', secret: instructorSecret });
    teacher.socket.on('view', (view: LessonView) => arrivals.push(`t@${view.version}`));
    for (let i = 0; i < CLASS_SIZE; i += 1) {
      const { playerToken } = await trpc.lesson.join.mutate({ code, nickname: `student ${i}` });
      tokens.push(playerToken);
      const client = await openClient(server.url, code, { role: 'student', playerToken });
      client.socket.on('view', (view: LessonView) => arrivals.push(`s${i}@${view.version}`));
      students.push(client);
    }
    await everyoneAt(0);
  }, 30_000);

  afterAll(async () => {
    for (const c of [teacher, ...students]) c?.close();
    await server?.stop();
    await database?.drop();
  });

  it("[FO2][RN3] answers the instructor's command before the class's views have all gone out", async () => {
    const version = await command('start');
    await everyoneAt(version);
    const ack = arrivals.indexOf('ack:start');
    const lastView = Math.max(...students.map((_, i) => arrivals.indexOf(`s${i}@${version}`)));
    // Sent in one go, every view would be written before the acknowledgement.
    expect(ack).toBeGreaterThan(-1);
    expect(lastView).toBeGreaterThan(ack);
  });

  it('[FO3] a newer change replaces the send in progress; everyone ends on it, in version order', async () => {
    const before = students.map((s) => s.views.length);
    // Both in flight at once: `lock` is applied while `open`'s views are still going out.
    const [opened, locked] = await Promise.all([command('open'), command('lock')]);
    expect(locked).toBe(opened + 1);
    await everyoneAt(locked);
    const got = students.map((s, i) => s.views.slice(before[i]).map((v) => v.version));
    for (const versions of got) {
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(versions.at(-1)).toBe(locked);
    }
    // Some students never got the `open` view: its send was cut short by the newer one.
    expect(got.filter((versions) => !versions.includes(opened)).length).toBeGreaterThan(0);
    for (const s of students) expect(s.last()?.question?.status).toBe('locked');
  });

  it('[FO4] a removed student gets their `kicked` view before the server disconnects them', async () => {
    const last = students.at(-1)!;
    const seen = last.last();
    const playerId = seen?.kind === 'student' ? seen.me.playerId : '';
    const ack = await teacher.send('command', { command: { type: 'kick', playerId } });
    expect(ack).toMatchObject({ ok: true });
    const view = await last.until((v) => v.kind === 'student' && v.me.kicked);
    expect(view.kind === 'student' && view.me.playerId).toBe(playerId);
  });

  it("[FO1] an answer is acknowledged with the stored answer; the student's other connections get the view, the staff's soon, nobody else", async () => {
    // The kicked student (the last) is gone: the class is the others from here on.
    const here = students.slice(0, -1);
    await command('reveal');
    await command('next');
    const opened = await command('open');
    await everyoneAt(opened, here);
    // The same student in a second tab.
    const tab = await openClient(server.url, code, { role: 'student', playerToken: tokens[0]! });
    await tab.until((v) => v.version >= opened);
    await new Promise((resolve) => setTimeout(resolve, 300)); // its connection's roster news
    const counts = here.map((s) => s.views.length);
    const quantity = DECK_PRESET.questions[1]!.quantity;
    const truth = traceStep(DECK_CONFIG, 0).entries.find((e) => e.name === quantity)!.value;
    const staffBefore = teacher.views.length;
    const ack = await here[0]!.send('answer', {
      type: 'answer',
      answerId: 'fan-out-answer-1',
      question: { step: 0, index: 1 },
      value: { numbers: truth },
    });
    expect(ack).toMatchObject({
      ok: true,
      myAnswer: { answerId: 'fan-out-answer-1', value: { numbers: truth } },
    });
    const other = await tab.until((v) => v.version === ack.version);
    expect(other.kind === 'student' && other.myAnswer?.answerId).toBe('fan-out-answer-1');
    // The instructor's roster shows the answer within screensMs (100 ms for a class this size).
    await teacher.until((v) => v.version === ack.version, 2_000);
    expect(teacher.views.length).toBeGreaterThan(staffBefore);
    // Well past screensMs: nobody else was sent anything for it, nor the connection that sent it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(here.map((s, i) => s.views.length - counts[i]!)).toEqual(here.map(() => 0));
    tab.close();
  });

  it("[FO1] a join during a question refreshes the staff's roster, not the class (the next change brings the count)", async () => {
    const here = students.slice(0, -1);
    const counts = here.map((s) => s.views.length);
    const staffBefore = teacher.views.length;
    const trpc = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    await trpc.lesson.join.mutate({ code, nickname: 'late student' });
    // One student was removed (FO4): the class is back to CLASS_SIZE with the late one.
    await teacher.until((v) => v.playerCount === CLASS_SIZE, 2_000);
    expect(teacher.views.length).toBeGreaterThan(staffBefore);
    // Well past classMs (1 s for a class this size): nobody in the class was sent a view.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(here.map((s, i) => s.views.length - counts[i]!)).toEqual(here.map(() => 0));
    // The question's next change brings every student the count.
    const locked = await command('lock');
    await everyoneAt(locked, here);
    for (const s of here) expect(s.last()?.playerCount).toBe(CLASS_SIZE);
  });

  it('[FO1] a join in the lobby brings every student the new player count', async () => {
    const trpc = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    const lobby = await trpc.lesson.create.mutate({ preset: 'deck' });
    const waiting: TestClient[] = [];
    try {
      for (const nickname of ['first', 'second']) {
        const { playerToken } = await trpc.lesson.join.mutate({ code: lobby.code, nickname });
        waiting.push(await openClient(server.url, lobby.code, { role: 'student', playerToken }));
      }
      await trpc.lesson.join.mutate({ code: lobby.code, nickname: 'third' });
      for (const s of waiting) {
        const view = await s.until((v) => v.playerCount === 3, 3_000);
        expect(view.phase).toBe('lobby');
      }
    } finally {
      for (const s of waiting) s.close();
    }
  });

  it('[FO1] after a pause the console has its view before the class; after a resume too', async () => {
    const here = students.slice(0, -1);
    for (const type of ['pause', 'resume']) {
      const from = arrivals.length;
      const version = await command(type);
      await everyoneAt(version, here);
      await teacher.until((v) => v.version >= version);
      const since = arrivals.slice(from);
      const console_ = since.indexOf(`t@${version}`);
      const firstStudent = Math.min(...here.map((_, i) => since.indexOf(`s${i}@${version}`)));
      expect(console_, type).toBeGreaterThan(-1);
      // With 40 students each in its own turn (sliceMs 0), the console's view comes before any.
      expect(console_, type).toBeLessThan(firstStudent);
    }
  });

  it('[FO5][RN4] a reveal is acknowledged once every student has its view (its rows are written after); the staff after them', async () => {
    const here = students.slice(0, -1);
    const from = arrivals.length;
    const revealed = await command('reveal');
    await teacher.until((v) => v.version >= revealed);
    const since = arrivals.slice(from);
    const ack = since.indexOf('ack:reveal');
    const console_ = since.indexOf(`t@${revealed}`);
    for (const i of here.keys()) {
      const view = since.indexOf(`s${i}@${revealed}`);
      expect(view, `student ${i}`).toBeGreaterThan(-1);
      expect(view, `student ${i}`).toBeLessThan(ack);
      expect(view, `student ${i}`).toBeLessThan(console_);
    }
  });
});
