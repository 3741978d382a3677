// SIGKILL the server (a real child process on SQLite) in the middle of a burst of answers, then
// start it again on the same database. Every answer acknowledged before the kill is in the log;
// the others are sent again by their clients with the same answer id and scored exactly once.
import type { ChildProcess } from 'node:child_process';
import type { AnswerCommand, LessonView } from '@backprop/contract';
import { applyMigrations, createDb } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { DECK_CONFIG, traceStep, type Value } from '@backprop/mlp-core';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../src/trpc/router';
import { openClient, type TestClient } from './support/clients';
import { freePort, killed, startServer } from './support/processes';
import { type RetryingStudent, retryingStudent } from './support/retrying-student';

const STUDENTS = 24;
/** The kill is sent once this many answers are acknowledged. */
const KILL_AFTER_ACKS = 6;
const truth = traceStep(DECK_CONFIG, 0).entries[0]!.value as Value;
const wrong: Value = [[9, 9, 9]];
const question = { step: 0, index: 0 };

/** The answer envelopes in the log, as [answerId, playerId]. */
async function loggedAnswers(url: string, code: string): Promise<[string, string][]> {
  const db = createDb(url);
  try {
    const lesson = await db.client.lesson.findUniqueOrThrow({ where: { code } });
    const rows = await db.client.lessonCommand.findMany({ where: { lessonId: lesson.id } });
    return rows.flatMap((row) => {
      const envelope = JSON.parse(row.envelope) as {
        actor: { playerId?: string };
        command: { type: string; answerId?: string };
      };
      return envelope.command.type === 'answer'
        ? [[envelope.command.answerId!, envelope.actor.playerId!] as [string, string]]
        : [];
    });
  } finally {
    await db.close();
  }
}

describe('SIGKILL during a burst of answers (sqlite)', () => {
  let database: TestDatabase;
  let child: ChildProcess | undefined;
  const students: RetryingStudent[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await applyMigrations(database.url);
  });
  afterAll(async () => {
    for (const s of students) s.close();
    for (const c of clients) c.close();
    if (child) await killed(child);
    await database?.drop();
  });

  it('[RN3][RN6] keeps every acknowledged answer and scores each retried one once', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await startServer(database.url, port);
    const trpc = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc` })] });
    const { code, instructorSecret } = await trpc.lesson.create.mutate({ preset: 'deck' });
    const players: { playerId: string; playerToken: string }[] = [];
    for (let i = 0; i < STUDENTS; i += 1) {
      players.push(await trpc.lesson.join.mutate({ code, nickname: `student${i}` }));
    }
    const teacher = await openClient(url, code, { role: 'instructor', secret: instructorSecret });
    clients.push(teacher);
    expect(await teacher.send('command', { command: { type: 'start' } })).toMatchObject({
      ok: true,
    });
    expect(await teacher.send('command', { command: { type: 'open' } })).toMatchObject({
      ok: true,
    });
    for (const p of players) students.push(retryingStudent(url, code, p.playerToken));
    await Promise.all(
      students.map(
        (s) =>
          new Promise<void>((resolve) =>
            s.socket.connected ? resolve() : s.socket.once('connect', () => resolve()),
          ),
      ),
    );

    // The burst: every student answers (even ones right, odd ones wrong), 4 ms apart.
    const payloads: AnswerCommand[] = players.map((_, i) => ({
      type: 'answer',
      answerId: `burst-${i}-${code}`,
      question,
      value: { numbers: i % 2 === 0 ? truth : wrong },
    }));
    const ackedBeforeKill = new Set<string>();
    let killing: Promise<void> | undefined;
    const dead = () => child!.exitCode !== null || child!.signalCode !== null;
    const results = Promise.all(
      students.map(async (s, i) => {
        await new Promise((resolve) => setTimeout(resolve, 4 * i));
        const result = await s.answer(payloads[i]!);
        if (result.ack.ok && !killing && !dead()) {
          ackedBeforeKill.add(payloads[i]!.answerId);
          if (ackedBeforeKill.size === KILL_AFTER_ACKS) killing = killed(child!);
        }
        return result;
      }),
    );
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (killing) {
          clearInterval(poll);
          resolve();
        } else if (Date.now() - started > 10_000) {
          clearInterval(poll);
          reject(new Error('the burst was never acknowledged'));
        }
      }, 2);
    });
    await killing;
    teacher.close();

    // Dead: every answer acknowledged before the kill is in the log, each once.
    const afterKill = await loggedAnswers(database.url, code);
    const loggedIds = afterKill.map(([id]) => id);
    expect(new Set(loggedIds).size).toBe(loggedIds.length);
    for (const id of ackedBeforeKill) expect(loggedIds).toContain(id);
    // The burst was cut short: some answers were not in yet and must come from the retries.
    expect(afterKill.length).toBeLessThan(STUDENTS);

    child = await startServer(database.url, port);
    const settled = await results;
    for (const { ack } of settled) expect(ack).toMatchObject({ ok: true });
    const retried = settled.filter((r) => r.tries > 1).length;
    expect(retried).toBeGreaterThan(0);
    console.log(
      `durability: ${ackedBeforeKill.size} acknowledged before the kill, ${afterKill.length} in the log at the kill, ${retried} of ${STUDENTS} sent again after the restart`,
    );

    // Everyone answered: the question locked itself. Every answer id in the log once, by its student.
    const logged = await loggedAnswers(database.url, code);
    expect(logged.map(([id]) => id).sort()).toEqual(payloads.map((p) => p.answerId).sort());
    const owner = new Map(logged);
    for (const [i, p] of players.entries()) {
      expect(owner.get(payloads[i]!.answerId)).toBe(p.playerId);
    }

    const teacher2 = await openClient(url, code, { role: 'instructor', secret: instructorSecret });
    clients.push(teacher2);
    expect(await teacher2.until((v) => v.question?.status === 'locked')).toMatchObject({
      question: { answeredCount: STUDENTS },
    });
    expect(await teacher2.send('command', { command: { type: 'reveal' } })).toMatchObject({
      ok: true,
    });
    const revealed = (await teacher2.send('sync', {})).view as LessonView;

    // A retry that arrives after the reveal is still a no-op (same question, A6): no new version.
    const late = await students[1]!.answer(payloads[1]!);
    expect(late.ack).toEqual({
      ok: true,
      version: revealed.version,
      // With the answer it stands for, as stored before the crash.
      myAnswer: expect.objectContaining({ answerId: payloads[1]!.answerId }),
    });

    const results2 = await trpc.lesson.results.query({ code, secret: instructorSecret });
    expect(results2.answers).toHaveLength(STUDENTS);
    for (const [i, p] of players.entries()) {
      const rows = results2.answers.filter((a) => a.playerId === p.playerId);
      expect(rows.map((a) => [a.answerId, a.correct])).toEqual([
        [payloads[i]!.answerId, i % 2 === 0],
      ]);
      const standing = results2.standings.find((s) => s.playerId === p.playerId)!;
      expect(standing.score).toBe(i % 2 === 0 ? 1000 : 0);
    }

    // After `next` a late retry is still recognised as counted (A6 remembers a student's ids for
    // the whole lesson): acknowledged, nothing changes.
    const moved = await teacher2.send('command', { command: { type: 'next' } });
    expect(moved).toMatchObject({ ok: true });
    expect((await students[0]!.answer(payloads[0]!)).ack).toMatchObject({
      ok: true,
      version: moved.version,
    });
    const final = await trpc.lesson.results.query({ code, secret: instructorSecret });
    expect(final.answers).toHaveLength(STUDENTS);
  });
});
