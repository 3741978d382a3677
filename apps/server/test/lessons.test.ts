// A whole live lesson over the real server (port 0), real socket.io clients and a real database
// of each provider: an instructor, three students and a late joiner, from lobby to standings.
import {
  type AnswerValue,
  DECK_PRESET,
  type LessonResults,
  type LessonView,
  PROTOCOL_VERSION,
} from '@backprop/contract';
import { applyMigrations, createDb, type Db, PROVIDERS } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import {
  DECK_CONFIG,
  gradeAnswer,
  misconceptionsFor,
  type StepTrace,
  traceStep,
  type Value,
} from '@backprop/mlp-core';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import type { AppRouter } from '../src/trpc/router';
import { openClient, refusedWith, type TestClient } from './support/clients';

const settings = DECK_PRESET;
const flattenValue = (v: Value): number[] => (typeof v === 'number' ? [v] : v.flat());
const trace: StepTrace = traceStep(DECK_CONFIG, 0);
const truthOf = (index: number): Value =>
  trace.entries.find((e) => e.name === settings.questions[index]!.quantity)!.value;
const shift = (v: Value, by: number): Value =>
  typeof v === 'number' ? v + by : v.map((row) => row.map((x) => x + by));
const right = (i: number): AnswerValue => ({ numbers: truthOf(i) });
const wrong = (i: number): AnswerValue => ({ numbers: shift(truthOf(i), 1) });
const slip = (i: number): AnswerValue => {
  const m = misconceptionsFor(trace, settings.questions[i]!.quantity)[0];
  return { numbers: m ? m.value : shift(truthOf(i), -2) };
};
const expectedGrade = (i: number, value: AnswerValue) => {
  const q = settings.questions[i]!;
  const numbers = (value as { numbers: Value }).numbers;
  return gradeAnswer(trace, q.quantity, numbers, { tolerance: q.tolerance ?? settings.tolerance });
};

let answerSeq = 0;
const newAnswerId = () => {
  answerSeq += 1;
  return `answer-${Date.now()}-${answerSeq}`;
};

