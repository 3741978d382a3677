/**
 * The projector view (/show/<code>) through a real lesson: the instructor and three students are
 * socket.io clients of the real server (their screens are tested elsewhere), the projector is the
 * page. Screenshots of each phase at 1920x1080, 1280x800 and 360x740 go to e2e/screenshots/.
 */
import { mkdirSync } from 'node:fs';
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
  type ServerToClientEvents,
} from '@backprop/contract';
import { type QuantityName, traceStep, type Value } from '@backprop/mlp-core';
import { expect, type Page, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { expectNoSeriousViolations } from './support/page-checks.ts';
import { expectCardValue } from './support/page-values.ts';
import { repoRoot, serverUrl } from './support/paths.ts';

/** The game server; another port when several worktrees run their own stacks side by side. */
const SERVER = serverUrl;
const screenshots = join(repoRoot, 'e2e/screenshots');

const SIZES = [
  { name: '1920', width: 1920, height: 1080 },
  { name: '1280', width: 1280, height: 800 },
  { name: 'phone', width: 360, height: 740 },
] as const;

/** Biases on (so they are drawn) and a learning rate that trains XOR within a fast-forward. */
const SETTINGS: LessonSettings = {
  network: { ...DECK_PRESET.network, bias: true, lr: 2 },
  questions: [
    { quantity: 'z1', mode: 'numeric' },
    { quantity: 'h1', mode: 'choice' },
    { quantity: 'dLoss_dh1', mode: 'numeric' },
    { quantity: 'W1_new', mode: 'numeric' },
  ],
  timerSeconds: 120,
  scoring: { speedBonus: false, streakBonus: true },
  tolerance: { relative: 0.01, absolute: 0.0005 },
};

type LessonSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function trpc<T>(procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${SERVER}/trpc/${procedure}`, {
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
    this.socket = io(SERVER, {
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
    // The acknowledgement can come before the view: wait for the view of this version.
    return this.until((v) => v.version >= ack.version);
  }
  close() {
    this.socket.close();
  }
}

const trace = traceStep(SETTINGS.network, 0);
const truthOf = (name: QuantityName): Value => trace.entries.find((e) => e.name === name)!.value;
/** A wrong answer of the right shape: every entry off by a lot. */
const wrong = (v: Value): Value =>
  typeof v === 'number' ? v + 3 : v.map((r) => r.map((x) => x + 3));

let answerSeq = 0;
async function answer(student: Client, value: { numbers: Value } | { choice: number }) {
  const view = await student.until((v) => v.question?.status === 'open');
  const ack = await student.socket.timeout(8_000).emitWithAck('answer', {
    type: 'answer',
    answerId: `show-e2e-${++answerSeq}`,
    question: view.question!.key,
    value,
  });
  if (!ack.ok) throw new Error(`answer: ${ack.error.code} ${ack.error.message}`);
}

/** The reveal's and the podium's motion has ended: axe judges the colours as they stay. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState === 'finished'),
  );
}

/** Screenshots at the three sizes; the page never scrolls sideways, even on a phone. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.waitForTimeout(150);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `${name} at ${size.name}: no sideways scroll`).toBeLessThanOrEqual(
      clientWidth,
    );
    await page.screenshot({
      path: join(screenshots, `show-${name}-${size.name}.png`),
      fullPage: size.name === 'phone',
    });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
}

test.describe('projector view', () => {
  // One walk through a lesson covers every size; the phone project would only repeat it.
  test.skip(({ isMobile }) => isMobile, 'sizes are set inside the test');

  test('a code that is not one, and a lesson that does not exist', async ({ page }) => {
    await page.goto('/show/nope!');
    await expect(page.getByTestId('show-bad-code')).toBeVisible();
    await page.goto('/show/ZZZZZZ');
    await expect(page.getByTestId('refused')).toHaveAttribute('data-code', 'UNKNOWN_LESSON');
    await expect(page.getByRole('heading', { name: 'There is no lesson ZZZZZZ' })).toBeVisible();
    await expectNoSeriousViolations(page, 'unknown lesson');
    await shoot(page, 'unknown');
  });

  test('lobby, question, pause, reveal, leaderboard options, fast-forward and podium', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const created = await trpc<CreateLessonResult>('lesson.create', { settings: SETTINGS });
    const { code } = created;
    const teacher = new Client(code, { role: 'instructor', secret: created.instructorSecret });
    const students: Client[] = [];
    try {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`/show/${code}`);

      // Lobby: the way in, and the roster filling up live.
      await expect(page.getByTestId('join-code')).toHaveText(code);
      await expect(page.getByTestId('join-url')).toContainText(`/play/${code}`);
      await expect(page.getByRole('img', { name: /QR code of http/ })).toBeVisible();
      await expect(page.getByTestId('player-count')).toHaveText('0 joined');
      for (const nickname of ['Ada', 'Grace', 'Alan']) {
        const joined = await trpc<JoinLessonResult>('lesson.join', { code, nickname });
        students.push(new Client(code, { role: 'student', playerToken: joined.playerToken }));
        await expect(page.getByTestId('roster-name').filter({ hasText: nickname })).toBeVisible();
      }
      await expect(page.getByTestId('player-count')).toHaveText('3 joined');
      await expectNoSeriousViolations(page, 'lobby');
      await shoot(page, 'lobby');
      // The huge code and the QR code sit side by side or one above the other, never overlapping.
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        const codeBox = (await page.getByTestId('join-code').boundingBox())!;
        const qrBox = (await page.getByTestId('join-qr').boundingBox())!;
        const apart =
          codeBox.x + codeBox.width <= qrBox.x ||
          codeBox.y + codeBox.height <= qrBox.y ||
          qrBox.y + qrBox.height <= codeBox.y;
        expect(apart, `join code clear of the QR code at ${size.name}`).toBe(true);
      }
      await page.setViewportSize({ width: 1920, height: 1080 });
      const [ada, grace, alan] = students as [Client, Client, Client];

      // The first question, shown: the asked brick and its inputs highlighted, weights drawn.
      await teacher.command({ type: 'start' });
      await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'shown');
      await expect(page.getByTestId('question-quantity')).toHaveText('z1');
      await expect(page.locator('[data-brick="z1"]')).toHaveAttribute('data-state', 'asked');
      for (const input of ['X', 'W1', 'b1']) {
        await expect(page.locator(`[data-brick="${input}"]`)).toHaveAttribute(
          'data-state',
          'input',
        );
      }
      await expect(page.locator('[data-region="hidden"]')).toHaveAttribute(
        'data-highlight',
        'asked',
      );
      await expect(page.locator('[data-region="inputs"]')).toHaveAttribute(
        'data-highlight',
        'input',
      );
      // 2x3 W1, 3 b1, 3x2 W2, 2 b2.
      await expect(page.locator('[data-link]')).toHaveCount(6 + 3 + 6 + 2);

      // Open: the timer runs; two of three answer.
      await teacher.command({ type: 'open' });
      await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
      await expect(page.getByTestId('timer')).toContainText(/[12]:\d\d/);
      await expect(page.getByTestId('announcer')).toContainText('Answers are open for z1');
      await answer(ada, { numbers: truthOf('z1') });
      await answer(grace, { numbers: wrong(truthOf('z1')) });
      await expect(page.getByTestId('answer-count')).toContainText('2 / 3');
      await expectNoSeriousViolations(page, 'question open');
      await shoot(page, 'question-open');

      // Pause: the one state badge says so (never also "Answer now"); the timer freezes.
      await teacher.command({ type: 'pause' });
      await expect(page.getByTestId('question-status')).toHaveAttribute('data-paused', 'true');
      await expect(page.getByTestId('question-status')).toHaveText('Paused');
      await expect(page.getByText('Answer now')).toHaveCount(0);
      const frozen = await page.getByTestId('timer').getAttribute('data-remaining-ms');
      await page.waitForTimeout(1_200);
      await expect(page.getByTestId('timer')).toHaveAttribute('data-remaining-ms', frozen!);
      await expect(page.getByTestId('timer')).toContainText('frozen');
      await shoot(page, 'question-paused');
      await teacher.command({ type: 'resume' });
      await expect(page.getByTestId('question-status')).toHaveAttribute('data-paused', 'false');

      // The last answer locks the question; the reveal shows the truth and the distribution.
      await answer(alan, { numbers: truthOf('z1') });
      await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'locked');
      await teacher.command({ type: 'reveal' });
      await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'revealed');
      await expectCardValue(page.getByTestId('truth'), truthOf('z1'), 'z1 truth');
      const rightCounts = page.locator(
        '[data-testid="distribution"] tr[data-class="correct"] [data-count]',
      );
      await expect(rightCounts).toHaveCount(3);
      for (const count of await rightCounts.all()) await expect(count).toHaveText('2');
      await expect(page.getByTestId('announcer')).toContainText(
        'Revealed: the true value of z1 is',
      );
      const board = page.getByTestId('leaderboard');
      await expect(board.getByTestId('leaderboard-row')).toHaveCount(3);
      await expect(board.getByTestId('leaderboard-name').first()).toHaveText('Ada');
      await settled(page);
      await expectNoSeriousViolations(page, 'reveal');
      await shoot(page, 'reveal');

      // Display options, set from the console (lesson state): anonymised names, then no
      // leaderboard at all.
      await teacher.command({ type: 'display', options: { anonymise: true } });
      await expect(board.getByTestId('leaderboard-name').first()).toHaveText('Player 1');
      await expect(board).not.toContainText('Grace');
      await shoot(page, 'reveal-anonymised');
      await teacher.command({ type: 'display', options: { hideLeaderboard: true } });
      await expect(page.getByTestId('leaderboard')).toHaveCount(0);
      await expect(page.getByTestId('network-diagram')).toBeVisible();
      await teacher.command({
        type: 'display',
        options: { hideLeaderboard: false, anonymise: false },
      });

      // A multiple-choice question: the options are on the big screen.
      await teacher.command({ type: 'next' });
      await expect(page.getByTestId('question-quantity')).toHaveText('h1');
      await teacher.command({ type: 'open' });
      await expect(page.getByTestId('choice-options').locator('li')).toHaveCount(4);
      await shoot(page, 'question-choice');

      // The rest of the step is skipped: between steps, the step's summary.
      let now = await teacher.until(() => true);
      while (now.phase === 'question') now = await teacher.command({ type: 'skip' });
      await expect(page.getByTestId('step-summary')).toBeVisible();

      // Fast-forward: the curves and the decision boundary animate as frames arrive.
      await teacher.command({ type: 'fastForward', steps: 3_000 });
      await expect(page.getByTestId('training')).toBeVisible();
      const canvas = page.getByTestId('decision-boundary').locator('canvas');
      const firstStep = Number(await canvas.getAttribute('data-step'));
      await expect(page.getByTestId('training')).toHaveAttribute('data-done', 'true', {
        timeout: 15_000,
      });
      expect(Number(await canvas.getAttribute('data-step'))).toBeGreaterThan(firstStep);
      // Every frame of the run is on the curves (30 at most), not only the last.
      const points = Number(await page.getByTestId('loss-chart').getAttribute('data-points'));
      expect(points).toBeGreaterThanOrEqual(20);
      await expect(page.getByTestId('announcer')).toContainText('Fast-forward done');
      await expect(page.getByTestId('accuracy-chart-value')).toHaveText(/^\d+%$/);
      await expectNoSeriousViolations(page, 'fast-forward');
      await shoot(page, 'fast-forward');

      // The end: the podium and the final standings.
      await teacher.command({ type: 'end' });
      await expect(page.getByTestId('podium')).toBeVisible();
      await expect(page.getByTestId('podium-place')).toHaveCount(3);
      await expect(page.getByTestId('announcer')).toContainText('The lesson is over');
      await settled(page);
      await expectNoSeriousViolations(page, 'finished');
      await shoot(page, 'finished');
    } finally {
      teacher.close();
      for (const s of students) s.close();
    }
  });

  test('the deck lesson: no biases drawn, the W2 gradient asked with its bricks', async ({
    page,
  }) => {
    const created = await trpc<CreateLessonResult>('lesson.create', { preset: 'deck' });
    const teacher = new Client(created.code, {
      role: 'instructor',
      secret: created.instructorSecret,
    });
    try {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`/show/${created.code}`);
      await expect(page.getByTestId('join-code')).toHaveText(created.code);
      await teacher.command({ type: 'start' });
      // Skip to dLoss_dW2 (the 10th brick of the deck's chain).
      for (let i = 0; i < 9; i++) await teacher.command({ type: 'skip' });
      await expect(page.getByTestId('question-quantity')).toHaveText('dLoss_dW2');
      await expect(page.locator('[data-link]')).toHaveCount(6 + 6);
      await expect(page.locator('[data-region="W2"]')).toHaveAttribute('data-highlight', 'asked');
      await expect(page.getByTestId('question-inputs')).toContainText('dLoss_dz2');
      await shoot(page, 'deck-dLoss_dW2');
    } finally {
      teacher.close();
    }
  });
});
