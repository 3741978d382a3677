/**
 * The instructor console in front of a class (issue 11): it fits and every control can be hit at
 * tablet to projector widths on the deck's widest questions, a whole question runs from the
 * keyboard alone, a double Skip from instructor and co-host skips one question, a snapshot
 * reaches the projector without a name, and axe finds nothing serious. Students are real
 * socket.io clients (Node), answering with the deck's named slips.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DECK_PRESET,
  type InstructorView,
  type LessonView,
  PROTOCOL_VERSION,
} from '@backprop/contract';
import {
  DECK_CONFIG,
  misconceptionsFor,
  type QuantityName,
  traceStep,
  type Value,
} from '@backprop/mlp-core';
import { type Browser, expect, type Page, test, type WebSocketRoute } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { expectNoHorizontalPageScroll, expectNoSeriousViolations } from './support/page-checks.ts';
import { repoRoot, serverUrl } from './support/paths.ts';

const screenshots = join(repoRoot, 'e2e/screenshots/console');
const SIZES = [
  { width: 1024, height: 768, name: '1024x768' },
  { width: 1280, height: 800, name: '1280x800' },
  { width: 1536, height: 864, name: '1536x864' },
  { width: 1920, height: 1080, name: '1920x1080' },
] as const;
/** The sizes every state is photographed at: tablet, laptop, projector. */
const SHOT_SIZES = [SIZES[0], SIZES[1], SIZES[3]];

/** The deck's step 0 (what a fresh deck lesson quizzes), for right answers and named slips. */
const trace = traceStep(DECK_CONFIG, 0);
const truthOf = (quantity: string): Value => trace.entries.find((e) => e.name === quantity)!.value;
const shift = (v: Value, by: number): Value =>
  typeof v === 'number' ? v + by : v.map((row) => row.map((x) => x + by));

