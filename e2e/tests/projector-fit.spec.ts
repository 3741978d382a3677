/**
 * The projector (/show/<code>) as a presentation surface: a deck lesson driven through every
 * state the big screen has (lobby, shown, open, paused, locked, revealed, step done,
 * fast-forward, podium) on its largest quantities (dLoss_dz2 with the most named slips, the 3x2
 * dLoss_dW2 and the 2x3 dLoss_dW1 with all of theirs made, W1_new with two 2x3 inputs), and at 1920x1080, 1280x800 and 1024x768 the screen
 * fits: no scrolling, no element outside the viewport, nothing cut by a box that shrinks its
 * content. The instructor, the students and a projector watcher are socket.io clients of the real
 * server; the projector itself is the page. Screenshots: e2e/screenshots/projector/.
 */
import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import {
  type Ack,
  type ClientToServerEvents,
  type CreateLessonResult,
  type Credentials,
  DECK_PRESET,
  type InstructorCommand,
  type JoinLessonResult,
  type LessonSettings,
  type LessonView,
  PROTOCOL_VERSION,
  type ProjectorView,
  type ServerToClientEvents,
} from '@backprop/contract';
import {
  DECK_CONFIG,
  misconceptionsFor,
  type QuantityName,
  traceStep,
  type Value,
} from '@backprop/mlp-core';
import { expect, type Page, test, type WebSocketRoute } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { expectNoSeriousViolations } from './support/page-checks.ts';
import { expectCardValue } from './support/page-values.ts';
import { repoRoot, serverUrl } from './support/paths.ts';

const screenshots = join(repoRoot, 'e2e/screenshots/projector');

const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1024x768', width: 1024, height: 768 },
] as const;

/** The deck's lesson, with a timer so the open and paused screens carry a clock. */
const SETTINGS: LessonSettings = { ...DECK_PRESET, timerSeconds: 300 };

/** Fourteen students, two with long names (they must wrap, not run off the screen). */
const NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine Johnson',
  'Edsger',
  'Barbara',
  'Bartholomew-Fitzgerald',
  'Linus',
  'Margaret',
  'Donald',
  'Frances',
  'Hedy',
  'Tim',
  'Radia',
];

type LessonSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function trpc<T>(procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${serverUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${procedure} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/** A socket.io client that keeps the latest view it was sent. */
class Client {
  view: LessonView | null = null;
  readonly socket: LessonSocket;
  constructor(code: string, as: Credentials) {
    this.socket = io(serverUrl, {
      auth: { protocolVersion: PROTOCOL_VERSION, code, as },
      transports: ['websocket'],
    });
    this.socket.on('view', (v) => {
      this.view = v;
    });
  }
  async until(predicate: (v: LessonView) => boolean): Promise<LessonView> {
    await expect
      .poll(() => this.view !== null && predicate(this.view), { timeout: 10_000 })
      .toBe(true);
    return this.view!;
  }
  async command(command: InstructorCommand): Promise<LessonView> {
    const ack = (await this.socket.timeout(8_000).emitWithAck('command', { command })) as Ack<{
      version: number;
    }>;
    if (!ack.ok) throw new Error(`${command.type}: ${ack.error.code} ${ack.error.message}`);
    return this.until((v) => v.version >= ack.version);
  }
  close() {
    this.socket.close();
  }
}

const trace = traceStep(DECK_CONFIG, 0);
const truthOf = (name: QuantityName): Value => trace.entries.find((e) => e.name === name)!.value;
const wrong = (v: Value): Value =>
  typeof v === 'number' ? v + 3 : v.map((r) => r.map((x) => x + 3));
/** The named slips of a quantity, one value per id (an id carried from two origins counts once). */
function slipValues(name: QuantityName): Value[] {
  const seen = new Set<string>();
  // Under the lesson's tolerance, as the server tells slips apart.
  return misconceptionsFor(trace, name, SETTINGS.tolerance)
    .filter((m) => !seen.has(m.id) && seen.add(m.id))
    .map((m) => m.value);
}

let answerSeq = 0;
async function answer(student: Client, numbers: Value) {
  const view = await student.until((v) => v.question?.status === 'open');
  const ack = await student.socket.timeout(8_000).emitWithAck('answer', {
    type: 'answer',
    answerId: `fit-e2e-${++answerSeq}`,
    question: view.question!.key,
    value: { numbers },
  });
  if (!ack.ok) throw new Error(`answer: ${ack.error.code} ${ack.error.message}`);
}

/** Non-internal IPv4 addresses of this machine, as the test sees them (not the server's code). */
function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((infos) => infos ?? [])
    .filter((i) => !i.internal && i.family === 'IPv4')
    .map((i) => i.address);
}

interface Fit {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  /** Visible elements whose box leaves the viewport. */
  outside: string[];
  /** FitBox contents taller or wider than their box once scaled. */
  cut: string[];
  /** Visible text with an emoji. */
  emoji: string[];
}

/** Everything the screen must satisfy at any size, measured in the page. */
async function measureFit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}.${String(el.getAttribute('class') ?? '').slice(0, 40)} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const outside: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      // Not content: recharts measures text widths in an aria-hidden span 20,000 px above.
      if (el.closest('.sr-only, .katex-mathml, script, style, template')) continue;
      if (el.id === 'recharts_measurement_span') continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
        outside.push(
          `${describe(el)} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`,
        );
      }
    }
    const cut: string[] = [];
    for (const box of Array.from(document.querySelectorAll('[data-fit-scale]'))) {
      const inner = box.firstElementChild;
      if (!inner) continue;
      const b = box.getBoundingClientRect();
      const i = inner.getBoundingClientRect();
      const scale = Number(box.getAttribute('data-fit-scale'));
      const height = Math.max(inner.scrollHeight, (inner as HTMLElement).offsetHeight) * scale;
      const width = Math.max(inner.scrollWidth, (inner as HTMLElement).offsetWidth) * scale;
      if (i.top + height > b.bottom + 1.5 || i.left + width > b.right + 1.5) {
        cut.push(
          `${describe(box)}: content ${Math.round(width)}x${Math.round(height)} in ${Math.round(b.width)}x${Math.round(b.height)}`,
        );
      }
    }
    const emoji: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style')) continue;
      if (/\p{Extended_Pictographic}/u.test(node.textContent ?? '')) {
        emoji.push((node.textContent ?? '').trim().slice(0, 40));
      }
    }
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      scrollHeight: root.scrollHeight,
      clientHeight: root.clientHeight,
      outside,
      cut,
      emoji,
    };
  });
}

/** Weight labels of the network: their boxes, in the page. */
async function labelBoxes(page: Page) {
  return page.locator('[data-weight-label] rect').evaluateAll((rects) =>
    rects.map((r) => {
      const b = r.getBoundingClientRect();
      return { x0: b.left, y0: b.top, x1: b.right, y1: b.bottom };
    }),
  );
}

/**
 * The largest rendered text on the screen other than the truth's cells: HTML text by its font
 * size times the scale of any FitBox around it, SVG text by its drawn height.
 */
async function largestOtherText(page: Page): Promise<{ size: number; what: string }> {
  return page.evaluate(() => {
    let best = { size: 0, what: '' };
    const scaleOf = (el: Element) => {
      let s = 1;
      for (let e: Element | null = el; e; e = e.parentElement) {
        const v = e.getAttribute('data-fit-scale');
        if (v) s *= Number(v);
      }
      return s;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.closest('.sr-only, .katex-mathml, [data-testid="truth-value"], script, style')) {
        continue;
      }
      const text = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!text || !el.checkVisibility({ visibilityProperty: true })) continue;
      const size =
        el instanceof SVGElement
          ? el.getBoundingClientRect().height / 1.2
          : Number.parseFloat(getComputedStyle(el).fontSize) * scaleOf(el);
      if (size > best.size) best = { size, what: `${el.tagName} "${text.slice(0, 30)}"` };
    }
    return best;
  });
}

/** The distribution's row labels (right, each slip, other): the smallest as drawn, in px. */
async function smallestRowLabel(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const sizes = Array.from(
      document.querySelectorAll('[data-testid="distribution"] tbody th[scope="row"]'),
    ).map((th) => {
      let scale = 1;
      for (let e: Element | null = th; e; e = e.parentElement) {
        const v = e.getAttribute('data-fit-scale');
        if (v) scale *= Number(v);
      }
      return Number.parseFloat(getComputedStyle(th).fontSize) * scale;
    });
    return sizes.length ? Math.min(...sizes) : null;
  });
}

