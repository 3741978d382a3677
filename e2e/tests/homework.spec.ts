/**
 * Homework through the real screens: an instructor signs up and sets homework (z1, h1, z2 by
 * number, dh2_dz2 by sign; two attempts, hints on), two students do it in their own browsers (one
 * a phone) on different numbers, answering from the numbers their page shows with mlp-core's
 * forward and backward pass; some answers wrong first (feedback, a named slip with its hint, one
 * question out of attempts and its true value), one student continues on a new device with the
 * resume code. The instructor reads the report (the hardest quantity) and downloads both CSVs,
 * checked cell by cell; signs out and in again. Practice is answered right once. axe on every page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  backward,
  computeLoss,
  forward,
  fromRows,
  type Matrix,
  type Params,
  StepBuffers,
  toRows,
} from '@backprop/mlp-core';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { expectNoHorizontalPageScroll, expectNoSeriousViolations } from './support/page-checks.ts';
import { readCells } from './support/page-values.ts';
import { repoRoot } from './support/paths.ts';

const screenshots = join(repoRoot, 'e2e/screenshots');
mkdirSync(screenshots, { recursive: true });

const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** The homework's questions, in the deck's order; the rest of the deck is unticked. */
const ASKED = ['z1', 'h1', 'z2', 'dh2_dz2'] as const;
type Asked = (typeof ASKED)[number];

// --- answers from the numbers on the page ----------------------------------------------------------

/** A printed matrix (8 decimals) read back from its card. */
async function readMatrix(page: Page, name: string): Promise<Matrix> {
  const cells = await readCells(page.getByTestId(`given-${name}`));
  const rows = Math.max(...cells.map((c) => c.row)) + 1;
  const cols = Math.max(...cells.map((c) => c.col)) + 1;
  const m: Matrix = Array.from({ length: rows }, () => Array<number>(cols).fill(0));
  for (const c of cells) m[c.row]![c.col] = Number(c.text);
  return m;
}

/**
 * mlp-core's step on the givens the student sees (the deck's network: sigmoid, no biases, no
 * regularisation). Printed to 8 decimals, the givens give values well inside the tolerance.
 */
async function answersFromPage(page: Page): Promise<Record<Asked, Matrix>> {
  const [X, y, W1, W2] = await Promise.all(['X', 'y', 'W1', 'W2'].map((n) => readMatrix(page, n)));
  const hidden = W1![0]!.length;
  const rows = X!.length;
  const p: Params = { hidden, W1: fromRows(W1!), W2: fromRows(W2!), b1: null, b2: null };
  const buf = new StepBuffers(rows, hidden);
  buf.x.set(fromRows(X!));
  buf.y.set(fromRows(y!));
  forward(p, 'sigmoid', buf);
  computeLoss(p, 0, buf);
  backward(p, 'sigmoid', 0, buf);
  return {
    z1: toRows(buf.z1, rows, hidden),
    h1: toRows(buf.h1, rows, hidden),
    z2: toRows(buf.z2, rows, 2),
    dh2_dz2: toRows(buf.dh2_dz2, rows, 2),
  };
}

const plusOne = (m: Matrix): Matrix => m.map((row) => row.map((x) => x + 1));

/** Types a matrix into the numeric entry (or clicks its signs) and sends it. */
async function answer(page: Page, quantity: Asked, value: Matrix): Promise<void> {
  const question = page.getByTestId('homework-question');
  await expect(question).toHaveAttribute('data-quantity', quantity);
  for (const [r, row] of value.entries()) {
    for (const [c, x] of row.entries()) {
      if (quantity === 'dh2_dz2') {
        const sign = Math.sign(x);
        await question
          .locator(`[data-testid="sign-${r}-${c}"] button[data-sign="${sign}"]`)
          .click();
      } else {
        await question.getByTestId(`entry-${r}-${c}`).fill(String(x));
      }
    }
  }
  await question.getByTestId('answer-submit').click();
}

/** The latest feedback is about `quantity` and has this tone (right, partial, wrong). */
/** The verdict's tone for h1 answered with z1 (the sigmoid forgotten), from the numbers given. */
function forgotActivationTone(values: Record<Asked, Matrix>): 'wrong' | 'partial' {
  const h1 = values.h1.flat();
  const close = values.z1.flat().some((z, i) => Math.abs(z - h1[i]!) <= 0.01 * Math.abs(h1[i]!));
  return close ? 'partial' : 'wrong';
}

async function expectFeedback(page: Page, quantity: Asked, tone: string): Promise<void> {
  const feedback = page.getByTestId('feedback');
  await expect(feedback).toHaveAttribute('data-quantity', quantity);
  await expect(feedback).toHaveAttribute('data-tone', tone);
}

