// The homework, accounts, heartbeat and secret stores: their Prisma implementations (SQLite and
// PostgreSQL) and their in-memory twins pass the same cases, so a unit test over a twin says
// what the server does over a database. PostgreSQL must be reachable (TEST_POSTGRES_URL).
import { DECK_PRESET } from '@backprop/contract';
import { applyMigrations, createDb, type Db, PROVIDERS } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import type {
  HomeworkAssignment,
  HomeworkAttemptRecord,
  HomeworkStudentRecord,
} from '@backprop/lesson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptTakenError, ResumeCodeTakenError } from '../src/homework/store';
import type { LessonRecord } from '../src/lessons/store';
import { createMemoryStores, createPrismaStores, type Stores } from '../src/stores';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

const assignment = (id: string, seed: number): HomeworkAssignment => ({
  id,
  title: `homework ${id}`,
  settings: DECK_PRESET,
  seed,
  opensAt: T0,
  dueAt: T0 + 24 * HOUR,
  attempts: 2,
  showHints: true,
  askStudentNumber: false,
});

const student = (id: string, startedAt: number): HomeworkStudentRecord => ({
  id,
  name: `student ${id}`,
  studentNumber: null,
  resumeCode: '',
  // Seeds are uint32: the top bit set must come back as it went in (the column is signed).
  dataSeed: 0xffff_fff0,
  weightSeed: 7,
  startedAt,
  finishedAt: null,
});

const attempt = (questionIndex: number, n: number, at: number): HomeworkAttemptRecord => ({
  attemptId: `q${questionIndex}-a${n}`,
  questionIndex,
  quantity: 'z1',
  attempt: n,
  value: { numbers: [[0.5, -1.25, 3]] },
  correct: n === 2,
  credit: n === 2 ? 1 : 0,
  entryCorrect: [n === 2, true, false],
  misconceptionId: null,
  submittedAt: at,
});

const lesson = (code: string, ownerId: string | null, createdAt: number): LessonRecord => ({
  id: `lesson-${code}`,
  code,
  settings: DECK_PRESET,
  instructorSecretHash: 'x',
  cohostTokenHash: 'y',
  createdAt,
  finishedAt: null,
  ownerId,
  choiceSalt: 'salt',
});

const implementations = [
  ...PROVIDERS.map((provider) => ({ name: `prisma on ${provider}`, provider })),
  { name: 'in-memory twin', provider: null },
] as const;