const intersect = (
  a: { x0: number; y0: number; x1: number; y1: number },
  b: { x0: number; y0: number; x1: number; y1: number },
) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * One state at every size: it fits, with no emoji; network labels (when drawn) apart; saved as a
 * screenshot. Measured with reduced motion, so no element is caught mid-animation.
 */
async function checkState(page: Page, state: string, labels = false): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    // FitBox measures after the resize (a ResizeObserver), then the frame settles.
    await page.waitForTimeout(300);
    const fit = await measureFit(page);
    const at = `${state} at ${size.name}`;
    expect
      .soft(fit.scrollWidth, `${at}: no horizontal overflow`)
      .toBeLessThanOrEqual(fit.clientWidth);
    expect
      .soft(fit.scrollHeight, `${at}: no vertical overflow`)
      .toBeLessThanOrEqual(fit.clientHeight);
    expect.soft(fit.outside, `${at}: every visible element inside the viewport`).toEqual([]);
    expect.soft(fit.cut, `${at}: nothing cut by a fitted box`).toEqual([]);
    expect.soft(fit.emoji, `${at}: icons are SVG, no emoji`).toEqual([]);
    const rowLabel = await smallestRowLabel(page);
    if (rowLabel !== null) {
      // A slip's name is read from the back row: at least 1.9% of the screen's height as drawn
      // (14.6 px at 768, 20.5 px at 1080); the table grows into its panel's empty space for it.
      expect
        .soft(rowLabel, `${at}: distribution labels readable`)
        .toBeGreaterThanOrEqual(0.019 * size.height);
    }
    if (labels) {
      const boxes = await labelBoxes(page);
      expect(boxes.length, `${at}: weight labels drawn`).toBeGreaterThan(0);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          expect
            .soft(intersect(boxes[i]!, boxes[j]!), `${at}: labels ${i} and ${j} apart`)
            .toBe(false);
        }
      }
      if (size.height === 1080) {
        const heights = await page
          .locator('[data-weight-label] text')
          .evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().height));
        // Drawn about 20 px tall on a 1080p screen: readable from the back of a room.
        expect
          .soft(Math.min(...heights), `${at}: weight labels readable`)
          .toBeGreaterThanOrEqual(16);
      }
    }
    await page.screenshot({ path: join(screenshots, `${state}-${size.name}.png`) });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(200);
}

/** One badge only: the state, and nothing else that claims to be one. */
async function expectOneBadge(page: Page, text: string | RegExp) {
  await expect(page.getByTestId('question-status')).toHaveCount(1);
  await expect(page.getByTestId('question-status')).toHaveText(text);
}

/** At a reveal, 1080p: the truth is the largest text, at least 40 px. */
async function expectTruthLargest(page: Page, quantity: string) {
  const cellSizes = await page
    .getByTestId('truth-value')
    .locator('[data-cell]')
    .evaluateAll((cells) =>
      cells.map((c) => ({
        font: Number.parseFloat(getComputedStyle(c).fontSize),
        height: c.getBoundingClientRect().height,
      })),
    );
  const smallest = Math.min(...cellSizes.map((c) => c.font));
  expect(smallest, `${quantity}: the truth is at least 40 px at 1080p`).toBeGreaterThanOrEqual(40);
  expect(Math.min(...cellSizes.map((c) => c.height))).toBeGreaterThanOrEqual(40);
  const other = await largestOtherText(page);
  expect(other.size, `${quantity}: ${other.what} smaller than the truth`).toBeLessThan(smallest);
}

/** The distribution's rows: right, the slips that were made (as the server counted them), other. */
async function expectDistributionRows(page: Page, watcher: Client) {
  const view = (await watcher.until((v) => v.question?.status === 'revealed')) as ProjectorView;
  const made = new Set<string>();
  for (const d of view.distribution) {
    for (const [id, n] of Object.entries(d.misconceptions)) if (n > 0) made.add(id);
  }
  const table = page.getByTestId('distribution');
  await expect(table.locator('tbody tr[data-class="correct"]')).toHaveCount(1);
  await expect(table.locator('tbody tr[data-class="other"]')).toHaveCount(1);
  const shown = await table
    .locator('tbody tr[data-class="misconception"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-slip')));
  expect(new Set(shown)).toEqual(made);
  return made.size;
}