async function trpc<T>(procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${serverUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

interface Created {
  code: string;
  instructorSecret: string;
  cohostToken: string;
}

/** A deck lesson with a two-minute timer. */
const createLesson = () =>
  trpc<Created>('lesson.create', { settings: { ...DECK_PRESET, timerSeconds: 120 } });

interface Client {
  socket: Socket;
  last: LessonView | null;
  until(pred: (v: LessonView) => boolean): Promise<LessonView>;
}

function connect(code: string, as: unknown): Promise<Client> {
  const socket = io(serverUrl, {
    transports: ['websocket'],
    reconnection: false,
    auth: { protocolVersion: PROTOCOL_VERSION, code, as },
  });
  const client: Client = {
    socket,
    last: null,
    until: (pred) =>
      new Promise((resolve, reject) => {
        if (client.last && pred(client.last)) return resolve(client.last);
        const timer = setTimeout(() => reject(new Error('no such view within 10 s')), 10_000);
        const on = (v: LessonView) => {
          if (!pred(v)) return;
          clearTimeout(timer);
          socket.off('view', on);
          resolve(v);
        };
        socket.on('view', on);
      }),
  };
  socket.on('view', (v: LessonView) => {
    client.last = v;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', reject);
  });
}

/** A class: students who join and answer; an instructor socket to move the lesson on quickly. */
async function classOf(lesson: Created, names: readonly string[]) {
  const students: Record<string, Client> = {};
  for (const nickname of names) {
    const { playerToken } = await trpc<{ playerToken: string }>('lesson.join', {
      code: lesson.code,
      nickname,
    });
    students[nickname] = await connect(lesson.code, { role: 'student', playerToken });
  }
  const teacher = await connect(lesson.code, {
    role: 'instructor',
    secret: lesson.instructorSecret,
  });
  let seq = 0;
  return {
    students,
    teacher,
    async command(command: unknown) {
      const ack = (await teacher.socket.timeout(8_000).emitWithAck('command', { command })) as {
        ok: boolean;
      };
      expect(ack, JSON.stringify(command)).toMatchObject({ ok: true });
    },
    /** The current question's view (instructor). */
    async question() {
      const v = (await teacher.until((x) => x.question !== null)) as InstructorView;
      return v.question!;
    },
    async answer(nickname: string, value: unknown) {
      const q = (teacher.last as InstructorView).question!;
      const ack = (await students[nickname]!.socket.timeout(8_000).emitWithAck('answer', {
        type: 'answer',
        answerId: `${nickname}-${q.key.step}-${q.key.index}-${++seq}`,
        question: q.key,
        value,
      })) as { ok: boolean; error?: unknown };
      expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
    },
    close() {
      for (const c of [...Object.values(students), teacher]) c.socket.disconnect();
    },
  };
}

/** Different answers: right, each named slip in turn, far off. */
function answersFor(quantity: string, count: number): Value[] {
  const slips = misconceptionsFor(trace, quantity as QuantityName).map((m) => m.value);
  const out: Value[] = [truthOf(quantity)];
  for (let i = 0; out.length < count - 1; i++)
    out.push(slips[i % Math.max(1, slips.length)] ?? shift(truthOf(quantity), 3 + i));
  out.push(shift(truthOf(quantity), 41.5));
  return out;
}

async function openConsole(page: Page, lesson: Created) {
  // What the browser that created the lesson keeps: the secret and the co-host token.
  await page.addInitScript(
    ([c, s, t]) => {
      localStorage.setItem(`backprop:${c}:instructor`, JSON.stringify(s));
      localStorage.setItem(`backprop-teach:${c}:cohost`, t);
    },
    [lesson.code, lesson.instructorSecret, lesson.cohostToken] as const,
  );
  await page.goto(`/teach/${lesson.code}`);
  await expect(page.getByTestId('connection-state')).toHaveText(/Live/);
}

async function shot(page: Page, name: string) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

/** The console at tablet, laptop and projector widths, the window's top (the controls) each. */
async function shotSizes(page: Page, state: string) {
  const before = page.viewportSize();
  for (const size of SHOT_SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, `${state}-${size.name}`);
  }
  if (before) await page.setViewportSize(before);
}

/**
 * Every control of the console that a person can see: scrolled into view, the element at its
 * centre is the control itself or inside it (nothing lies over it). Returns the failures.
 */
async function unhittableControls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = document.querySelector('[data-console]');
    if (!root) return ['no console'];
    const controls = Array.from(
      root.querySelectorAll<HTMLElement>('button, a[href], input, select, summary, [tabindex="0"]'),
    ).filter((el) => {
      // Inside a closed <details> nothing is drawn (only its summary).
      const closed = el.closest('details:not([open])');
      if (closed && el.tagName !== 'SUMMARY') return false;
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden';
    });
    const failures: string[] = [];
    for (const el of controls) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === el || el.contains(hit))) {
        const name = `${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.textContent?.trim().slice(0, 30)}]`;
        const over = hit
          ? `${hit.tagName.toLowerCase()}.${String(hit.className).slice(0, 40)}`
          : 'nothing';
        failures.push(`${name} at ${Math.round(x)},${Math.round(y)} is under ${over}`);
      }
    }
    window.scrollTo(0, 0);
    return failures;
  });
}

const activeIsPrimary = (page: Page) =>
  page.evaluate(() => document.activeElement?.hasAttribute('data-primary') ?? false);

