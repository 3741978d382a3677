/**
 * One class period, end to end: the instructor starts "The deck in 50 minutes" from /teach and
 * plays it to the end on the console (Chromium, 1280x800), while three students answer every
 * question right: one on a real phone page (360x740, joined through the landing page), two as
 * socket.io clients. The plan opens each question as it is shown ([Q11]), so every instructor
 * press on the console is counted: Start, then at most two per question (Reveal, Next), then End
 * (its button and its confirmation). No timer runs out: the last student's answer locks each
 * question. The plan actually created must fit 50 minutes by the contract's estimatePlan.
 * Right answers: mlp-core's traceStep on the deck's network (the plan's numbers are the deck's),
 * signs of the true values, and the option equal to the true value.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Ack,
  type ClientToServerEvents,
  estimatePlan,
  type JoinLessonResult,
  type LessonSettings,
  type LessonView,
  lessonPlan,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '@backprop/contract';
import { DECK_CONFIG, type QuantityName, traceStep, type Value } from '@backprop/mlp-core';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { repoRoot, serverUrl } from './support/paths.ts';

const screenshots = join(repoRoot, 'e2e/screenshots/period');

type LessonSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Given = { numbers: Value } | { signs: Value } | { choice: number };

const trace = traceStep(DECK_CONFIG, 0);
const truthOf = (name: QuantityName): Value => trace.entries.find((e) => e.name === name)!.value;
const flat = (v: Value): number[] => (typeof v === 'number' ? [v] : v.flat());
const colsOf = (v: Value): number => (typeof v === 'number' ? 1 : (v[0]?.length ?? 1));
const sameValue = (a: Value, b: Value) => {
  const fa = flat(a);
  const fb = flat(b);
  return fa.length === fb.length && fa.every((x, i) => Math.abs(x - fb[i]!) < 1e-12);
};
const signsOf = (v: Value): Value =>
  typeof v === 'number' ? Math.sign(v) : v.map((row) => row.map(Math.sign));

type StudentQuestion = {
  key: { step: number; index: number };
  quantity: QuantityName;
  mode: 'numeric' | 'sign' | 'choice';
  status: string;
  options: Value[] | null;
};
const questionOf = (v: LessonView | null): StudentQuestion | null =>
  v && v.phase === 'question' ? (v.question as unknown as StudentQuestion | null) : null;

/** The right answer to a question as the student sees it. */
function rightAnswer(q: StudentQuestion): Given {
  const truth = truthOf(q.quantity);
  if (q.mode === 'choice') {
    const right = q.options!.findIndex((o) => sameValue(o, truth));
    expect(right, `${q.quantity}: one option is the true value`).toBeGreaterThanOrEqual(0);
    return { choice: right };
  }
  if (q.mode === 'sign') return { signs: signsOf(truth) };
  return { numbers: truth };
}

