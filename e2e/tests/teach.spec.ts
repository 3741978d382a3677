/**
 * The instructor's screens: creating a lesson (/teach) and the console (/teach/<code>) driving a
 * real lesson on the real server. Students are raw socket.io clients in a browser page (the
 * engine.io protocol by hand), so the console has live, connected students to show without the
 * student screens.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DECK_CONFIG } from '@backprop/mlp-core';
import { type Browser, expect, type Page, test, type WebSocketRoute } from '@playwright/test';
import { expectNoHorizontalPageScroll, expectNoSeriousViolations } from './support/page-checks.ts';
import { repoRoot, serverUrl } from './support/paths.ts';

const screenshots = join(repoRoot, 'e2e/screenshots');
const SERVER = serverUrl;
const PROTOCOL_VERSION = 2;

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function trpc<T>(procedure: string, input: unknown, kind: 'query' | 'mutation' = 'mutation') {
  const url = `${SERVER}/trpc/${procedure}`;
  const response =
    kind === 'query'
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`)
      : await fetch(url, {
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

interface QuestionTruth {
  key: { step: number; index: number };
  mode: 'numeric' | 'sign' | 'choice';
  truth: number | number[][];
  options: (number | number[][])[] | null;
}

async function currentQuestion(lesson: Created): Promise<QuestionTruth> {
  const view = await trpc<{ question: QuestionTruth | null }>(
    'lesson.view',
    { code: lesson.code, as: { role: 'instructor', secret: lesson.instructorSecret } },
    'query',
  );
  if (!view.question) throw new Error('no question');
  return view.question;
}

/** The right answer to a question, or a wrong one (the truth's opposite, the first other option). */
function answerFor(q: QuestionTruth, right: boolean): unknown {
  const map = (v: number | number[][], f: (x: number) => number) =>
    typeof v === 'number' ? f(v) : v.map((row) => row.map(f));
  if (q.mode === 'choice') {
    const truth = JSON.stringify(q.truth);
    const index = (q.options ?? []).findIndex((o) => JSON.stringify(o) === truth);
    return { choice: right ? index : (index + 1) % (q.options?.length ?? 4) };
  }
  if (q.mode === 'sign')
    return { signs: map(q.truth, (x) => (right ? Math.sign(x) : -Math.sign(x))) };
  return { numbers: map(q.truth, (x) => (right ? x : -x)) };
}

/**
 * Students over raw socket.io in one browser page: engine.io packets "0" open, "40" connect with
 * auth, "42" events, "43" acks, "2"/"3" ping/pong.
 */
