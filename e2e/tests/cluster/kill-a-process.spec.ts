/**
 * Several game servers for real (issue 15, part 1): two server processes (the built bundle) on
 * PostgreSQL + Redis behind a real nginx (apps/simulator/src/stack.ts), the built web app in
 * Chromium. An instructor console and six students (phones, each a browser context of its own,
 * spread over both processes by their tabs' routing keys) play three questions while:
 * - question 1: the process without the console is SIGKILLed after half the class answered;
 * - question 2: that process is back (started again), and the other one, holding the console and
 *   by now every student, is SIGKILLed after half the class answered;
 * - question 3: both are up again, and one student's network blinks for a second.
 * Every page that lost its process must be connected again by itself within 5 s with its score,
 * counted as connected on the console's roster, then answer and see the reveal; the stored
 * answers must be exactly those typed. The recovery times go to the test output.
 */
import { DECK_PRESET, type LessonResults, type LessonSettings } from '@backprop/contract';
import {
  DECK_CONFIG,
  gradeAnswer,
  type QuantityName,
  traceStep,
  type Value,
} from '@backprop/mlp-core';
import { type Stack, startStack } from '@backprop/simulator/stack';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type Lesson, trpc } from '../support/live-lesson.ts';

/** How long a student whose process died or whose network blinked may take to be back. */
const BACK_WITHIN_MS = 5_000;
const STUDENTS = ['Ada', 'Grace', 'Linus', 'Edsger', 'Barbara', 'Alan'] as const;
/** The student whose network blinks (their socket goes through Playwright, to be cut). */
const BLINKER = 'Alan';

const SETTINGS: LessonSettings = {
  ...DECK_PRESET,
  questions: [
    { quantity: 'z1', mode: 'numeric' },
    { quantity: 'h1', mode: 'numeric' },
    { quantity: 'loss', mode: 'numeric' },
  ],
  // Points are 1000 × credit: the expected scores follow from mlp-core's grading alone.
  scoring: { speedBonus: false, streakBonus: false },
};
const trace = traceStep(DECK_CONFIG, 0);
const trueValue = (name: QuantityName): Value => trace.entries.find((e) => e.name === name)!.value;
const truthOf = (name: QuantityName): number[] => [trueValue(name)].flat(2);
const colsOf = (name: QuantityName): number => {
  const value = trueValue(name);
  return typeof value === 'number' ? 1 : (value[0]?.length ?? 1);
};
/** Typed entries back in the quantity's shape. */
const shaped = (name: QuantityName, numbers: number[]): Value => {
  const value = trueValue(name);
  if (typeof value === 'number') return numbers[0]!;
  const cols = colsOf(name);
  return value.map((_, r) => numbers.slice(r * cols, (r + 1) * cols));
};
const score = (n: number) => n.toLocaleString('en');

let stack: Stack;
const serverLog: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  stack = await startStack({
    servers: 2,
    // Where the built web app finds its game server (NEXT_PUBLIC_SERVER_URL, SERVER_URL).
    port: Number(process.env.E2E_SERVER_PORT ?? 3001),
    log: (line) => serverLog.push(line),
  });
});

/** Every browser context the test opened: closed before the servers stop, even on a failure. */
const contexts: BrowserContext[] = [];

test.afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await stack?.stop();
});

// --- the servers --------------------------------------------------------------------------------

