/**
 * The student's phone, held in one hand (issue 12, parts 3, 5 and 6): the landing page's join
 * code from 320 to 414 px (and inside its card at 1280), every live-lesson state and the
 * homework at 360×740 with no sideways scroll, values at 16 px or more on one line, no site
 * header, arrow keys in the answer grid, the focus kept and "You're in" said, no rank before the
 * first reveal, text at 200%; and a lesson report with a late joiner and an early lock, number
 * by number, at 1280×800. Screenshots go to e2e/screenshots/phone/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DECK_CONFIG, type QuantityName, traceStep, type Value } from '@backprop/mlp-core';
import { expect, type Page, test } from '@playwright/test';
import { joinAs, type Lesson, LiveClient, trpc } from './support/live-lesson.ts';
import { expectNoHorizontalPageScroll, expectNoSeriousViolations } from './support/page-checks.ts';
import { repoRoot } from './support/paths.ts';

const screenshots = join(repoRoot, 'e2e/screenshots/phone');
mkdirSync(screenshots, { recursive: true });

const trace = traceStep(DECK_CONFIG, 0);
const truth = (name: QuantityName): Value => trace.entries.find((e) => e.name === name)!.value;
const flat = (v: Value): number[] => (typeof v === 'number' ? [v] : v.flat());

/** z1 (a row of three) and dLoss_dW2 (3×2) by number; no timer; streak bonus on. */
const SETTINGS = {
  network: { ...DECK_CONFIG },
  questions: [
    { quantity: 'z1', mode: 'numeric' },
    { quantity: 'dLoss_dW2', mode: 'numeric' },
  ],
  timerSeconds: null,
  scoring: { speedBonus: false, streakBonus: true },
  tolerance: { relative: 0.01, absolute: 0.0005 },
};

/** What a student copies or reads back, each at 16 px or more and on one line. */
async function expectValuesReadable(page: Page, label: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const values = document.querySelectorAll<HTMLElement>(
      '[data-cell], [data-value], [data-testid="my-score"], [data-testid="my-points"]',
    );
    for (const el of Array.from(values)) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      const text = (el.textContent ?? '').trim();
      if (size < 16) out.push(`"${text}" at ${size}px`);
      // One line: every piece of its text starts at the same height.
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set(
        Array.from(range.getClientRects())
          .filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)),
      );
      if (tops.size > 1) out.push(`"${text}" wraps over ${tops.size} lines`);
    }
    for (const input of Array.from(
      document.querySelectorAll<HTMLInputElement>('input[inputmode]'),
    )) {
      const size = Number.parseFloat(getComputedStyle(input).fontSize);
      if (size < 16) out.push(`input ${input.getAttribute('aria-label')} at ${size}px`);
      if (input.value && input.scrollWidth > input.clientWidth) {
        out.push(`input ${input.getAttribute('aria-label')} hides part of "${input.value}"`);
      }
    }
    return out;
  });
  expect(problems, label).toEqual([]);
}

/**
 * The elements that stick out to the right of the page (not those inside a box that scrolls
 * sideways on its own: a wide matrix), to say what overflows.
 */
async function widest(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Inside a box that scrolls or clips, unless it is positioned absolutely and escapes a box
    // that is not positioned (the screen-reader-only words of a table's cells can).
    const clipped = (el: HTMLElement) => {
      const absolute = getComputedStyle(el).position === 'absolute';
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible' && (!absolute || style.position !== 'static')) {
          return true;
        }
      }
      return false;
    };
    return Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
      .slice(-5)
      .map((el) => `${el.tagName}.${el.className} → ${el.getBoundingClientRect().right}`);
  });
}