async function studentHub(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.evaluate(() => {
    type Hub = {
      emit: Record<string, (event: string, payload: unknown) => Promise<unknown>>;
      connect: (name: string, url: string, auth: unknown) => Promise<void>;
    };
    const hub: Hub = {
      emit: {},
      connect: (name, url, auth) =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(url);
          const acks: Record<string, (v: unknown) => void> = {};
          let next = 0;
          // A closed connection answers every pending emit, so a test fails fast instead of hanging.
          ws.onclose = () => {
            for (const done of Object.values(acks)) done({ ok: false, error: 'closed' });
          };
          ws.onmessage = (event) => {
            const data = String(event.data);
            if (data === '2') ws.send('3');
            else if (data.startsWith('0')) ws.send(`40${JSON.stringify(auth)}`);
            else if (data.startsWith('40')) resolve();
            else if (data.startsWith('44')) reject(new Error(data));
            else if (data.startsWith('43')) {
              const m = /^43(\d+)(.*)$/s.exec(data);
              if (m) acks[m[1] as string]?.((JSON.parse(m[2] as string) as unknown[])[0]);
            }
          };
          hub.emit[name] = (ev, payload) =>
            new Promise((done) => {
              const id = String(next++);
              acks[id] = done;
              ws.send(`42${id}${JSON.stringify([ev, payload])}`);
            });
        }),
    };
    (window as unknown as { hub: Hub }).hub = hub;
  });
  const wsUrl = `${SERVER.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  return {
    async join(code: string, nickname: string, connect = true) {
      const { playerToken } = await trpc<{ playerToken: string }>('lesson.join', {
        code,
        nickname,
      });
      if (connect) {
        const auth = {
          protocolVersion: PROTOCOL_VERSION,
          code,
          as: { role: 'student', playerToken },
        };
        await page.evaluate(
          ([n, u, a]) =>
            (
              window as unknown as { hub: { connect: (...x: unknown[]) => Promise<void> } }
            ).hub.connect(n, u, a),
          [nickname, wsUrl, auth] as const,
        );
      }
    },
    async answer(nickname: string, q: QuestionTruth, right: boolean) {
      const payload = {
        type: 'answer',
        answerId: `${nickname}-${q.key.step}-${q.key.index}-${Date.now()}`,
        question: q.key,
        value: answerFor(q, right),
      };
      const ack = (await page.evaluate(
        ([n, p]) =>
          (
            window as unknown as {
              hub: { emit: Record<string, (e: string, p: unknown) => Promise<unknown>> };
            }
          ).hub.emit[n as string]?.('answer', p),
        [nickname, payload] as const,
      )) as { ok: boolean };
      expect(ack.ok).toBe(true);
    },
    close: () => context.close(),
  };
}

test.describe('create a lesson', () => {
  test('the form shows the deck defaults, explains each setting and refuses bad ones next to the field', async ({
    page,
  }, testInfo) => {
    await page.goto('/teach');
    await expect(page.getByRole('heading', { name: 'Create a lesson', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Hidden units (1–16)')).toHaveValue('3');
    await expect(page.getByLabel('Learning rate α')).toHaveValue('0.001');
    // No biases: no bias questions; turning them on adds them in the deck's order.
    await expect(page.getByTestId('question-row-dLoss_db2')).toHaveCount(0);
    await page.getByLabel('Biases b1, b2').check();
    await expect(page.getByTestId('question-row-dLoss_db2')).toBeVisible();
    await page.getByLabel('Biases b1, b2').uncheck();
    await expectNoSeriousViolations(page);
    await expectNoHorizontalPageScroll(page);
    await shot(page, `teach-create-${testInfo.project.name}`);

    await page.getByLabel('Hidden units (1–16)').fill('17');
    await page.getByLabel('Batch (1–8 rows)').fill('');
    await page.getByLabel('Timer').check();
    await page.getByLabel('Seconds per question (5–600)').fill('2');
    await page.getByTestId('create-custom').click();
    await expect(page.getByTestId('error-network-hidden')).toHaveText(/At most 16/);
    await expect(page.getByTestId('error-network-batch')).toHaveText(/Enter a number/);
    await expect(page.getByTestId('error-timerSeconds')).toHaveText(/At least 5/);
    await expect(page.getByLabel('Hidden units (1–16)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('form-errors')).toContainText('3 settings need fixing');
    await expect(page).toHaveURL(/\/teach$/);
    await expectNoSeriousViolations(page);
    await shot(page, `teach-create-errors-${testInfo.project.name}`);
  });

  test("the deck's lesson in one click opens the console, which keeps the co-host link", async ({
    page,
  }, testInfo) => {
    // The console's live connection, under the test's control: closed and kept closed on demand.
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
    await page.goto('/teach');
    await page.getByTestId('create-deck').click();
    await expect(page).toHaveURL(/\/teach\/[A-Z2-9]{6}\?created=1$/);
    const code = new URL(page.url()).pathname.split('/').pop() as string;
    await expect(page.getByTestId('join-code')).toHaveText(code);
    await expect(page.getByTestId('connection-state')).toHaveText(/Live/);
    await expect(page.getByTestId('lesson-phase')).toHaveAttribute('data-phase', 'lobby');
    await expect(page.getByTestId('created-notice')).toBeVisible();
    await expect(page.getByTestId('cohost-link')).toHaveValue(new RegExp(`/teach/${code}#cohost=`));
    await expect(page.getByTestId('projector-link')).toHaveAttribute('href', `/show/${code}`);
    // One primary button, the next action: Start. The others wait for a question.
    await expect(page.getByTestId('control-start')).toBeEnabled();
    await expect(page.getByTestId('control-start')).toHaveAttribute('data-primary');
    await expect(page.getByTestId('control-reveal')).toHaveCount(0);
    await expect(page.getByTestId('control-lock')).toHaveCount(0);
    await expectNoSeriousViolations(page);
    await expectNoHorizontalPageScroll(page);
    await shot(page, `teach-lobby-${testInfo.project.name}`);

    // The connection drops: "reconnecting" shows, a command is refused with its reason, and the
    // console comes back by itself.
    cut = true;
    await page.context().setOffline(true); // long-polling too
    for (const ws of sockets.splice(0)) await ws.close();
    await expect(page.getByTestId('connection-state')).toHaveText(/Reconnecting/);
    await page.getByTestId('control-start').click();
    await expect(page.getByTestId('command-error')).toContainText('Not connected');
    await shot(page, `teach-reconnecting-${testInfo.project.name}`);
    cut = false;
    await page.context().setOffline(false);
    await expect(page.getByTestId('connection-state')).toHaveText(/Live/, { timeout: 20_000 });

    // The console again, later: same secret, the co-host link shown again.
    await page.goto(`/teach/${code}`);
    await expect(page.getByTestId('cohost-link')).toHaveValue(/#cohost=/);
    await expect(page.getByTestId('created-notice')).toHaveCount(0);

    // The co-host link works in another browser, at the address students are given (a
    // colleague's computer cannot open this page's localhost).
    const link = await page.getByTestId('cohost-link').inputValue();
    const joinHost = (await page.getByTestId('join-host').textContent())?.trim() ?? '';
    expect(new URL(link).host).toBe(joinHost === 'this site' ? new URL(page.url()).host : joinHost);
    const other = await page.context().browser()?.newContext();
    const cohost = await other?.newPage();
    if (!cohost) throw new Error('no browser');
    await cohost.goto(link);
    await expect(cohost.getByRole('heading', { level: 1 })).toContainText('(co-host)');
    await expect(cohost.getByTestId('control-start')).toBeEnabled();
    await other?.close();
  });
});

