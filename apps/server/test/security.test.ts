// Regression tests for the security audit (issue 14), on a real server and a real database of
// each provider. Each test names the defect it covers; each failed on the code before the fix.
import { DECK_PRESET } from '@backprop/contract';
import { applyMigrations, createDb, type Db, PROVIDERS } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import type { AppRouter } from '../src/trpc/router';
import { openClient, refusedWith, type TestClient } from './support/clients';
import { type InstructorBrowser, signUp } from './support/instructors';

const HOUR = 3_600_000;
/** A page somewhere else on the school network (another port or host than the app's). */
const FOREIGN_ORIGIN = 'http://192.0.2.7:8080';

const anonymous = (url: string) =>
  createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc` })] });

describe.each(PROVIDERS)('security defects on %s', (provider) => {
  let database: TestDatabase;
  let server: RunningServer;
  let db: Db;
  let alice: InstructorBrowser;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await applyMigrations(database.url);
    server = await createServer({ port: 0, databaseUrl: database.url });
    db = createDb(database.url);
    alice = await signUp(server.url, 'Alice');
  });

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await database?.drop();
  });

  it('[14.2] another origin gets no credentialed CORS on the session endpoint (default install)', async () => {
    const res = await alice.fetch('/api/auth/get-session', { headers: { origin: FOREIGN_ORIGIN } });
    // The browser only hands the body to the foreign page when both headers allow it.
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(`${server.url}/api/auth/get-session`, {
      method: 'OPTIONS',
      headers: { origin: FOREIGN_ORIGIN, 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('[14.2] an origin listed in CORS_ORIGIN still gets credentialed CORS', async () => {
    const listed = await createServer({
      port: 0,
      databaseUrl: database.url,
      corsOrigin: ['http://app.school.example'],
    });
    try {
      const res = await fetch(`${listed.url}/healthz`, {
        headers: { origin: 'http://app.school.example' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBe('http://app.school.example');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      const foreign = await fetch(`${listed.url}/healthz`, { headers: { origin: FOREIGN_ORIGIN } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await listed.stop();
    }
  });

  it('[14.2] without BETTER_AUTH_SECRET the install makes its own secret, kept in the database and shared', async () => {
    const rows = await db.client.serverSecret.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The old public development secret is gone from the code; the stored one is not it.
    expect(rows[0]!.value).not.toBe('backprop-live-dev-only-7Qm2vXr9LkT4wZp8HsN3bYc6JdF5gAe1');
    // A second process on the same database (or a restart) accepts the same session cookie.
    const second = await createServer({ port: 0, databaseUrl: database.url });
    try {
      expect((await alice.at(second.url).trpc.account.me.query())?.email).toBe(alice.email);
      expect(await db.client.serverSecret.count()).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('[14.4] names and student numbers that a spreadsheet would run are neutralised in every CSV', async () => {
    const { id: assignmentId } = await alice.trpc.assignment.create.mutate({
      title: 'Injection',
      settings: DECK_PRESET,
      opensAt: Date.now() - HOUR,
      dueAt: Date.now() + HOUR,
      attempts: 1,
      showHints: false,
      askStudentNumber: true,
    });
    const hostile = [
      { name: '=HYPERLINK(x)', studentNumber: '+31612345678' },
      { name: '@SUM(A1:A9)', studentNumber: '-2+3' },
      { name: "=cmd|'/C calc'!A0", studentNumber: '=1+1' },
    ];
    for (const student of hostile) {
      await anonymous(server.url).homework.start.mutate({ assignmentId, ...student });
    }
    for (const table of ['students', 'answers']) {
      const text = await (
        await alice.fetch(`/api/reports/assignment/${assignmentId}/${table}.csv`)
      ).text();
      const cells = text.split(/\r\n/).flatMap((line) => line.split(','));
      for (const cell of cells) {
        expect(cell.replace(/^"/, ''), `${table}.csv cell ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
      }
      for (const { name } of hostile) expect(text).toContain(`'${name}`);
    }
  });

  it('[14.6] an unexpected failure leaves as INTERNAL with a reference, never internal text', async () => {
    // A NUL byte in a nickname: PostgreSQL refuses it inside the driver. Whatever the path, the
    // client sees a typed code and no Prisma message, file path or SQL.
    const { code } = await anonymous(server.url).lesson.create.mutate({ preset: 'deck' });
    try {
      await anonymous(server.url).lesson.join.mutate({ code, nickname: 'Eve\u0000' });
    } catch (error) {
      expect(error).toBeInstanceOf(TRPCClientError);
      const { message, data } = error as TRPCClientError<AppRouter>;
      expect(message).not.toMatch(/prisma|invalid byte|\/work\/|node_modules|SELECT|INSERT/i);
      expect(['INTERNAL', 'NAME_REFUSED', 'INVALID_INPUT']).toContain(
        (data as { appCode?: string }).appCode,
      );
      if ((data as { appCode?: string }).appCode === 'INTERNAL') {
        expect(message).toMatch(/^Internal server error \(reference [0-9a-f]{8}\)$/);
      }
    }
  });

  it('[14.7] nicknames: invisible and control characters refused, look-alikes of a present student taken, spacing does not hide a swear word', async () => {
    const client = anonymous(server.url);
    const { code } = await client.lesson.create.mutate({ preset: 'deck' });
    const join = (nickname: string) =>
      client.lesson.join.mutate({ code, nickname }).then(
        () => 'OK',
        (error: unknown) =>
          ((error as TRPCClientError<AppRouter>).data as { appCode?: string })?.appCode,
      );
    expect(await join('Anna')).toBe('OK');
    expect(await join('José')).toBe('OK');
    for (const name of [
      '\u200b\u200b',
      'Eve\u0000',
      'Eve\nBob',
      'Eve\u001b[31m',
      'Eve\u202etxt.exe',
      'An\u00adna',
      'Anna\u200b',
    ]) {
      expect(await join(name), JSON.stringify(name)).toBe('NAME_REFUSED');
    }
    // Cyrillic А, fullwidth letters, other case, NFD: Anna and José are already here.
    for (const name of ['\u0410nna', '\uff21\uff4e\uff4e\uff41', 'ANNA', 'Jose\u0301']) {
      expect(await join(name), JSON.stringify(name)).toBe('NAME_TAKEN');
    }
    for (const name of ['f u c k', 'f.u.c.k', 'sh1t'])
      expect(await join(name), name).toBe('NAME_REFUSED');
    // Student numbers are not swear words in leet-speak.
    for (const name of ['p155', 'p1550']) expect(await join(name), name).toBe('OK');
    const players = await db.client.player.findMany({ where: { lesson: { code } } });
    expect(players.map((p) => p.nickname).sort()).toEqual(['Anna', 'José', 'p155', 'p1550']);
  });

  it('[14.7] homework names are normalised and filtered too', async () => {
    const { id: assignmentId } = await alice.trpc.assignment.create.mutate({
      title: 'Names',
      settings: DECK_PRESET,
      opensAt: Date.now() - HOUR,
      dueAt: Date.now() + HOUR,
      attempts: 1,
      showHints: false,
      askStudentNumber: false,
    });
    const start = (name: string) =>
      anonymous(server.url)
        .homework.start.mutate({ assignmentId, name })
        .then(
          () => 'OK',
          (error: unknown) =>
            ((error as TRPCClientError<AppRouter>).data as { appCode?: string })?.appCode,
        );
    expect(await start('s h i t')).toBe('NAME_REFUSED');
    expect(await start('Eve\u202e')).toBe('NAME_REFUSED');
    expect(await start('\uff21\uff44\uff41')).toBe('OK');
    const stored = await db.client.homeworkStudent.findMany({ where: { assignmentId } });
    expect(stored.map((s) => s.name)).toEqual(['Ada']);
  });

  it('[14.8] the server answers with nosniff, no framing and no referrer', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('[14.8] /metrics with METRICS_TOKEN', () => {
  let database: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await applyMigrations(database.url);
    server = await createServer({
      port: 0,
      databaseUrl: database.url,
      metricsToken: 'prometheus-scrape-token-0123456789',
    });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('refuses a scrape without the token and serves one with it', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer prometheus-scrape-token-012345678X' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer prometheus-scrape-token-0123456789' },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/^# HELP/m);
  });
});

