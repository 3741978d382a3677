// Whole-class sends in slices (socket/fan-out.ts), over the real server, a real database and real
// socket.io clients. With `sliceMs: 0` every student's view is its own turn of the event loop,
// so a class of 40 shows what a class of 2,000 does in 10 ms slices: commands are answered while
// the class's views are still going out, a newer change replaces the send in progress, and every
// student still ends on the newest view, their views in version order.
import type { LessonView } from '@backprop/contract';
import { applyMigrations } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
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
  /** Arrival order across every client: a student's view ("s<i>@<version>") or an ack. */
  const arrivals: string[] = [];

  const command = async (type: string) => {
    const ack = await teacher.send('command', { command: { type } });
    arrivals.push(`ack:${type}`);
    expect(ack, type).toMatchObject({ ok: true });
    return ack.version as number;
  };
  const everyoneAt = (version: number) =>
    Promise.all(students.map((s) => s.until((v) => v.version >= version)));

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
    const { code, instructorSecret } = await trpc.lesson.create.mutate({ preset: 'deck' });
    teacher = await openClient(server.url, code, { role: 'instructor', secret: instructorSecret });
    for (let i = 0; i < CLASS_SIZE; i += 1) {
      const { playerToken } = await trpc.lesson.join.mutate({ code, nickname: `student ${i}` });
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

  it("answers the instructor's command before the class's views have all gone out", async () => {
    const version = await command('start');
    await everyoneAt(version);
    const ack = arrivals.indexOf('ack:start');
    const lastView = Math.max(...students.map((_, i) => arrivals.indexOf(`s${i}@${version}`)));
    // Sent in one go, every view would be written before the acknowledgement.
    expect(ack).toBeGreaterThan(-1);
    expect(lastView).toBeGreaterThan(ack);
  });

  it('a newer change replaces the send in progress; everyone ends on it, in version order', async () => {
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

  it('a removed student gets their `kicked` view before the server disconnects them', async () => {
    const last = students.at(-1)!;
    const seen = last.last();
    const playerId = seen?.kind === 'student' ? seen.me.playerId : '';
    const ack = await teacher.send('command', { command: { type: 'kick', playerId } });
    expect(ack).toMatchObject({ ok: true });
    const view = await last.until((v) => v.kind === 'student' && v.me.kicked);
    expect(view.kind === 'student' && view.me.playerId).toBe(playerId);
  });
});
