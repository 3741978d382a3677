/**
 * The learning moment through the real screens: a lesson plan created on /teach, the console and
 * the projector as pages, the instructor's quizzing and fast-forwards as a socket.io client (the
 * console's own buttons are tested in teach.spec.ts). "Watch it learn" must reach 95% on the
 * projector; in the deck's lesson the bias-free network stalls, both screens say why, and "Add
 * biases and train again" on the console makes it learn. Screenshots of the training panels go to
 * e2e/screenshots/learning/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Ack,
  type ClientToServerEvents,
  type Credentials,
  type InstructorCommand,
  type JoinLessonResult,
  type LessonView,
  NO_BIAS_STALL_REASON,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '@backprop/contract';
import { expect, type Page, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { repoRoot, serverUrl } from './support/paths.ts';

const screenshots = join(repoRoot, 'e2e/screenshots/learning');

type LessonSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

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
      .poll(() => this.view !== null && predicate(this.view), { timeout: 15_000 })
      .toBe(true);
    return this.view!;
  }
  async command(command: InstructorCommand): Promise<LessonView> {
    const ack = (await this.socket.timeout(15_000).emitWithAck('command', { command })) as Ack<{
      version: number;
    }>;
    if (!ack.ok) throw new Error(`${command.type}: ${ack.error.code} ${ack.error.message}`);
    return this.until((v) => v.version >= ack.version);
  }
  close() {
    this.socket.close();
  }
}

/** Creates a plan on /teach by its button; returns the code and the instructor's secret. */
async function createPlan(page: Page, testId: string) {
  await page.goto('/teach');
  await page.getByTestId(testId).click();
  await page.waitForURL(/\/teach\/[A-Z0-9]{6}/);
  const code = /\/teach\/([A-Z0-9]{6})/.exec(page.url())![1]!;
  const secret = await page.evaluate(
    (k) => JSON.parse(window.localStorage.getItem(k) ?? 'null') as string,
    `backprop:${code}:instructor`,
  );
  expect(secret).toBeTruthy();
  return { code, secret };
}

/** Skips every question of the first step: the class is between steps. */
async function toStepDone(teacher: Client) {
  let view = await teacher.command({ type: 'start' });
  while (view.phase === 'question') view = await teacher.command({ type: 'skip' });
  expect(view.phase).toBe('stepDone');
}

const percentOf = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).textContent())!.replace('%', ''));