test.describe('projector fits the screen', () => {
  test.skip(({ isMobile }) => isMobile, 'sizes are set inside the test');

  test('every state of a deck lesson fits 1920x1080, 1280x800 and 1024x768', async ({ page }) => {
    test.setTimeout(300_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const created = await trpc<CreateLessonResult>('lesson.create', { settings: SETTINGS });
    const { code } = created;
    const teacher = new Client(code, { role: 'instructor', secret: created.instructorSecret });
    const watcher = new Client(code, { role: 'projector' });
    const students: Client[] = [];
    try {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`/show/${code}`);
      await expect(page.getByTestId('join-code')).toHaveText(code);
      // No site chrome on the big screen.
      await expect(page.getByRole('navigation', { name: 'Site' })).toHaveCount(0);
      await expect(page.getByText('Lesson content:')).toHaveCount(0);

      for (const nickname of NAMES) {
        const joined = await trpc<JoinLessonResult>('lesson.join', { code, nickname });
        students.push(new Client(code, { role: 'student', playerToken: joined.playerToken }));
      }
      await expect(page.getByTestId('player-count')).toHaveText(`${NAMES.length} joined`);

      // The join address: the machine's network address, not localhost, when it has one.
      const addresses = machineAddresses();
      const joinUrl = page.getByTestId('join-url');
      await expect(joinUrl).not.toHaveAttribute('data-source', 'pending');
      const shown = (await joinUrl.textContent()) ?? '';
      if (addresses.length > 0) {
        expect(shown).not.toMatch(/localhost|127\.0\.0\.1/);
        const host = shown.split(/[:/]/)[0];
        expect(addresses, `join address ${shown}`).toContain(host);
        expect(shown).toMatch(new RegExp(`:${new URL(page.url()).port}/play/${code}$`));
        await expect(page.getByRole('img', { name: `QR code of http://${shown}` })).toBeVisible();
      } else {
        await expect(page.getByTestId('join-warning')).toBeVisible();
      }
      await expectOneBadge(page, 'Join now');
      await expectNoSeriousViolations(page, 'lobby');
      await checkState(page, 'lobby');
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.waitForTimeout(200);
        const qr = (await page.getByTestId('join-qr').boundingBox())!;
        expect(qr.height, `QR a third of the height at ${size.name}`).toBeGreaterThanOrEqual(
          size.height / 3,
        );
      }
      await page.setViewportSize({ width: 1920, height: 1080 });

      const plan = (slips: Value[], truth: Value): Value[] =>
        NAMES.map((_, i) =>
          i === 0
            ? truth
            : i === 1
              ? wrong(truth)
              : (slips[(i - 2) % slips.length] ?? wrong(truth)),
        );

      // dLoss_dz2, the 8th question: the most named slips of the deck (11, each named where it
      // happens or one quantity on), every one of them made, revealed.
      await teacher.command({ type: 'start' });
      await expect(page.getByTestId('question-quantity')).toHaveText('z1');
      for (let i = 0; i < 7; i++) await teacher.command({ type: 'skip' });
      await expect(page.getByTestId('question-quantity')).toHaveText('dLoss_dz2');
      await teacher.command({ type: 'open' });
      const dz2Answers = plan(slipValues('dLoss_dz2'), truthOf('dLoss_dz2'));
      for (let i = 0; i < students.length; i++) await answer(students[i]!, dz2Answers[i]!);
      await expectOneBadge(page, 'Answers locked');
      await teacher.command({ type: 'reveal' });
      await expectOneBadge(page, 'Revealed');
      expect(
        await expectDistributionRows(page, watcher),
        'ten or more slips',
      ).toBeGreaterThanOrEqual(10);
      await expectTruthLargest(page, 'dLoss_dz2');
      await checkState(page, 'revealed-dLoss_dz2');
      await teacher.command({ type: 'next' });
      await teacher.command({ type: 'skip' });

      // dLoss_dW2 (3x2), the 10th question: shown, with the network labelled.
      await expect(page.getByTestId('question-quantity')).toHaveText('dLoss_dW2');
      await expectOneBadge(page, 'Get ready: answers open soon');
      await expectNoSeriousViolations(page, 'shown');
      await checkState(page, 'shown-dLoss_dW2', true);

      // Open: the clock runs; all but one answer, each with another named slip.
      await teacher.command({ type: 'open' });
      await expectOneBadge(page, 'Answer now');
      await expect(page.getByTestId('timer')).toContainText(/[45]:\d\d/);
      const w2Slips = slipValues('dLoss_dW2');
      const w2Answers = plan(w2Slips, truthOf('dLoss_dW2'));
      for (let i = 0; i < students.length - 1; i++) await answer(students[i]!, w2Answers[i]!);
      await expect(page.getByTestId('answer-count')).toContainText(
        `${NAMES.length - 1} / ${NAMES.length}`,
      );
      await expectNoSeriousViolations(page, 'open');
      await checkState(page, 'open-dLoss_dW2', true);

      // Paused: one badge that says so, never also "Answer now"; the clock frozen.
      await teacher.command({ type: 'pause' });
      await expectOneBadge(page, 'Paused');
      await expect(page.getByTestId('question-status')).toHaveAttribute('data-paused', 'true');
      await expect(page.getByText('Answer now')).toHaveCount(0);
      await expect(page.getByTestId('timer')).toContainText('frozen');
      await expect(page.locator('[data-icon="pause"]')).toBeVisible();
      await checkState(page, 'paused-dLoss_dW2');
      await teacher.command({ type: 'resume' });

      // The last answer locks the question.
      await answer(students.at(-1)!, w2Answers.at(-1)!);
      await expectOneBadge(page, 'Answers locked');
      await checkState(page, 'locked-dLoss_dW2');

      // The reveal: the truth largest, the slips that occurred, the diagram kept (smaller).
      await teacher.command({ type: 'reveal' });
      await expectOneBadge(page, 'Revealed');
      await expectCardValue(page.getByTestId('truth'), truthOf('dLoss_dW2'), 'dLoss_dW2 truth');
      const w2Made = await expectDistributionRows(page, watcher);
      // Every slip the deck names at dLoss_dW2 was made, and each has its row.
      expect(w2Made, 'the named slips on the screen').toBeGreaterThanOrEqual(w2Slips.length);
      await expect(page.getByTestId('network-diagram')).toBeVisible();
      await expect(page.getByTestId('leaderboard-row')).toHaveCount(5);
      await expectTruthLargest(page, 'dLoss_dW2');
      await expectNoSeriousViolations(page, 'revealed');
      await checkState(page, 'revealed-dLoss_dW2');

      // Motion at the reveal, unless the viewer asks for less.
      const animation = () =>
        page.getByTestId('truth').evaluate((el) => getComputedStyle(el).animationName);
      expect(await animation()).toBe('none');
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      expect(await animation()).toBe('projector-pop');
      await page.emulateMedia({ reducedMotion: 'reduce' });

      // dLoss_dW1 (2x3) with its slips, revealed.
      await teacher.command({ type: 'next' });
      for (let i = 0; i < 5; i++) await teacher.command({ type: 'skip' });
      await expect(page.getByTestId('question-quantity')).toHaveText('dLoss_dW1');
      await teacher.command({ type: 'open' });
      const w1Answers = plan(slipValues('dLoss_dW1'), truthOf('dLoss_dW1'));
      for (let i = 0; i < students.length; i++) await answer(students[i]!, w1Answers[i]!);
      await expectOneBadge(page, 'Answers locked');
      await teacher.command({ type: 'reveal' });
      await expectOneBadge(page, 'Revealed');
      await expectCardValue(page.getByTestId('truth'), truthOf('dLoss_dW1'), 'dLoss_dW1 truth');
      expect(await expectDistributionRows(page, watcher)).toBeGreaterThanOrEqual(
        slipValues('dLoss_dW1').length,
      );
      await expectTruthLargest(page, 'dLoss_dW1');
      await checkState(page, 'revealed-dLoss_dW1');

      // W1_new: the question with the largest inputs (W1 and dLoss_dW1, both 2x3), then revealed.
      await teacher.command({ type: 'next' });
      await teacher.command({ type: 'skip' });
      await expect(page.getByTestId('question-quantity')).toHaveText('W1_new');
      await expect(page.getByTestId('question-inputs')).toContainText('dLoss_dW1');
      await checkState(page, 'shown-W1_new', true);
      await teacher.command({ type: 'open' });
      for (let i = 0; i < 4; i++) await answer(students[i]!, truthOf('W1_new'));
      await teacher.command({ type: 'lock' });
      await teacher.command({ type: 'reveal' });
      await expectTruthLargest(page, 'W1_new');
      await checkState(page, 'revealed-W1_new');

      // Step done: every brick computed.
      await teacher.command({ type: 'next' });
      await expect(page.getByTestId('step-summary')).toBeVisible();
      await expectOneBadge(page, 'Step done');
      await expectNoSeriousViolations(page, 'step done');
      await checkState(page, 'step-done');

      // Fast-forward: curves and decision boundary, done.
      await teacher.command({ type: 'fastForward', steps: 2_000 });
      await expect(page.getByTestId('training')).toHaveAttribute('data-done', 'true', {
        timeout: 30_000,
      });
      await expectNoSeriousViolations(page, 'fast-forward');
      await checkState(page, 'fast-forward');

      // The podium.
      await teacher.command({ type: 'end' });
      await expect(page.getByTestId('podium-place')).toHaveCount(3);
      await expectOneBadge(page, 'Finished');
      await expectNoSeriousViolations(page, 'podium');
      await checkState(page, 'podium');
      const rise = () =>
        page
          .getByTestId('podium-place')
          .first()
          .locator('.projector-rise')
          .evaluate((el) => getComputedStyle(el).animationName);
      expect(await rise()).toBe('none');
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      expect(await rise()).toBe('projector-rise');
    } finally {
      teacher.close();
      watcher.close();
      for (const s of students) s.close();
    }
  });
});

