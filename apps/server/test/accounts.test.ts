// Instructor accounts over the real server and a real database of each provider: sign-up and
// sign-in through better-auth's HTTP endpoints, the session in tRPC, ownership of lessons and
// assignments enforced by the server, and all of it still there after a restart.
import { type AssignmentSettings, DECK_PRESET } from '@backprop/contract';
import { applyMigrations, createDb, type Db, PROVIDERS } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import { systemClock } from '../src/lessons/clock';
import {
  appCodeOf,
  type InstructorBrowser,
  instructorBrowser,
  signUp,
} from './support/instructors';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const clock = { ...systemClock, now: () => T0 };

const assignmentInput = (title: string): AssignmentSettings => ({
  title,
  settings: DECK_PRESET,
  opensAt: T0 - HOUR,
  dueAt: T0 + 24 * HOUR,
  attempts: 2,
  showHints: true,
  askStudentNumber: false,
});

describe.each(PROVIDERS)('instructor accounts on %s', (provider) => {
  let database: TestDatabase;
  let server: RunningServer;
  let db: Db;
  let alice: InstructorBrowser;
  let bob: InstructorBrowser;
  let aliceLesson: string;
  let anonymousLesson: string;
  let aliceAssignment: string;

  const start = () => createServer({ port: 0, databaseUrl: database.url, clock });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await applyMigrations(database.url);
    server = await start();
    db = createDb(database.url);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await database?.drop();
  });

  it('signs two instructors up over HTTP: an httpOnly session cookie, the password hashed', async () => {
    alice = await signUp(server.url, 'Alice');
    bob = await signUp(server.url, 'Bob');
    const [name, cookie] = [...alice.cookies][0]!;
    expect(name).toMatch(/session_token$/);
    expect(cookie.attributes).toMatch(/HttpOnly/i);
    expect(cookie.attributes).toMatch(/SameSite=Lax/i);
    const user = await db.client.user.findUniqueOrThrow({
      where: { email: alice.email },
      include: { accounts: true },
    });
    const stored = user.accounts[0]!.password!;
    expect(stored).not.toContain(alice.password);
    // better-auth's scrypt format: hex salt, colon, hex key.
    expect(stored).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await alice.trpc.account.me.query()).toEqual({
      id: user.id,
      name: 'Alice',
      email: alice.email,
    });
    expect((await bob.trpc.account.me.query())?.name).toBe('Bob');
  });

  it('knows no one without a cookie, and refuses a wrong password', async () => {
    const stranger = instructorBrowser(server.url, { name: 'Stranger' });
    expect(await stranger.trpc.account.me.query()).toBeNull();
    expect(await appCodeOf(stranger.trpc.account.lessons.query())).toBe('NOT_SIGNED_IN');
    expect(await appCodeOf(stranger.trpc.assignment.list.query())).toBe('NOT_SIGNED_IN');
    const wrong = instructorBrowser(server.url, { name: 'Alice', email: alice.email });
    const res = await wrong.signIn('not the password');
    expect(res.status).toBe(401);
    expect(wrong.cookies.size).toBe(0);
    const again = instructorBrowser(server.url, {
      name: 'Alice',
      email: alice.email,
      password: alice.password,
    });
    expect((await again.signIn()).status).toBe(200);
    expect((await again.trpc.account.me.query())?.email).toBe(alice.email);
  });

  it('trusts the web app proxying /api (Origin = X-Forwarded-Host), not another site', async () => {
    const web = 'http://localhost:3000';
    const proxied = instructorBrowser(server.url, { name: 'Carol' }, web);
    const signup = (b: InstructorBrowser, headers: Record<string, string>) =>
      b.fetch('/api/auth/sign-up/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'Carol', email: b.email, password: b.password }),
      });
    // A sign-up carries no cookie, so better-auth's CSRF check needs the browser's fetch metadata.
    const browserish = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' };
    const evil = instructorBrowser(server.url, { name: 'Mallory' }, 'http://evil.example');
    expect((await signup(evil, browserish)).status).toBe(403);
    expect(await db.client.user.count({ where: { email: evil.email } })).toBe(0);
    const ok = await signup(proxied, { ...browserish, 'x-forwarded-host': 'localhost:3000' });
    expect(ok.status).toBe(200);
    // The cookie is only honoured from a trusted origin: the same jar from another site is nobody.
    const replayed = instructorBrowser(
      server.url,
      { name: 'Carol' },
      'http://evil.example',
      proxied.cookies,
    );
    expect(await replayed.trpc.account.me.query()).toBeNull();
    // A preflight cannot ask to send X-Forwarded-Host.
    const preflight = await fetch(`${server.url}/trpc/account.me`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://evil.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'content-type, x-forwarded-host',
      },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('gives a lesson created while signed in to its instructor; "teach now" stays anonymous', async () => {
    ({ code: aliceLesson } = await alice.trpc.lesson.create.mutate({ preset: 'deck' }));
    const anonymous = instructorBrowser(server.url, { name: 'Nobody' });
    ({ code: anonymousLesson } = await anonymous.trpc.lesson.create.mutate({ preset: 'deck' }));
    const owner = async (code: string) =>
      (await db.client.lesson.findUniqueOrThrow({ where: { code } })).ownerId;
    const aliceId = (await alice.trpc.account.me.query())!.id;
    expect(await owner(aliceLesson)).toBe(aliceId);
    expect(await owner(anonymousLesson)).toBeNull();
    const lessons = await alice.trpc.account.lessons.query();
    expect(lessons).toEqual([{ code: aliceLesson, createdAt: T0, finishedAt: null, players: 0 }]);
    expect(await bob.trpc.account.lessons.query()).toEqual([]);
  });

  it('creates, lists and gets assignments for their owner only', async () => {
    const input = assignmentInput('Backprop homework 1');
    const created = await alice.trpc.assignment.create.mutate(input);
    aliceAssignment = created.id;
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(created).toEqual({
      ...input,
      id: created.id,
      status: 'open',
      createdAt: T0,
      started: 0,
      finished: 0,
    });
    const upcoming = await alice.trpc.assignment.create.mutate({
      ...assignmentInput('Later'),
      opensAt: T0 + HOUR,
    });
    expect(upcoming.status).toBe('upcoming');
    expect((await alice.trpc.assignment.list.query()).map((a) => a.title).sort()).toEqual([
      'Backprop homework 1',
      'Later',
    ]);
    expect(await alice.trpc.assignment.get.query({ id: created.id })).toEqual(created);
    expect(await bob.trpc.assignment.list.query()).toEqual([]);
    expect(await appCodeOf(bob.trpc.assignment.get.query({ id: created.id }))).toBe('NOT_OWNER');
    expect(await appCodeOf(alice.trpc.assignment.get.query({ id: 'no-such-assignment' }))).toBe(
      'UNKNOWN_ASSIGNMENT',
    );
    expect(
      await appCodeOf(alice.trpc.assignment.create.mutate({ ...input, dueAt: input.opensAt - 1 })),
    ).toBe('INVALID_INPUT');
  });

  it('keeps accounts, sessions, lessons and assignments across a restart; sign-out ends the session', async () => {
    const before = await alice.trpc.assignment.list.query();
    await server.stop();
    server = await start();
    alice = alice.at(server.url);
    bob = bob.at(server.url);
    expect((await alice.trpc.account.me.query())?.name).toBe('Alice');
    expect(await alice.trpc.assignment.list.query()).toEqual(before);
    expect((await alice.trpc.account.lessons.query()).map((l) => l.code)).toEqual([aliceLesson]);
    expect(await appCodeOf(bob.trpc.assignment.get.query({ id: aliceAssignment }))).toBe(
      'NOT_OWNER',
    );
    const token = [...alice.cookies.values()][0]!.value;
    expect((await alice.signOut()).status).toBe(200);
    expect(alice.cookies.size).toBe(0);
    // The old cookie, kept by someone, is dead too: the session row is gone.
    const stolen = instructorBrowser(server.url, { name: 'Alice' });
    stolen.cookies.set('better-auth.session_token', { value: token, attributes: '' });
    expect(await stolen.trpc.account.me.query()).toBeNull();
    expect(await appCodeOf(stolen.trpc.assignment.list.query())).toBe('NOT_SIGNED_IN');
  });
});