// --- the browsers -----------------------------------------------------------------------------------

const contexts: BrowserContext[] = [];
async function newPage(browser: Browser, phone = false): Promise<Page> {
  const context = await browser.newContext({ ...(phone ? PHONE : DESKTOP), acceptDownloads: true });
  contexts.push(context);
  return context.newPage();
}
test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
});

async function startHomework(page: Page, link: string, name: string): Promise<string> {
  await page.goto(link);
  await expect(page.getByTestId('homework-title')).toHaveText('Backprop, week 3');
  await expect(page.getByTestId('intro-questions')).toHaveText(String(ASKED.length));
  await expectNoSeriousViolations(page, `homework intro (${name})`);
  await page.getByLabel(/your name/i).fill(name);
  await page.getByTestId('start').click();
  const code = page.getByTestId('resume-code');
  await expect(code).toHaveText(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
  await expect(page.getByTestId('student-name')).toHaveText(name);
  return (await code.getAttribute('data-code'))!;
}

/** CSV text to rows (the server's cells have no commas or quotes here). */
const csvRows = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('an instructor sets homework, two students do it, the report and CSVs add up', async ({
  browser,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one run: it opens its own phone context');
  test.setTimeout(240_000);

  // --- the instructor signs up and sets the homework ---
  const teacher = await newPage(browser);
  const email = `ada-${Date.now()}@example.org`;
  const password = 'correct horse battery';
  await teacher.goto('/');
  await teacher.getByRole('link', { name: 'Create an instructor account' }).click();
  await expect(teacher).toHaveURL(/\/signup$/);
  await expectNoSeriousViolations(teacher, 'sign up');
  await teacher.getByLabel('Name').fill('Ada Lovelace');
  await teacher.getByLabel('Email').fill(email);
  await teacher.getByLabel('Password').fill(password);
  await teacher.getByTestId('auth-submit').click();
  await expect(teacher).toHaveURL(/\/dashboard$/);
  await expect(teacher.getByTestId('signed-in-as')).toContainText(email);
  await expectNoSeriousViolations(teacher, 'dashboard');

  await teacher.getByTestId('new-assignment').click();
  await expect(teacher).toHaveURL(/\/assignments\/new$/);
  await teacher.getByLabel('Title').fill('Backprop, week 3');
  for (const row of await teacher.locator('[data-testid^="question-row-"]').all()) {
    const name = (await row.getAttribute('data-testid'))!.replace('question-row-', '');
    await row.getByRole('checkbox').setChecked((ASKED as readonly string[]).includes(name));
  }
  await teacher.getByLabel('dh2_dz2: answer with').selectOption('sign');
  await teacher.getByLabel(/Attempts per question/).fill('2');
  await expectNoSeriousViolations(teacher, 'new homework');
  await teacher.getByTestId('create-assignment').click();
  await expect(teacher).toHaveURL(/\/assignments\/[A-Za-z0-9_-]+\?created=1$/);
  await expect(teacher.getByTestId('assignment-status')).toHaveAttribute('data-status', 'open');
  const link = await teacher.getByTestId('share-link').inputValue();
  const assignmentId = link.split('/homework/')[1]!;
  expect(assignmentId).toMatch(/^[A-Za-z0-9_-]{12,32}$/);
  await expectNoSeriousViolations(teacher, 'homework page (instructor)');

  // --- student A on a laptop: a wrong answer, a named slip with its hint, all right in the end ---
  const ada = await newPage(browser);
  await startHomework(ada, link, 'Ann');
  const a = await answersFromPage(ada);
  await answer(ada, 'z1', plusOne(a.z1));
  await expectFeedback(ada, 'z1', 'wrong');
  await expect(ada.getByTestId('feedback')).toContainText('1 attempt left');
  await expect(ada.getByTestId('truth')).toHaveCount(0);
  await expectNoSeriousViolations(ada, 'homework feedback');
  await answer(ada, 'z1', a.z1);
  await expectFeedback(ada, 'z1', 'right');
  // h1 with the sigmoid forgotten: the named slip and its hint. Wrong, or partly right where an
  // entry of z1 happens to lie within 1% of σ(z1) (near 0.659: each student has their own numbers).
  await answer(ada, 'h1', a.z1);
  await expectFeedback(ada, 'h1', forgotActivationTone(a));
  await expect(ada.getByTestId('misconception')).toContainText(/activation/i);
  await expect(ada.getByTestId('hint')).not.toBeEmpty();
  await answer(ada, 'h1', a.h1);
  await expectFeedback(ada, 'h1', 'right');
  await answer(ada, 'z2', a.z2);
  await expectFeedback(ada, 'z2', 'right');
  await answer(ada, 'dh2_dz2', a.dh2_dz2);
  await expectFeedback(ada, 'dh2_dz2', 'right');
  await expect(ada.getByTestId('homework-question')).toHaveCount(0);
  await expect(ada.getByTestId('homework-score')).toContainText('4 of 4 questions done');
  await expect(ada.getByTestId('homework-score')).toContainText('score 4 of 4');
  await expect(ada.getByTestId('review')).toBeVisible();
  await expectNoSeriousViolations(ada, 'homework done');

  // --- student B on a phone: other numbers; h1 out of attempts; continues on a new phone ---
  const grace = await newPage(browser, true);
  const code = await startHomework(grace, link, 'Bea');
  const b = await answersFromPage(grace);
  expect(b.z1, 'each student has their own numbers').not.toEqual(a.z1);
  await expectNoHorizontalPageScroll(grace);
  await answer(grace, 'z1', b.z1);
  await expectFeedback(grace, 'z1', 'right');
  await answer(grace, 'h1', plusOne(b.h1));
  await expectFeedback(grace, 'h1', 'wrong');
  await answer(grace, 'h1', b.z1);
  await expectFeedback(grace, 'h1', forgotActivationTone(b));
  await expect(grace.getByTestId('feedback')).toContainText('no attempts left');
  // Out of attempts: the true value, and on to z2.
  await expect(grace.getByTestId('truth')).toBeVisible();
  await expect(grace.getByTestId('homework-question')).toHaveAttribute('data-quantity', 'z2');
  await expectNoSeriousViolations(grace, 'homework out of attempts (phone)');
  await expect(grace.locator('[data-testid="formula"] .katex')).toBeVisible();
  await expectNoHorizontalPageScroll(grace);
  await grace.screenshot({ path: join(screenshots, 'homework-missed-phone.png'), fullPage: true });

  const phone2 = await newPage(browser, true);
  await phone2.goto(link);
  await phone2.getByLabel(/resume code/i).fill(code.toLowerCase());
  await phone2.getByTestId('resume').click();
  await expect(phone2.getByTestId('student-name')).toHaveText('Bea');
  await expect(phone2.getByTestId('homework-question')).toHaveAttribute('data-quantity', 'z2');
  expect(await answersFromPage(phone2), 'the same numbers on the new device').toEqual(b);
  await answer(phone2, 'z2', b.z2);
  await expectFeedback(phone2, 'z2', 'right');
  await answer(phone2, 'dh2_dz2', b.dh2_dz2);
  await expectFeedback(phone2, 'dh2_dz2', 'right');
  await expect(phone2.getByTestId('homework-score')).toContainText('score 3 of 4');
  await expect(phone2.getByTestId('review-h1')).toHaveAttribute('data-state', 'missed');

  // --- the instructor: students, one student's exact numbers, the report, the CSVs ---
  await teacher.goto(`/assignments/${assignmentId}`);
  const students = teacher.getByTestId('students-table');
  await expect(students).toContainText('Ann');
  await expect(students).toContainText('Bea');
  await teacher.getByRole('link', { name: 'exact numbers of Bea' }).click();
  await expect(teacher.getByRole('heading', { level: 1 })).toContainText('Bea');
  expect(await readMatrix(teacher, 'W1')).toEqual(await readMatrix(phone2, 'W1'));
  await expectNoSeriousViolations(teacher, "a student's numbers");

  await teacher.goto(`/assignments/${assignmentId}`);
  await teacher.getByTestId('report-link').click();
  await expect(teacher).toHaveURL(new RegExp(`/reports/assignments/${assignmentId}$`));
  await expect(teacher.getByTestId('report-title')).toHaveText('Backprop, week 3');
  // h1: Ann right at the second attempt, Bea out of attempts: half right, the lowest share.
  await expect(teacher.getByTestId('hardest')).toHaveAttribute('data-quantity', 'h1');
  await expect(teacher.getByTestId('hardest')).toContainText('50% right');
  await expect(teacher.getByTestId('quantity-z1')).toContainText('100%');
  await expect(teacher.getByTestId('report-chart').locator('svg').first()).toBeVisible();
  await expectNoSeriousViolations(teacher, 'homework report');
  // The report on a phone: tables scroll inside their box, not the page.
  await teacher.setViewportSize(PHONE.viewport);
  // The chart follows the new width on its next resize observation.
  await expect
    .poll(() => teacher.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(PHONE.viewport.width);
  await expectNoHorizontalPageScroll(teacher);
  await teacher.screenshot({
    path: join(screenshots, 'homework-report-phone.png'),
    fullPage: true,
  });
  await teacher.setViewportSize(DESKTOP.viewport);

  const studentsCsv = await download(teacher, 'csv-students');
  expect(studentsCsv.name).toMatch(/\.csv$/);
  const sRows = csvRows(studentsCsv.text);
  expect(sRows[0]!.join(',')).toBe(
    'name,student_number,score,max_score,percent,correct,questions,not_present,attempts,time',
  );
  // Sorted by score: Ann (4 of 4, 6 attempts) then Bea (3 of 4, 5 attempts).
  expect(sRows.length).toBe(3);
  const [ann, bea] = [sRows[1]!, sRows[2]!];
  expect([ann[0], ann[1], Number(ann[2]), Number(ann[3]), Number(ann[4])]).toEqual([
    'Ann',
    '',
    4,
    4,
    100,
  ]);
  // correct, questions, not present (homework: none), attempts.
  expect([Number(ann[5]), Number(ann[6]), Number(ann[7]), Number(ann[8])]).toEqual([4, 4, 0, 6]);
  expect([bea[0], Number(bea[2]), Number(bea[4]), Number(bea[5]), Number(bea[8])]).toEqual([
    'Bea',
    3,
    75,
    3,
    5,
  ]);
  // Time as m:ss.
  expect(ann[9]).toMatch(/^\d+:[0-5]\d$/);

  const answersCsv = await download(teacher, 'csv-answers');
  const aRows = csvRows(answersCsv.text);
  expect(aRows[0]!.join(',')).toBe(
    'name,student_number,step,quantity,present,correct,credit,attempts,seconds,misconception',
  );
  expect(aRows.length).toBe(1 + 2 * ASKED.length);
  const row = (name: string, quantity: Asked) =>
    aRows.find((r) => r[0] === name && r[3] === quantity)!;
  // present, correct, credit, attempts.
  expect(row('Ann', 'z1').slice(4, 8)).toEqual(['1', '1', '1', '2']);
  expect(row('Ann', 'h1').slice(4, 8)).toEqual(['1', '1', '1', '2']);
  expect(row('Bea', 'h1').slice(4, 8)).toEqual(['1', '0', '0', '2']);
  // Bea's last h1 was z1 again: the sigmoid forgotten, named.
  expect(row('Bea', 'h1')[9]).toBe('ACTIVATION_FORGOTTEN');
  expect(row('Bea', 'z2').slice(4, 8)).toEqual(['1', '1', '1', '1']);

  // --- signing out and in again ---
  await teacher.goto('/dashboard');
  await expect(teacher.getByTestId('assignment-list')).toContainText('Backprop, week 3');
  await teacher.getByRole('button', { name: 'Sign out' }).click();
  await expect(teacher).toHaveURL(/\/$/);
  await teacher.goto('/dashboard');
  await expect(teacher).toHaveURL(/\/signin\?next=%2Fdashboard$/);
  await expectNoSeriousViolations(teacher, 'sign in');
  await teacher.getByLabel('Email').fill(email);
  await teacher.getByLabel('Password').fill(password);
  await teacher.getByTestId('auth-submit').click();
  await expect(teacher).toHaveURL(/\/dashboard$/);
  await expect(teacher.getByTestId('assignment-list')).toContainText('Backprop, week 3');

  // --- a live lesson started from the dashboard is the instructor's, with a report ---
  await teacher.getByTestId('teach-now').click();
  await teacher.getByTestId('create-deck').click();
  await expect(teacher).toHaveURL(/\/teach\/[A-Z0-9]{6}\?created=1$/);
  const lessonCode = teacher.url().match(/\/teach\/([A-Z0-9]{6})/)![1]!;
  await teacher.goto('/dashboard');
  await expect(teacher.getByTestId('lesson-list')).toContainText(lessonCode);
  await teacher.getByRole('link', { name: `report of lesson ${lessonCode}` }).click();
  await expect(teacher).toHaveURL(new RegExp(`/reports/lessons/${lessonCode}$`));
  await expect(teacher.getByText('No answers yet.')).toBeVisible();
  await expectNoSeriousViolations(teacher, 'lesson report');
});

test('practice: fresh numbers in the browser, z1 answered right', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'a phone is where practice happens');
  await page.goto('/');
  // The header's link: on every page but a live lesson and a homework.
  await page
    .getByRole('navigation', { name: 'Site' })
    .getByRole('link', { name: 'Practice' })
    .click();
  await expect(page).toHaveURL(/\/practice$/);
  await expect(page.getByTestId('homework-question')).toHaveAttribute('data-quantity', 'z1');
  await expectNoSeriousViolations(page, 'practice');
  const { z1 } = await answersFromPage(page);
  await answer(page, 'z1', z1);
  await expectFeedback(page, 'z1', 'right');
  await expect(page.getByTestId('homework-question')).toHaveAttribute('data-quantity', 'h1');
  await expectNoHorizontalPageScroll(page);
});
