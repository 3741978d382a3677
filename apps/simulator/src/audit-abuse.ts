// pnpm audit:abuse
// Not a test: starts a throwaway server (apps/server src/main.ts through tsx, defaults of a fresh
// install, a temporary SQLite file, a free loopback port), floods it with each abuse of the
// security audit (issue 14) as an anonymous client on the network would, and prints what was
// admitted and the server's memory. Every request goes to 127.0.0.1 and every loop is bounded.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DECK_PRESET, JOIN_CODE_ALPHABET, PROTOCOL_VERSION } from '@backprop/contract';
import { CHOICE_COUNT, choiceSeed } from '@backprop/lesson';
import { multipleChoice, traceStep } from '@backprop/mlp-core';
import { io } from 'socket.io-client';
import { ProcessSampler } from './proc';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server');

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, SERVER_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on port')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr?.on('data', () => {}); // refusals are logged; a full pipe must not block it
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dir = await mkdtemp(path.join(tmpdir(), 'backprop-audit-'));
const server = await startServer(`file:${path.join(dir, 'audit.db')}`, port);
const sampler = new ProcessSampler(server.pid!);
const rows: [string, string][] = [];
const report = (abuse: string, outcome: string) => {
  rows.push([abuse, outcome]);
  console.log(`${abuse.padEnd(58)} ${outcome}`);
};

type Trpc = { result?: { data: unknown }; error?: { data?: { appCode?: string } } };
async function trpc(procedure: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  const body = (await res.json().catch(() => ({}))) as Trpc;
  return { status: res.status, data: body.result?.data, code: body.error?.data?.appCode ?? 'OK' };
}
const readRssMb = (pid: number): number =>
  Math.round(
    Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024,
  );
const count = <T>(items: T[], pred: (item: T) => boolean) => items.filter(pred).length;