/** The page with its text at 200% (rem-sized, as a browser's text size setting does). */
async function expectNoSidewaysScrollAtDoubleText(page: Page, label: string): Promise<void> {
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.id = 'double-text';
    style.textContent = 'html { font-size: 200% !important; }';
    document.head.append(style);
  });
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  const out = await widest(page);
  await page.screenshot({
    path: join(screenshots, `double-text-${label.replace(/\W+/g, '-')}.png`),
  });
  const all =
    scrollWidth > clientWidth
      ? await page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>('body *'))
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth)
            .filter(
              (el) => !el.parentElement?.closest('[data-testid="result-entries"], .matrix-scroll'),
            )
            .map(
              (el) =>
                `${el.tagName}.${el.className}:${(el.textContent ?? '').slice(0, 20)} → ${el.getBoundingClientRect().right}`,
            )
            .slice(0, 12)
            .join(' | '),
        )
      : '';
  await page.evaluate(() => document.getElementById('double-text')?.remove());
  expect(out, `${label} at 200% text: nothing sticks out`).toEqual([]);
  expect(scrollWidth, `${label} at 200% text: ${all}`).toBeLessThanOrEqual(clientWidth);
}

async function expectNoSiteHeader(page: Page): Promise<void> {
  await expect(page.getByRole('navigation', { name: 'Site' })).toHaveCount(0);
  await expect(page.getByTestId('site-header')).toHaveCount(0);
}

async function shot(page: Page, state: string, project: string): Promise<void> {
  expect(await widest(page), `${state}: nothing sticks out`).toEqual([]);
  await expectNoHorizontalPageScroll(page);
  await expectValuesReadable(page, state);
  if (project !== 'phone') return;
  await page.screenshot({ path: join(screenshots, `${state}.png`), fullPage: true });
}

test('the landing page: the join code fits every phone, and its card on a desktop', async ({
  page,
}, testInfo) => {
  const widths = testInfo.project.name === 'phone' ? [320, 360, 375, 390, 414] : [1280];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 740 });
    await page.goto('/');
    await expectNoHorizontalPageScroll(page);
    const card = (await page.getByTestId('join-card').boundingBox())!;
    const input = (await page.getByTestId('join-code-input').boundingBox())!;
    const button = (await page.getByTestId('join-code-submit').boundingBox())!;
    expect(input.x, `${width} px: the input inside its card`).toBeGreaterThanOrEqual(card.x);
    expect(input.x + input.width).toBeLessThanOrEqual(card.x + card.width);
    expect(button.x + button.width, `${width} px: the Join button on screen`).toBeLessThanOrEqual(
      width,
    );
    expect(button.y + button.height).toBeLessThanOrEqual(740);
    if (width <= 360) {
      await expectNoSidewaysScrollAtDoubleText(page, `landing at ${width} px`);
      await page.screenshot({ path: join(screenshots, `landing-${width}.png`) });
    }
  }
  // The border of the code input is at 3:1 against white (slate-500), not 2.6:1.
  const border = await page
    .getByTestId('join-code-input')
    .evaluate((el) => getComputedStyle(el).borderTopColor);
  expect(border).not.toBe('rgb(255, 255, 255)');
  // A wrong code comes back with its error tied to the input.
  await page.goto('/join?code=abc');
  await expect(page.locator('#code-error')).toBeVisible();
  await expect(page.getByTestId('join-code-input')).toHaveAttribute(
    'aria-describedby',
    'code-error',
  );
});

