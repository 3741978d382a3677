/**
 * The whole class through the real screens: the instructor creates the deck's lesson (one
 * multiple-choice and one sign question) in the /teach form and runs it from the console, the
 * projector shows it at 1920x1080, three students play it in their own browsers (one a phone),
 * joining through the landing page's code box. Every quantity of the step is played; after each
 * reveal every screen is checked against mlp-core's grading and the lesson's scoring (SPEC S1-S4),
 * and at the end the stored results (lesson.results) too. Along the way: a reload mid-question, a
 * late joiner, a kicked student let back in, a wrong join code. Screenshots of each screen at phone
 * and projector sizes go to e2e/screenshots/classroom-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AnswerMode,
  DECK_PRESET,
  type LessonResults,
  type LessonSettings,
  type QuestionSpec,
} from '@backprop/contract';
import {
  DECK_CONFIG,
  gradeAnswer,
  misconceptionsFor,
  type QuantityName,
  traceStep,
  type Value,
} from '@backprop/mlp-core';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { expectNoSeriousViolations } from './support/page-checks.ts';
import { expectCardValue } from './support/page-values.ts';
import { repoRoot, serverUrl } from './support/paths.ts';

/** Scores as every student screen prints them: thousands separators (formatScore). */
const score = (n: number) => n.toLocaleString('en');

const SERVER = serverUrl;
const screenshots = join(repoRoot, 'e2e/screenshots');

/** The deck preset with dh2_dz2 answered by sign and dLoss_dW2 by multiple choice. */
const MODES: Partial<Record<QuantityName, AnswerMode>> = { dh2_dz2: 'sign', dLoss_dW2: 'choice' };
const SETTINGS: LessonSettings = {
  ...DECK_PRESET,
  questions: DECK_PRESET.questions.map(
    (q): QuestionSpec => ({ ...q, mode: MODES[q.quantity] ?? q.mode }),
  ),
};
const trace = traceStep(DECK_CONFIG, 0);
const truthOf = (name: QuantityName): Value => trace.entries.find((e) => e.name === name)!.value;
const flat = (v: Value): number[] => (typeof v === 'number' ? [v] : v.flat());
const colsOf = (v: Value): number => (typeof v === 'number' ? 1 : (v[0]?.length ?? 1));
const sameValue = (a: Value, b: Value) => {
  const fa = flat(a);
  const fb = flat(b);
  return fa.length === fb.length && fa.every((x, i) => Math.abs(x - fb[i]!) < 1e-12);
};

// --- the server ---------------------------------------------------------------------------------

async function query<T>(procedure: string, input: unknown): Promise<T> {
  const url = `${SERVER}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const body = (await (await fetch(url)).json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

// --- the screens --------------------------------------------------------------------------------

const PHONE = { width: 360, height: 740 };
const PROJECTOR = { width: 1920, height: 1080 };

/** Saves the screen at phone and projector sizes, then puts the page's own size back. */
async function shoot(page: Page, name: string, sizes = [PHONE, PROJECTOR]): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  const own = page.viewportSize();
  for (const size of sizes) {
    if (page.viewportSize()?.width !== size.width) await page.setViewportSize(size);
    await page.screenshot({
      path: join(
        screenshots,
        `classroom-${name}-${size.width === PHONE.width ? 'phone' : 'projector'}.png`,
      ),
      fullPage: true,
    });
  }
  if (own) await page.setViewportSize(own);
}

/** A student in their own browser context, joining through the landing page's code box. */
const contexts: BrowserContext[] = [];

async function newStudent(browser: Browser, phone = false): Promise<Page> {
  const context = await browser.newContext(
    phone
      ? { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 800 } },
  );
  contexts.push(context);
  return context.newPage();
}

async function joinThroughLanding(page: Page, code: string, nickname: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/Join code/).fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/play/${code}$`));
  await page.getByLabel(/your nickname/i).fill(nickname);
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('my-nickname')).toHaveText(nickname);
}

