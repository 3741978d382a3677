/**
 * The student view (/play/<code>) against the real server: join, the lobby, every answer mode,
 * lock, reveal (right, and wrong with a named slip), pause, reload, standings, the end; a removed
 * student; a code with no lesson; a dropped connection. The instructor is a socket.io client in
 * Node. Screenshots of every state go to e2e/screenshots/play-<state>-<project>.png.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  DECK_CONFIG,
  misconceptionsFor,
  type QuantityName,
  traceStep,
  type Value,
} from '@backprop/mlp-core';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { expectNoHorizontalPageScroll, expectNoSeriousViolations } from './support/page-checks.ts';
import { repoRoot, serverUrl } from './support/paths.ts';

const SERVER = serverUrl;
const PROTOCOL_VERSION = 2;
const screenshots = join(repoRoot, 'e2e/screenshots');

// --- the game server: tRPC over fetch, the instructor over socket.io ----------------------------

async function trpc<T>(procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${SERVER}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/** The deck's network, a 60 s timer, and one question of every mode and shape. */
const SETTINGS = {
  network: { ...DECK_CONFIG },
  questions: [
    { quantity: 'z1', mode: 'numeric' },
    { quantity: 'h1', mode: 'choice' },
    { quantity: 'loss', mode: 'numeric' },
    { quantity: 'dh2_dz2', mode: 'sign' },
    { quantity: 'dLoss_dW2', mode: 'numeric' },
  ],
  timerSeconds: 60,
  scoring: { speedBonus: false, streakBonus: true },
  tolerance: { relative: 0.01, absolute: 0.0005 },
};
const trace = traceStep(DECK_CONFIG, 0);
const truth = (name: QuantityName): Value => trace.entries.find((e) => e.name === name)!.value;
const flat = (v: Value): number[] => (typeof v === 'number' ? [v] : v.flat());

interface Lesson {
  code: string;
  instructorSecret: string;
}

// The web app's socket.io client (the e2e package has none of its own).
const webRequire = createRequire(join(repoRoot, 'apps/web/package.json'));
interface AckResult {
  ok: boolean;
  error?: { code: string };
}
interface MiniSocket {
  on(event: string, listener: (payload: never) => void): void;
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<AckResult> };
  close(): void;
}
const { io } = webRequire('socket.io-client') as {
  io: (url: string, options: { auth: unknown; transports: string[] }) => MiniSocket;
};

interface InstructorView {
  question: { options: Value[] | null; status: string } | null;
  roster: { playerId: string; nickname: string }[];
}

class Instructor {
  latest: InstructorView | null = null;
  private constructor(private readonly socket: MiniSocket) {}

  static async connect(lesson: Lesson): Promise<Instructor> {
    const socket = io(SERVER, {
      auth: {
        protocolVersion: PROTOCOL_VERSION,
        code: lesson.code,
        as: { role: 'instructor', secret: lesson.instructorSecret },
      },
      transports: ['websocket'],
    });
    const instructor = new Instructor(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on('view', (view: InstructorView) => {
        instructor.latest = view;
        resolve();
      });
      socket.on('connect_error', (e: Error) => reject(e));
    });
    return instructor;
  }

  async send(command: Record<string, unknown>): Promise<void> {
    const ack = await this.socket.timeout(5_000).emitWithAck('command', { command });
    expect(ack, JSON.stringify(command)).toMatchObject({ ok: true });
  }

  close() {
    this.socket.close();
  }
}

async function newLesson(): Promise<Lesson> {
  return trpc<Lesson>('lesson.create', { settings: SETTINGS });
}

// --- the page -----------------------------------------------------------------------------------

/** Checks the screen (axe, no sideways scroll) and saves its picture. */
async function shot(page: Page, state: string, project: string): Promise<void> {
  await expectNoSeriousViolations(page);
  await expectNoHorizontalPageScroll(page);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({
    path: join(screenshots, `play-${state}-${project}.png`),
    fullPage: true,
  });
}

const status = (page: Page) => page.getByTestId('question-status');

