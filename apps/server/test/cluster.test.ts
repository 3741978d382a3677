// Three server processes (src/main.ts) sharing one PostgreSQL database and one Redis: the
// instructor on one, students on the others; a reveal reaches every process's students; one
// process is killed (SIGKILL) mid-question and its students reconnect to the others, as behind
// a load balancer. Nothing acknowledged is lost and the standings are what grading and scoring
// say ([S1]-[S5]); a timer fires once although every process holding the lesson armed it.
import { randomUUID } from 'node:crypto';
import {
  type AnswerValue,
  DECK_PRESET,
  type LessonSettings,
  type LessonView,
} from '@backprop/contract';
import { applyMigrations, createDb, type Db } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import {
  DECK_CONFIG,
  gradeAnswer,
  misconceptionsFor,
  type StepTrace,
  traceStep,
  type Value,
} from '@backprop/mlp-core';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../src/trpc/router';
import { openClient, type TestClient } from './support/clients';
import { type ServerProcess, startServerProcess, stopProcess } from './support/processes';

const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const settings: LessonSettings = { ...DECK_PRESET, questions: DECK_PRESET.questions.slice(0, 3) };
const trace: StepTrace = traceStep(DECK_CONFIG, 0);
const quantityOf = (q: number) => settings.questions[q]!.quantity;
const truthOf = (q: number): Value => trace.entries.find((e) => e.name === quantityOf(q))!.value;
const shift = (v: Value, by: number): Value =>
  typeof v === 'number' ? v + by : v.map((row) => row.map((x) => x + by));
const kinds = {
  right: (q: number): Value => truthOf(q),
  wrong: (q: number): Value => shift(truthOf(q), 1),
  slip: (q: number): Value =>
    misconceptionsFor(trace, quantityOf(q))[0]?.value ?? shift(truthOf(q), -2),
};
/** Who answers what: [question] -> student -> kind. */
const plan: Record<string, keyof typeof kinds>[] = [
  { ada: 'right', ben: 'wrong', cleo: 'slip', dev: 'right' },
  { ada: 'right', ben: 'wrong', cleo: 'right', dev: 'right' },
  { ada: 'right', ben: 'right', cleo: 'right', dev: 'wrong' },
];
const names = ['ada', 'ben', 'cleo', 'dev'] as const;
type Name = (typeof names)[number];
/** [S5] ties go in join order. */
const joinOrder: readonly Name[] = ['ada', 'ben', 'dev', 'cleo'];

/** The model: mlp-core's grade, then [S1] base, [S3] streak bonus (no timer, no speed bonus). */
function expectedScores() {
  const totals = Object.fromEntries(names.map((n) => [n, { score: 0, streak: 0 }]));
  const answers: { name: Name; q: number; correct: boolean; credit: number; points: number }[] = [];
  plan.forEach((kindOf, q) => {
    for (const name of names) {
      const grade = gradeAnswer(trace, quantityOf(q), kinds[kindOf[name]!](q), {
        tolerance: settings.questions[q]!.tolerance ?? settings.tolerance,
      });
      const t = totals[name]!;
      t.streak = grade.correct ? t.streak + 1 : 0;
      const points =
        Math.round(1000 * grade.score) + (grade.correct ? 100 * Math.min(t.streak - 1, 5) : 0);
      t.score += points;
      answers.push({ name, q, correct: grade.correct, credit: grade.score, points });
    }
  });
  return { totals, answers };
}