// --- the students' answers and the expected scores ------------------------------------------------

type Given = { numbers: Value } | { signs: Value } | { choice: number };

interface Expected {
  score: number;
  streak: number;
}

interface Graded {
  correct: boolean;
  credit: number;
  points: number;
  /** Right or not, per entry (numeric and sign); one entry for a choice. */
  entries: boolean[];
  misconception: { id: string; label: string } | null;
}

const toleranceOf = (spec: QuestionSpec) => spec.tolerance ?? SETTINGS.tolerance;
// Sign mode: the exact true sign is always right (mlp-core accepts 0 too on negligible entries).
const signOf = (x: number) => Math.sign(x);

/** mlp-core's grading of one answer, and the lesson's points for it (S1, S3; no timer: no S2). */
function grade(
  spec: QuestionSpec,
  given: Given,
  options: Value[] | null,
  before: Expected,
): Graded & { after: Expected } {
  let correct: boolean;
  let credit: number;
  let entries: boolean[];
  let misconception: Graded['misconception'] = null;
  if ('choice' in given) {
    correct = sameValue(options![given.choice]!, truthOf(spec.quantity));
    credit = correct ? 1 : 0;
    entries = [correct];
  } else {
    const r = gradeAnswer(trace, spec.quantity, 'signs' in given ? given.signs : given.numbers, {
      mode: 'signs' in given ? 'sign' : 'numeric',
      tolerance: toleranceOf(spec),
    });
    correct = r.correct;
    credit = r.score;
    entries = r.entries.map((e) => e.correct);
    misconception = r.misconception && { id: r.misconception.id, label: r.misconception.label };
  }
  const streak = correct ? before.streak + 1 : 0;
  const bonus = correct && SETTINGS.scoring.streakBonus ? 100 * Math.min(streak - 1, 5) : 0;
  const points = Math.round(1000 * credit) + bonus;
  return {
    correct,
    credit,
    points,
    entries,
    misconception,
    after: { score: before.score + points, streak },
  };
}

type Behaviour = 'right' | 'mostly-wrong' | 'slips';

/** What a student gives: always right; wrong but for the first entry; a named slip when one fits. */
function answerOf(
  behaviour: Behaviour,
  spec: QuestionSpec,
  index: number,
  options: Value[] | null,
): Given {
  const truth = truthOf(spec.quantity);
  const map = (f: (x: number, i: number) => number): Value => {
    if (typeof truth === 'number') return f(truth, 0);
    const cols = colsOf(truth);
    return truth.map((row, r) => row.map((x, c) => f(x, r * cols + c)));
  };
  const wrong = behaviour === 'mostly-wrong' && index !== 0;
  if (spec.mode === 'choice') {
    const right = options!.findIndex((o) => sameValue(o, truth));
    return { choice: wrong || behaviour === 'slips' ? (right + 1) % options!.length : right };
  }
  if (spec.mode === 'sign') {
    return { signs: map((x) => (wrong ? -signOf(x) || 1 : signOf(x))) };
  }
  if (behaviour === 'slips' && index % 3 !== 1) {
    const slip = misconceptionsFor(trace, spec.quantity)[0];
    if (slip) return { numbers: slip.value };
  }
  // Mostly wrong: the first entry right (partial credit on a matrix), the others off by 3.
  return { numbers: map((x, i) => (wrong && (i > 0 || typeof truth === 'number') ? x + 3 : x)) };
}

/** Types the answer into the student's screen and sends it. */
async function enter(page: Page, given: Given, spec: QuestionSpec): Promise<void> {
  await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
  const cols = colsOf(truthOf(spec.quantity));
  if ('choice' in given) {
    await page.getByTestId(`choice-${given.choice}`).click();
  } else if ('signs' in given) {
    for (const [i, s] of flat(given.signs).entries()) {
      const cell = page.getByTestId(`sign-${Math.floor(i / cols)}-${i % cols}`);
      await cell.locator(`[data-sign="${s}"]`).click();
    }
  } else {
    for (const [i, x] of flat(given.numbers).entries()) {
      await page.getByTestId(`entry-${Math.floor(i / cols)}-${i % cols}`).fill(String(x));
    }
  }
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-ack')).toHaveAttribute('data-kind', /sent|changed/);
}