test.describe('the console in front of a class', () => {
  test.setTimeout(180_000);
  // The console is a desk's (or a tablet's) screen: each test sets the sizes it checks.
  test.skip(({ isMobile }) => isMobile, 'the console is checked at desk and tablet sizes');

  test("fits and every control is hit-testable at 1024×768 to 1920×1080 on the deck's widest questions", async ({
    page,
  }) => {
    const lesson = await createLesson();
    const names = ['Ada', 'Bob', 'Cy', 'Dee', 'Eve', 'Fay', 'Gus'];
    const klass = await classOf(lesson, names);
    await openConsole(page, lesson);
    await klass.command({ type: 'start' });
    const worst = ['dLoss_dh2', 'dLoss_dW2', 'dLoss_dz1', 'dLoss_dW1'];
    for (;;) {
      const q = await klass.question();
      if (q.quantity === 'dLoss_dW1' && q.status === 'revealed') break;
      if (!worst.includes(q.quantity)) {
        await klass.command({ type: 'skip' });
        await klass.teacher.until((v) => v.question?.key.index === q.key.index + 1);
        continue;
      }
      await klass.command({ type: 'open' });
      await klass.teacher.until((v) => v.question?.status === 'open');
      const values = answersFor(q.quantity, names.length - 1);
      // All but one answer: the question stays open (the timer runs), the last student thinks.
      for (const [i, value] of values.entries()) await klass.answer(names[i]!, { numbers: value });
      await expect(page.getByTestId('answer-count')).toHaveText(`${values.length}/${names.length}`);
      await expect(page.getByTestId('live-answer')).toHaveCount(values.length);
      // Only the slips that occurred have a column.
      const occurred = new Set(
        (klass.teacher.last as InstructorView).answers
          .map((a) => a.misconceptionId)
          .filter(Boolean),
      );
      await expect(page.getByTestId('misconception-label')).toHaveCount(occurred.size);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await expectNoHorizontalPageScroll(page);
        expect(await unhittableControls(page), `${q.quantity} at ${size.name}`).toEqual([]);
        // The bar stays in view when the page scrolls to its end.
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        const bar = await page.getByTestId('controls').boundingBox();
        expect(bar?.y ?? -1, `controls in view at ${size.name}`).toBeGreaterThanOrEqual(0);
        expect((bar?.y ?? 0) + (bar?.height ?? 0)).toBeLessThanOrEqual(size.height);
        if (q.quantity === 'dLoss_dW2') {
          await shot(page, `worst-${q.quantity}-scrolled-${size.name}`);
          await page.evaluate(() => window.scrollTo(0, 0));
          await shot(page, `worst-${q.quantity}-open-${size.name}`);
        }
      }
      await page.setViewportSize(SIZES[1]);
      if (q.quantity === 'dLoss_dW2') await expectNoSeriousViolations(page, 'console at dLoss_dW2');
      await klass.command({ type: 'reveal' });
      await klass.teacher.until((v) => v.question?.status === 'revealed');
      if (q.quantity === 'dLoss_dW1') break;
      await klass.command({ type: 'next' });
      await klass.teacher.until((v) => v.question?.key.index === q.key.index + 1);
    }
    await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'revealed');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expectNoHorizontalPageScroll(page);
      expect(await unhittableControls(page), `revealed at ${size.name}`).toEqual([]);
    }
    await shotSizes(page, 'revealed-dLoss_dW1');
    klass.close();
  });

  test('a whole question driven with the keyboard only, focus always on the next action', async ({
    page,
  }) => {
    const lesson = await createLesson();
    const klass = await classOf(lesson, ['Ada', 'Bob']);
    await openConsole(page, lesson);
    await page.setViewportSize(SIZES[1]);
    await expect(page.getByTestId('shortcut-legend')).toContainText('next action');
    await expect(page.getByTestId('created-notice')).toHaveCount(0); // only on ?created=1
    await shotSizes(page, 'lobby');

    // → (a presenter remote's "next"): Start.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'shown');
    await expect.poll(() => activeIsPrimary(page)).toBe(true);
    await expect(page.getByTestId('control-open')).toBeFocused();
    await shotSizes(page, 'shown');

    // Space on the focused next action: Open.
    await page.keyboard.press('Space');
    await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
    await expect(page.getByTestId('control-reveal')).toBeFocused();
    const secondsBefore = Number(await page.getByTestId('timer').getAttribute('data-seconds'));
    // T: thirty seconds more (WCAG 2.2.1).
    await page.keyboard.press('t');
    await expect
      .poll(async () => Number(await page.getByTestId('timer').getAttribute('data-seconds')))
      .toBeGreaterThan(secondsBefore + 20);
    // The hidden countdown text never contradicts the clock: empty, or the clock's seconds.
    const spoken = await page.getByTestId('timer-spoken').textContent();
    expect(spoken === '' || spoken?.startsWith(String(secondsBefore))).toBe(true);
    const q = await klass.question();
    await klass.answer('Ada', { numbers: truthOf(q.quantity) });
    await klass.answer('Bob', { numbers: shift(truthOf(q.quantity), 9.5) });
    await expect(page.getByTestId('live-answer')).toHaveCount(2);

    // A letter typed in a text field is the field's: S does not skip.
    await page.getByTestId('cohost-link').focus();
    await page.keyboard.press('s');
    await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'locked');
    // (Both answered: the question locked by itself; still the first question.)
    await expect(page.getByTestId('question')).toContainText(q.quantity);

    // H: hide the truth, remembered across a reload; H again shows it.
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('h');
    await expect(page.getByTestId('truth')).toHaveAttribute('data-hidden', 'true');
    await expect(page.getByTestId('hide-truth')).toBeChecked();
    await shotSizes(page, 'locked-truth-hidden');
    await page.reload();
    await expect(page.getByTestId('connection-state')).toHaveText(/Live/);
    await expect(page.getByTestId('truth')).toHaveAttribute('data-hidden', 'true');
    await page.keyboard.press('h');
    await expect(page.getByTestId('truth')).not.toHaveAttribute('data-hidden', 'true');

    // P pauses (focus: Resume), Enter resumes.
    await page.keyboard.press('p');
    await expect(page.getByTestId('paused')).toBeVisible();
    await expect(page.getByTestId('control-resume')).toBeFocused();
    await shotSizes(page, 'paused');
    await expectNoSeriousViolations(page, 'paused console');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('paused')).toHaveCount(0);
    await expect(page.getByTestId('control-reveal')).toBeFocused();

    // PageDown: Reveal, then Next.
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'revealed');
    await expect(page.getByTestId('control-next')).toBeFocused();
    await shotSizes(page, 'revealed');
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'shown');
    await expect(page.getByTestId('question')).toContainText('question 2 of');
    await expect(page.getByTestId('control-open')).toBeFocused();
    // L and S: open again, lock, skip.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
    await page.keyboard.press('l');
    await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'locked');
    const before = (await klass.question()).key.index;
    await page.keyboard.press('s');
    await expect.poll(async () => (await klass.question()).key.index).toBe(before + 1);
    await expect(page.getByTestId('control-open')).toBeFocused();
    await expectNoSeriousViolations(page, 'console after skip');
    klass.close();
  });

  test('a double Skip from instructor and co-host skips one question; the second is told "already done"', async ({
    page,
    browser,
  }) => {
    const lesson = await createLesson();
    const klass = await classOf(lesson, ['Ada']);
    await openConsole(page, lesson);
    const other = await (browser as Browser).newContext();
    const cohost = await other.newPage();
    // "At the same moment" made exact: the co-host's screen receives nothing for a while, so it
    // still shows the question the instructor has just skipped when the co-host presses Skip.
    let hold = false;
    const held: (string | Buffer)[] = [];
    let toCohost: WebSocketRoute | null = null;
    await cohost.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      toCohost = ws;
      server.onMessage((m) => (hold ? held.push(m) : ws.send(m)));
      ws.onMessage((m) => server.send(m));
    });
    await cohost.goto(`/teach/${lesson.code}#cohost=${encodeURIComponent(lesson.cohostToken)}`);
    await expect(cohost.getByTestId('connection-state')).toHaveText(/Live/);
    await expect.poll(() => toCohost !== null).toBe(true);
    await klass.command({ type: 'start' });
    for (const p of [page, cohost]) {
      await expect(p.getByTestId('question-status')).toHaveAttribute('data-status', 'shown');
      await expect(p.getByTestId('control-skip')).toBeEnabled();
    }
    hold = true;
    await page.getByTestId('control-skip').click();
    await expect(page.getByTestId('question')).toContainText('question 2 of');
    // The co-host's screen still shows question 1: Skip there is the same intent, pressed twice.
    await expect(cohost.getByTestId('question')).toContainText('question 1 of');
    await cohost.getByTestId('control-skip').click();
    await page.waitForTimeout(500);
    hold = false;
    for (const m of held.splice(0)) toCohost!.send(m);
    await expect(cohost.getByTestId('command-already-done')).toBeVisible();
    await expect(page.getByTestId('command-already-done')).toHaveCount(0);
    await page.waitForTimeout(500);
    expect((klass.teacher.last as InstructorView).question?.key.index).toBe(1);
    for (const p of [page, cohost]) {
      await expect(p.getByTestId('question')).toContainText('question 2 of');
    }
    const told = (await page.getByTestId('command-already-done').count()) ? page : cohost;
    await expect(told.getByTestId('command-already-done')).toContainText('Already done');
    await expect(told.getByTestId('command-error')).toHaveCount(0);
    await shotSizes(told, 'already-done');
    await other.close();
    klass.close();
  });

  test('a snapshot reaches the projector without any name; B brings the question back; display options apply live', async ({
    page,
    browser,
  }) => {
    const lesson = await createLesson();
    const names = ['Zelda7', 'Quincy9', 'Wanda3', 'Yusuf5'];
    const klass = await classOf(lesson, names);
    await openConsole(page, lesson);
    const screenContext = await (browser as Browser).newContext({
      viewport: { width: 1920, height: 1080 },
    });
    const screen = await screenContext.newPage();
    await screen.goto(`/show/${lesson.code}`);
    await klass.command({ type: 'start' });
    // To dLoss_dW2, the question with the most named slips.
    for (;;) {
      const q = await klass.question();
      if (q.quantity === 'dLoss_dW2') break;
      await klass.command({ type: 'skip' });
      await klass.teacher.until((v) => v.question?.key.index === q.key.index + 1);
    }
    await klass.command({ type: 'open' });
    await klass.teacher.until((v) => v.question?.status === 'open');
    const slip = misconceptionsFor(trace, 'dLoss_dW2')[0]!;
    await klass.answer('Zelda7', { numbers: slip.value });
    await klass.answer('Quincy9', { numbers: slip.value });
    await klass.answer('Wanda3', { numbers: truthOf('dLoss_dW2') });
    await expect(page.getByTestId('live-answer')).toHaveCount(3);
    await expect(page.locator('[data-testid="live-answer"][data-nickname="Zelda7"]')).toContainText(
      slip.label,
    );
    await page.locator(`[data-testid="snapshot-slip"][data-misconception="${slip.id}"]`).click();
    await expect(screen.getByTestId('snapshot')).toBeVisible();
    await expect(screen.getByTestId('snapshot-slip')).toContainText(slip.label);
    await expect(screen.getByTestId('snapshot-answer')).toContainText('× 2 students');
    const html = await screen.content();
    for (const name of names) expect(html, `${name} on the projector`).not.toContain(name);
    await expect(page.getByTestId('snapshot-status')).toBeVisible();
    await expectNoSeriousViolations(page, 'console with a snapshot');
    await shotSizes(page, 'snapshot');
    mkdirSync(screenshots, { recursive: true });
    await screen.screenshot({ path: join(screenshots, 'projector-snapshot-1920x1080.png') });

    // One right answer on the big screen before the reveal: its entries read "right", no number.
    await page
      .locator('[data-testid="live-answer"][data-nickname="Wanda3"]')
      .getByTestId('snapshot-answer')
      .click();
    await expect(screen.getByTestId('snapshot')).toHaveAttribute('data-source', 'answer');
    await expect(screen.locator('[data-snapshot-cell]').first()).toHaveText(/right/);
    await screen.screenshot({ path: join(screenshots, 'projector-snapshot-right-1920x1080.png') });

    // B: the projector is back on the question.
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('b');
    await expect(screen.getByTestId('snapshot')).toHaveCount(0);
    await expect(page.getByTestId('snapshot-status')).toHaveCount(0);

    // Display options from the console, live on the projector: anonymised names at the reveal.
    // Checked at the click (check() reads it at once), and still once the lesson's view says so.
    await page.getByTestId('display-anonymise').check();
    await expect(page.getByTestId('display-anonymise')).toBeChecked();
    await page.getByTestId('display-leaderboard-length').selectOption('3');
    await klass.command({ type: 'reveal' });
    await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'revealed');
    await expect(screen.locator('body')).toContainText('Player');
    const revealed = await screen.content();
    for (const name of names) expect(revealed, `${name} anonymised`).not.toContain(name);
    await screen.screenshot({
      path: join(screenshots, 'projector-revealed-anonymised-1920x1080.png'),
    });
    await shotSizes(page, 'display-options');
    await screenContext.close();
    klass.close();
  });

  test('between steps and at the end the console fits and stays accessible', async ({ page }) => {
    const lesson = await trpc<Created>('lesson.create', {
      settings: {
        ...DECK_PRESET,
        questions: [{ quantity: 'loss', mode: 'numeric' }],
        timerSeconds: 60,
      },
    });
    const klass = await classOf(lesson, ['Ada', 'Bob']);
    await openConsole(page, lesson);
    await klass.command({ type: 'start' });
    await klass.command({ type: 'skip' });
    await expect(page.getByTestId('lesson-phase')).toHaveAttribute('data-phase', 'stepDone');
    await expect(page.getByTestId('control-next')).toBeVisible();
    await page.getByTestId('fast-forward-steps').fill('2000');
    // Count what the console's live regions say during the fast-forward (30 frames, ~3 s).
    await page.evaluate(() => {
      const w = window as unknown as { spoken: string[] };
      w.spoken = [];
      const regions = document.querySelectorAll('[aria-live]');
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          const region = (r.target as Element).closest?.('[aria-live]') ?? r.target.parentElement;
          const text = region?.textContent ?? '';
          if (text) w.spoken.push(text);
        }
      });
      for (const region of Array.from(regions)) {
        observer.observe(region, { childList: true, characterData: true, subtree: true });
      }
    });
    await page.getByTestId('control-fast-forward').click();
    await expect(page.getByTestId('training-progress')).toContainText('Fast-forward done');
    await expect(page.getByTestId('training-announcer')).toContainText('Fast-forward done');
    // Announced at most every few seconds (and once more at the end), not ten times a second.
    const spoken = await page.evaluate(() =>
      (window as unknown as { spoken: string[] }).spoken.filter((t) => /step \d/.test(t)),
    );
    expect(spoken.length, spoken.join(' | ')).toBeLessThanOrEqual(3);
    expect(spoken.at(-1)).toContain('Fast-forward done');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expectNoHorizontalPageScroll(page);
      expect(await unhittableControls(page), `stepDone at ${size.name}`).toEqual([]);
    }
    await expectNoSeriousViolations(page, 'between steps');
    await shotSizes(page, 'step-done');
    await page.getByTestId('control-end').click();
    await page.getByTestId('control-end-confirm').click();
    await expect(page.getByTestId('lesson-phase')).toHaveAttribute('data-phase', 'finished');
    await expectNoSeriousViolations(page, 'finished');
    await shotSizes(page, 'finished');
    klass.close();
  });
});