async function shot(page: Page, name: string, width: number, height: number) {
  mkdirSync(screenshots, { recursive: true });
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(200);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${name}: no sideways scroll`).toBeLessThanOrEqual(clientWidth);
  await page.screenshot({ path: join(screenshots, `${name}-${width}x${height}.png`) });
}

test.describe('the learning moment', () => {
  test.skip(({ isMobile }) => isMobile, 'the projector and console are desktop screens');

  test('the plans show their length; "Watch it learn" reaches 95% on the projector', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/teach');
    // Every plan states its question count and minutes; the 50-minute plan fits.
    const deck50 = await page.getByTestId('plan-estimate-deck50').textContent();
    expect(deck50).toMatch(/15 questions/);
    expect(Number(/about (\d+) min/.exec(deck50!)![1])).toBeLessThanOrEqual(50);
    await expect(page.getByTestId('plan-estimate-deck')).toContainText('18 questions');
    await expect(page.getByTestId('plan-estimate-forward')).toContainText('5 questions');
    await expect(page.getByTestId('plan-estimate-learn')).toContainText('min');
    // The quick picker's estimate follows the choices.
    await page.getByTestId('pick-loss-off').check({ force: true });
    await expect(page.getByTestId('picker-estimate')).toContainText('14 questions');
    await shot(page, 'teach-plans', 1280, 800);

    const { code, secret } = await createPlan(page, 'create-plan-learn');
    const show = await context.newPage();
    await show.setViewportSize({ width: 1920, height: 1080 });
    await show.goto(`/show/${code}`);
    const teacher = new Client(code, { role: 'instructor', secret });
    try {
      await toStepDone(teacher);
      await teacher.command({ type: 'fastForward', steps: 3000 });
      // While it streams, the header and the training panel count the same steps.
      await expect(show.getByTestId('training')).toBeVisible();
      for (let i = 0; i < 5; i++) {
        const { header, panel } = await show.evaluate(() => ({
          header: document.querySelector('[data-testid="progress"]')?.textContent ?? '',
          panel:
            document.querySelector('[data-testid="training-step"]')?.getAttribute('data-step') ??
            '',
        }));
        const steps = /([\d,]+) training steps? so far/.exec(header)?.[1]?.replaceAll(',', '');
        expect(steps, `header "${header}" and panel step ${panel}`).toBe(panel);
        await show.waitForTimeout(250);
      }
      await expect(show.getByTestId('training')).toHaveAttribute('data-done', 'true', {
        timeout: 20_000,
      });
      await expect(show.getByTestId('progress')).toHaveText(
        'Step 1 done · 3,001 training steps so far',
      );
      await expect(show.getByTestId('training-step')).toHaveText('after 3,001 training steps');
      expect(await percentOf(show, 'accuracy-chart-value')).toBeGreaterThanOrEqual(95);
      await expect(show.getByTestId('colour-scale')).toBeVisible();
      await expect(show.getByTestId('stall-reason')).toHaveCount(0);
      // The console agrees, and words the next step as the teacher says it.
      await expect(page.getByTestId('training-accuracy')).toHaveText(/^(9[5-9]|100)\.\d%$/);
      await expect(page.getByText('Quiz step 2 (after 3,001 training steps)')).toBeVisible();
      await shot(show, 'show-learned', 1920, 1080);
      await shot(show, 'show-learned', 1024, 768);
      await shot(page, 'console-learned', 1280, 800);
    } finally {
      teacher.close();
    }
  });

  test('in the deck lesson the bias-free network stalls, says why, and learns after "add biases"', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    const { code, secret } = await createPlan(page, 'create-plan-deck50');
    const show = await context.newPage();
    await show.setViewportSize({ width: 1920, height: 1080 });
    await show.goto(`/show/${code}`);
    const teacher = new Client(code, { role: 'instructor', secret });
    const joined = (await (
      await fetch(`${serverUrl}/trpc/lesson.join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, nickname: 'Ada' }),
      })
    ).json()) as { result: { data: JoinLessonResult } };
    const ada = new Client(code, { role: 'student', playerToken: joined.result.data.playerToken });
    try {
      await toStepDone(teacher);
      await teacher.command({ type: 'fastForward', steps: 2000 });
      await expect(show.getByTestId('training')).toHaveAttribute('data-done', 'true', {
        timeout: 20_000,
      });
      // Stalled: both screens give the reason in one sentence; the console offers the way out.
      // (One copy per layout, in the third column on wide screens: the visible one counts.)
      await expect(show.locator('[data-testid="stall-reason"]:visible')).toContainText(
        NO_BIAS_STALL_REASON,
      );
      await expect(page.getByTestId('stall-reason')).toContainText(NO_BIAS_STALL_REASON);
      const stalledAt = await percentOf(show, 'accuracy-chart-value');
      expect(stalledAt).toBeLessThan(75);
      await shot(show, 'show-stalled', 1920, 1080);
      await shot(show, 'show-stalled', 1024, 768);
      await shot(page, 'console-stalled', 1280, 800);

      await page.getByTestId('add-biases').click();
      // The same class watches it learn: a second run of 2,000 steps, with biases.
      await expect(show.getByTestId('training-step')).toHaveText('after 4,001 training steps', {
        timeout: 20_000,
      });
      await expect(show.getByTestId('training')).toHaveAttribute('data-done', 'true', {
        timeout: 20_000,
      });
      expect(await percentOf(show, 'accuracy-chart-value')).toBeGreaterThan(stalledAt + 15);
      await expect(show.getByTestId('stall-reason')).toHaveCount(0);
      await expect(page.getByTestId('stall-reason')).toHaveCount(0);
      await expect(page.getByTestId('bias-note')).toBeVisible();
      // Every screen sees the change: the student's view too.
      await ada.until((v) => v.training.bias && v.step === 4001);
      await shot(show, 'show-after-biases', 1920, 1080);
      await shot(show, 'show-after-biases', 1024, 768);
      await shot(page, 'console-after-biases', 1280, 800);
    } finally {
      teacher.close();
      ada.close();
    }
  });
});
