// The Proof for homework and reports, over the real server and a real database of each
// provider: students get their own numbers and are graded against them (checked with mlp-core),
// the attempt limit, resuming on a second client, the due date (server clock injected), another
// instructor refused everywhere, the CSV checked cell by cell, everything read back after a restart.
import {
  type AnswerValue,
  type AssignmentSettings,
  DECK_PRESET,
  type HomeworkView,
  type LessonSettings,
  type Report,
} from '@backprop/contract';
import { applyMigrations, createDb, type Db, PROVIDERS } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { maxLivePoints, minutesSeconds } from '@backprop/lesson';
import {
  gradeAnswer,
  type QuantityName,
  type StepTrace,
  traceStep,
  type Value,
} from '@backprop/mlp-core';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import { systemClock } from '../src/lessons/clock';
import type { AppRouter } from '../src/trpc/router';
import { openClient, type TestClient } from './support/clients';
import { appCodeOf, type InstructorBrowser, signUp } from './support/instructors';

const SECOND = 1000;
const HOUR = 3_600 * SECOND;
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
let now = T0;
const clock = { ...systemClock, now: () => now };

// Three numeric questions keep the suite fast; the deck's network and tolerances.
const settings: LessonSettings = { ...DECK_PRESET, questions: DECK_PRESET.questions.slice(0, 3) };
const QUANTITIES = settings.questions.map((q) => q.quantity);
const assignmentInput: AssignmentSettings = {
  title: 'Forward pass',
  settings,
  opensAt: T0 - HOUR,
  dueAt: T0 + 2 * HOUR,
  attempts: 2,
  showHints: true,
  askStudentNumber: true,
};

const traceOf = (view: HomeworkView): StepTrace => traceStep(view.network, 0);
const truthIn = (trace: StepTrace, q: QuantityName): Value =>
  trace.entries.find((e) => e.name === q)!.value;
/** mlp-core's grade of a numeric answer: the oracle the server's grading is checked against. */
const oracle = (trace: StepTrace, i: number, value: AnswerValue) =>
  gradeAnswer(trace, QUANTITIES[i]!, (value as { numbers: Value }).numbers, {
    tolerance: settings.tolerance,
  });

/** RFC 4180 fields (quotes doubled), for checking the downloads: one array per row. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 1;
    } else {
      field += c;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** A download's rows; it starts with a UTF-8 BOM (fetch's text() would silently drop it). */
async function csvRows(res: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder().decode(bytes));
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