test('a live lesson on a phone: every state, focus kept, no header, no early rank', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const lesson = await trpc<Lesson>('lesson.create', { settings: SETTINGS });
  const teacher = await LiveClient.connect(lesson.code, {
    role: 'instructor',
    secret: lesson.instructorSecret,
  });
  // A second student who answers nothing: the question stays open until the lock.
  const quiet = await joinAs(lesson.code, 'Quiet');

  await page.goto(`/play/${lesson.code}`);
  await expect(page.getByTestId('join-form')).toBeVisible();
  await expectNoSiteHeader(page);
  await expectNoSidewaysScrollAtDoubleText(page, 'join form');
  await shot(page, 'join', project);

  await page.getByLabel(/your nickname/i).fill('Ada');
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('lobby')).toBeVisible();
  // The form went away: the focus is on the lobby's heading, and "You're in" is said.
  await expect(page.locator('#lobby-title')).toBeFocused();
  await expect(page.getByTestId('announcer')).toContainText('You’re in, Ada!');
  await expect(page.getByTestId('my-rank')).toHaveCount(0);
  await shot(page, 'lobby', project);

  await teacher.send({ type: 'start' });
  await teacher.send({ type: 'open' });
  await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
  await expectNoSiteHeader(page);
  // Before the first reveal: points, no rank ("rank 1 of 2" at 0 points says nothing).
  await expect(page.getByTestId('my-score')).toContainText('0 points');
  await expect(page.getByTestId('my-rank')).toHaveCount(0);
  await expect(page.getByTestId('known-W1')).toBeVisible();
  await expectNoSidewaysScrollAtDoubleText(page, 'question open');
  await shot(page, 'question-open', project);

  // Arrow keys between the cells of a row: right from the end of a value, left from the start.
  const cell = (r: number, c: number) => page.getByTestId(`entry-${r}-${c}`);
  await cell(0, 0).fill('-0.37658201');
  await cell(0, 0).press('End');
  await cell(0, 0).press('ArrowRight');
  await expect(cell(0, 1)).toBeFocused();
  await cell(0, 1).press('ArrowLeft');
  await expect(cell(0, 0)).toBeFocused();
  // A whole 8-decimal value shows in its box.
  await expectValuesReadable(page, 'an 8-decimal value typed');
  for (const [i, v] of flat(truth('z1')).entries()) await cell(0, i).fill(v.toFixed(8));
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-ack')).toHaveAttribute('data-kind', 'sent');
  await expect(page.getByTestId('answer-submit')).toBeFocused();
  await shot(page, 'answered', project);

  // The lock takes the send button away: the focus goes to the locked note, not the page top.
  await teacher.send({ type: 'lock' });
  await expect(page.getByTestId('locked-note')).toBeFocused();
  await expect(page.getByTestId('announcer')).toContainText('Answers locked');
  await shot(page, 'locked', project);

  await teacher.send({ type: 'reveal' });
  await expect(page.getByTestId('my-verdict')).toHaveAttribute('data-tone', 'right');
  await expect(page.locator('#result-title')).toBeFocused();
  await expect(page.getByTestId('my-points')).toHaveText('+1,000 points');
  await expect(page.getByTestId('my-rank')).toContainText('rank 1 of 2');
  await expectNoSidewaysScrollAtDoubleText(page, 'revealed');
  await shot(page, 'revealed', project);

  // dLoss_dW2, 3×2: up and down change rows; a pause and a resume are said.
  await teacher.send({ type: 'next' });
  await teacher.send({ type: 'open' });
  await expect(page.getByTestId('question-quantity')).toHaveText('dLoss_dW2');
  await cell(0, 1).focus();
  await cell(0, 1).press('ArrowDown');
  await expect(cell(1, 1)).toBeFocused();
  await cell(1, 1).press('ArrowDown');
  await expect(cell(2, 1)).toBeFocused();
  await cell(2, 1).press('ArrowUp');
  await expect(cell(1, 1)).toBeFocused();
  await cell(1, 1).press('ArrowLeft');
  await expect(cell(1, 0)).toBeFocused();
  await teacher.send({ type: 'pause' });
  await expect(page.getByTestId('announcer')).toContainText('paused');
  await teacher.send({ type: 'resume' });
  await expect(page.getByTestId('announcer')).toContainText(
    'Resumed: question dLoss_dW2 is open again',
  );
  await expect(page.getByTestId('my-rank')).toContainText('rank 1 of 2');
  await shot(page, 'question-matrix-open', project);
  await teacher.send({ type: 'reveal' });
  await expect(page.getByTestId('my-verdict')).toHaveAttribute('data-tone', 'none');

  await teacher.send({ type: 'next' });
  await expect(page.getByTestId('step-done')).toBeVisible();
  await expect(page.locator('#step-done-title')).toBeFocused();
  await shot(page, 'step-done', project);

  await teacher.send({ type: 'end' });
  await expect(page.getByTestId('finished')).toBeVisible();
  await expect(page.getByTestId('final-rank')).toContainText('1,000');
  await shot(page, 'finished', project);
  await expectNoSeriousViolations(page, 'finished');
  teacher.close();
  quiet.close();
});

/**
 * An instructor signed up, then signed in, through the API (sign-up makes no session, as the web
 * app's form does): the page's context holds the session cookie.
 */
