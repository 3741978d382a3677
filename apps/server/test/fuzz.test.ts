// Property-based fuzzing (fast-check) of the socket API from raw socket.io clients: malformed
// payloads of every kind, huge strings, deep objects, unknown events, stale versions, refused
// commands and bad handshakes. The server stays up, answers each with a typed error (unknown
// events are ignored), and the lesson's state and stored rows do not change. Messages over
// maxHttpBufferSize cut the connection and nothing else.
import {
  answerCommandSchema,
  ERROR_CODES,
  handshakeSchema,
  instructorCommandSchema,
  JOIN_CODE_ALPHABET,
  type LessonView,
  PROTOCOL_VERSION,
} from '@backprop/contract';
import { applyMigrations, createDb, type Db } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { DECK_CONFIG, traceStep, type Value } from '@backprop/mlp-core';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import type { AppRouter } from '../src/trpc/router';
import { openClient, refusedWith, type TestClient } from './support/clients';

const CONTRACT_CODES: ReadonlySet<string> = new Set(Object.values(ERROR_CODES));
const truth = traceStep(DECK_CONFIG, 0).entries[0]!.value as Value; // z1: 1 × 3
const question = { step: 0, index: 0 };
/** Fast-check's seed is printed on failure; runs are kept small for CI. */
const RUNS = { numRuns: 60 };

type Ack = { ok: boolean; error?: { code: string; message: string } } & Record<string, unknown>;

function expectRefused(ack: Ack, codes: ReadonlySet<string> = CONTRACT_CODES): void {
  expect(ack.ok, JSON.stringify(ack).slice(0, 300)).toBe(false);
  expect(codes.has(ack.error!.code), ack.error!.code).toBe(true);
  expect(ack.error!.code).not.toMatch(/^INTERNAL/);
  expect(typeof ack.error!.message).toBe('string');
}

// --- arbitraries ---------------------------------------------------------------------------------

/**
 * A value as the server receives it: socket.io sends JSON, so undefined fields vanish and NaN
 * becomes null. Validity filters must judge this, not the generated value ({x: undefined} on a
 * valid answer IS a valid answer once sent).
 */
const asSent = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null');
/** Any JSON-ish value (what a socket.io payload can carry), nested a little. */
const junk = fc.anything({ maxDepth: 3, maxKeys: 5 }).map(asSent);
const hugeString = fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'x'.repeat(n));
/** An object nested 50 to 2,000 levels deep. */
const deep = fc
  .tuple(fc.integer({ min: 50, max: 2_000 }), fc.constantFrom('a', 'numbers', 'value'))
  .map(([depth, key]) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i += 1) v = i % 2 ? [v] : { [key]: v };
    return v;
  });
const nasty = fc.oneof(junk, hugeString, deep);
const nastyUnderLimit = fc.oneof(
  junk,
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'x'.repeat(n)),
  deep,
);
const answerId = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);
const validAnswer = fc.record({
  type: fc.constant('answer'),
  answerId,
  question: fc.constant(question),
  value: fc.constant({ numbers: truth }),
});

/** Answers the schema refuses: junk, or a valid answer with one field broken or one too many. */
const malformedAnswer = fc
  .oneof(
    junk,
    deep,
    fc
      .tuple(validAnswer, fc.constantFrom('type', 'answerId', 'question', 'value'), nasty)
      .map(([a, key, bad]) => ({ ...a, [key]: bad })),
    fc.tuple(validAnswer, hugeString).map(([a, s]) => ({ ...a, answerId: s })),
    fc.tuple(validAnswer, fc.string(), junk).map(([a, k, v]) => ({ ...a, [`x${k}`]: v })),
  )
  .map(asSent)
  .filter((payload) => !answerCommandSchema.safeParse(payload).success);

