/**
 * `pnpm bench:console [--students 500,2000]`: the instructor's console in Chromium in front of a
 * large class. The built game server (SQLite) and web app are started on ports 3001 and 3000 (the
 * web app's default server address); N students join and connect over socket.io from this
 * process; the console is opened with the instructor's secret. Printed per size:
 * - how long the console's first view takes to show (its roster has every student);
 * - a pause sent while the class answers: when the instructor's view reaches the page, and when
 *   the console shows "Resume" (target: 500 ms, a click that feels answered);
 * - the share of the answering window the page's main thread spent in long tasks (> 50 ms);
 * - a reveal: when the console shows it.
 * Timings are taken inside the page (its WebSocket and a MutationObserver): Playwright's own
 * role queries walk thousands of buttons and would block the page they measure.
 * Run `pnpm turbo run build` first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ClientToServerEvents,
  type Credentials,
  DECK_PRESET,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '@backprop/contract';
import { DECK_CONFIG, traceStep } from '@backprop/mlp-core';
import { chromium, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { chromiumLaunchOptions } from '../chromium.ts';
import { trpc } from '../tests/support/live-lesson.ts';
import { repoRoot } from '../tests/support/paths.ts';

const { values } = parseArgs({ options: { students: { type: 'string', default: '500,2000' } } });
const sizes = (values.students ?? '').split(',').map(Number);
if (!sizes.every((n) => Number.isInteger(n) && n > 0 && n <= 5000)) {
  console.error('--students is a comma-separated list of class sizes up to 5000');
  process.exit(2);
}

const SERVER = 'http://127.0.0.1:3001';
const WEB = 'http://localhost:3000';
/** The pause's target: from the command to "Resume" on the console. */
const PAUSE_TARGET_MS = 500;

type LessonSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** In its own process group: `pnpm exec next start` runs next as a grandchild, stopped with it. */
function start(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: 'ignore',
    detached: true,
  });
  child.once('exit', (code) => {
    if (code) console.error(`${command} ${args.join(' ')} exited with ${code}`);
  });
  return child;
}

async function waitFor(url: string, what: string): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(500);
  }
  throw new Error(`${what} did not start at ${url} (ports 3000 and 3001 must be free)`);
}

const connect = (code: string, as: Credentials): LessonSocket =>
  io(SERVER, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION, code, as } });