/** A tRPC query through nginx (support/live-lesson.ts's `trpc` sends mutations). */
async function query<T>(procedure: string, input: unknown): Promise<T> {
  const url = `${stack.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const body = (await (await fetch(url)).json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

interface Sockets {
  student: number;
  instructor: number;
}

/** One process's open connections by role, from its own /metrics (not through nginx). */
async function socketsOn(index: number): Promise<Sockets> {
  const port = stack.processes[index]!.port;
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const count = (role: string) =>
    Number(
      new RegExp(`^backprop_connected_sockets\\{role="${role}"\\} (\\d+)$`, 'm').exec(text)?.[1] ??
        0,
    );
  return { student: count('student'), instructor: count('instructor') };
}

/** Per process; a process that is down holds nothing. */
const socketsEverywhere = () =>
  Promise.all(
    stack.processes.map((p) =>
      p.child ? socketsOn(p.index) : Promise.resolve({ student: 0, instructor: 0 }),
    ),
  );

// --- the pages ----------------------------------------------------------------------------------

interface Student {
  nickname: string;
  page: Page;
  score: number;
  /** What this student typed, per question index. */
  typed: Map<number, number[]>;
}

declare global {
  interface Window {
    /** Each time the page's "Reconnecting…" banner came (down) or went (up), in epoch ms. */
    __connection?: { down: boolean; at: number }[];
    /** The console: each time the roster's count of connected students changed. */
    __roster?: { connected: number; at: number }[];
  }
}

/**
 * Records in the page when its reconnecting banner (the student's, or the console's) comes and
 * goes, and the roster's connected count: times exact to the moment, wherever the test waits.
 */
async function watchConnection(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (window.__connection) return;
    const events: { down: boolean; at: number }[] = [];
    const roster: { connected: number; at: number }[] = [];
    window.__connection = events;
    window.__roster = roster;
    const isDown = () =>
      document.querySelector(
        '[data-testid="reconnecting"], [data-testid="connection-state"]:not([data-state="live"])',
      ) !== null;
    const connected = () =>
      document.querySelectorAll('[data-testid="roster-row"][data-connected="true"]').length;
    let down = isDown();
    let count = connected();
    new MutationObserver(() => {
      if (connected() !== count) {
        count = connected();
        roster.push({ connected: count, at: Date.now() });
      }
      if (isDown() === down) return;
      down = !down;
      events.push({ down, at: Date.now() });
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-connected'],
    });
  });
}

interface Recovery {
  dropped: boolean;
  /** ms from `since` until the page was connected again; null while it is still down. */
  backAfterMs: number | null;
}

async function recoveryOf(page: Page, since: number): Promise<Recovery> {
  const events = (await page.evaluate(() => window.__connection ?? [])).filter(
    (e) => e.at >= since,
  );
  if (!events.some((e) => e.down)) return { dropped: false, backAfterMs: null };
  const last = events.at(-1)!;
  return { dropped: true, backAfterMs: last.down ? null : last.at - since };
}

async function joinThroughPage(student: Student, code: string): Promise<void> {
  const { page } = student;
  await page.goto(`/play/${code}`);
  await page.getByLabel(/your nickname/i).fill(student.nickname);
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('my-nickname')).toHaveText(student.nickname);
  await expect(page.getByTestId('lobby')).toBeVisible();
}

/** Types this student's answer (right, or every entry off by 3) and waits for the server's ack. */
async function answer(student: Student, index: number, right: boolean): Promise<void> {
  const quantity = SETTINGS.questions[index]!.quantity;
  const numbers = truthOf(quantity).map((x) => (right ? x : x + 3));
  const cols = colsOf(quantity);
  const { page } = student;
  await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
  for (const [i, x] of numbers.entries()) {
    await page.getByTestId(`entry-${Math.floor(i / cols)}-${i % cols}`).fill(String(x));
  }
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-ack')).toHaveAttribute('data-kind', 'sent');
  student.typed.set(index, numbers);
}

const pointsOf = (index: number, numbers: number[]): number => {
  const spec = SETTINGS.questions[index]!;
  const graded = gradeAnswer(trace, spec.quantity, shaped(spec.quantity, numbers), {
    mode: 'numeric',
    tolerance: SETTINGS.tolerance,
  });
  return Math.round(1000 * graded.score);
};

/** Which students answer right: a different half each question. */
const rightAt = (index: number, n: number) => (n + index) % 2 === 0;

// --- the class ----------------------------------------------------------------------------------

test('students of a killed process, and a blinking network, are back by themselves within 5 s', async ({
  browser,
}) => {
  const figures: string[] = [];
  const note = (line: string) => {
    figures.push(line);
    console.log(`[cluster] ${line}`);
  };

  // Through nginx: support's serverUrl is E2E_SERVER_PORT, where the stack's nginx listens.
  const lesson = await trpc<Lesson>('lesson.create', { settings: SETTINGS });
  const { code } = lesson;

  // The console, as the browser that created the lesson keeps it.
  const teachContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(teachContext);
  await teachContext.addInitScript(
    ([c, s]) => localStorage.setItem(`backprop:${c}:instructor`, JSON.stringify(s)),
    [code, lesson.instructorSecret] as const,
  );
  const teach = await teachContext.newPage();
  await teach.goto(`/teach/${code}`);
  await expect(teach.getByTestId('connection-state')).toHaveText(/Live/);

  // Six phones joining through the page. The blinker's socket goes through Playwright: closing
  // it, and failing its long-polling requests for a second, is a network blink.
  let blinking = false;
  const blinkerSockets: { close(): Promise<void> }[] = [];
  const students: Student[] = [];
  for (const nickname of STUDENTS) {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    contexts.push(context);
    if (nickname === BLINKER) {
      await context.routeWebSocket(/\/socket\.io\//, (ws) => {
        if (blinking) return void ws.close({ code: 1001 });
        const server = ws.connectToServer();
        blinkerSockets.push({
          close: async () => {
            await ws.close({ code: 1001 });
            await server.close();
          },
        });
      });
      await context.route(/\/socket\.io\/.*transport=polling/, (route) =>
        blinking ? route.abort('internetdisconnected') : route.continue(),
      );
    }
    const student: Student = {
      nickname,
      page: await context.newPage(),
      score: 0,
      typed: new Map(),
    };
    await joinThroughPage(student, code);
    students.push(student);
  }
  const pages = [teach, ...students.map((s) => s.page)];
  const rows = teach.getByTestId('roster-row');
  const connectedRows = teach.locator('[data-testid="roster-row"][data-connected="true"]');
  await expect(rows).toHaveCount(STUDENTS.length);
  await expect(connectedRows).toHaveCount(STUDENTS.length);

  // Spread over both processes: each tab's key picks one. A reload is a new page load, so a new
  // key: reload a student of the busier process until both hold some (1 in 32 start on one).
  for (let attempt = 0; ; attempt++) {
    await expect
      .poll(async () => (await socketsEverywhere()).reduce((n, s) => n + s.student, 0))
      .toBe(STUDENTS.length);
    const spread = await socketsEverywhere();
    if (spread.every((s) => s.student > 0)) {
      note(`students per process: ${spread.map((s) => s.student).join(' + ')}`);
      break;
    }
    expect(attempt, 'students spread over both processes').toBeLessThan(10);
    const moved = students[attempt % students.length]!;
    await moved.page.reload();
    await expect(moved.page.getByTestId('lobby')).toBeVisible();
  }
  await expect(connectedRows).toHaveCount(STUDENTS.length);

  const consoleProcess = async () => {
    const sockets = await socketsEverywhere();
    const index = sockets.findIndex((s) => s.instructor > 0);
    expect(index, 'the console is connected to one process').toBeGreaterThanOrEqual(0);
    return index;
  };

  /** SIGKILLs process `victim`; every page it held must be back by itself within 5 s. */
  const killAndRecover = async (victim: number, label: string) => {
    const held = await socketsOn(victim);
    const drops = held.student + held.instructor;
    expect(held.student, `${label}: the killed process holds students`).toBeGreaterThan(0);
    for (const page of pages) await watchConnection(page);
    const scores = await Promise.all(
      students.map((s) => s.page.getByTestId('my-score').textContent()),
    );

    const killedAt = Date.now();
    await stack.kill(victim, 'SIGKILL');
    let recoveries: Recovery[] = [];
    await expect
      .poll(
        async () => {
          recoveries = await Promise.all(pages.map((p) => recoveryOf(p, killedAt)));
          const dropped = recoveries.filter((r) => r.dropped);
          return `${dropped.length} dropped, ${dropped.filter((r) => r.backAfterMs === null).length} down`;
        },
        { timeout: 20_000, intervals: [100] },
      )
      .toBe(`${drops} dropped, 0 down`);
    // The console's roster counts every student connected again.
    await expect
      .poll(() => connectedRows.count(), { timeout: 20_000, intervals: [100] })
      .toBe(STUDENTS.length);
    const roster = (await teach.evaluate(() => window.__roster ?? [])).filter(
      (e) => e.at >= killedAt,
    );
    const rosterAfterMs = roster.length ? roster.at(-1)!.at - killedAt : 0;
    const rosterLowest = Math.min(STUDENTS.length, ...roster.map((e) => e.connected));

    const times = recoveries.flatMap((r, i) =>
      r.dropped
        ? [{ who: i === 0 ? 'console' : students[i - 1]!.nickname, ms: r.backAfterMs! }]
        : [],
    );
    note(
      `${label}: process ${victim} SIGKILLed holding ${held.student} student(s)` +
        `${held.instructor ? ' and the console' : ''}; back after ` +
        times.map((t) => `${t.who} ${t.ms} ms`).join(', ') +
        `; the roster showed ${rosterLowest} of ${STUDENTS.length} connected at its lowest, ` +
        `all after ${rosterAfterMs} ms`,
    );
    for (const t of times)
      expect(t.ms, `${label}: ${t.who} back`).toBeLessThanOrEqual(BACK_WITHIN_MS);
    expect(rosterAfterMs, `${label}: the roster counts everyone`).toBeLessThanOrEqual(
      BACK_WITHIN_MS,
    );
    // With their scores, on the process left.
    for (const [i, s] of students.entries()) {
      await expect(s.page.getByTestId('my-score')).toHaveText(scores[i]!);
    }
    const left = await socketsEverywhere();
    expect(left.reduce((n, s) => n + s.student, 0)).toBe(STUDENTS.length);
  };

  /** Everyone has answered: the question locks itself; reveal, and check every student's page. */
  const revealAndCheck = async (index: number) => {
    await expect(teach.getByTestId('question-status')).toHaveAttribute('data-status', 'locked');
    await teach.getByTestId('control-reveal').click();
    await expect(teach.getByTestId('question-status')).toHaveAttribute('data-status', 'revealed');
    for (const s of students) {
      const points = pointsOf(index, s.typed.get(index)!);
      s.score += points;
      const label = `${s.nickname} at question ${index + 1}`;
      await expect(s.page.getByTestId('question-status'), label).toHaveAttribute(
        'data-status',
        'revealed',
      );
      await expect(s.page.getByTestId('my-verdict'), label).toHaveAttribute(
        'data-tone',
        points === 1000 ? 'right' : 'wrong',
      );
      await expect(s.page.getByTestId('my-points'), label).toHaveText(`+${score(points)} points`);
      await expect(s.page.getByTestId('my-score'), label).toHaveText(`${score(s.score)} points`);
    }
  };

  const openNext = async (index: number) => {
    await expect(teach.getByTestId('question-status')).toHaveAttribute('data-status', 'shown');
    await teach.getByTestId('control-open').click();
    for (const s of students) {
      await expect(s.page.getByTestId('question-status'), s.nickname).toHaveAttribute(
        'data-status',
        'open',
      );
      await expect(s.page.getByTestId('question-quantity')).toHaveText(
        SETTINGS.questions[index]!.quantity,
      );
    }
  };

  // Question 1: half answer, the process without the console dies, the other half answer.
  await teach.getByTestId('control-start').click();
  await openNext(0);
  for (const [n, s] of students.slice(0, 3).entries()) await answer(s, 0, rightAt(0, n));
  const first = 1 - (await consoleProcess());
  await killAndRecover(first, 'question 1');
  // Those who answered before still see their answer (the server kept it).
  for (const s of students.slice(0, 3)) await expect(s.page.getByTestId('my-answer')).toBeVisible();
  for (const [n, s] of students.slice(3).entries()) await answer(s, 0, rightAt(0, n + 3));
  await revealAndCheck(0);

  // Question 2: the killed process is back; every student receives the question on the other one.
  await stack.start(first);
  await teach.getByTestId('control-next').click();
  await openNext(1);
  for (const [n, s] of students.slice(0, 3).entries()) await answer(s, 1, rightAt(1, n));
  // Now the console's process (and everyone on it) dies: all land on the restarted one.
  const second = await consoleProcess();
  await killAndRecover(second, 'question 2');
  for (const [n, s] of students.slice(3).entries()) await answer(s, 1, rightAt(1, n + 3));
  await revealAndCheck(1);
  await stack.start(second);

  // Question 3: a student's network blinks for a second while the question is open.
  await teach.getByTestId('control-next').click();
  await openNext(2);
  const blinker = students.find((s) => s.nickname === BLINKER)!;
  await watchConnection(blinker.page);
  expect(blinkerSockets.length, 'the blinker is on a WebSocket').toBeGreaterThan(0);
  const cutAt = Date.now();
  blinking = true;
  for (const ws of blinkerSockets.splice(0)) await ws.close();
  await expect
    .poll(async () => (await recoveryOf(blinker.page, cutAt)).dropped, { intervals: [50] })
    .toBe(true);
  await blinker.page.waitForTimeout(Math.max(0, cutAt + 1_000 - Date.now()));
  blinking = false;
  const restoredAt = Date.now();
  let blink: Recovery = { dropped: true, backAfterMs: null };
  await expect
    .poll(
      async () => {
        blink = await recoveryOf(blinker.page, cutAt);
        return blink.backAfterMs !== null;
      },
      { timeout: 20_000, intervals: [100] },
    )
    .toBe(true);
  note(
    `network blink: ${BLINKER} cut for ${restoredAt - cutAt} ms, back ${blink.backAfterMs} ms ` +
      `after the cut (${cutAt + blink.backAfterMs! - restoredAt} ms after the network returned)`,
  );
  expect(blink.backAfterMs!, 'the blinker is back').toBeLessThanOrEqual(BACK_WITHIN_MS);
  await expect(connectedRows).toHaveCount(STUDENTS.length);
  for (const [n, s] of students.entries()) await answer(s, 2, rightAt(2, n));
  await revealAndCheck(2);

  // The stored answers are exactly those typed; the standings are the pages' scores.
  const results = await query<LessonResults>('lesson.results', {
    code,
    secret: lesson.instructorSecret,
  });
  const stored = results.answers
    .map((a) => ({
      nickname: a.nickname,
      question: a.questionIndex,
      numbers: 'numbers' in a.value ? [a.value.numbers].flat(2) : null,
      points: a.points,
    }))
    .sort((a, b) => a.question - b.question || a.nickname.localeCompare(b.nickname));
  const typed = students
    .flatMap((s) =>
      [...s.typed].map(([question, numbers]) => ({
        nickname: s.nickname,
        question,
        numbers,
        points: pointsOf(question, numbers),
      })),
    )
    .sort((a, b) => a.question - b.question || a.nickname.localeCompare(b.nickname));
  expect(stored).toEqual(typed);
  expect(Object.fromEntries(results.standings.map((s) => [s.nickname, s.score]))).toEqual(
    Object.fromEntries(students.map((s) => [s.nickname, s.score])),
  );

  test.info().annotations.push({ type: 'recovery', description: figures.join(' | ') });
  const errors = serverLog.filter((line) => /error/i.test(line));
  if (errors.length) console.log(`[cluster] server stderr:\n${errors.slice(0, 20).join('\n')}`);
  for (const context of contexts.splice(0)) await context.close();
});