describe('three server processes on PostgreSQL and Redis', () => {
  const prefix = `backprop-test-${randomUUID()}`;
  let database: TestDatabase;
  let db: Db;
  const servers: ServerProcess[] = [];
  const clients: TestClient[] = [];
  const trpcOf = (server: ServerProcess) =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] });

  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    // Once, before the processes start (each would otherwise race to apply them).
    await applyMigrations(database.url);
    db = createDb(database.url);
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix };
    servers.push(...(await Promise.all([0, 1, 2].map(() => startServerProcess(env)))));
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(servers.map((s) => stopProcess(s.child, 'SIGTERM')));
    await db?.close();
    await database?.drop();
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*` })) keys.push(...batch);
    if (keys.length) await redis.del(keys);
    await redis.close();
  }, 30_000);

  const connect = async (
    server: ServerProcess,
    code: string,
    as: Parameters<typeof openClient>[2],
  ) => {
    const client = await openClient(server.url, code, as);
    clients.push(client);
    return client;
  };
  const atQuestion = (q: number, status: string) => (v: LessonView) =>
    v.question?.key.index === q && v.question.status === status;

  it('[CL1][CL4][CL7][CL8] plays a lesson across processes; SIGKILL mid-question loses no acknowledged answer', async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const { code, instructorSecret } = await trpcOf(a).lesson.create.mutate({ settings });
    const teacher = await connect(a, code, { role: 'instructor', secret: instructorSecret });
    const command = async (type: string) => {
      const ack = await teacher.send('command', { command: { type } });
      expect(ack, type).toMatchObject({ ok: true });
    };

    // ada and ben join and play on B; dev joins on C (which then holds the lesson); cleo joins
    // on A and connects to C at once (C folds in the log's tail when it does not know her yet).
    const joinedOn: Record<Name, ServerProcess> = { ada: b, ben: b, dev: c, cleo: a };
    const playOn: Record<Name, ServerProcess> = { ada: b, ben: b, dev: c, cleo: c };
    const tokens = {} as Record<Name, { playerId: string; playerToken: string }>;
    const students = {} as Record<Name, TestClient>;
    for (const name of joinOrder) {
      tokens[name] = await trpcOf(joinedOn[name]).lesson.join.mutate({ code, nickname: name });
      students[name] = await connect(playOn[name], code, {
        role: 'student',
        playerToken: tokens[name].playerToken,
      });
    }
    // The roster's `connected` counts students on every process (presenceOf across Redis).
    await teacher.until(
      (v) => v.kind === 'instructor' && v.roster.filter((r) => r.connected).length === 4,
    );

    const acked = new Map<string, { name: Name; q: number; value: AnswerValue }>();
    const tryAnswer = async (name: Name, q: number, answerId = `answer-${name}-q${q}`) => {
      const value = { numbers: kinds[plan[q]![name]!](q) };
      const ack = await students[name].send('answer', {
        type: 'answer',
        answerId,
        question: { step: 0, index: q },
        value,
      });
      if (ack.ok) acked.set(answerId, { name, q, value });
      return ack;
    };
    const answer = async (name: Name, q: number) => {
      const ack = await tryAnswer(name, q);
      expect(ack, `${name}: ${JSON.stringify(ack)}`).toMatchObject({ ok: true });
    };
    const revealAll = async (q: number) => {
      // Every student answered: the question locked by itself; the reveal comes from A.
      await teacher.until(atQuestion(q, 'locked'));
      await command('reveal');
      for (const name of names) {
        const view = await students[name].until(atQuestion(q, 'revealed'));
        expect(view.kind === 'student' && view.myAnswer?.answerId, name).toBe(
          `answer-${name}-q${q}`,
        );
      }
    };

    // Question 0: the instructor on A, answers on B and C.
    await command('start');
    await command('open');
    for (const name of names) {
      await students[name].until(atQuestion(0, 'open'));
      await answer(name, 0);
    }
    await revealAll(0);

    // Question 1: three answers, then C dies while dev's answer may be on its way.
    await command('next');
    await command('open');
    for (const name of ['ada', 'ben', 'cleo'] as const) {
      await students[name].until(atQuestion(1, 'open'));
      await answer(name, 1);
    }
    await students.dev.until(atQuestion(1, 'open'));
    const inFlight = tryAnswer('dev', 1).catch(() => ({ ok: false }));
    await stopProcess(c.child, 'SIGKILL');
    // The load balancer sends C's students elsewhere: cleo to A, dev to B.
    const moved: Record<'cleo' | 'dev', ServerProcess> = { cleo: a, dev: b };
    for (const name of ['cleo', 'dev'] as const) {
      students[name].close();
      students[name] = await connect(moved[name], code, {
        role: 'student',
        playerToken: tokens[name].playerToken,
      });
    }
    // Open, or locked already: if C stored dev's answer before it died, the class is complete.
    const cleo = await students.cleo.until(
      (v) => atQuestion(1, 'open')(v) || atQuestion(1, 'locked')(v),
    );
    expect(cleo.kind === 'student' && cleo.myAnswer?.answerId).toBe('answer-cleo-q1');
    // Resending an acknowledged answer (same id, same value) counts it once.
    await answer('cleo', 1);
    // dev does not know whether C stored it: the client sends it again with the same id.
    await inFlight;
    await answer('dev', 1);
    await revealAll(1);
    await teacher.until(
      (v) => v.kind === 'instructor' && v.roster.filter((r) => r.connected).length === 4,
      10_000,
    );

    // Question 2 on the two processes left, then the end.
    await command('next');
    await command('open');
    for (const name of names) {
      await students[name].until(atQuestion(2, 'open'));
      await answer(name, 2);
    }
    await revealAll(2);
    await command('next');
    await command('end');
    for (const name of names) await students[name].until((v) => v.phase === 'finished');

    // Stored rows and the results agree with the model; every acknowledged answer is stored once.
    const { totals, answers: model } = expectedScores();
    const idOf = (name: Name) => tokens[name].playerId;
    const nameOf = new Map(names.map((n) => [idOf(n), n]));
    const lesson = await db.client.lesson.findUniqueOrThrow({ where: { code } });
    expect(lesson.finishedAt).not.toBeNull();
    const rows = await db.client.answer.findMany({ where: { lessonId: lesson.id } });
    expect(rows.map((r) => r.answerId).sort()).toEqual([...acked.keys()].sort());
    expect(
      rows
        .map((r) => ({
          name: nameOf.get(r.playerId)!,
          q: r.questionIndex,
          correct: r.correct,
          credit: r.credit,
          points: r.points,
        }))
        .sort((x, y) => x.q - y.q || x.name.localeCompare(y.name)),
    ).toEqual(model.sort((x, y) => x.q - y.q || x.name.localeCompare(y.name)));
    const scores = await db.client.score.findMany({ where: { lessonId: lesson.id } });
    expect(
      Object.fromEntries(
        scores.map((s) => [nameOf.get(s.playerId)!, { score: s.score, streak: s.streak }]),
      ),
    ).toEqual(totals);

    const results = await trpcOf(b).lesson.results.query({ code, secret: instructorSecret });
    expect(results.finished).toBe(true);
    const order = [...names].sort(
      (x, y) => totals[y]!.score - totals[x]!.score || joinOrder.indexOf(x) - joinOrder.indexOf(y),
    );
    expect(results.standings.map((s) => [s.nickname, s.score, s.rank])).toEqual(
      order.map((n) => [
        n,
        totals[n]!.score,
        1 + names.filter((m) => totals[m]!.score > totals[n]!.score).length,
      ]),
    );
    // The log holds each command once: no answer was appended twice across processes.
    const log = await db.client.lessonCommand.findMany({ where: { lessonId: lesson.id } });
    const answerIds = log
      .map((e) => JSON.parse(e.envelope) as { command: { type: string; answerId?: string } })
      .filter((e) => e.command.type === 'answer')
      .map((e) => e.command.answerId);
    expect(answerIds.sort()).toEqual([...acked.keys()].sort());
  }, 60_000);

  it('[CL6] a question timer fires once although every process holding the lesson armed it', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const timed: LessonSettings = { ...settings, timerSeconds: 5 };
    const { code, instructorSecret } = await trpcOf(a).lesson.create.mutate({ settings: timed });
    const teacher = await connect(a, code, { role: 'instructor', secret: instructorSecret });
    const eve = await trpcOf(b).lesson.join.mutate({ code, nickname: 'eve' });
    await trpcOf(b).lesson.join.mutate({ code, nickname: 'fay' });
    const student = await connect(b, code, { role: 'student', playerToken: eve.playerToken });
    expect(await teacher.send('command', { command: { type: 'start' } })).toMatchObject({
      ok: true,
    });
    expect(await teacher.send('command', { command: { type: 'open' } })).toMatchObject({
      ok: true,
    });
    await student.until(atQuestion(0, 'open'));
    // fay never answers: only the timer locks the question, on both A's and B's screens.
    await Promise.all([
      teacher.until(atQuestion(0, 'locked'), 10_000),
      student.until(atQuestion(0, 'locked'), 10_000),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lesson = await db.client.lesson.findUniqueOrThrow({ where: { code } });
    const log = await db.client.lessonCommand.findMany({
      where: { lessonId: lesson.id },
      orderBy: { seq: 'asc' },
    });
    const types = log.map(
      (e) => (JSON.parse(e.envelope) as { command: { type: string } }).command.type,
    );
    expect(types).toEqual(['join', 'join', 'start', 'open', 'expire']);
  }, 30_000);
});