test.describe('console edges', () => {
  test('without the instructor secret, and for a lesson that does not exist', async ({
    page,
  }, testInfo) => {
    await page.goto('/teach/ABCDEF');
    await expect(page.getByTestId('console-refusal')).toContainText(
      'does not hold the instructor secret',
    );
    await expectNoSeriousViolations(page);
    await page.evaluate(() =>
      localStorage.setItem('backprop:ABCDEF:instructor', JSON.stringify('x'.repeat(32))),
    );
    await page.reload();
    await expect(page.getByTestId('console-refusal')).toContainText('no lesson with this code');
    await shot(page, `teach-unknown-${testInfo.project.name}`);
    await page.goto('/teach/nope');
    await expect(page.getByTestId('console-refusal')).toContainText('is not a join code');
  });
});

test('the console drives a lesson from the lobby to the podium', async ({
  page,
  browser,
}, testInfo) => {
  test.skip(
    testInfo.project.name !== 'desktop',
    'one run drives the lesson; it checks 360 px itself',
  );
  test.setTimeout(120_000);
  const lesson = await trpc<Created>('lesson.create', {
    settings: {
      network: { ...DECK_CONFIG },
      questions: [
        { quantity: 'z1', mode: 'numeric' },
        { quantity: 'h1', mode: 'sign' },
        { quantity: 'h2', mode: 'choice' },
      ],
      timerSeconds: 120,
      scoring: { speedBonus: true, streakBonus: true },
      tolerance: { relative: 0.01, absolute: 0.0005 },
    },
  });
  const { code } = lesson;
  await page.addInitScript(
    ([c, s]) => localStorage.setItem(`backprop:${c}:instructor`, JSON.stringify(s)),
    [code, lesson.instructorSecret] as const,
  );
  const students = await studentHub(browser);
  await page.goto(`/teach/${code}`);
  await expect(page.getByTestId('connection-state')).toHaveText(/Live/);
  await students.join(code, 'ada');
  await students.join(code, 'grace');
  await students.join(code, 'linus', false); // joined, then offline
  const rows = page.getByTestId('roster-row');
  await expect(rows).toHaveCount(3);
  await expect(page.locator('[data-nickname="ada"] [data-testid="roster-status"]')).toHaveText(
    /connected/,
  );
  await expect(page.locator('[data-nickname="linus"] [data-testid="roster-status"]')).toHaveText(
    /offline/,
  );

  // Question 1 (numbers): shown, then open with a timer; ada right, grace wrong.
  await page.getByTestId('control-start').click();
  await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'shown');
  await expect(page.getByTestId('control-open')).toBeEnabled();
  await expect(page.getByTestId('control-reveal')).toHaveCount(0); // Open is the next action
  await expect(page.getByTestId('truth').locator('[data-cell]')).toHaveCount(3);
  await page.getByTestId('control-open').click();
  await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('timer')).toHaveText(/[12]:\d\d/);
  let q = await currentQuestion(lesson);
  await students.answer('ada', q, true);
  await students.answer('grace', q, false);
  await expect(page.getByTestId('answer-count')).toHaveText('2/3');
  await expect(page.getByTestId('distribution-entry')).toHaveCount(3);
  await expect(page.getByTestId('distribution-correct').first()).toContainText('1');
  await expectNoSeriousViolations(page);
  await shot(page, 'teach-question-open-desktop');

  // Pause freezes the timer; resume.
  await page.getByTestId('control-pause').click();
  await expect(page.getByTestId('paused')).toBeVisible();
  // Paused, the next action is Resume: Reveal is not offered, Lock and Skip are disabled.
  await expect(page.getByTestId('control-reveal')).toHaveCount(0);
  await expect(page.getByTestId('control-lock')).toBeDisabled();
  await page.getByTestId('control-resume').click();
  await expect(page.getByTestId('paused')).toHaveCount(0);

  await page.getByTestId('control-reveal').click();
  await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'revealed');
  await expect(page.getByTestId('leaderboard').getByTestId('standing').first()).toContainText(
    'ada',
  );
  await expect(page.locator('[data-nickname="ada"] [data-testid="roster-score"]')).not.toHaveText(
    '0',
  );
  await shot(page, 'teach-question-revealed-desktop');

  // Kick and let back in (the offline student: a kicked student's connection is closed).
  await page.locator('[data-nickname="linus"]').getByTestId('kick').click();
  await expect(page.locator('[data-nickname="linus"] [data-testid="roster-status"]')).toHaveText(
    /removed/,
  );
  await page.locator('[data-nickname="linus"]').getByTestId('readmit').click();
  await expect(page.locator('[data-nickname="linus"] [data-testid="roster-status"]')).toHaveText(
    /offline/,
  );

  // Question 2 (signs), question 3 (multiple choice, shows the options).
  await page.getByTestId('control-next').click();
  await expect(page.getByTestId('question')).toContainText('h1');
  await page.getByTestId('control-open').click();
  q = await currentQuestion(lesson);
  await students.answer('ada', q, true);
  await students.answer('grace', q, true);
  await page.getByTestId('control-lock').click();
  await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'locked');
  await page.getByTestId('control-reveal').click();
  await page.getByTestId('control-next').click();
  await expect(page.getByTestId('choices').locator('li')).toHaveCount(4);
  await page.getByTestId('control-open').click();
  q = await currentQuestion(lesson);
  await students.answer('ada', q, false);
  await students.answer('grace', q, true);
  await page.getByTestId('control-reveal').click();
  await expect(page.getByTestId('question-status')).toHaveAttribute('data-status', 'revealed');
  await shot(page, 'teach-choice-revealed-desktop');

  // The end of the step; fast-forward.
  await expect(page.getByTestId('control-next')).toHaveText('Finish the step');
  await page.getByTestId('control-next').click();
  await expect(page.getByTestId('lesson-phase')).toHaveAttribute('data-phase', 'stepDone');
  await expect(page.getByTestId('training-loss')).toHaveText('not trained yet');
  await page.getByTestId('fast-forward-steps').fill('300');
  await page.getByTestId('control-fast-forward').click();
  await expect(page.getByTestId('training-loss')).toHaveText(/^\d+\.\d{6}$/);
  await expect(page.getByTestId('training-accuracy')).toHaveText(/%$/);
  await expect(page.getByTestId('training-progress')).toContainText('Fast-forward done');
  await expectNoSeriousViolations(page);
  await shot(page, 'teach-step-done-desktop');

  // At 360 px the console still fits (tables scroll inside their boxes).
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalPageScroll(page);
  await shot(page, 'teach-step-done-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // End, with a confirmation.
  await page.getByTestId('control-end').click();
  await expect(page.getByTestId('lesson-phase')).toHaveAttribute('data-phase', 'stepDone');
  await page.getByTestId('control-end-confirm').click();
  await expect(page.getByTestId('lesson-phase')).toHaveAttribute('data-phase', 'finished');
  await expect(page.getByTestId('final-standings').getByTestId('standing')).toHaveCount(3);
  await expect(page.getByTestId('podium')).toBeVisible();
  await expectNoSeriousViolations(page);
  await shot(page, 'teach-finished-desktop');
  await students.close();
});