describe('[14.3][14.5] budgets, with real clients on a real server', () => {
  let database: TestDatabase;
  let server: RunningServer;
  /** Default budgets, for the sign-in and sign-up ones. */
  let accounts: RunningServer;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await applyMigrations(database.url);
    accounts = await createServer({
      port: 0,
      databaseUrl: database.url,
      limits: { trustProxy: ['loopback'] },
    });
    // A tenth of each budget keeps the test short; loopback's X-Forwarded-For is believed so
    // each test can speak from addresses of its own.
    server = await createServer({
      port: 0,
      databaseUrl: database.url,
      limits: { scale: 0.1, trustProxy: ['loopback'] },
      maxPlayersPerLesson: 3,
    });
    db = createDb(database.url);
  });

  afterAll(async () => {
    await server?.stop();
    await accounts?.stop();
    await db?.close();
    await database?.drop();
  });

  /** A tRPC client whose requests come (through a trusted proxy) from `address`. */
  const from = (address: string) =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({ url: `${server.url}/trpc`, headers: { 'x-forwarded-for': address } }),
      ],
    });
  const appCode = async (promise: Promise<unknown>) =>
    promise.then(
      () => 'OK',
      (error: unknown) =>
        ((error as TRPCClientError<AppRouter>).data as { appCode?: string } | undefined)?.appCode ??
        String(error),
    );

  it('[14.3] password guessing on one account stops after 10 tries, whatever the address', async () => {
    const ada = await signUp(accounts.url, 'Ada');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const res = await fetch(`${accounts.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: accounts.url,
          // A new address each time, as the audit rotated it.
          'x-forwarded-for': `198.51.100.${i}`,
        },
        body: JSON.stringify({ email: ada.email, password: `guess number ${i}` }),
      });
      statuses.push(res.status);
    }
    // Ada's own successful sign-in in signUp spent one try.
    expect(statuses.filter((s) => s === 401).length).toBe(9);
    expect(statuses.filter((s) => s === 429).length).toBe(21);
  });

  it('[14.3] common passwords are refused; a long name too; sign-up does not tell which emails exist', async () => {
    const signUpAs = (body: object) =>
      fetch(`${accounts.url}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: accounts.url,
          'x-forwarded-for': '198.51.100.200',
        },
        body: JSON.stringify(body),
      });
    for (const password of ['password', '12345678', 'aaaaaaaa', 'qwertyuiop']) {
      const res = await signUpAs({ name: 'Eve', email: 'eve@school.example', password });
      expect(res.status, password).toBe(400);
      expect(((await res.json()) as { code?: string }).code).toBe('WEAK_PASSWORD');
    }
    const long = await signUpAs({
      name: 'x'.repeat(1_000),
      email: 'long@school.example',
      password: 'correct horse battery staple',
    });
    expect(long.status).toBe(400);
    expect(await db.client.user.count({ where: { email: 'long@school.example' } })).toBe(0);
    // A new email and an existing one: the same status and the same shape, no session either way.
    const existing = await signUp(accounts.url, 'Grace');
    const answers = [];
    for (const email of [existing.email, 'nobody-yet@school.example']) {
      const res = await signUpAs({ name: 'Mallory', email, password: 'another fine long phrase' });
      const body = (await res.json()) as { token?: unknown };
      answers.push({
        status: res.status,
        keys: Object.keys(body).sort(),
        token: body.token,
        cookie: res.headers.getSetCookie().length,
      });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ status: 200, token: null, cookie: 0 });
  });

  it('[14.5] anonymous lesson creation is bounded per address; a 64 kB body and an 11-call batch are refused', async () => {
    const codes = [];
    for (let i = 0; i < 8; i += 1)
      codes.push(await appCode(from('203.0.113.1').lesson.create.mutate({ preset: 'deck' })));
    expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED']);
    // Another address is not affected.
    expect(await appCode(from('203.0.113.2').lesson.create.mutate({ preset: 'deck' }))).toBe('OK');

    const big = await fetch(`${server.url}/trpc/lesson.join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'ABCDEF', nickname: 'x'.repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    const batch = await fetch(
      `${server.url}/trpc/${Array(11).fill('account.me').join(',')}?batch=1&input={}`,
    );
    expect(batch.status).toBe(400);
  });

  it('[14.5] join-code guessing is refused after 3 misses a minute per address (a tenth of 30)', async () => {
    const guesses = [];
    for (let i = 0; i < 6; i += 1) {
      guesses.push(
        await appCode(
          from('203.0.113.9').lesson.join.mutate({ code: `ZZZZZ${'ABCDEF'[i]}`, nickname: 'Eve' }),
        ),
      );
    }
    expect(guesses).toEqual([
      'UNKNOWN_LESSON',
      'UNKNOWN_LESSON',
      'UNKNOWN_LESSON',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
  });

  it('[14.5] a lesson admits at most MAX_PLAYERS_PER_LESSON students', async () => {
    const { code } = await from('203.0.113.20').lesson.create.mutate({ preset: 'deck' });
    const joins = [];
    for (const nickname of ['Ann', 'Ben', 'Cy', 'Dee']) {
      joins.push(await appCode(from('203.0.113.20').lesson.join.mutate({ code, nickname })));
    }
    expect(joins).toEqual(['OK', 'OK', 'OK', 'LESSON_FULL']);
  });
  it('[14.5] one student: at most 4 connections, and one answer budget across all of them', async () => {
    const { code, instructorSecret } = await from('203.0.113.30').lesson.create.mutate({
      preset: 'deck',
    });
    const { playerToken } = await from('203.0.113.30').lesson.join.mutate({
      code,
      nickname: 'Sam',
    });
    const teacher = await openClient(server.url, code, {
      role: 'instructor',
      secret: instructorSecret,
    });
    for (const type of ['start', 'open'] as const) {
      expect(await teacher.send('command', { command: { type } })).toMatchObject({ ok: true });
    }
    const as = { role: 'student', playerToken } as const;
    const sockets: TestClient[] = [];
    for (let i = 0; i < 4; i += 1) sockets.push(await openClient(server.url, code, as));
    expect(await refusedWith(openClient(server.url, code, as))).toMatchObject({
      code: 'RATE_LIMITED',
    });
    // 25 answers on each of the 4 connections at once: the student's one bucket (a burst of 20,
    // then 10 a second) admits about 20, not 4 × 20.
    const acks = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        sockets[i % 4]!.send('answer', {
          type: 'answer',
          answerId: `flood-${String(i).padStart(4, '0')}`,
          question: { step: 0, index: 0 },
          value: { numbers: [[0.1, 0.2, 0.3]] },
        }),
      ),
    );
    const limited = acks.filter((ack) => ack.error?.code === 'RATE_LIMITED').length;
    expect(100 - limited).toBeLessThanOrEqual(25);
    expect(limited).toBeGreaterThanOrEqual(75);
    for (const socket of [teacher, ...sockets]) socket.close();
  });

  it('[14.5] socket handshakes are bounded per address (120 a minute at a tenth)', async () => {
    const outcomes = await Promise.all(
      Array.from(
        { length: 130 },
        () =>
          new Promise<string>((resolve) => {
            const socket = connect(server.url, {
              transports: ['websocket'],
              reconnection: false,
              extraHeaders: { 'x-forwarded-for': '203.0.113.77' },
            });
            socket.once('connect', () => {
              socket.disconnect();
              resolve('connected');
            });
            socket.once('connect_error', (error) => {
              socket.disconnect();
              resolve((error as { data?: { code?: string } }).data?.code ?? error.message);
            });
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'connected').length).toBe(120);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED').length).toBe(10);
  });
});