/** Well-formed answers the lesson refuses: another question, a wrong shape, a taken id. */
const refusedAnswer = fc.oneof(
  fc
    .tuple(validAnswer, fc.nat(50), fc.nat(20))
    .filter(([, step, index]) => step !== 0 || index !== 0)
    .map(([a, step, index]) => ({ ...a, question: { step, index } })),
  fc
    .tuple(validAnswer, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 3 }))
    .filter(([, rows, cols]) => rows !== 1 || cols !== 3)
    .map(([a, rows, cols]) => ({
      ...a,
      value: { numbers: Array.from({ length: rows }, () => Array(cols).fill(0.5)) },
    })),
  validAnswer.map((a) => ({ ...a, value: { choice: 3 } })),
  validAnswer.map((a) => ({ ...a, value: { signs: [[1, -1, 0]] } })),
  // Alice's answer id, with another value (from bob, or from alice herself): INVALID_INPUT.
  fc.constant({ type: 'answer', answerId: 'alice-answer-1', question, value: { numbers: 1 } }),
);

const instructorTypes = instructorCommandSchema.options.map((o) => o.shape.type.value);
/** A well-formed instructor command (any type), with the arguments it needs. */
const anyCommand = fc
  .constantFrom(...instructorTypes)
  .map((type) =>
    type === 'fastForward'
      ? { type, steps: 3 }
      : type === 'kick' || type === 'readmit'
        ? { type, playerId: 'nobody' }
        : type === 'display'
          ? { type, options: { sounds: true } }
          : type === 'showSnapshot'
            ? { type, target: { kind: 'answer', playerId: 'nobody' } }
            : { type },
  );

// --- the server and a lesson with an open question ------------------------------------------------