const toneOf = (g: Graded | null) =>
  !g ? 'none' : g.correct ? 'right' : g.entries.some(Boolean) ? 'partial' : 'wrong';

// --- the class ----------------------------------------------------------------------------------

test('the whole class plays the deck lesson through the real screens', async ({
  browser,
}, testInfo) => {
  test.skip(
    testInfo.project.name !== 'desktop',
    'one run plays the class; the phone student is a phone context of its own',
  );
  test.setTimeout(180_000);

  // The instructor creates the lesson in the custom form: the deck's settings, two modes changed.
  const teachContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(teachContext);
  const teach = await teachContext.newPage();
  await teach.goto('/teach');
  for (const [quantity, mode] of Object.entries(MODES)) {
    await teach.getByLabel(`${quantity}: answer with`).selectOption(mode);
  }
  await expect(teach.getByLabel('Timer')).not.toBeChecked();
  await expect(teach.getByLabel('Streak bonus')).toBeChecked();
  await teach.getByTestId('create-custom').click();
  await expect(teach).toHaveURL(/\/teach\/[A-Z2-9]{6}\?created=1$/);
  const code = new URL(teach.url()).pathname.split('/').pop() as string;
  await expect(teach.getByTestId('connection-state')).toHaveText(/Live/);
  const secret = JSON.parse(
    (await teach.evaluate((c) => localStorage.getItem(`backprop:${c}:instructor`), code)) ?? '""',
  ) as string;
  expect(secret.length).toBeGreaterThanOrEqual(16);
  const instructorView = () =>
    query<{ question: { options: Value[] | null; key: { index: number } } | null }>('lesson.view', {
      code,
      as: { role: 'instructor', secret },
    });

  // The projector.
  const showContext = await browser.newContext({ viewport: PROJECTOR });
  contexts.push(showContext);
  const show = await showContext.newPage();
  await show.goto(`/show/${code}`);
  await expect(show.getByTestId('join-code')).toHaveText(code);

  // Three students through the landing page; Grace on a phone.
  const ada = await newStudent(browser);
  await ada.goto('/');
  await expectNoSeriousViolations(ada, 'landing');
  await shoot(ada, 'landing');
  await joinThroughLanding(ada, code, 'Ada');
  const grace = await newStudent(browser, true);
  await grace.goto(`/play/${code}`);
  await expect(grace.getByTestId('join-form')).toBeVisible();
  await expectNoSeriousViolations(grace, 'join form');
  await shoot(grace, 'join-form', [PHONE]);
  await joinThroughLanding(grace, code, 'Grace');
  const linus = await newStudent(browser);
  await joinThroughLanding(linus, code, 'Linus');
  await expect(show.getByTestId('player-count')).toHaveText('3 joined');
  await expect(teach.getByTestId('roster-row')).toHaveCount(3);
  await expectNoSeriousViolations(show, 'projector lobby');
  await shoot(show, 'show-lobby');

  const players = new Map<string, { page: Page; behaviour: Behaviour; expected: Expected }>([
    ['Ada', { page: ada, behaviour: 'right', expected: { score: 0, streak: 0 } }],
    ['Grace', { page: grace, behaviour: 'mostly-wrong', expected: { score: 0, streak: 0 } }],
    ['Linus', { page: linus, behaviour: 'slips', expected: { score: 0, streak: 0 } }],
  ]);
  /** Points per nickname and question index, for the stored results. */
  const pointsAt = new Map<string, number>();
  const LATE_AT = 3;
  const KICK_AFTER = 5;
  const RELOAD_AT = 7;

  await teach.getByTestId('control-start').click();
  for (const [index, spec] of SETTINGS.questions.entries()) {
    await expect(teach.getByTestId('question-status')).toHaveAttribute('data-status', 'shown');
    await expect(show.getByTestId('question-quantity')).toHaveText(spec.quantity);

    // A late joiner, after a wrong code on the landing page: starts here with 0 points.
    if (index === LATE_AT) {
      const late = await newStudent(browser);
      await late.goto('/');
      await late.getByLabel(/Join code/).fill('ZZZZZZ');
      await late.getByRole('button', { name: 'Join', exact: true }).click();
      await expect(late.getByTestId('unknown-lesson')).toContainText('ZZZZZZ');
      await late.getByTestId('back-to-landing').click();
      // A code that is not one at all (the browser's own check off): the landing page says so.
      await late.locator('form[action="/join"]').evaluate((f: HTMLFormElement) => {
        f.noValidate = true;
      });
      await late.getByLabel(/Join code/).fill('OI10');
      await late.getByRole('button', { name: 'Join', exact: true }).click();
      await expect(late).toHaveURL(/\/\?error=code$/);
      await expect(
        late.getByRole('alert').filter({ hasText: 'That is not a join code' }),
      ).toBeVisible();
      await expect(late.getByLabel(/Join code/)).toHaveAttribute('aria-invalid', 'true');
      await joinThroughLanding(late, code, 'Late');
      await expect(late.getByTestId('question-status')).toHaveAttribute('data-status', 'shown');
      await expect(late.getByTestId('my-score')).toContainText('0');
      players.set('Late', { page: late, behaviour: 'right', expected: { score: 0, streak: 0 } });
    }

    await teach.getByTestId('control-open').click();
    await expect(teach.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
    const options =
      spec.mode === 'choice' ? ((await instructorView()).question?.options ?? null) : null;
    if (spec.mode === 'choice') expect(options).toHaveLength(4);

    const graded = new Map<string, Graded>();
    let answered = 0;
    for (const [nickname, player] of players) {
      const given = answerOf(player.behaviour, spec, index, options);
      await enter(player.page, given, spec);
      const g = grade(spec, given, options, player.expected);
      graded.set(nickname, g);
      player.expected = g.after;
      pointsAt.set(`${nickname}:${index}`, g.points);
      answered += 1;
      if (answered < players.size) {
        await expect(show.getByTestId('answer-count')).toContainText(
          `${answered} / ${players.size}`,
        );
      }
      // A reload after answering: same place, same answer, same score, no name asked.
      if (index === RELOAD_AT && nickname === 'Ada') {
        const before = await ada.getByTestId('my-score').textContent();
        const sent = await ada.getByTestId('my-answer').textContent();
        await ada.reload();
        await expect(ada.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
        await expect(ada.getByTestId('my-nickname')).toHaveText('Ada');
        await expect(ada.getByTestId('my-score')).toHaveText(before ?? '');
        await expect(ada.getByTestId('my-answer')).toHaveText(sent ?? '');
        if ('numbers' in given) {
          await expect(ada.getByTestId('entry-0-0')).toHaveValue(String(flat(given.numbers)[0]));
        }
      }
    }
    // Everyone answered: the question locks by itself (Q4).
    await expect(show.getByTestId('question-status')).toHaveAttribute('data-status', 'locked');
    await expect(show.getByTestId('answer-count')).toContainText(
      `${players.size} / ${players.size}`,
    );
    if (index === 0) {
      await expectNoSeriousViolations(ada, 'student question');
      await shoot(ada, 'student-question');
      await shoot(grace, 'student-question-mobile', [PHONE]);
      await expectNoSeriousViolations(teach, 'console question');
      await shoot(teach, 'console-question');
      await expectNoSeriousViolations(show, 'projector question');
      await shoot(show, 'show-question');
    }

    await teach.getByTestId('control-reveal').click();
    await expect(teach.getByTestId('question-status')).toHaveAttribute('data-status', 'revealed');

    // Each student: right or wrong, the points, the score; the named slip when there was one.
    for (const [nickname, player] of players) {
      const g = graded.get(nickname)!;
      const { page } = player;
      const label = `${nickname} on ${spec.quantity}`;
      await expect(page.getByTestId('my-verdict'), label).toHaveAttribute('data-tone', toneOf(g));
      await expect(page.getByTestId('my-points'), label).toHaveText(`+${score(g.points)} points`);
      await expect(page.getByTestId('result-streak'), label).toHaveText(
        new RegExp(`^streak ${player.expected.streak}`),
      );
      await expect(page.getByTestId('my-score'), label).toHaveText(
        `${score(player.expected.score)} points`,
      );
      if (g.misconception) {
        await expect(page.getByTestId('misconception'), label).toContainText(g.misconception.label);
      }
      if (spec.mode !== 'choice') {
        const marks = page.getByTestId('result-entry');
        await expect(marks, label).toHaveCount(g.entries.length);
        for (const [i, right] of g.entries.entries()) {
          await expect(marks.nth(i), `${label} entry ${i}`).toHaveAttribute(
            'data-correct',
            String(right),
          );
        }
      }
    }

    // The projector: the truth, and how many got each entry right.
    const truth = truthOf(spec.quantity);
    await expect(show.getByTestId('question-status')).toHaveAttribute('data-status', 'revealed');
    await expectCardValue(show.getByTestId('truth'), truth, `${spec.quantity} on the projector`);
    // A choice counts for every entry at once: all right or none (its entries are the option's).
    const rightPerEntry = flat(truth).map(
      (_, i) =>
        [...graded.values()].filter((g) => (spec.mode === 'choice' ? g.correct : g.entries[i]))
          .length,
    );
    const showCounts = show.locator(
      '[data-testid="distribution"] tr[data-class="correct"] [data-count]',
    );
    await expect(showCounts).toHaveCount(rightPerEntry.length);
    for (const [i, n] of rightPerEntry.entries()) {
      await expect(showCounts.nth(i), `${spec.quantity} projector entry ${i}`).toHaveText(
        String(n),
      );
    }
    // The console: the same distribution, and the slips named.
    const consoleCounts = teach.getByTestId('distribution-correct');
    await expect(consoleCounts).toHaveCount(rightPerEntry.length);
    for (const [i, n] of rightPerEntry.entries()) {
      await expect(consoleCounts.nth(i), `${spec.quantity} console entry ${i}`).toHaveText(
        String(n),
      );
    }
    for (const g of graded.values()) {
      if (g.misconception) {
        await expect(teach.getByTestId('distribution')).toContainText(g.misconception.label);
      }
    }
    if (index === 0) {
      await expectNoSeriousViolations(show, 'projector reveal');
      await shoot(show, 'show-reveal');
      await expectNoSeriousViolations(ada, 'student reveal');
      await shoot(ada, 'student-reveal');
      await shoot(grace, 'student-reveal-mobile', [PHONE]);
    }

    // Kicked, told so, let back in: the same score, back where the class is.
    if (index === KICK_AFTER) {
      const row = teach.locator('[data-nickname="Grace"]');
      await row.getByTestId('kick').click();
      await expect(grace.getByTestId('kicked')).toContainText('The instructor removed you');
      await expectNoSeriousViolations(grace, 'kicked');
      await shoot(grace, 'student-kicked', [PHONE]);
      await row.getByTestId('readmit').click();
      await expect(row.getByTestId('roster-status')).not.toHaveText(/removed/);
      await grace.getByTestId('kicked-retry').click();
      await expect(grace.getByTestId('my-score')).toHaveText(
        `${score(players.get('Grace')!.expected.score)} points`,
      );
      await expect(grace.getByTestId('my-verdict')).toBeVisible();
    }

    await teach.getByTestId('control-next').click();
  }

  // The step is done: fast-forward, and the projector draws the curves and the boundary.
  await expect(teach.getByTestId('lesson-phase')).toHaveAttribute('data-phase', 'stepDone');
  await expect(show.getByTestId('step-summary')).toBeVisible();
  await teach.getByTestId('fast-forward-steps').fill('200');
  await teach.getByTestId('control-fast-forward').click();
  await expect(show.getByTestId('training')).toHaveAttribute('data-done', 'true', {
    timeout: 20_000,
  });
  expect(Number(await show.getByTestId('loss-chart').getAttribute('data-points'))).toBeGreaterThan(
    1,
  );
  await expect(show.getByTestId('decision-boundary').locator('canvas')).toBeVisible();
  await expect(teach.getByTestId('training-loss')).toHaveText(/^\d+\.\d{6}$/);
  await shoot(show, 'show-fast-forward');

  // The end: the podium on the projector, each student's final rank (S5).
  await teach.getByTestId('control-end').click();
  await teach.getByTestId('control-end-confirm').click();
  await expect(teach.getByTestId('lesson-phase')).toHaveAttribute('data-phase', 'finished');
  const scores = [...players].map(([nickname, p]) => ({ nickname, score: p.expected.score }));
  const rankOf = (score: number) => 1 + scores.filter((s) => s.score > score).length;
  await expect(show.getByTestId('podium')).toBeVisible();
  await expect(show.getByTestId('podium-place')).toHaveCount(3);
  const best = [...scores].sort((a, b) => b.score - a.score)[0]!;
  await expect(show.getByTestId('podium')).toContainText(best.nickname);
  // The names fade in one after another (show.css): judge the contrast of the settled podium,
  // not a frame of the fade (which one axe catches depends on how fast the view arrived).
  await show.waitForFunction(() =>
    Array.from(document.querySelectorAll('[data-testid="podium"] .projector-fade')).every((el) =>
      el.getAnimations().every((a) => a.playState === 'finished'),
    ),
  );
  await expectNoSeriousViolations(show, 'projector podium');
  await shoot(show, 'show-podium');
  for (const [nickname, player] of players) {
    await expect(player.page.getByTestId('final-rank'), nickname).toContainText(
      `rank ${rankOf(player.expected.score)} of ${players.size} with ${score(player.expected.score)} points`,
    );
  }
  await shoot(grace, 'student-finished-mobile', [PHONE]);
  await expectNoSeriousViolations(teach, 'console finished');
  await shoot(teach, 'console-finished');

  // The stored results: the scores, and every answer as mlp-core grades it.
  const results = await query<LessonResults>('lesson.results', { code, secret });
  expect(results.finished).toBe(true);
  expect(Object.fromEntries(results.standings.map((s) => [s.nickname, s.score]))).toEqual(
    Object.fromEntries(scores.map((s) => [s.nickname, s.score])),
  );
  const asked = SETTINGS.questions.length;
  expect(results.answers).toHaveLength(3 * asked + (asked - LATE_AT));
  for (const stored of results.answers) {
    const spec = SETTINGS.questions[stored.questionIndex]!;
    const label = `${stored.nickname} on ${stored.quantity}`;
    expect(stored.quantity, label).toBe(spec.quantity);
    expect(stored.points, label).toBe(pointsAt.get(`${stored.nickname}:${stored.questionIndex}`));
    if ('choice' in stored.value) continue;
    const r = gradeAnswer(
      trace,
      stored.quantity,
      'signs' in stored.value ? stored.value.signs : stored.value.numbers,
      { mode: spec.mode === 'sign' ? 'sign' : 'numeric', tolerance: toleranceOf(spec) },
    );
    expect(stored.correct, label).toBe(r.correct);
    expect(stored.credit, label).toBeCloseTo(r.score, 12);
    expect(stored.misconceptionId, label).toBe(r.misconception?.id ?? null);
  }
  expect(results.answers.some((a) => a.nickname === 'Late' && a.questionIndex < LATE_AT)).toBe(
    false,
  );

  for (const context of contexts.splice(0)) await context.close();
});