async function typeEntries(page: Page, values: number[], cols: number): Promise<void> {
  for (const [i, v] of values.entries()) {
    await page.getByTestId(`entry-${Math.floor(i / cols)}-${i % cols}`).fill(String(v));
  }
}

/** A student who joined through the API, then opens the page with the token stored. */
async function joinedPage(context: BrowserContext, code: string, nickname: string): Promise<Page> {
  const joined = await trpc<{ playerId: string; playerToken: string }>('lesson.join', {
    code,
    nickname,
  });
  await context.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
    `backprop:${code}:player`,
    JSON.stringify({ ...joined, nickname }),
  ] as const);
  const page = await context.newPage();
  await page.goto(`/play/${code}`);
  return page;
}

// --- the tests ----------------------------------------------------------------------------------

test('a student joins and plays every answer mode through to the final standings', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const lesson = await newLesson();
  const teacher = await Instructor.connect(lesson);
  // A second student who never answers: answers stay open until the instructor locks (Q4).
  await trpc('lesson.join', { code: lesson.code, nickname: 'Quiet' });

  await page.goto(`/play/${lesson.code}`);
  await expect(page.getByTestId('join-form')).toBeVisible();
  const nickname = page.getByLabel(/your nickname/i);
  await expect(nickname).toHaveAttribute('autocomplete', 'off');
  await shot(page, 'join-form', project);

  await nickname.fill('quiet');
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('join-error')).toContainText('already has that nickname');
  await shot(page, 'join-name-taken', project);

  await nickname.fill('Ada');
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('lobby')).toContainText('You’re in, Ada!');
  await expect(page.getByTestId('player-count')).toContainText('2 players');
  await shot(page, 'lobby', project);

  // z1, numeric 1×3: shown ("get ready"), open, a wrong answer then the right one.
  await teacher.send({ type: 'start' });
  await expect(status(page)).toHaveAttribute('data-status', 'shown');
  await expect(page.getByTestId('known-X')).toBeVisible();
  await expect(page.getByTestId('known-W1')).toBeVisible();
  // The tolerance in words (mlp-core describeTolerance), under the question.
  await expect(page.getByTestId('question-precision')).toHaveText(
    '3 significant figures are enough; entries under 1% of the largest may be given as 0.',
  );
  await shot(page, 'question-shown', project);
  await teacher.send({ type: 'open' });
  await expect(status(page)).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('timer')).toBeVisible();
  const z1 = flat(truth('z1'));
  const entry = page.getByTestId('entry-0-0');
  await expect(entry).toHaveAttribute('inputmode', 'decimal');
  await expect(page.getByLabel('z1 row 1 column 2')).toBeVisible();
  // The forms a calculator gives: a leading dot, a minus, an exponent.
  for (const [i, text] of ['.5', '-0.1234', '1e-3'].entries()) {
    await page.getByTestId(`entry-0-${i}`).fill(text);
  }
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-ack')).toHaveAttribute('data-kind', 'sent');
  await expect(page.getByTestId('my-answer')).toContainText('[0.5, -0.1234, 0.001]');
  await typeEntries(page, z1, 3);
  await expect(page.getByTestId('answer-unsent')).toBeVisible();
  await shot(page, 'numeric-open', project);
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-ack')).toHaveAttribute('data-kind', 'changed');
  await expect(page.getByTestId('my-answer')).toContainText(String(z1[0]));

  // A reload keeps the place: no form, the sent answer still there.
  await page.reload();
  await expect(status(page)).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('my-nickname')).toHaveText('Ada');
  await expect(page.getByTestId('entry-0-0')).toHaveValue(String(z1[0]));

  await teacher.send({ type: 'lock' });
  await expect(page.getByTestId('locked-note')).toContainText('Locked — wait for the reveal');
  await shot(page, 'locked', project);
  await teacher.send({ type: 'reveal' });
  await expect(page.getByTestId('my-verdict')).toHaveAttribute('data-tone', 'right');
  await expect(page.getByTestId('my-points')).toHaveText('+1,000 points');
  await expect(page.getByTestId('truth')).toBeVisible();
  await expect(page.getByTestId('leaderboard')).toContainText('Ada');
  await expect(page.getByTestId('announcer')).toContainText('Revealed. Right!');
  await shot(page, 'revealed-right', project);

  // h1, multiple choice: pick the true option.
  await teacher.send({ type: 'next' });
  await teacher.send({ type: 'open' });
  await expect(page.getByTestId('choices')).toBeVisible();
  const options = teacher.latest?.question?.options ?? [];
  const right = options.findIndex((o) =>
    flat(o).every((x, i) => Math.abs(x - flat(truth('h1'))[i]!) < 1e-12),
  );
  expect(right).toBeGreaterThanOrEqual(0);
  await page.getByTestId(`choice-${right}`).click();
  await shot(page, 'choice-open', project);
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-ack')).toHaveAttribute('data-kind', 'sent');
  await teacher.send({ type: 'reveal' });
  await expect(page.getByTestId('my-verdict')).toHaveAttribute('data-tone', 'right');
  await expect(page.getByTestId('my-streak')).toContainText('streak 2');

  // loss, the scalar: paused (input disabled), then the 1/2 forgotten, named on reveal.
  await teacher.send({ type: 'next' });
  await teacher.send({ type: 'open' });
  await teacher.send({ type: 'pause' });
  await expect(status(page)).toHaveAttribute('data-paused', 'true');
  await expect(page.getByTestId('timer')).toContainText('paused');
  await expect(page.getByLabel('loss', { exact: true })).toHaveAttribute('readonly', '');
  await shot(page, 'paused', project);
  await teacher.send({ type: 'resume' });
  const slip = misconceptionsFor(trace, 'loss').find((m) => m.id === 'HALF_FORGOTTEN')!;
  await page.getByLabel('loss', { exact: true }).fill(String(slip.value));
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-ack')).toHaveAttribute('data-kind', 'sent');
  await teacher.send({ type: 'reveal' });
  await expect(page.getByTestId('my-verdict')).toHaveAttribute('data-tone', 'wrong');
  await expect(page.getByTestId('misconception')).toContainText(slip.label);
  await expect(page.getByTestId('result-entry').first()).toContainText('wrong');
  await shot(page, 'revealed-wrong-misconception', project);

  // dh2_dz2, signs (the deck prints the first one negative: it is positive).
  await teacher.send({ type: 'next' });
  await teacher.send({ type: 'open' });
  const signs = flat(truth('dh2_dz2')).map(Math.sign);
  for (const [i, s] of signs.entries()) {
    const group = page.getByRole('group', { name: `dh2_dz2 row 1 column ${i + 1}` });
    await group
      .getByRole('button', { name: s > 0 ? 'positive' : s < 0 ? 'negative' : 'zero' })
      .click();
  }
  await expect(
    page.getByTestId('sign-0-0').getByRole('button', { name: 'positive' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await shot(page, 'sign-open', project);
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-ack')).toHaveAttribute('data-kind', 'sent');
  await teacher.send({ type: 'reveal' });
  await expect(page.getByTestId('my-verdict')).toHaveAttribute('data-tone', 'right');

  // dLoss_dW2, a 3×2 matrix; one entry left empty is pointed out, then half right.
  await teacher.send({ type: 'next' });
  await teacher.send({ type: 'open' });
  const w2 = flat(truth('dLoss_dW2'));
  await typeEntries(page, w2.slice(0, 5), 2);
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-problem')).toContainText('row 3 column 2');
  await expect(page.getByTestId('entry-2-1')).toBeFocused();
  await shot(page, 'numeric-matrix-open', project);
  await typeEntries(page, [...w2.slice(0, 3), 1, 1, 1], 2);
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-ack')).toHaveAttribute('data-kind', 'sent');
  await teacher.send({ type: 'reveal' });
  await expect(page.getByTestId('my-verdict')).toHaveAttribute('data-tone', 'partial');
  await expect(page.getByTestId('my-points')).toHaveText('+500 points');
  await shot(page, 'revealed-partial', project);

  await teacher.send({ type: 'next' });
  await expect(page.getByTestId('step-done')).toBeVisible();
  await expect(page.getByTestId('leaderboard')).toContainText('Ada');
  await shot(page, 'step-done', project);

  await teacher.send({ type: 'end' });
  await expect(page.getByTestId('finished')).toBeVisible();
  await expect(page.getByTestId('final-rank')).toContainText('rank 1');
  await expect(page.getByTestId('final-standings')).toContainText('Quiet');
  await shot(page, 'finished', project);
  teacher.close();
});

test('a removed student is told so, and comes back with the score when let back in', async ({
  context,
}, testInfo) => {
  const lesson = await newLesson();
  const teacher = await Instructor.connect(lesson);
  const page = await joinedPage(context, lesson.code, 'Bob');
  await expect(page.getByTestId('lobby')).toBeVisible();
  const bob = () => teacher.latest!.roster.find((p) => p.nickname === 'Bob')!.playerId;
  await expect.poll(() => teacher.latest?.roster.length).toBe(1);
  await teacher.send({ type: 'kick', playerId: bob() });
  await expect(page.getByTestId('kicked')).toContainText('The instructor removed you');
  await shot(page, 'kicked', testInfo.project.name);
  await teacher.send({ type: 'readmit', playerId: bob() });
  await page.getByTestId('kicked-retry').click();
  await expect(page.getByTestId('lobby')).toBeVisible();
  teacher.close();
});

test('a code with no lesson, and a finished lesson, offer the way back', async ({
  page,
}, testInfo) => {
  await page.goto('/play/ZZZZZZ');
  await expect(page.getByTestId('unknown-lesson')).toBeVisible();
  await shot(page, 'unknown-lesson', testInfo.project.name);
  await page.getByTestId('back-to-landing').click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto('/play/not-a-code');
  await expect(page.getByTestId('unknown-lesson')).toBeVisible();

  const lesson = await newLesson();
  const teacher = await Instructor.connect(lesson);
  await teacher.send({ type: 'end' });
  await page.goto(`/play/${lesson.code.toLowerCase()}`);
  await expect(page).toHaveURL(new RegExp(`/play/${lesson.code}$`));
  await expect(page.getByTestId('lesson-finished')).toBeVisible();
  await shot(page, 'lesson-finished', testInfo.project.name);
  teacher.close();
});

test('a stale token goes back to the form', async ({ context }) => {
  const lesson = await newLesson();
  await context.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [
    `backprop:${lesson.code}:player`,
    JSON.stringify({ playerId: 'x', playerToken: 'not-a-real-token-at-all', nickname: 'Old' }),
  ] as const);
  const page = await context.newPage();
  await page.goto(`/play/${lesson.code}`);
  await expect(page.getByTestId('join-notice')).toContainText('was not found');
  await expect(page.getByTestId('join-form')).toBeVisible();
});

