// Regression tests for the security audit (issue 14), on a real server and a real database of
// each provider. Each test names the defect it covers; each failed on the code before the fix.
import { DECK_PRESET } from '@backprop/contract';
import { applyMigrations, createDb, type Db, PROVIDERS } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import type { AppRouter } from '../src/trpc/router';
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