try {
  // 1. Multiple choice: the right option computed from what a student holds (the join code, the
  // question key, mlp-core), as the audit did: 36 of 36 before the salt.
  let hits = 0;
  const lessons = 24;
  const settings = { ...DECK_PRESET, questions: [{ quantity: 'h2', mode: 'choice' }] };
  for (let i = 0; i < lessons; i += 1) {
    const created = await trpc('lesson.create', { settings }, { 'x-forwarded-for': '10.3.3.3' });
    const { code, instructorSecret } = created.data as { code: string; instructorSecret: string };
    const staff = io(base, {
      transports: ['websocket'],
      reconnection: false,
      auth: {
        protocolVersion: PROTOCOL_VERSION,
        code,
        as: { role: 'instructor', secret: instructorSecret },
      },
    });
    await new Promise<void>((resolve) => staff.once('connect', () => resolve()));
    await staff.timeout(5_000).emitWithAck('command', { command: { type: 'start' } });
    const { view } = (await staff.timeout(5_000).emitWithAck('sync', {})) as {
      view?: { question?: { truth?: unknown; options?: unknown[] | null } };
    };
    const guess = multipleChoice(traceStep(DECK_PRESET.network, 0), 'h2', {
      seed: choiceSeed(code, { step: 0, index: 0 }),
      count: CHOICE_COUNT,
    });
    // The student picks the option at the index the computation says; right when it is the truth.
    const picked = view?.question?.options?.[guess.correctIndex];
    if (JSON.stringify(picked) === JSON.stringify(view?.question?.truth)) hits += 1;
    staff.disconnect();
  }
  report(
    '1 choice option computed from the join code',
    `right ${hits} of ${lessons} (chance: 1 in ${CHOICE_COUNT})`,
  );

  // 2. A page elsewhere reading the session endpoint with credentials.
  const cors = await fetch(`${base}/api/auth/get-session`, {
    headers: { origin: 'http://192.0.2.7:8080' },
  });
  report(
    '2 credentialed CORS for a foreign origin',
    `Access-Control-Allow-Credentials: ${cors.headers.get('access-control-allow-credentials') ?? 'absent'}`,
  );

  // 3. Password guessing with rotated X-Forwarded-For; common passwords.
  const email = `victim-${Date.now()}@school.example`;
  const signUp = (body: object, ip = '10.9.9.9') =>
    fetch(`${base}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    });
  await signUp({ name: 'Victim', email, password: 'a long and private phrase 42' });
  const guesses = [];
  for (let i = 0; i < 30; i += 1) {
    const res = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: base,
        'x-forwarded-for': `10.0.0.${i}`,
      },
      body: JSON.stringify({ email, password: `guess ${i}` }),
    });
    guesses.push(res.status);
  }
  report(
    '3 wrong passwords, rotated X-Forwarded-For',
    `evaluated ${count(guesses, (s) => s === 401)} of 30, refused ${count(guesses, (s) => s === 429)}`,
  );
  const weak = [];
  for (const password of ['password', '12345678', 'aaaaaaaa']) {
    weak.push((await signUp({ name: 'W', email: `w-${password}@x.example`, password })).status);
  }
  report('3 common passwords at sign-up', `accepted ${count(weak, (s) => s === 200)} of 3`);
  const longName = await signUp({
    name: 'x'.repeat(1_000_000),
    email: 'long@x.example',
    password: 'a long and private phrase 43',
  });
  report('3 a 1,000,000-character display name', `HTTP ${longName.status}`);

  // 5. One student with 25 sockets, answering as fast as it can for 2 s.
  const lesson = (
    await trpc('lesson.create', { preset: 'deck' }, { 'x-forwarded-for': '10.2.2.2' })
  ).data as { code: string; instructorSecret: string };
  const staff = io(base, {
    transports: ['websocket'],
    reconnection: false,
    auth: {
      protocolVersion: PROTOCOL_VERSION,
      code: lesson.code,
      as: { role: 'instructor', secret: lesson.instructorSecret },
    },
  });
  await new Promise<void>((resolve) => staff.once('connect', () => resolve()));
  const joined = (await trpc('lesson.join', { code: lesson.code, nickname: 'Flood' })).data as {
    playerToken: string;
  };
  // A second student who never answers keeps the question open (all answered would lock it).
  await trpc('lesson.join', { code: lesson.code, nickname: 'Idle' });
  await staff.timeout(5_000).emitWithAck('command', { command: { type: 'start' } });
  await staff.timeout(5_000).emitWithAck('command', { command: { type: 'open' } });
  const sockets = await Promise.all(
    Array.from({ length: 25 }, () => {
      const s = io(base, {
        transports: ['websocket'],
        reconnection: false,
        auth: {
          protocolVersion: PROTOCOL_VERSION,
          code: lesson.code,
          as: { role: 'student', playerToken: joined.playerToken },
        },
      });
      return new Promise<typeof s | null>((resolve) => {
        s.once('connect', () => resolve(s));
        s.once('connect_error', () => resolve(null));
      });
    }),
  );
  const open = sockets.filter((s): s is NonNullable<typeof s> => s !== null);
  let accepted = 0;
  let limited = 0;
  let sent = 0;
  const until = Date.now() + 2_000;
  while (Date.now() < until) {
    const acks = await Promise.all(
      open.map((s) => {
        sent += 1;
        return s.timeout(5_000).emitWithAck('answer', {
          type: 'answer',
          answerId: `flood-${sent}`,
          question: { step: 0, index: 0 },
          value: { numbers: [[0.1, 0.2, 0.3]] },
        }) as Promise<{ ok: boolean; error?: { code: string } }>;
      }),
    );
    accepted += count(acks, (a) => a.ok);
    limited += count(acks, (a) => !a.ok && a.error?.code === 'RATE_LIMITED');
  }
  report(
    '5 one student, 25 sockets, answers for 2 s',
    `connections admitted ${open.length} of 25; answers accepted ${accepted} of ${sent} (${Math.round(accepted / 2)}/s), ${limited} refused as too many`,
  );
  for (const s of open) s.disconnect();
  staff.disconnect();

  // 6/7. A NUL byte and look-alike nicknames.
  const names = ['Anna', '\u0410nna', 'Eve\u0000', '\u200b\u200b', 'f u c k', 'p155'];
  const outcomes = [];
  for (const nickname of names)
    outcomes.push((await trpc('lesson.join', { code: lesson.code, nickname })).code);
  report(
    '7 nicknames Anna, Cyrillic Anna, NUL, zero-width, spaced swear, p155',
    outcomes.join(' '),
  );

  // 8. Headers.
  const healthz = await fetch(`${base}/healthz`);
  report(
    '8 headers of the game server',
    ['x-frame-options', 'x-content-type-options', 'referrer-policy']
      .map((h) => `${h}: ${healthz.headers.get(h)}`)
      .join('; '),
  );
  // 5. Anonymous lessons for 5 s.
  const t0 = Date.now();
  let made = 0;
  let refused = 0;
  while (Date.now() - t0 < 5_000 && made + refused < 20_000) {
    const batch = await Promise.all(
      Array.from({ length: 20 }, () => trpc('lesson.create', { preset: 'deck' })),
    );
    made += count(batch, (r) => r.code === 'OK');
    refused += count(batch, (r) => r.code === 'RATE_LIMITED');
  }
  report('5 anonymous lessons in 5 s', `made ${made}, refused ${refused}`);

  // 5. Join codes guessed.
  const codes = Array.from({ length: 300 }, (_, i) =>
    Array.from(
      { length: 6 },
      (_, j) => JOIN_CODE_ALPHABET[(i * 7 + j * 13) % JOIN_CODE_ALPHABET.length],
    ).join(''),
  );
  const tries = [];
  for (const code of codes)
    tries.push(
      (await trpc('lesson.join', { code, nickname: 'Guess' }, { 'x-forwarded-for': '10.1.1.1' }))
        .code,
    );
  report(
    '5 join codes guessed (300 tries)',
    `looked up ${count(tries, (c) => c !== 'RATE_LIMITED')}, refused ${count(tries, (c) => c === 'RATE_LIMITED')}`,
  );

  // 5. A 64 MB body; an 11-call batch; health rows.
  const rssBefore = readRssMb(server.pid!);
  const big = await fetch(`${base}/trpc/lesson.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"preset":"deck","pad":"${'x'.repeat(64 * 1024 * 1024)}"}`,
  }).then(
    (r) => r.status,
    (e: unknown) => String(e),
  );
  report('5 a 64 MB body', `HTTP ${big}, RSS ${rssBefore} -> ${readRssMb(server.pid!)} MB`);
  const batch = await fetch(
    `${base}/trpc/${Array(1000).fill('account.me').join(',')}?batch=1&input={}`,
  );
  report('5 a 1,000-call batch', `HTTP ${batch.status}`);
  const health = [];
  for (let i = 0; i < 200; i += 1) health.push(await trpc('health', {}));
  const heartbeats = (health.at(-1)?.data as { heartbeats?: number } | undefined)?.heartbeats;
  report('5 anonymous health calls (200)', `rows written ${heartbeats ?? '?'}`);
} finally {
  const figures = sampler.stop();
  console.log(
    `\nserver peak RSS ${figures.peakRssMb} MB (kernel high-water mark ${figures.hwmRssMb ?? '?'} MB)`,
  );
  server.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
}