describe('fuzzing the socket API (sqlite)', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let db: Db;
  let code: string;
  let secret: string;
  let version: number;
  const tokens: Record<string, { playerId: string; playerToken: string }> = {};
  const clients: TestClient[] = [];
  let teacher: TestClient;
  let alice: TestClient;
  let bob: TestClient;
  let projector: TestClient;
  let anonymous: Socket;

  const snapshot = async () => {
    const lesson = await db.client.lesson.findUniqueOrThrow({ where: { code } });
    const where = { where: { lessonId: lesson.id } };
    return {
      view: (await teacher.send('sync', {})).view as LessonView,
      lesson,
      commands: await db.client.lessonCommand.findMany({ ...where, orderBy: { seq: 'asc' } }),
      players: await db.client.player.findMany({ ...where, orderBy: { joinedAt: 'asc' } }),
      answers: await db.client.answer.findMany(where),
      scores: await db.client.score.findMany({ ...where, orderBy: { playerId: 'asc' } }),
    };
  };
  let before: Awaited<ReturnType<typeof snapshot>>;
  const send = (socket: Socket, event: string, payload: unknown): Promise<Ack> =>
    socket.timeout(5_000).emitWithAck(event, payload);
  /** After every run: the same version (the full comparison is at the end). */
  const unchanged = async () => {
    const view = (await teacher.send('sync', {})).view as LessonView;
    expect(view.version).toBe(version);
  };

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await applyMigrations(database.url);
    // A generous limit: the flood test covers RATE_LIMITED; here every message must be looked at.
    server = await createServer({
      port: 0,
      databaseUrl: database.url,
      rateLimit: { perSecond: 100_000, burst: 100_000 },
    });
    db = createDb(database.url);
    const trpc = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    ({ code, instructorSecret: secret } = await trpc.lesson.create.mutate({ preset: 'deck' }));
    for (const name of ['alice', 'bob']) {
      tokens[name] = await trpc.lesson.join.mutate({ code, nickname: name });
    }
    teacher = await openClient(server.url, code, { role: 'instructor', secret });
    alice = await openClient(server.url, code, {
      role: 'student',
      playerToken: tokens.alice!.playerToken,
    });
    bob = await openClient(server.url, code, {
      role: 'student',
      playerToken: tokens.bob!.playerToken,
    });
    projector = await openClient(server.url, code, { role: 'projector' });
    clients.push(teacher, alice, bob, projector);
    anonymous = connect(server.url, { transports: ['websocket'], reconnection: false });
    await new Promise((resolve) => anonymous.once('connect', () => resolve(undefined)));
    for (const type of ['start', 'open']) {
      expect(await teacher.send('command', { command: { type } })).toMatchObject({ ok: true });
    }
    const answered = await alice.send('answer', {
      type: 'answer',
      answerId: 'alice-answer-1',
      question,
      value: { numbers: truth },
    });
    expect(answered).toMatchObject({ ok: true });
    version = answered.version as number;
    before = await snapshot();
  });

  afterAll(async () => {
    anonymous?.disconnect();
    for (const c of clients) c.close();
    await server?.stop();
    await db?.close();
    await database?.drop();
  });

  it('malformed answers from students get INVALID_INPUT', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('alice', 'bob'), malformedAnswer, async (who, payload) => {
        const ack = await (who === 'alice' ? alice : bob).send('answer', payload);
        expectRefused(ack);
        expect(ack.error!.code).toBe('INVALID_INPUT');
        await unchanged();
      }),
      RUNS,
    );
  });

  it('well-formed answers the lesson refuses get their typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('alice', 'bob'), refusedAnswer, async (who, payload) => {
        const ack = await (who === 'alice' ? alice : bob).send('answer', payload);
        expectRefused(ack);
        expect(['INVALID_INPUT', 'QUESTION_CLOSED', 'BAD_ANSWER']).toContain(ack.error!.code);
        await unchanged();
      }),
      RUNS,
    );
  });

  it('every event from the wrong sender, or with junk, is refused', async () => {
    const senders = () => ({ teacher, alice, bob, projector });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('teacher', 'alice', 'bob', 'projector', 'anonymous'),
        fc.constantFrom('command', 'answer', 'sync', 'health'),
        fc.oneof(
          nasty,
          anyCommand.map((command) => ({ command })),
          validAnswer,
        ),
        async (who, event, payload) => {
          // What would be accepted is left out: a valid command from the instructor, a fresh
          // valid answer from a student, an empty sync, a well-formed health check.
          const isStudent = who === 'alice' || who === 'bob';
          if (event === 'command' && who === 'teacher') {
            const parsed = instructorCommandSchema.safeParse(
              (payload as { command?: unknown } | null)?.command,
            );
            fc.pre(!parsed.success || typeof payload !== 'object');
          }
          if (event === 'answer' && isStudent) {
            fc.pre(!answerCommandSchema.safeParse(payload).success);
          }
          if (event === 'sync') fc.pre(JSON.stringify(payload) !== '{}');
          if (event === 'health') {
            fc.pre(
              typeof payload !== 'object' ||
                payload === null ||
                Array.isArray(payload) ||
                Object.keys(payload).some((k) => k !== 'source'),
            );
          }
          const socket =
            who === 'anonymous' ? anonymous : (senders()[who].socket as unknown as Socket);
          const ack = await send(socket, event, payload);
          // Health is open to every connection; its refusals use the contract's codes too.
          expectRefused(ack, CONTRACT_CODES);
          await unchanged();
        },
      ),
      RUNS,
    );
  });

  it('instructor commands on a stale version, or in the wrong phase, are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // Any command, built on another version: STALE_VERSION before anything else.
          fc
            .tuple(anyCommand, fc.nat(1_000_000))
            .filter(([, v]) => v !== version)
            .map(([command, v]) => ({ payload: { command, version: v }, code: 'STALE_VERSION' })),
          // While a question is open these do not fit (or name nobody).
          fc
            .constantFrom(
              { command: { type: 'start' } },
              { command: { type: 'next' } },
              { command: { type: 'resume' } },
              { command: { type: 'fastForward', steps: 5 } },
              { command: { type: 'kick', playerId: 'nobody' } },
              { command: { type: 'readmit', playerId: 'nobody' } },
            )
            .map((payload) => ({ payload, code: null })),
        ),
        async ({ payload, code: expected }) => {
          const ack = await teacher.send('command', payload);
          expectRefused(ack);
          if (expected) expect(ack.error!.code).toBe(expected);
          await unchanged();
        },
      ),
      RUNS,
    );
  });

  it('unknown events are ignored and the connection keeps working', async () => {
    const reserved = new Set([
      'connect',
      'connect_error',
      'disconnect',
      'disconnecting',
      'newListener',
      'removeListener',
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((e) => !reserved.has(e) && !['command', 'answer', 'sync', 'health'].includes(e)),
        nasty,
        async (event, payload) => {
          let answered = false;
          alice.socket.emit(event as 'sync', payload as Record<string, never>, () => {
            answered = true;
          });
          // Events are handled in order: once sync is answered, the unknown one was seen.
          expect(await alice.send('sync', {})).toMatchObject({ ok: true });
          expect(answered).toBe(false);
          await unchanged();
        },
      ),
      { numRuns: 30 },
    );
  });

  it('bad handshakes are refused with a typed error', async () => {
    const code6 = fc
      .array(fc.constantFrom(...JOIN_CODE_ALPHABET), { minLength: 6, maxLength: 6 })
      .map((cs) => cs.join(''))
      .filter((c) => c !== code);
    const secret16 = fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/);
    const handshake = fc.oneof(
      fc
        .integer()
        .filter((v) => v !== PROTOCOL_VERSION)
        .map((v) => ({ protocolVersion: v, code, as: { role: 'projector' } })),
      code6.map((c) => ({ protocolVersion: PROTOCOL_VERSION, code: c, as: { role: 'projector' } })),
      secret16.map((s) => ({
        protocolVersion: PROTOCOL_VERSION,
        code,
        as: { role: 'instructor', secret: s },
      })),
      secret16.map((s) => ({
        protocolVersion: PROTOCOL_VERSION,
        code,
        as: { role: 'cohost', token: s },
      })),
      secret16.map((s) => ({
        protocolVersion: PROTOCOL_VERSION,
        code,
        as: { role: 'student', playerToken: s },
      })),
      fc
        // Fields up to 20 kB each: two 40 kB strings would pass the 64 kB message limit, which
        // drops the connection (tested below) instead of answering.
        .record({
          protocolVersion: fc.constant(PROTOCOL_VERSION),
          code: nastyUnderLimit,
          as: nastyUnderLimit,
        })
        .map(asSent)
        .filter((h) => !handshakeSchema.safeParse(h).success),
      fc
        .dictionary(fc.string({ maxLength: 10 }), junk, { minKeys: 1, maxKeys: 4 })
        .map(asSent)
        .filter((h) => !handshakeSchema.safeParse(h).success)
        // {} (e.g. {"": undefined} once sent) is a connection without a lesson handshake, which
        // is accepted for `health` only (server.test.ts uses one).
        .filter((h) => Object.keys(h as object).length > 0),
    );
    await fc.assert(
      fc.asyncProperty(handshake, async (auth) => {
        const refusal = await refusedWith(
          openClient(server.url, code, { role: 'projector' }, auth),
        );
        expect(refusal, JSON.stringify(auth).slice(0, 200)).toBeDefined();
        expect(CONTRACT_CODES.has(refusal!.code)).toBe(true);
        expect(refusal!.code).not.toBe('INTERNAL');
        await unchanged();
      }),
      { numRuns: 40 },
    );
  });

  it('a message over the size limit drops only that connection', async () => {
    const big = openClient(server.url, code, {
      role: 'student',
      playerToken: tokens.bob!.playerToken,
    });
    const c = await big;
    const closed = new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
    (c.socket as unknown as Socket).emit('answer', {
      type: 'answer',
      answerId: 'x'.repeat(200_000),
      question,
      value: { numbers: truth },
    });
    expect(await closed).toBe('transport close');
    // Everyone else is still connected and answered; the server is fine.
    for (const other of [teacher, alice, bob, projector]) expect(other.socket.connected).toBe(true);
    expect(await bob.send('sync', {})).toMatchObject({ ok: true });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('afterwards the lesson and its stored rows are exactly as before', async () => {
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(after.view.version).toBe(version);
    expect(after.view.question).toMatchObject({ status: 'open', answeredCount: 1 });
  });
});