/** In the page: when a view with `paused` true arrives, when "Resume" is shown, long tasks. */
function instrument([code, secret]: readonly [string, string]) {
  const w = window as unknown as Record<string, unknown> & { marks: Record<string, number> };
  localStorage.setItem(`backprop:${code}:instructor`, JSON.stringify(secret));
  w.marks = {};
  w.longTasks = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) (w.longTasks as number) += e.duration;
  }).observe({ type: 'longtask', buffered: true });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.includes('"paused":true'))
          w.marks.view ??= Date.now();
      });
    }
  };
  new MutationObserver(() => {
    if (w.marks.resume) return;
    for (const b of Array.from(document.querySelectorAll('[data-testid="controls"] button'))) {
      if (/^Resume/.test(b.textContent ?? '')) w.marks.resume = Date.now();
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

const marks = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { marks: Record<string, number>; longTasks: number };
    const out = { ...w.marks, longTasks: w.longTasks };
    w.marks = {};
    w.longTasks = 0;
    return out as { view?: number; resume?: number; longTasks: number };
  });

async function measure(students: number): Promise<void> {
  const { code, instructorSecret } = await trpc<{ code: string; instructorSecret: string }>(
    'lesson.create',
    { settings: DECK_PRESET },
  );
  const teacher = connect(code, { role: 'instructor', secret: instructorSecret });
  const command = async (type: string) => {
    const ack = await teacher
      .timeout(20_000)
      .emitWithAck('command', { command: { type } as never });
    if (!ack.ok) throw new Error(`${type}: ${ack.error.code}`);
  };
  const sockets: LessonSocket[] = [];
  for (let i = 0; i < students; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, students - i) }, async (_, k) => {
        const nickname = `Student ${String(i + k + 1).padStart(4, '0')}`;
        const joined = await trpc<{ playerToken: string }>('lesson.join', { code, nickname });
        sockets.push(connect(code, { role: 'student', playerToken: joined.playerToken }));
      }),
    );
  }
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(instrument, [code, instructorSecret] as const);
    const opened = Date.now();
    await page.goto(`${WEB}/teach/${code}`);
    await page.getByTestId('control-start').waitFor({ timeout: 60_000 });
    const firstView = Date.now() - opened;
    await command('start');
    await command('open');
    await sleep(1000);
    await marks(page);
    const truth = traceStep(DECK_CONFIG, 0).entries[0]!.value;
    const answeringMs = 8000;
    const answered = Promise.all(
      sockets.map(async (s, i) => {
        await sleep((i / sockets.length) * answeringMs);
        await s.timeout(30_000).emitWithAck('answer', {
          type: 'answer',
          answerId: `bench-${i}`,
          question: { step: 0, index: 0 },
          value: { numbers: truth },
        });
      }),
    );
    const pauses: { view: number; resume: number }[] = [];
    let longTasks = 0;
    const started = Date.now();
    for (const at of [2000, 5000]) {
      await sleep(at - (Date.now() - started));
      const sent = Date.now();
      await command('pause');
      await page.waitForFunction(
        () => (window as unknown as { marks: { resume?: number } }).marks.resume,
      );
      const m = await marks(page);
      longTasks += m.longTasks;
      pauses.push({ view: (m.view ?? Number.NaN) - sent, resume: (m.resume ?? Number.NaN) - sent });
      await command('resume');
    }
    await answered;
    const windowMs = Date.now() - started;
    longTasks += (await marks(page)).longTasks;
    const revealSent = Date.now();
    await command('reveal');
    await page.getByTestId('controls').getByText('revealed').first().waitFor();
    const reveal = Date.now() - revealSent;
    const worst = Math.max(...pauses.map((p) => p.resume));
    console.log(`${students} students (lesson ${code})`);
    console.log(`       console's first view shown after ${firstView} ms`);
    console.log(
      `  ${worst <= PAUSE_TARGET_MS ? 'ok  ' : 'MISS'} pause while answers arrive: view in the page ${pauses.map((p) => p.view).join(' / ')} ms, "Resume" shown ${pauses.map((p) => p.resume).join(' / ')} ms (target <= ${PAUSE_TARGET_MS})`,
    );
    console.log(
      `       long tasks ${((100 * longTasks) / windowMs).toFixed(1)}% of the ${(windowMs / 1000).toFixed(1)} s answering window`,
    );
    console.log(`       reveal shown on the console after ${reveal} ms`);
  } finally {
    await browser.close();
    for (const s of sockets) s.close();
    teacher.close();
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'console-bench-'));
const children: ChildProcess[] = [
  start(
    'node',
    ['--max-old-space-size=512', '--max-semi-space-size=32', 'dist/main.js'],
    path.join(repoRoot, 'apps/server'),
    {
      DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
      SERVER_PORT: '3001',
      NODE_ENV: 'production',
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
      // Every simulated student comes from 127.0.0.1 (see bench:live).
      RATE_LIMIT_SCALE: '100',
    },
  ),
  start(
    'pnpm',
    ['--filter', '@backprop/web', 'exec', 'next', 'start', '--port', '3000'],
    repoRoot,
    {
      NEXT_TELEMETRY_DISABLED: '1',
    },
  ),
];
let failed = false;
try {
  await waitFor(`${SERVER}/healthz`, 'the game server');
  await waitFor(WEB, 'the web app');
  for (const n of sizes) await measure(n);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const child of children) if (child.pid) process.kill(-child.pid, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