test.describe('projector while the connection drops', () => {
  test.skip(({ isMobile }) => isMobile, 'sizes are set inside the test');

  test('a revealed dLoss_dW2 with the reconnecting banner still fits', async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    let cut = false;
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cut) {
        void ws.close();
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    const created = await trpc<CreateLessonResult>('lesson.create', { preset: 'deck' });
    const teacher = new Client(created.code, {
      role: 'instructor',
      secret: created.instructorSecret,
    });
    const students: Client[] = [];
    try {
      for (const nickname of NAMES.slice(0, 6)) {
        const joined = await trpc<JoinLessonResult>('lesson.join', {
          code: created.code,
          nickname,
        });
        students.push(
          new Client(created.code, { role: 'student', playerToken: joined.playerToken }),
        );
      }
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`/show/${created.code}`);
      await expect(page.getByTestId('player-count')).toHaveText('6 joined');
      await teacher.command({ type: 'start' });
      for (let i = 0; i < 9; i++) await teacher.command({ type: 'skip' });
      await teacher.command({ type: 'open' });
      const slips = slipValues('dLoss_dW2');
      for (const [i, student] of students.entries()) {
        await answer(student, slips[i] ?? truthOf('dLoss_dW2'));
      }
      await teacher.command({ type: 'reveal' });
      await expect(page.getByTestId('question-status')).toHaveText('Revealed');
      cut = true;
      await page.context().setOffline(true); // long-polling too
      for (const ws of sockets.splice(0)) await ws.close();
      await expect(page.getByTestId('reconnecting')).toBeVisible();
      await expect(page.locator('[data-icon="reconnect"]')).toBeVisible();
      await checkState(page, 'reconnecting-revealed');
      await expectTruthLargest(page, 'dLoss_dW2 while reconnecting');
      cut = false;
      await page.context().setOffline(false);
      await expect(page.getByTestId('reconnecting')).toHaveCount(0, { timeout: 20_000 });
    } finally {
      teacher.close();
      for (const s of students) s.close();
    }
  });
});

