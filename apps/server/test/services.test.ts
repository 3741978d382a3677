// The services' own logic over the stores' in-memory twins (test/stores.test.ts holds them to
// the Prisma implementations' behaviour): the retries a unique key forces, and ownership.
import { DECK_PRESET, type Instructor } from '@backprop/contract';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../src/context';
import type { HomeworkStore } from '../src/homework/store';
import { createLimits } from '../src/http/limits';
import { systemClock } from '../src/lessons/clock';
import { lessonEngine } from '../src/lessons/engine';
import { LessonRunner } from '../src/lessons/runner';
import { createLessonViews } from '../src/lessons/views';
import { ownedLesson } from '../src/services/accounts';
import { createAssignment, getAssignment } from '../src/services/assignments';
import { ServiceError } from '../src/services/errors';
import { homeworkViewOf, startHomework, submitHomework } from '../src/services/homework';
import { createLesson } from '../src/services/lessons';
import { createMemoryStores } from '../src/stores';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const ada: Instructor = { id: 'ada', name: 'Ada', email: 'ada@example.edu' };
const bob: Instructor = { id: 'bob', name: 'Bob', email: 'bob@example.edu' };

/** A context over the twins, as createServer builds it over Prisma; `me` is signed in. */
function memoryContext(
  me: Instructor | null,
  wrap: (h: HomeworkStore) => HomeworkStore = (h) => h,
) {
  const stores = createMemoryStores();
  const clock = { ...systemClock, now: () => T0 };
  const views = createLessonViews(lessonEngine, () => false);
  const runner = new LessonRunner({
    store: stores.lessons,
    clock,
    engine: lessonEngine,
    emit: { changed: () => {}, frame: () => {} },
  });
  const ctx: RequestContext = {
    lessons: { engine: lessonEngine, runner, store: stores.lessons, clock, views },
    homework: wrap(stores.homework),
    accounts: stores.accounts,
    heartbeats: stores.heartbeats,
    clock,
    publicUrl: null,
    auth: { handle: async () => {}, instructorOf: async () => me },
    limits: createLimits(),
    maxPlayersPerLesson: 10,
    instructor: async () => me,
    address: '127.0.0.1',
  };
  return { ctx, stores };
}

const homework = {
  title: 'Forward pass',
  settings: DECK_PRESET,
  opensAt: T0 - HOUR,
  dueAt: T0 + HOUR,
  attempts: 2,
  showHints: false,
  askStudentNumber: false,
};

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof ServiceError ? error.code : error),
  );

describe('services over the in-memory twins', () => {
  it('startHomework draws another resume code when the one drawn is taken', async () => {
    const hashes: string[] = [];
    const { ctx } = memoryContext(ada, (store) => ({
      ...store,
      async createStudent(assignmentId, student, resumeCodeHash) {
        hashes.push(resumeCodeHash);
        // The first code drawn is someone else's already.
        if (hashes.length === 1) await store.createStudent(assignmentId, student, resumeCodeHash);
        return store.createStudent(assignmentId, student, resumeCodeHash);
      },
    }));
    const { id } = await createAssignment(ctx, ada, homework);
    const started = await startHomework(ctx, { assignmentId: id, name: 'Grace' });
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).not.toBe(hashes[1]);
    const view = await homeworkViewOf(ctx, { assignmentId: id, resumeCode: started.resumeCode });
    expect(view).toEqual(started.view);
  });

  it('submitHomework: a retry racing its original is read back and answered as the original', async () => {
    let raced = false;
    const { ctx } = memoryContext(ada, (store) => ({
      ...store,
      async appendAttempt(studentId, attempt, finishedAt) {
        // The same submission's first copy lands between this one's read and its write.
        if (!raced) {
          raced = true;
          await store.appendAttempt(studentId, attempt, finishedAt);
        }
        return store.appendAttempt(studentId, attempt, finishedAt);
      },
    }));
    const { id } = await createAssignment(ctx, ada, homework);
    const { resumeCode } = await startHomework(ctx, { assignmentId: id, name: 'Grace' });
    const submission = {
      assignmentId: id,
      resumeCode,
      attemptId: 'attempt-0001',
      questionIndex: 0,
      value: { numbers: [[0, 0, 0]] },
    };
    const first = await submitHomework(ctx, submission);
    expect(raced).toBe(true);
    // Counted once: sent again, the same feedback, and one attempt used of two.
    expect(await submitHomework(ctx, submission)).toEqual(first);
    const attempts = await ctx.homework.attempts(
      (await ctx.homework.students(id))[0]?.student.id ?? '',
    );
    expect(attempts.map((a) => a.attemptId)).toEqual(['attempt-0001']);
  });

  it('ownership: another instructor is NOT_OWNER, a missing lesson or assignment unknown', async () => {
    const { ctx } = memoryContext(ada);
    const { code } = await createLesson(ctx, { preset: 'deck' }, ada.id);
    const teachNow = await createLesson(ctx, { preset: 'deck' });
    expect((await ownedLesson(ctx, ada, code)).code).toBe(code);
    expect(await refusal(ownedLesson(ctx, bob, code))).toBe('NOT_OWNER');
    expect(await refusal(ownedLesson(ctx, ada, teachNow.code))).toBe('NOT_OWNER');
    expect(await refusal(ownedLesson(ctx, ada, 'ZZZZZZ'))).toBe('UNKNOWN_LESSON');
    const { id } = await createAssignment(ctx, ada, homework);
    expect((await getAssignment(ctx, ada, id)).started).toBe(0);
    expect(await refusal(getAssignment(ctx, bob, id))).toBe('NOT_OWNER');
    expect(await refusal(getAssignment(ctx, ada, 'nope'))).toBe('UNKNOWN_ASSIGNMENT');
  });
});