test('a dropped connection shows "reconnecting" and comes back to the same place', async ({
  context,
}, testInfo) => {
  const lesson = await newLesson();
  let down = false;
  const open: { close(): Promise<void> }[] = [];
  // The page's socket goes through Playwright: closing it is a dropped connection.
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (down) return void ws.close({ code: 1001 });
    const server = ws.connectToServer();
    open.push({
      close: async () => {
        await ws.close({ code: 1001 });
        await server.close();
      },
    });
  });
  await context.route(/\/socket\.io\/.*transport=polling/, (route) =>
    down ? route.abort('internetdisconnected') : route.continue(),
  );
  // engine.io starts on HTTP long-polling, then upgrades: the drop must come after the upgrade
  // (packet "5"), or the client just stays on polling.
  const upgraded = new Promise<void>((resolve) =>
    context.on('page', (p) =>
      p.on('websocket', (ws) =>
        ws.on('framesent', (frame) => {
          if (frame.payload === '5') resolve();
        }),
      ),
    ),
  );
  const page = await joinedPage(context, lesson.code, 'Cy');
  await expect(page.getByTestId('lobby')).toBeVisible();
  await upgraded;
  down = true;
  for (const ws of open.splice(0)) await ws.close();
  await expect(page.getByTestId('reconnecting')).toBeVisible();
  await shot(page, 'reconnecting', testInfo.project.name);
  down = false;
  await expect(page.getByTestId('reconnecting')).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('lobby')).toContainText('Cy');
});