test.describe('join address and sounds', () => {
  test.skip(({ isMobile }) => isMobile, 'one size is enough');

  test('opened at localhost: the network address, a warning without one, PUBLIC_URL first', async ({
    page,
  }) => {
    const { code } = await trpc<CreateLessonResult>('lesson.create', { preset: 'deck' });
    const joinInfo = /\/trpc\/joinInfo/;
    // What the server reports, replaced: a machine with no network, then one behind a proxy.
    await page.route(joinInfo, (route) =>
      route.fulfill({ json: { result: { data: { publicUrl: null, addresses: [] } } } }),
    );
    await page.goto(`/show/${code}`);
    await expect(page.getByTestId('join-warning')).toBeVisible();
    await expect(page.getByTestId('join-warning')).toContainText('phones cannot reach it');
    await expect(page.getByTestId('join-url')).toHaveAttribute('data-source', 'none');
    await checkState(page, 'lobby-no-network');

    await page.unroute(joinInfo);
    await page.route(joinInfo, (route) =>
      route.fulfill({
        json: { result: { data: { publicUrl: 'https://backprop.example.edu', addresses: [] } } },
      }),
    );
    await page.reload();
    await expect(page.getByTestId('join-url')).toHaveText(`backprop.example.edu/play/${code}`);
    await expect(
      page.getByRole('img', { name: `QR code of https://backprop.example.edu/play/${code}` }),
    ).toBeVisible();
    await expect(page.getByTestId('join-warning')).toHaveCount(0);

    // The real server: this machine's own address, as on the projector, on the console too.
    await page.unroute(joinInfo);
    await page.goto('/teach');
    await page.getByTestId('create-deck').click();
    await expect(page).toHaveURL(/\/teach\/[A-Z2-9]{6}\?created=1$/);
    const addresses = machineAddresses();
    const host = page.getByTestId('join-host');
    if (addresses.length > 0) {
      await expect(host).not.toHaveText('this site');
      const shown = (await host.textContent()) ?? '';
      expect(addresses).toContain(shown.split(':')[0]);
      expect(shown).toMatch(/:\d+$/);
      await expect(page.getByTestId('join-qr')).toBeVisible();
    } else {
      await expect(page.getByTestId('join-warning')).toBeVisible();
    }
  });

  test('sounds are off by default; on, the reveal plays a chord and the last seconds tick', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    // Counts the notes the page starts (Web Audio oscillators), without hearing them.
    await page.addInitScript(() => {
      const w = window as unknown as { notes: number };
      w.notes = 0;
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
        w.notes++;
        return start.call(this, when);
      };
    });
    const notes = () => page.evaluate(() => (window as unknown as { notes: number }).notes);
    const created = await trpc<CreateLessonResult>('lesson.create', {
      settings: { ...DECK_PRESET, timerSeconds: 8 },
    });
    const teacher = new Client(created.code, {
      role: 'instructor',
      secret: created.instructorSecret,
    });
    const joined = await trpc<JoinLessonResult>('lesson.join', {
      code: created.code,
      nickname: 'Ada',
    });
    const ada = new Client(created.code, { role: 'student', playerToken: joined.playerToken });
    try {
      await page.goto(`/show/${created.code}`);
      await expect(page.getByTestId('player-count')).toHaveText('1 joined');
      // Off by default: a whole question, answered and revealed, makes no sound.
      await teacher.command({ type: 'start' });
      await teacher.command({ type: 'open' });
      await answer(ada, truthOf('z1'));
      await teacher.command({ type: 'reveal' });
      await expect(page.getByTestId('question-status')).toHaveText('Revealed');
      await page.waitForTimeout(300);
      expect(await notes()).toBe(0);

      // On, from the console (a display option); the click is the gesture a browser wants
      // before it plays anything.
      await teacher.command({ type: 'display', options: { sounds: true } });
      await page.mouse.click(5, 5);
      await teacher.command({ type: 'next' });
      await teacher.command({ type: 'open' });
      // The 8-second timer runs out: a tick in each of the last five seconds.
      await expect(page.getByTestId('question-status')).toHaveText('Answers locked', {
        timeout: 12_000,
      });
      expect(await notes()).toBeGreaterThanOrEqual(4);
      const beforeReveal = await notes();
      await teacher.command({ type: 'reveal' });
      // The chord: four notes.
      await expect.poll(notes).toBeGreaterThanOrEqual(beforeReveal + 4);
    } finally {
      teacher.close();
      ada.close();
    }
  });
});