describe.each(implementations)('stores: $name', ({ provider }) => {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  let stores: Stores;

  beforeAll(async () => {
    if (provider) {
      database = await createTestDatabase(provider);
      await applyMigrations(database.url);
      db = createDb(database.url);
      stores = createPrismaStores(db);
      // Owners are better-auth's users (a foreign key); the twin has no such table.
      for (const id of ['ada', 'bob']) {
        await db.client.user.create({ data: { id, name: id, email: `${id}@example.edu` } });
      }
    } else {
      stores = createMemoryStores();
    }
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('homework: assignments by owner, newest first; a missing one is null', async () => {
    const { homework } = stores;
    await homework.createAssignment(assignment('a1', 0xdead_beef), 'ada', T0);
    await homework.createAssignment(assignment('a2', 1), 'ada', T0 + HOUR);
    await homework.createAssignment(assignment('b1', 2), 'bob', T0);
    expect(await homework.assignment('a1')).toEqual({
      assignment: assignment('a1', 0xdead_beef),
      ownerId: 'ada',
      createdAt: T0,
    });
    expect((await homework.assignmentsOf('ada')).map((s) => s.assignment.id)).toEqual(['a2', 'a1']);
    expect(await homework.assignment('nope')).toBeNull();
  });

  it('homework: a resume code is unique within its assignment (ResumeCodeTakenError)', async () => {
    const { homework } = stores;
    await homework.createStudent('a1', student('s1', T0), 'hash-1');
    await homework.createStudent('a1', student('s2', T0 + 1), 'hash-2');
    // The same code in another assignment is another student's.
    await homework.createStudent('a2', student('s3', T0), 'hash-1');
    await expect(homework.createStudent('a1', student('s4', T0), 'hash-1')).rejects.toBeInstanceOf(
      ResumeCodeTakenError,
    );
    expect(await homework.studentByResumeHash('a1', 'hash-1')).toEqual({
      student: student('s1', T0),
      resumeCodeHash: 'hash-1',
    });
    expect((await homework.studentByResumeHash('a2', 'hash-1'))?.student.id).toBe('s3');
    expect(await homework.studentByResumeHash('a1', 'hash-9')).toBeNull();
    expect((await homework.student('a1', 's2'))?.student.id).toBe('s2');
    expect(await homework.student('a2', 's2')).toBeNull();
  });

  it('homework: an attempt id or number is taken once (AttemptTakenError); finishing is written with it', async () => {
    const { homework } = stores;
    await homework.appendAttempt('s1', attempt(1, 1, T0 + 10), null);
    await homework.appendAttempt('s1', attempt(0, 1, T0 + 20), null);
    await expect(
      homework.appendAttempt('s1', { ...attempt(1, 1, T0 + 30), attemptId: 'other' }, null),
    ).rejects.toBeInstanceOf(AttemptTakenError);
    await expect(
      homework.appendAttempt('s1', { ...attempt(1, 2, T0 + 30), attemptId: 'q1-a1' }, null),
    ).rejects.toBeInstanceOf(AttemptTakenError);
    await homework.appendAttempt('s1', attempt(1, 2, T0 + 40), T0 + 40);
    expect(await homework.attempts('s1')).toEqual([
      attempt(0, 1, T0 + 20),
      attempt(1, 1, T0 + 10),
      attempt(1, 2, T0 + 40),
    ]);
    expect((await homework.student('a1', 's1'))?.student.finishedAt).toBe(T0 + 40);
  });

  it('homework: progress and every student with their attempts, in the order they started', async () => {
    const { homework } = stores;
    const progress = await homework.progress(['a1', 'a2', 'b1']);
    expect(Object.fromEntries(progress)).toEqual({
      a1: { started: 2, finished: 1 },
      a2: { started: 1, finished: 0 },
      b1: { started: 0, finished: 0 },
    });
    const all = await homework.students('a1');
    expect(all.map((s) => s.student.id)).toEqual(['s1', 's2']);
    expect(all[0]?.attempts.map((a) => a.attemptId)).toEqual(['q0-a1', 'q1-a1', 'q1-a2']);
    expect(all[1]?.attempts).toEqual([]);
  });

  it('accounts: the lessons an instructor owns, newest first, with their students', async () => {
    const { lessons, accounts } = stores;
    await lessons.createLesson(lesson('AAAAAA', 'ada', T0));
    await lessons.createLesson(lesson('BBBBBB', 'ada', T0 + HOUR));
    await lessons.createLesson(lesson('CCCCCC', null, T0));
    const join = (playerId: string, seq: number) =>
      lessons.append(
        'lesson-AAAAAA',
        seq,
        {
          actor: { role: 'system' },
          at: T0 + seq,
          command: { type: 'join', playerId, nickname: playerId, tokenHash: `t-${playerId}` },
        },
        {
          players: [
            {
              playerId,
              nickname: playerId,
              nicknameKey: playerId,
              tokenHash: `t-${playerId}`,
              joinedAt: T0 + seq,
            },
          ],
          answers: [],
          scores: [],
          finishedAt: null,
        },
      );
    await join('p1', 1);
    await join('p2', 2);
    expect(await accounts.lessonsOf('ada')).toEqual([
      { code: 'BBBBBB', createdAt: T0 + HOUR, finishedAt: null, players: 0 },
      { code: 'AAAAAA', createdAt: T0, finishedAt: null, players: 2 },
    ]);
    expect(await accounts.lessonsOf('bob')).toEqual([]);
    expect(await accounts.lesson('CCCCCC')).toEqual({
      id: 'lesson-CCCCCC',
      code: 'CCCCCC',
      ownerId: null,
      settings: DECK_PRESET,
      createdAt: T0,
    });
    expect((await accounts.lesson('AAAAAA'))?.ownerId).toBe('ada');
    expect(await accounts.lesson('ZZZZZZ')).toBeNull();
  });

  it('heartbeats: written rows are counted', async () => {
    const { heartbeats } = stores;
    expect(heartbeats.provider).toBe(provider ?? 'sqlite');
    const before = await heartbeats.count();
    await heartbeats.write('test');
    await heartbeats.write('test');
    expect(await heartbeats.count()).toBe(before + 2);
  });

  it("lessons: a reveal's rows keep every double exactly, and writing them again changes nothing but scores", async () => {
    const { lessons } = stores;
    const record = lesson('DOUBLE', null, T0);
    await lessons.createLesson(record);
    const awkward = [0.1 + 0.2, 1e-7, -1.5e300, 2.2250738585072014e-308, 123456789.12345679];
    const answers = awkward.map((x, i) => ({
      answerId: `a${i}`,
      playerId: `p${i}`,
      step: 0,
      questionIndex: 2,
      quantity: 'z2' as const,
      value: { numbers: [[x, -x / 3]] },
      submittedAt: T0 + i,
      correct: i % 2 === 0,
      credit: 1 / 3,
      points: 1000 / 7,
      misconceptionId: i === 1 ? 'SIGN_FLIPPED' : null,
    }));
    const scores = answers.map((a, i) => ({ playerId: a.playerId, score: 100 * i, streak: 1 }));
    await lessons.project(record.id, { answers, scores });
    const byId = (rows: { answerId: string }[]) =>
      [...rows].sort((a, b) => a.answerId.localeCompare(b.answerId));
    const expected = answers;
    expect(byId(await lessons.answers(record.id))).toEqual(expected);
    await lessons.project(record.id, {
      answers: answers.map((a) => ({ ...a, credit: 0 })),
      scores: scores.map((s) => ({ ...s, score: s.score + 1 })),
    });
    expect(byId(await lessons.answers(record.id))).toEqual(expected);
    const stored = await lessons.scores(record.id);
    expect(stored.map((s) => s.score).sort((a, b) => a - b)).toEqual(
      scores.map((s) => s.score + 1),
    );
  });

  it('secrets: made once per name, from randomness; concurrent askers get the one stored', async () => {
    const { secrets } = stores;
    const [a, b] = await Promise.all([
      secrets.installSecret('test-race'),
      secrets.installSecret('test-race'),
    ]);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b).toBe(a);
    expect(await secrets.installSecret('test-race')).toBe(a);
    expect(await secrets.installSecret('test-other')).not.toBe(a);
  });
});