describe.each(PROVIDERS)('a live lesson on %s', (provider) => {
  let database: TestDatabase;
  let server: RunningServer;
  let db: Db;
  let trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  let code: string;
  let secret: string;
  let cohost: string;
  const tokens: Record<string, { playerId: string; playerToken: string }> = {};
  const clients: TestClient[] = [];
  let teacher: TestClient;
  const students: Record<string, TestClient> = {};
  /** Whose answers the questions got: [question index] -> nickname -> value. */
  const given: Record<string, AnswerValue>[] = [];

  const student = async (name: string) => {
    const c = await openClient(server.url, code, {
      role: 'student',
      playerToken: tokens[name]!.playerToken,
    });
    clients.push(c);
    students[name] = c;
    return c;
  };
  const command = async (cmd: Record<string, unknown>) => {
    const ack = await teacher.send('command', { command: cmd });
    expect(ack, JSON.stringify(cmd)).toMatchObject({ ok: true });
    return ack.version as number;
  };
  const answer = async (
    name: string,
    index: number,
    value: AnswerValue,
    answerId = newAnswerId(),
  ) => {
    const ack = await students[name]!.send('answer', {
      type: 'answer',
      answerId,
      question: { step: 0, index },
      value,
    });
    if (ack.ok) {
      given[index] ??= {};
      given[index][name] = value;
    }
    return ack;
  };
  const atQuestion = (index: number, status: string) => (v: LessonView) =>
    v.question?.key.index === index && v.question.status === status;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await applyMigrations(database.url);
    // The whole lesson is driven faster than a person would: the rate limit is tested apart.
    server = await createServer({
      port: 0,
      databaseUrl: database.url,
      rateLimit: { perSecond: 1000, burst: 1000 },
    });
    db = createDb(database.url);
    trpc = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    await db?.close();
    await database?.drop();
  });

  it('creates a deck lesson: a join code, secrets stored hashed', async () => {
    const created = await trpc.lesson.create.mutate({ preset: 'deck' });
    ({ code, instructorSecret: secret, cohostToken: cohost } = created);
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.client.lesson.findUniqueOrThrow({ where: { code } });
    expect(row.instructorSecretHash).not.toContain(secret);
    expect(JSON.parse(row.settings)).toEqual(DECK_PRESET);
    teacher = await openClient(server.url, code, { role: 'instructor', secret });
    clients.push(teacher);
    expect((await teacher.until((v) => v.phase === 'lobby')).kind).toBe('instructor');
  });

  it('lets students join (names trimmed, unique case-insensitively, filtered), tokens stored hashed', async () => {
    for (const name of ['alice', 'bob', 'carol']) {
      tokens[name] = await trpc.lesson.join.mutate({
        code: code.toLowerCase(),
        nickname: `  ${name} `,
      });
    }
    const appCode = (e: unknown) => (e as TRPCClientError<AppRouter>).data?.appCode;
    const taken = await trpc.lesson.join
      .mutate({ code, nickname: 'ALICE' })
      .catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(TRPCClientError);
    expect(appCode(taken)).toBe('NAME_TAKEN');
    expect(
      appCode(
        await trpc.lesson.join.mutate({ code, nickname: 'fuck you' }).catch((e: unknown) => e),
      ),
    ).toBe('NAME_REFUSED');
    expect(
      appCode(await trpc.lesson.join.mutate({ code, nickname: '   ' }).catch((e: unknown) => e)),
    ).toBe('INVALID_INPUT');
    expect(
      appCode(
        await trpc.lesson.join.mutate({ code: 'ZZZZZZ', nickname: 'x' }).catch((e: unknown) => e),
      ),
    ).toBe('UNKNOWN_LESSON');
    const players = await db.client.player.findMany({ where: { lesson: { code } } });
    expect(players.map((p) => p.nickname).sort()).toEqual(['alice', 'bob', 'carol']);
    for (const p of players) {
      expect(p.nicknameKey).toBe(p.nickname.toLowerCase());
      expect(p.tokenHash).not.toBe(tokens[p.nickname]!.playerToken);
    }
    for (const name of ['alice', 'bob', 'carol']) await student(name);
    const roster = await teacher.until(
      (v) => v.kind === 'instructor' && v.roster.filter((r) => r.connected).length === 3,
    );
    expect(roster.playerCount).toBe(3);
  });

  it('refuses bad handshakes with typed errors', async () => {
    const as = { role: 'instructor' as const, secret };
    expect(
      await refusedWith(
        openClient(server.url, code, as, { protocolVersion: PROTOCOL_VERSION - 1, code, as }),
      ),
    ).toMatchObject({ code: 'PROTOCOL_MISMATCH' });
    expect(await refusedWith(openClient(server.url, 'ZZZZZZ', as))).toMatchObject({
      code: 'UNKNOWN_LESSON',
    });
    expect(
      await refusedWith(
        openClient(server.url, code, { role: 'instructor', secret: 'x'.repeat(43) }),
      ),
    ).toMatchObject({ code: 'NOT_INSTRUCTOR' });
    expect(
      await refusedWith(openClient(server.url, code, { role: 'cohost', token: secret })),
    ).toMatchObject({ code: 'NOT_INSTRUCTOR' });
    expect(
      await refusedWith(
        openClient(server.url, code, { role: 'student', playerToken: 'y'.repeat(43) }),
      ),
    ).toMatchObject({ code: 'UNKNOWN_PLAYER' });
    expect(
      await refusedWith(
        openClient(server.url, code, as, {
          protocolVersion: PROTOCOL_VERSION,
          code,
          as: { role: 'wizard' },
        }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('question 0: answers, a duplicate answer id scored once, malformed payloads and student commands refused', async () => {
    const bob = students.bob!;
    await command({ type: 'start' });
    const before = await command({ type: 'open' });
    await bob.until(atQuestion(0, 'open'));
    expect(await answer('alice', 0, right(0))).toMatchObject({ ok: true });
    const dupId = newAnswerId();
    const first = await answer('bob', 0, wrong(0), dupId);
    const again = await answer('bob', 0, wrong(0), dupId);
    expect(first).toMatchObject({ ok: true });
    expect(again).toMatchObject({ ok: true, version: first.version });

    for (const bad of [
      null,
      'answer',
      {},
      { answerId: 'short', question: { step: 0, index: 0 }, value: { numbers: 1 } },
      { answerId: newAnswerId(), question: { step: 0, index: 0 }, value: { numbers: 'NaN' } },
      {
        answerId: newAnswerId(),
        question: { step: 0, index: 0 },
        value: { numbers: [[1]] },
        extra: 1,
      },
    ]) {
      expect(await bob.send('answer', bad)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(await teacher.send('command', { command: { type: 'teleport' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await bob.send('command', { command: { type: 'reveal' } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_INSTRUCTOR' },
    });
    expect(await bob.send('command', { command: { type: 'end' } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_INSTRUCTOR' },
    });
    // Nothing changed: the log holds the accepted commands only.
    const sync = await teacher.send('sync', {});
    expect(sync).toMatchObject({
      ok: true,
      view: { version: before + 2, question: { answeredCount: 2, status: 'open' } },
    });
    // The last active student's answer may lock the question by itself (SPEC Q4).
    expect((await answer('carol', 0, slip(0))).ok).toBe(true);

    await command({ type: 'reveal' });
    const revealed = await bob.until(atQuestion(0, 'revealed'));
    expect(revealed.kind === 'student' && revealed.myResult?.correct).toBe(false);
    await command({ type: 'next' });
  });

  it('question 1: answers after the lock are refused with QUESTION_CLOSED', async () => {
    await command({ type: 'open' });
    expect((await answer('alice', 1, right(1))).ok).toBe(true);
    expect((await answer('carol', 1, slip(1))).ok).toBe(true);
    await command({ type: 'lock' });
    expect(await answer('bob', 1, wrong(1))).toMatchObject({
      ok: false,
      error: { code: 'QUESTION_CLOSED' },
    });
    await command({ type: 'reveal' });
    await command({ type: 'next' });
  });

  it('[FO7] question 2: a late joiner starts at the current question; a reconnect with the token keeps the score', async () => {
    tokens.dave = await trpc.lesson.join.mutate({ code, nickname: 'Dave' });
    const dave = await student('dave');
    const first = await dave.until((v) => v.kind === 'student');
    expect(first).toMatchObject({ phase: 'question', questionIndex: 2, me: { score: 0 } });

    const aliceBefore = (students.alice!.last() as Extract<LessonView, { kind: 'student' }>).me
      .score;
    expect(aliceBefore).toBeGreaterThan(0);
    students.alice!.close();
    await teacher.until(
      (v) =>
        v.kind === 'instructor' && v.roster.some((r) => r.nickname === 'alice' && !r.connected),
    );
    const alice = await student('alice');
    expect(await alice.until((v) => v.kind === 'student')).toMatchObject({
      me: { score: aliceBefore },
    });

    await command({ type: 'open' });
    for (const [name, value] of [
      ['alice', right(2)],
      ['bob', wrong(2)],
      ['carol', slip(2)],
      ['dave', right(2)],
    ] as const) {
      expect((await answer(name, 2, value)).ok).toBe(true);
    }
    await command({ type: 'reveal' });
    await command({ type: 'next' });
  });

  it('[FO4] question 3: a kicked student is refused, disconnected, then readmitted', async () => {
    const carol = students.carol!;
    const closed = new Promise((resolve) => carol.socket.once('disconnect', resolve));
    await command({ type: 'kick', playerId: tokens.carol!.playerId });
    expect(await carol.until((v) => v.kind === 'student' && v.me.kicked)).toBeTruthy();
    await closed;
    expect(
      await refusedWith(
        openClient(server.url, code, { role: 'student', playerToken: tokens.carol!.playerToken }),
      ),
    ).toMatchObject({ code: 'KICKED' });
    await command({ type: 'readmit', playerId: tokens.carol!.playerId });
    await student('carol');
  });

  it('the rest of the chain, then the end: final standings match the stored rows and mlp-core grading', async () => {
    for (let i = 3; i < settings.questions.length; i += 1) {
      await command({ type: 'open' });
      await answer('alice', i, right(i));
      await answer('bob', i, wrong(i));
      await answer('carol', i, slip(i));
      if (i % 2) await answer('dave', i, right(i));
      await command({ type: 'reveal' });
      await command({ type: 'next' });
    }
    await command({ type: 'end' });
    await students.bob!.until((v) => v.phase === 'finished');

    const results: LessonResults = await trpc.lesson.results.query({ code, secret });
    expect(results.finished).toBe(true);
    expect(results.finishedAt).toEqual(expect.any(Number));
    const lessonRow = await db.client.lesson.findUniqueOrThrow({ where: { code } });
    const rows = await db.client.answer.findMany({ where: { lessonId: lessonRow.id } });
    const expectedCount = given.reduce((n, g) => n + Object.keys(g ?? {}).length, 0);
    expect(rows).toHaveLength(expectedCount);
    expect(results.answers).toHaveLength(expectedCount);
    const nameOf = Object.fromEntries(Object.entries(tokens).map(([n, t]) => [t.playerId, n]));
    for (const row of rows) {
      const value = JSON.parse(row.value) as AnswerValue;
      expect(value).toEqual(given[row.questionIndex]![nameOf[row.playerId]!]);
      const grade = expectedGrade(row.questionIndex, value);
      expect(row.quantity).toBe(settings.questions[row.questionIndex]!.quantity);
      expect(row.correct).toBe(grade.correct);
      expect(row.credit).toBeCloseTo(grade.score, 12);
      expect(row.misconceptionId).toBe(grade.misconception?.id ?? null);
    }
    // The misconception answers were recognised as such at least once.
    expect(rows.some((r) => nameOf[r.playerId] === 'carol' && r.misconceptionId)).toBe(true);
    expect(rows.filter((r) => nameOf[r.playerId] === 'alice').every((r) => r.correct)).toBe(true);
    expect(rows.filter((r) => nameOf[r.playerId] === 'bob').every((r) => !r.correct)).toBe(true);

    const scores = await db.client.score.findMany({ where: { lessonId: lessonRow.id } });
    for (const standing of results.standings) {
      const score = scores.find((s) => s.playerId === standing.playerId)!;
      expect(score.score).toBeCloseTo(standing.score, 9);
      const points = rows
        .filter((r) => r.playerId === standing.playerId)
        .reduce((n, r) => n + r.points, 0);
      expect(points).toBeCloseTo(standing.score, 9);
    }
    expect(results.standings[0]).toMatchObject({ nickname: 'alice', rank: 1 });
    const bobScore = results.standings.find((s) => s.nickname === 'bob')!.score;
    expect(bobScore).toBeLessThan(
      results.standings.find((s) => s.nickname === 'carol')!.score + 1e-9,
    );

    const appCode = (e: unknown) => (e as TRPCClientError<AppRouter>).data?.appCode;
    expect(
      appCode(
        await trpc.lesson.results.query({ code, secret: 'z'.repeat(43) }).catch((e: unknown) => e),
      ),
    ).toBe('NOT_INSTRUCTOR');
    expect((await trpc.lesson.results.query({ code, secret: cohost })).standings).toEqual(
      results.standings,
    );
  });

  it('no correct value reached a student before its reveal (every view bob received)', () => {
    const views = students.bob!.views;
    expect(views.length).toBeGreaterThan(settings.questions.length);
    const numbers = (v: Value) => flattenValue(v).map((x) => JSON.stringify(x));
    const allowed = new Set<string>(
      Object.values(trace.givens).flatMap((v) => (v ? numbers(v) : [])),
    );
    for (let i = 0; i < settings.questions.length; i += 1) {
      const secretNumbers = numbers(truthOf(i)).filter((x) => !allowed.has(x));
      const revealedAt = views.findIndex(atQuestion(i, 'revealed'));
      expect(revealedAt, `question ${i} revealed`).toBeGreaterThan(-1);
      for (const view of views.slice(0, revealedAt)) {
        const text = JSON.stringify(view);
        for (const x of secretNumbers)
          expect(text.includes(x), `${settings.questions[i]!.quantity} leaked ${x}`).toBe(false);
      }
      for (const x of numbers(truthOf(i))) allowed.add(x);
    }
  });

  it('lesson.view over tRPC answers with the same views as the sockets', async () => {
    const view = await trpc.lesson.view.query({
      code,
      as: { role: 'student', playerToken: tokens.bob!.playerToken },
    });
    expect(view).toMatchObject({ kind: 'student', phase: 'finished', me: { nickname: 'bob' } });
    const projector = await trpc.lesson.view.query({ code, as: { role: 'projector' } });
    expect(projector.kind).toBe('projector');
  });

  it('rate limits each connection (token bucket) without touching the lesson', async () => {
    const limited = await createServer({
      port: 0,
      databaseUrl: database.url,
      rateLimit: { perSecond: 1, burst: 3 },
    });
    try {
      const noisy = await openClient(limited.url, code, {
        role: 'student',
        playerToken: tokens.bob!.playerToken,
      });
      const calm = await openClient(limited.url, code, {
        role: 'student',
        playerToken: tokens.alice!.playerToken,
      });
      const acks = await Promise.all(Array.from({ length: 6 }, () => noisy.send('sync', {})));
      expect(acks.filter((a) => a.ok)).toHaveLength(3);
      expect(acks.filter((a) => !a.ok).map((a) => a.error?.code)).toEqual(
        Array(3).fill('RATE_LIMITED'),
      );
      expect(await calm.send('sync', {})).toMatchObject({ ok: true });
      noisy.close();
      calm.close();
    } finally {
      await limited.stop();
    }
  });
});