async function signUp(page: Page): Promise<void> {
  const credentials = {
    email: `ada-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    password: 'correct horse battery',
  };
  // better-auth checks the origin: the web app's own.
  const headers = { origin: test.info().project.use.baseURL! };
  const signedUp = await page.request.post('/api/auth/sign-up/email', {
    data: { name: 'Ada Lovelace', ...credentials },
    headers,
  });
  expect(signedUp.ok(), await signedUp.text()).toBe(true);
  const signedIn = await page.request.post('/api/auth/sign-in/email', {
    data: credentials,
    headers,
  });
  expect(signedIn.ok(), await signedIn.text()).toBe(true);
}

async function callAsInstructor<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  const base = test.info().project.use.baseURL!;
  const response = await page.request.post(`/api/trpc/${procedure}`, {
    data: input,
    headers: { origin: base },
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

test('homework on a phone: the numbers beside the question, feedback, review', async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the student side of homework, on a phone');
  await signUp(page);
  const now = Date.now();
  const assignment = await callAsInstructor<{ id: string }>(page, 'assignment.create', {
    title: 'Phone homework',
    settings: { ...SETTINGS, questions: SETTINGS.questions.slice(0, 1) },
    opensAt: now - 60_000,
    dueAt: now + 86_400_000,
    attempts: 2,
    showHints: true,
    askStudentNumber: false,
  });
  const student = await page
    .context()
    .browser()!
    .newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
  const phone = await student.newPage();
  await phone.goto(`/homework/${assignment.id}`);
  await expectNoSiteHeader(phone);
  await phone.getByLabel(/your name/i).fill('Bea');
  await phone.getByTestId('start').click();
  const question = phone.getByTestId('homework-question');
  await expect(question).toHaveAttribute('data-quantity', 'z1');
  // The numbers z1 is computed from are in the question's card, above its answer.
  const inputs = question.getByTestId('question-inputs');
  await expect(inputs.getByTestId('input-X')).toBeVisible();
  await expect(inputs.getByTestId('input-W1')).toBeVisible();
  const inputsBox = (await inputs.boundingBox())!;
  const entryBox = (await question.getByTestId('entry-0-0').boundingBox())!;
  expect(inputsBox.y + inputsBox.height).toBeLessThanOrEqual(entryBox.y);
  await expectNoSidewaysScrollAtDoubleText(phone, 'homework question');
  await shot(phone, 'homework-question', 'phone');

  // Two wrong answers of 8 decimals: feedback, then the true value and the review.
  for (let attempt = 0; attempt < 2; attempt++) {
    for (let c = 0; c < 3; c++) await question.getByTestId(`entry-0-${c}`).fill('-0.37658201');
    await question.getByTestId('answer-submit').click();
    await expect(phone.getByTestId('feedback')).toHaveAttribute('data-tone', 'wrong');
    if (attempt === 0) {
      await expect(phone.getByTestId('feedback')).toContainText('1 attempt left');
      await shot(phone, 'homework-feedback', 'phone');
    }
  }
  await expect(phone.getByTestId('review')).toBeVisible();
  await expect(phone.getByTestId('homework-score')).toContainText('score 0 of 1');
  await shot(phone, 'homework-review', 'phone');
  await expectNoSeriousViolations(phone, 'homework review');
  await student.close();
});

test('a lesson report with a late joiner and an early lock, number by number', async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the instructor reads the report at a desk');
  await signUp(page);
  const lesson = await callAsInstructor<Lesson>(page, 'lesson.create', {
    settings: {
      ...SETTINGS,
      questions: [SETTINGS.questions[0], { quantity: 'h1', mode: 'numeric' }],
    },
  });
  const teacher = await LiveClient.connect(lesson.code, {
    role: 'instructor',
    secret: lesson.instructorSecret,
  });
  const zoe = await joinAs(lesson.code, 'zoe');
  const yan = await joinAs(lesson.code, 'yan');
  await teacher.send({ type: 'start' });
  await teacher.send({ type: 'open' });
  const z1 = truth('z1');
  await zoe.answer({ step: 0, index: 0 }, z1);
  await yan.answer(
    { step: 0, index: 0 },
    (z1 as number[][]).map((r) => r.map((x) => x + 37)),
  );
  await teacher.send({ type: 'reveal' });
  await teacher.send({ type: 'next' });
  // xia comes late: she could not answer z1. h1 is locked after zoe's answer only.
  const xia = await joinAs(lesson.code, 'xia');
  await teacher.send({ type: 'open' });
  await zoe.answer({ step: 0, index: 1 }, truth('h1'));
  await teacher.send({ type: 'lock' });
  await teacher.send({ type: 'reveal' });

  await page.goto(`/reports/lessons/${lesson.code}`);
  const z1Row = page.getByTestId('quantity-z1');
  const h1Row = page.getByTestId('quantity-h1');
  // z1: zoe right, yan wrong, xia not present: 1 of 2 = 50%, 1 not present.
  await expect(z1Row.getByTestId('share-right')).toHaveText('50%');
  await expect(z1Row.getByTestId('present')).toHaveText('2');
  await expect(z1Row.getByTestId('not-present')).toHaveText('1');
  // h1: 3 could answer, 1 did (right): 33.3%, but too few answers to be the hardest.
  await expect(h1Row.getByTestId('share-right')).toHaveText('33.3%');
  await expect(h1Row.getByTestId('present')).toHaveText('3');
  await expect(h1Row.getByTestId('not-present')).toHaveText('0');
  await expect(page.getByTestId('hardest')).toHaveAttribute('data-quantity', 'z1');
  await expect(page.getByTestId('hardest')).toContainText('50% right (1 of 2 who could answer)');
  const students = page.getByTestId('report-students').locator('tbody tr');
  const row = (name: string) => students.filter({ hasText: name });
  // zoe: 2 of 2, a streak: 1,000 + 1,100 of a 2,100 maximum.
  await expect(row('zoe').getByTestId('student-score')).toHaveText('2,100');
  await expect(row('zoe').getByTestId('student-max')).toHaveText('2,100');
  await expect(row('zoe').getByTestId('student-percent')).toHaveText('100%');
  await expect(row('zoe').getByTestId('student-right')).toHaveText('2 of 2');
  // yan: 0 of 2 (present for both); xia: 0 of 1, 1 not present, a maximum of 1,000.
  await expect(row('yan').getByTestId('student-right')).toHaveText('0 of 2');
  await expect(row('yan').getByTestId('student-not-present')).toHaveText('0');
  await expect(row('xia').getByTestId('student-right')).toHaveText('0 of 1');
  await expect(row('xia').getByTestId('student-not-present')).toHaveText('1');
  await expect(row('xia').getByTestId('student-max')).toHaveText('1,000');
  await expect(row('xia').getByTestId('student-time')).toHaveText('0:00');
  await expectNoSeriousViolations(page, 'lesson report');
  await page.screenshot({ path: join(screenshots, 'report-1280.png'), fullPage: true });
  for (const c of [teacher, zoe, yan, xia]) c.close();
});

test('sign-in errors are tied to their fields', async ({ page }) => {
  await page.goto('/signin');
  const email = page.getByLabel('Email');
  const password = page.getByLabel('Password');
  await email.fill('not-an-email');
  await page.getByTestId('auth-submit').click();
  await expect(page.getByTestId('auth-problem')).toContainText('Type your email address');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toBeFocused();
  const problemId = await email.getAttribute('aria-describedby');
  expect(problemId).toBeTruthy();
  await expect(page.locator(`[id="${problemId}"]`)).toContainText('Type your email address');
  await expect(password).not.toHaveAttribute('aria-invalid', 'true');
  // Refused by the server: both fields, and the password keeps its hint too.
  await email.fill(`nobody-${Date.now()}@example.org`);
  await password.fill('correct horse battery');
  await page.getByTestId('auth-submit').click();
  await expect(page.getByTestId('auth-problem')).toContainText('Wrong email or password');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  const described = (await password.getAttribute('aria-describedby'))!.split(' ');
  expect(described).toHaveLength(2);
  await expect(page.locator(`[id="${described[0]}"]`)).toContainText('Wrong email or password');
  await expect(page.locator(`[id="${described[1]}"]`)).toContainText('At least');
});