/** A student on a socket of their own, joined through the API. */
class SocketStudent {
  view: LessonView | null = null;
  readonly socket: LessonSocket;
  private seq = 0;
  constructor(
    code: string,
    playerToken: string,
    readonly nickname: string,
  ) {
    this.socket = io(serverUrl, {
      auth: { protocolVersion: PROTOCOL_VERSION, code, as: { role: 'student', playerToken } },
      transports: ['websocket'],
    });
    this.socket.on('view', (v) => {
      this.view = v;
    });
  }
  static async join(code: string, nickname: string) {
    const response = await fetch(`${serverUrl}/trpc/lesson.join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, nickname }),
    });
    const joined = (await response.json()) as { result: { data: JoinLessonResult } };
    return new SocketStudent(code, joined.result.data.playerToken, nickname);
  }
  /** Waits for the question `index` open on this socket, and answers it right. */
  async answerRight(index: number): Promise<StudentQuestion> {
    await expect
      .poll(() => {
        const q = questionOf(this.view);
        return q && q.key.index === index ? q.status : null;
      })
      .toBe('open');
    const q = questionOf(this.view)!;
    const ack = (await this.socket.timeout(10_000).emitWithAck('answer', {
      type: 'answer',
      answerId: `period-${this.nickname}-${index}-${++this.seq}`,
      question: q.key,
      value: rightAnswer(q),
    } as never)) as Ack<unknown>;
    expect(ack, `${this.nickname} on ${q.quantity}: ${JSON.stringify(ack)}`).toMatchObject({
      ok: true,
    });
    return q;
  }
  close() {
    this.socket.close();
  }
}

/** Types the right answer into the phone's form and sends it. */
async function answerOnPhone(phone: Page, q: StudentQuestion): Promise<void> {
  await expect(phone.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
  const given = rightAnswer(q);
  const cols = colsOf(truthOf(q.quantity));
  if ('choice' in given) {
    await phone.getByTestId(`choice-${given.choice}`).click();
  } else if ('signs' in given) {
    for (const [i, s] of flat(given.signs).entries()) {
      const cell = phone.getByTestId(`sign-${Math.floor(i / cols)}-${i % cols}`);
      await cell.locator(`[data-sign="${s}"]`).click();
    }
  } else {
    for (const [i, x] of flat(given.numbers).entries()) {
      await phone.getByTestId(`entry-${Math.floor(i / cols)}-${i % cols}`).fill(String(x));
    }
  }
  await phone.getByTestId('answer-submit').click();
  await expect(phone.getByTestId('answer-ack')).toHaveAttribute('data-kind', /sent|changed/);
}

test('a 50-minute period: the deck plan played to the end in two presses per question', async ({
  browser,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one run plays the period');
  test.setTimeout(120_000);
  const contexts: BrowserContext[] = [];
  const sockets: SocketStudent[] = [];
  try {
    const teachContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(teachContext);
    const teach = await teachContext.newPage();
    await teach.goto('/teach');
    // The plan says it opens questions as shown; the quick picker starts with the same setting.
    await expect(teach.getByTestId('plan-estimate-deck50')).toContainText(
      'opens as shown: Reveal, Next',
    );
    await expect(teach.getByTestId('plan-estimate-deck')).not.toContainText('opens as shown');
    await expect(teach.getByTestId('picker-open-on-show')).toBeChecked();
    mkdirSync(screenshots, { recursive: true });
    await teach.getByTestId('quick-picker').screenshot({
      path: join(screenshots, 'teach-picker-1280.png'),
    });
    await teach.getByTestId('plan-deck50').screenshot({
      path: join(screenshots, 'teach-plan-deck50-1280.png'),
    });

    // The plan as the page sends it to the server: that is the plan the class plays.
    const created = teach.waitForRequest((r) => r.url().includes('/trpc/lesson.create'));
    await teach.getByTestId('create-plan-deck50').click();
    const settings = ((await created).postDataJSON() as { settings: LessonSettings }).settings;
    expect(settings).toEqual(lessonPlan('deck50').settings);
    expect(settings.openOnShow).toBe(true);
    const estimate = estimatePlan(settings);
    expect(estimate.questions).toBe(15);
    expect(estimate.seconds).toBeLessThanOrEqual(50 * 60);
    expect(estimate.minutes).toBeLessThanOrEqual(50);
    // The page says the same minutes and the two-press flow.
    await teach.waitForURL(/\/teach\/[A-Z0-9]{6}/);
    const code = /\/teach\/([A-Z0-9]{6})/.exec(teach.url())![1]!;
    await expect(teach.getByTestId('connection-state')).toHaveText(/Live/);
    // The projector, as the big screen shows it.
    const show = await teachContext.newPage();
    await show.setViewportSize({ width: 1920, height: 1080 });
    await show.goto(`/show/${code}`);

    // Three students: one phone through the landing page, two sockets.
    const phoneContext = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    contexts.push(phoneContext);
    const phone = await phoneContext.newPage();
    await phone.goto('/');
    await phone.getByLabel(/Join code/).fill(code.toLowerCase());
    await phone.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(phone).toHaveURL(new RegExp(`/play/${code}$`));
    await phone.getByLabel(/your nickname/i).fill('Ada');
    await phone.getByTestId('join-submit').click();
    await expect(phone.getByTestId('my-nickname')).toHaveText('Ada');
    for (const nickname of ['Bob', 'Cy']) sockets.push(await SocketStudent.join(code, nickname));
    await expect(teach.getByTestId('roster-row')).toHaveCount(3);

    // Every instructor press on the console goes through here and is counted.
    const presses: string[] = [];
    const primary = teach.locator('[data-primary]');
    const click = async (testId: string) => {
      presses.push(testId);
      await teach.getByTestId(testId).click();
    };
    const key = async (expected: string) => {
      // The next-action key, as a presenter remote sends it; the bar must offer `expected`.
      await expect(primary).toHaveAttribute('data-testid', `control-${expected}`);
      presses.push(`ArrowRight:${expected}`);
      await teach.keyboard.press('ArrowRight');
    };
    const status = teach.getByTestId('question-status');

    await click('control-start');
    const startPresses = presses.length;
    const questions = settings.questions.length;
    for (let index = 0; index < questions; index++) {
      const spec = settings.questions[index]!;
      // Shown and open at once: the timer runs, the console offers Reveal, not Open.
      await expect(status).toHaveAttribute('data-status', 'open');
      await expect(teach.getByTestId('bar-status')).toContainText(
        `Q${index + 1}/${questions} ${spec.quantity} · open`,
      );
      await expect(teach.getByTestId('bar-status')).toContainText(/\d:\d\d/);
      await expect(primary).toHaveAttribute('data-testid', 'control-reveal');
      await expect(teach.getByTestId('control-open')).toHaveCount(0);
      if (index === 0) {
        // As the class first sees it: the console's bar and the phone, the question already open.
        await expect(phone.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
        await teach.screenshot({ path: join(screenshots, 'console-open-on-show-1280x800.png') });
        await phone.screenshot({ path: join(screenshots, 'phone-open-on-show-360x740.png') });
        await expect(show.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
        await show.screenshot({ path: join(screenshots, 'show-open-on-show-1920x1080.png') });
      }

      const [q] = await Promise.all(sockets.map((s) => s.answerRight(index)));
      expect(q!.quantity).toBe(spec.quantity);
      expect(q!.mode).toBe(spec.mode);
      await expect(phone.getByTestId('question-progress')).toContainText(
        `question ${index + 1} of ${questions}`,
      );
      await answerOnPhone(phone, q!);
      // The last answer locked it: no timer ran out, no Lock press.
      await expect(status).toHaveAttribute('data-status', 'locked');

      // Press 1: Reveal (a click on the bar's one primary button).
      await expect(primary).toHaveAttribute('data-testid', 'control-reveal');
      await click('control-reveal');
      await expect(status).toHaveAttribute('data-status', 'revealed');
      await expect(show.getByTestId('question-status')).toHaveAttribute('data-status', 'revealed');
      await expect(phone.getByTestId('my-verdict'), `Ada on ${spec.quantity}`).toHaveAttribute(
        'data-tone',
        'right',
      );
      for (const s of sockets) {
        await expect
          .poll(() => {
            const v = s.view;
            return v && 'myResult' in v ? (v.myResult?.correct ?? null) : null;
          }, `${s.nickname} on ${spec.quantity}`)
          .toBe(true);
      }
      // Press 2: Next (the remote's key), to the next question or the end of the step.
      await key('next');
      if (index < questions - 1) {
        await expect(teach.getByTestId('bar-status')).toContainText(`Q${index + 2}/${questions} `);
      }
    }
    await expect(teach.getByTestId('lesson-phase')).toHaveAttribute('data-phase', 'stepDone');
    const questionPresses = presses.length - startPresses;
    expect(questionPresses).toBeLessThanOrEqual(2 * questions);

    // The end of the lesson: End… and its confirmation.
    await click('control-end');
    await click('control-end-confirm');
    await expect(teach.getByTestId('lesson-phase')).toHaveAttribute('data-phase', 'finished');
    await expect(phone.getByTestId('final-rank')).toBeVisible();

    expect(presses.length).toBeLessThanOrEqual(1 + 2 * questions + 2);
    testInfo.annotations.push({
      type: 'instructor presses',
      description: `${presses.length} in all: start 1, ${questionPresses} over ${questions} questions (${questionPresses / questions} each), end 2; plan estimate ${estimate.minutes} min`,
    });
    console.log(
      `period: ${presses.length} instructor presses (start 1, ${questionPresses} for ${questions} questions, end 2); estimatePlan ${estimate.minutes} min (${estimate.seconds} s)`,
    );
  } finally {
    for (const s of sockets) s.close();
    for (const c of contexts) await c.close();
  }
});