describe.each(PROVIDERS)('homework and reports on %s', (provider) => {
  let database: TestDatabase;
  let server: RunningServer;
  let db: Db;
  let alice: InstructorBrowser;
  let bob: InstructorBrowser;
  let assignmentId: string;
  let lessonCode: string;
  const sockets: TestClient[] = [];
  /** Each student's resume code, the inputs of the class, and what they sent when. */
  const codes: Record<string, string> = {};
  const views: Record<string, HomeworkView> = {};
  const sent: Record<string, { q: number; value: AnswerValue; at: number }[]> = {};
  let reportsBefore: { assignment: Report; lesson: Report; csv: string };

  const student = () =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] });
  let attemptSeq = 0;
  const attemptIdOf = (name: string) => `attempt-${attemptSeq}-${name.replace(/\W/g, '')}`;
  const submit = async (name: string, q: number, value: AnswerValue, attemptId?: string) => {
    attemptSeq += 1;
    const result = await student().homework.submit.mutate({
      assignmentId,
      resumeCode: codes[name]!,
      attemptId: attemptId ?? attemptIdOf(name),
      questionIndex: q,
      value,
    });
    views[name] = result.view;
    return result;
  };
  const record = (name: string, entry: { q: number; value: AnswerValue; at: number }) => {
    sent[name] = [...(sent[name] ?? []), entry];
  };
  const answerAt = async (name: string, at: number, q: number, value: AnswerValue) => {
    now = at;
    const result = await submit(name, q, value);
    record(name, { q, value, at });
    return result;
  };
  const own = (name: string, q: number): AnswerValue => ({
    numbers: truthIn(traceOf(views[name]!), QUANTITIES[q]!),
  });

  beforeAll(async () => {
    now = T0;
    database = await createTestDatabase(provider);
    await applyMigrations(database.url);
    server = await createServer({ port: 0, databaseUrl: database.url, clock });
    db = createDb(database.url);
    alice = await signUp(server.url, 'Alice');
    bob = await signUp(server.url, 'Bob');
    assignmentId = (await alice.trpc.assignment.create.mutate(assignmentInput)).id;
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.stop();
    await db?.close();
    await database?.drop();
  });

  it('shows the intro; a start without the asked student number is refused', async () => {
    const intro = await student().homework.intro.query({ assignmentId });
    expect(intro).toEqual({
      id: assignmentId,
      title: 'Forward pass',
      status: 'open',
      opensAt: assignmentInput.opensAt,
      dueAt: assignmentInput.dueAt,
      attempts: 2,
      showHints: true,
      askStudentNumber: true,
      questionCount: 3,
    });
    expect(await appCodeOf(student().homework.start.mutate({ assignmentId, name: 'Ada' }))).toBe(
      'INVALID_INPUT',
    );
    expect(
      await appCodeOf(student().homework.intro.query({ assignmentId: 'nosuchassignment' })),
    ).toBe('UNKNOWN_ASSIGNMENT');
  });

  it('[proof] gives two students different numbers and grades each against their own', async () => {
    for (const [name, number, at] of [
      ['Lovelace, Ada', 'S-001', T0],
      ['Ben', 'S-002', T0 + 5 * SECOND],
      ['Cleo', 'S-003', T0 + 20 * SECOND],
    ] as const) {
      now = at;
      const started = await student().homework.start.mutate({
        assignmentId,
        name,
        studentNumber: number,
      });
      expect(started.resumeCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);
      codes[name] = started.resumeCode;
      views[name] = started.view;
      expect(started.view.current).toBe(0);
      expect(started.view.questions.every((q) => q.truth === null)).toBe(true);
    }
    const ada = views['Lovelace, Ada']!;
    const ben = views.Ben!;
    // Own seeds, stored with the student (resume code hashed), in the view's network.
    const rows = await db.client.homeworkStudent.findMany({ where: { assignmentId } });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const view = views[row.name]!;
      expect(view.network).toEqual({
        ...settings.network,
        dataSeed: row.dataSeed,
        weightSeed: row.weightSeed,
      });
      expect(row.resumeCodeHash).not.toContain(codes[row.name]!);
    }
    expect(ada.network.weightSeed).not.toBe(ben.network.weightSeed);
    const adaZ1 = truthIn(traceOf(ada), 'z1');
    const benZ1 = truthIn(traceOf(ben), 'z1');
    expect(adaZ1).not.toEqual(benZ1);
    expect(ada.known.W1).toEqual(traceOf(ada).givens.W1);
    expect(ada.known.W1).not.toEqual(ben.known.W1);

    // Ada copies Ben's z1: wrong for her. Then her own: right.
    const copied = await answerAt('Lovelace, Ada', T0 + 10 * SECOND, 0, { numbers: benZ1 });
    expect(oracle(traceOf(ada), 0, { numbers: benZ1 }).correct).toBe(false);
    expect(copied.feedback).toMatchObject({ attempt: 1, correct: false });
    const right = await answerAt('Lovelace, Ada', T0 + 30 * SECOND, 0, own('Lovelace, Ada', 0));
    expect(right.feedback).toMatchObject({ attempt: 2, correct: true, credit: 1 });
    expect(right.view.questions[0]).toMatchObject({ state: 'right', truth: adaZ1 });
    // Ben's own z1 is right for Ben.
    const benRight = await answerAt('Ben', T0 + 65 * SECOND, 0, { numbers: benZ1 });
    expect(benRight.feedback).toMatchObject({ attempt: 1, correct: true });
  });

  it('[proof] limits attempts: after the last one the truth is shown and the next question opens', async () => {
    const name = 'Lovelace, Ada';
    // h1 with the activation forgotten (z1 itself): a named mistake, twice.
    const forgot: AnswerValue = { numbers: truthIn(traceOf(views[name]!), 'z1') };
    const expected = oracle(traceOf(views[name]!), 1, forgot);
    expect(expected.misconception?.id).toBeTruthy();
    const first = await answerAt(name, T0 + 90 * SECOND, 1, forgot);
    expect(first.feedback.misconception).toMatchObject({ id: expected.misconception!.id });
    expect(first.feedback.misconception?.hint).toBeTruthy();
    expect(first.view.questions[1]).toMatchObject({ state: 'current', truth: null });
    const dupBefore = await db.client.homeworkAttempt.count();
    // The last attempt gets one entry of three right: partial credit, still missed. The other
    // two are off by 1 (h1 is in (0, 1)): z1 there would be right by chance where z1 ≈ σ(z1).
    const h1 = truthIn(traceOf(views[name]!), 'h1') as number[][];
    const partial: AnswerValue = {
      numbers: [[h1[0]![0]!, ...h1[0]!.slice(1).map((entry) => entry + 1)]],
    };
    expect(oracle(traceOf(views[name]!), 1, partial).score).toBeCloseTo(1 / 3);
    const last = await answerAt(name, T0 + 100 * SECOND, 1, partial);
    const lastId = attemptIdOf(name);
    expect(last.feedback).toMatchObject({ attempt: 2, correct: false });
    expect(last.view.questions[1]).toMatchObject({
      state: 'missed',
      attemptsUsed: 2,
      truth: truthIn(traceOf(views[name]!), 'h1'),
    });
    expect(last.view.current).toBe(2);
    expect(await appCodeOf(submit(name, 1, own(name, 1)))).toBe('NO_ATTEMPTS_LEFT');
    expect(await appCodeOf(submit('Ben', 2, own('Ben', 2)))).toBe('QUESTION_CLOSED');
    expect(await appCodeOf(submit('Ben', 1, { numbers: [[1, 2]] }))).toBe('BAD_ANSWER');
    // The same attempt id again: the stored feedback, no new row.
    const retry = await submit(name, 1, partial, lastId);
    expect(retry.feedback).toEqual(last.feedback);
    expect(await db.client.homeworkAttempt.count()).toBe(dupBefore + 1);
  });

  it('[proof] resumes on a second client with the resume code (any case, with a dash)', async () => {
    const name = 'Lovelace, Ada';
    const typed = `${codes[name]!.slice(0, 5).toLowerCase()}-${codes[name]!.slice(5)}`;
    const elsewhere = student();
    const view = await elsewhere.homework.view.query({ assignmentId, resumeCode: typed });
    expect(view).toEqual(views[name]);
    expect(
      await appCodeOf(elsewhere.homework.view.query({ assignmentId, resumeCode: 'ZZZZZZZZZZ' })),
    ).toBe('UNKNOWN_PLAYER');
    // The last question from the second device finishes the homework.
    now = T0 + 160 * SECOND;
    const done = await elsewhere.homework.submit.mutate({
      assignmentId,
      resumeCode: typed,
      attemptId: 'second-device-1',
      questionIndex: 2,
      value: own(name, 2),
    });
    record(name, { q: 2, value: own(name, 2), at: now });
    views[name] = done.view;
    expect(done.feedback.correct).toBe(true);
    expect(done.view).toMatchObject({ current: null, finishedAt: now });
    const row = await db.client.homeworkStudent.findFirstOrThrow({ where: { name } });
    expect(row.finishedAt?.getTime()).toBe(now);
    expect((await alice.trpc.assignment.get.query({ id: assignmentId })).finished).toBe(1);
  });

  it("lets the instructor see any student's exact numbers, with every truth", async () => {
    const row = await db.client.homeworkStudent.findFirstOrThrow({ where: { name: 'Ben' } });
    const view = await alice.trpc.assignment.student.query({ id: assignmentId, studentId: row.id });
    const trace = traceOf(views.Ben!);
    expect(view.network).toEqual(views.Ben!.network);
    expect(view.student.resumeCode).toBe('');
    expect(view.questions.map((q) => q.truth)).toEqual(QUANTITIES.map((q) => truthIn(trace, q)));
  });

  it('[proof] the CSV matches the class cell by cell', async () => {
    const res = await alice.fetch(`/api/reports/assignment/${assignmentId}/answers.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="assignment-${assignmentId}-answers.csv"`,
    );
    const answers = await csvRows(res);
    const studentsCsv = await csvRows(
      await alice.fetch(`/api/reports/assignment/${assignmentId}/students.csv`),
    );

    // Expectations from what each student sent, when, graded by mlp-core on their own trace.
    const numbers: Record<string, string> = {
      'Lovelace, Ada': 'S-001',
      Ben: 'S-002',
      Cleo: 'S-003',
    };
    const started: Record<string, number> = {
      'Lovelace, Ada': T0,
      Ben: T0 + 5 * SECOND,
      Cleo: T0 + 20 * SECOND,
    };
    const expected = Object.keys(numbers).map((name) => {
      const trace = traceOf(views[name]!);
      let availableAt = started[name]!;
      let score = 0;
      const cells = QUANTITIES.map((quantity, q) => {
        const mine = (sent[name] ?? []).filter((s) => s.q === q);
        const grades = mine.map((s) => oracle(trace, q, s.value));
        const finalIndex = grades.findIndex((g) => g.correct);
        const last = finalIndex >= 0 ? finalIndex : mine.length - 1;
        if (last < 0) return { quantity, answered: false as const };
        const g = grades[last]!;
        const finished = g.correct || mine.length === assignmentInput.attempts;
        if (finished) score += g.score;
        const seconds = (mine[last]!.at - availableAt) / 1000;
        availableAt = mine[last]!.at;
        return {
          quantity,
          answered: true as const,
          correct: g.correct,
          credit: finished ? g.score : 0,
          attempts: finalIndex >= 0 ? finalIndex + 1 : mine.length,
          seconds,
          misconception: g.correct ? '' : (g.misconception?.id ?? ''),
        };
      });
      return { name, number: numbers[name]!, score, cells };
    });
    expected.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
    expect(expected.map((e) => e.name)).toEqual(['Lovelace, Ada', 'Ben', 'Cleo']);

    const cell = (x: string | number | boolean) =>
      typeof x === 'boolean' ? (x ? '1' : '0') : String(x);
    expect(answers[0]).toEqual(
      'name,student_number,step,quantity,present,correct,credit,attempts,seconds,misconception'.split(
        ',',
      ),
    );
    expect(answers.slice(1)).toEqual(
      expected.flatMap((e) =>
        e.cells.map((c) =>
          [
            e.name,
            e.number,
            1,
            c.quantity,
            1,
            c.answered ? c.correct : false,
            c.answered ? round(c.credit, 3) : 0,
            c.answered ? c.attempts : 0,
            c.answered ? round(c.seconds, 1) : '',
            c.answered ? c.misconception : '',
          ].map(cell),
        ),
      ),
    );
    expect(studentsCsv[0]).toEqual(
      'name,student_number,score,max_score,percent,correct,questions,not_present,attempts,time'.split(
        ',',
      ),
    );
    expect(studentsCsv.slice(1)).toEqual(
      expected.map((e) => {
        const answered = e.cells.filter((c) => c.answered);
        return [
          e.name,
          e.number,
          round(e.score, 3),
          3,
          round((e.score / 3) * 100, 1),
          answered.filter((c) => c.correct).length,
          3,
          0,
          answered.reduce((n, c) => n + c.attempts, 0),
          minutesSeconds(answered.reduce((n, c) => n + c.seconds, 0)),
        ].map(cell);
      }),
    );
    // The same numbers as the report procedure. Hardest: the lowest share right among the
    // quantities at least half the class answered: h1 (0 right) and z2 were answered by one
    // student of three, so z1 it is.
    const report = await alice.trpc.report.assignment.query({ id: assignmentId });
    expect(report.students.map((s) => s.name)).toEqual(expected.map((e) => e.name));
    const byQuantity = QUANTITIES.map((quantity) => {
      const cells = expected.map((e) => e.cells.find((c) => c.quantity === quantity)!);
      const answered = cells.filter((c) => c.answered).length;
      const right = cells.filter((c) => c.answered && c.correct).length;
      return { quantity, answered, share: right / cells.length };
    });
    expect(byQuantity.map((q) => [q.quantity, q.answered])).toEqual([
      ['z1', 2],
      ['h1', 1],
      ['z2', 1],
    ]);
    expect(report.quantities.map((q) => q.correctShare)).toEqual(byQuantity.map((q) => q.share));
    expect(report.hardest).toBe('z1');
  });

  it('reports a live lesson from its log and tables: questions asked, answers, seconds', async () => {
    const created = await alice.trpc.lesson.create.mutate({ settings });
    lessonCode = created.code;
    const open = async (as: Parameters<typeof openClient>[2]) => {
      const c = await openClient(server.url, lessonCode, as);
      sockets.push(c);
      return c;
    };
    const teacher = await open({ role: 'instructor', secret: created.instructorSecret });
    const players: Record<string, TestClient> = {};
    for (const nickname of ['zoe', 'yan']) {
      const joined = await student().lesson.join.mutate({ code: lessonCode, nickname });
      players[nickname] = await open({ role: 'student', playerToken: joined.playerToken });
    }
    const command = async (type: string) =>
      expect(await teacher.send('command', { command: { type } })).toMatchObject({ ok: true });
    const trace = traceStep(settings.network, 0);
    const z1 = truthIn(trace, 'z1');
    const wrong: Value = (z1 as number[][]).map((r) => r.map((x) => x + 1));
    now = T0 + 1000 * SECOND;
    const openedAt = now;
    await command('start');
    await command('open');
    const answer = async (who: string, at: number, index: number, numbers: Value) => {
      now = at;
      const ack = await players[who]!.send('answer', {
        type: 'answer',
        answerId: `live-${who}-answer-${index}`,
        question: { step: 0, index },
        value: { numbers },
      });
      expect(ack).toMatchObject({ ok: true });
    };
    await answer('zoe', openedAt + 12 * SECOND, 0, z1);
    await answer('yan', openedAt + 20 * SECOND, 0, wrong);
    now = openedAt + 30 * SECOND;
    await command('reveal');
    await command('next');
    // xia joins late: she could not answer z1. h1 is locked early, after zoe's answer only.
    const xia = await student().lesson.join.mutate({ code: lessonCode, nickname: 'xia' });
    players.xia = await open({ role: 'student', playerToken: xia.playerToken });
    const h1OpenedAt = openedAt + 60 * SECOND;
    now = h1OpenedAt;
    await command('open');
    await answer('zoe', h1OpenedAt + 5 * SECOND, 1, truthIn(trace, 'h1'));
    now = h1OpenedAt + 8 * SECOND;
    await command('lock');
    await command('reveal');
    // A third question opened, not revealed: not in the report (no scored answers yet).
    await command('next');
    await command('open');

    const report = await alice.trpc.report.lesson.query({ code: lessonCode });
    const scores = await db.client.score.findMany({ where: { lesson: { code: lessonCode } } });
    const players_ = await db.client.player.findMany({ where: { lesson: { code: lessonCode } } });
    const pointsOf = (nick: string) =>
      scores.find((s) => s.playerId === players_.find((p) => p.nickname === nick)?.playerId)
        ?.score ?? 0;
    expect(pointsOf('zoe')).toBeGreaterThan(0);
    // Score descending, then name.
    const order = ['zoe', 'yan', 'xia'].sort(
      (a, b) => pointsOf(b) - pointsOf(a) || (a < b ? -1 : 1),
    );
    expect(report.students.map((s) => s.name)).toEqual(order);
    const res = await alice.fetch(`/api/reports/lesson/${lessonCode}/answers.csv`);
    expect(res.status).toBe(200);
    const rows = await csvRows(res);
    const yanGrade = gradeAnswer(trace, 'z1', wrong, { tolerance: settings.tolerance });
    const answerRows: Record<string, string[][]> = {
      zoe: [
        ['zoe', '', '1', 'z1', '1', '1', '1', '1', '12', ''],
        ['zoe', '', '1', 'h1', '1', '1', '1', '1', '5', ''],
      ],
      yan: [
        [
          'yan',
          '',
          '1',
          'z1',
          '1',
          '0',
          String(round(yanGrade.score, 3)),
          '1',
          '20',
          yanGrade.misconception?.id ?? '',
        ],
        // Present for the early-locked h1, unanswered.
        ['yan', '', '1', 'h1', '1', '0', '0', '0', '', ''],
      ],
      xia: [
        // Not present for z1 (joined after it), present for h1.
        ['xia', '', '1', 'z1', '0', '0', '0', '0', '', ''],
        ['xia', '', '1', 'h1', '1', '0', '0', '0', '', ''],
      ],
    };
    expect(rows.slice(1)).toEqual(order.flatMap((n) => answerRows[n]!));
    const studentsCsv = await csvRows(
      await alice.fetch(`/api/reports/lesson/${lessonCode}/students.csv`),
    );
    // max_score: a perfect run on the questions the student could answer; percent: credit over
    // those questions; time m:ss.
    const max = (n: number) => String(maxLivePoints(n, settings.scoring, settings.timerSeconds));
    const studentRows: Record<string, string[]> = {
      zoe: [
        'zoe',
        '',
        String(round(pointsOf('zoe'), 3)),
        max(2),
        '100',
        '2',
        '2',
        '0',
        '2',
        '0:17',
      ],
      yan: [
        'yan',
        '',
        String(round(pointsOf('yan'), 3)),
        max(2),
        String(round((yanGrade.score / 2) * 100, 1)),
        '0',
        '2',
        '0',
        '1',
        '0:20',
      ],
      xia: ['xia', '', '0', max(1), '0', '0', '1', '1', '0', '0:00'],
    };
    expect(studentsCsv.slice(1)).toEqual(order.map((n) => studentRows[n]!));
    expect(report.kind).toBe('lesson');
    expect(report.quantities.map((q) => [q.quantity, q.present, q.notPresent, q.answered])).toEqual(
      [
        ['z1', 2, 1, 2],
        ['h1', 3, 0, 1],
      ],
    );
    // h1 (1 answer of 3 present) is under the threshold: the hardest is z1, 1 right of 2.
    expect(report.quantities[0]!.correctShare).toBe(1 / 2);
    expect(report.hardest).toBe('z1');
    reportsBefore = {
      lesson: report,
      assignment: await alice.trpc.report.assignment.query({ id: assignmentId }),
      csv: await (await alice.fetch(`/api/reports/assignment/${assignmentId}/answers.csv`)).text(),
    };
  });

  it('[proof] refuses submissions and starts after the due date with a typed error; review stays open', async () => {
    now = assignmentInput.dueAt;
    expect(await appCodeOf(submit('Ben', 1, own('Ben', 1)))).toBe('ASSIGNMENT_CLOSED');
    expect(
      await appCodeOf(
        student().homework.start.mutate({ assignmentId, name: 'Late', studentNumber: 'S-9' }),
      ),
    ).toBe('ASSIGNMENT_CLOSED');
    const review = await student().homework.view.query({ assignmentId, resumeCode: codes.Ben! });
    expect(review.assignment.status).toBe('closed');
    expect(review.current).toBeNull();
    expect(review.questions.map((q) => q.truth)).toEqual(
      QUANTITIES.map((q) => truthIn(traceOf(views.Ben!), q)),
    );
    // Before opening: ASSIGNMENT_NOT_OPEN.
    const later = await alice.trpc.assignment.create.mutate({
      ...assignmentInput,
      opensAt: now + HOUR,
      dueAt: now + 2 * HOUR,
    });
    expect(
      await appCodeOf(
        student().homework.start.mutate({
          assignmentId: later.id,
          name: 'Early',
          studentNumber: 'S-8',
        }),
      ),
    ).toBe('ASSIGNMENT_NOT_OPEN');
  });

  it('[proof] refuses another instructor every report, assignment and CSV, and strangers too', async () => {
    const ben = await db.client.homeworkStudent.findFirstOrThrow({ where: { name: 'Ben' } });
    expect(await appCodeOf(bob.trpc.report.assignment.query({ id: assignmentId }))).toBe(
      'NOT_OWNER',
    );
    expect(await appCodeOf(bob.trpc.report.lesson.query({ code: lessonCode }))).toBe('NOT_OWNER');
    expect(
      await appCodeOf(bob.trpc.assignment.student.query({ id: assignmentId, studentId: ben.id })),
    ).toBe('NOT_OWNER');
    expect(await appCodeOf(bob.trpc.assignment.get.query({ id: assignmentId }))).toBe('NOT_OWNER');
    for (const path of [
      `/api/reports/assignment/${assignmentId}/students.csv`,
      `/api/reports/assignment/${assignmentId}/answers.csv`,
      `/api/reports/lesson/${lessonCode}/students.csv`,
      `/api/reports/lesson/${lessonCode}/answers.csv`,
    ]) {
      const refused = await bob.fetch(path);
      expect(refused.status, path).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'NOT_OWNER' } });
      const stranger = await fetch(`${server.url}${path}`);
      expect(stranger.status, path).toBe(401);
    }
    // A lesson made without an account has no owner: nobody's report.
    const anonymous = (await student().lesson.create.mutate({ preset: 'deck' })).code;
    expect(await appCodeOf(alice.trpc.report.lesson.query({ code: anonymous }))).toBe('NOT_OWNER');
    expect(await appCodeOf(alice.trpc.report.lesson.query({ code: 'ZZZZZZ' }))).toBe(
      'UNKNOWN_LESSON',
    );
    expect(
      (await alice.fetch('/api/reports/assignment/nosuchassignment/students.csv')).status,
    ).toBe(404);
    expect(await appCodeOf(student().report.assignment.query({ id: assignmentId }))).toBe(
      'NOT_SIGNED_IN',
    );
  });

  it('reads everything back after a restart', async () => {
    const adaBefore = views['Lovelace, Ada']!;
    for (const s of sockets) s.close();
    await server.stop();
    server = await createServer({ port: 0, databaseUrl: database.url, clock });
    alice = alice.at(server.url);
    expect(await alice.trpc.report.lesson.query({ code: lessonCode })).toEqual(
      reportsBefore.lesson,
    );
    expect(await alice.trpc.report.assignment.query({ id: assignmentId })).toEqual(
      reportsBefore.assignment,
    );
    expect(
      await (await alice.fetch(`/api/reports/assignment/${assignmentId}/answers.csv`)).text(),
    ).toBe(reportsBefore.csv);
    // Ada's own view, by her resume code (closed now: the review shows every truth).
    const view = await student().homework.view.query({
      assignmentId,
      resumeCode: codes['Lovelace, Ada']!,
    });
    expect(view.network).toEqual(adaBefore.network);
    expect(view.questions.map((q) => q.attempts)).toEqual(
      adaBefore.questions.map((q) => q.attempts),
    );
    expect(view.score).toEqual(adaBefore.score);
  });
});
