// The simulator against a real server (port 0, a throwaway SQLite file): ten students, some late,
// some dropping and coming back, a short chain. Every acknowledged answer is stored and every
// connected student gets every reveal.
import { applyMigrations } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { createServer, type RunningServer } from '@backprop/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulationSummary, simulate } from '../src/simulate';

describe('the classroom simulator', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let summary: SimulationSummary;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await applyMigrations(database.url);
    server = await createServer({ port: 0, host: '127.0.0.1', databaseUrl: database.url });
    summary = await simulate({
      url: server.url,
      students: 10,
      late: 0.2,
      drop: 0.3,
      seed: 7,
      questions: 3,
      thinkMs: [100, 800],
      databaseUrl: database.url,
      stepTimeoutMs: 15_000,
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('every student joins (some late) and every dropped connection comes back', () => {
    expect(summary.students).toMatchObject({ requested: 10, joined: 10, connectedAtEnd: 10 });
    expect(summary.students.late).toBeGreaterThan(0);
    expect(summary.students.dropped).toBeGreaterThan(0);
    expect(summary.students.rejoined).toBe(summary.students.dropped);
  });

  it('loses no acknowledged answer: one stored row per student and question', () => {
    const { answers } = summary;
    expect(answers.counted).toBe(10 * 3);
    expect(answers.stored).toBe(answers.counted);
    expect(answers.lost).toBe(0);
    expect(answers.unexpected).toBe(0);
    expect(answers.unacknowledged).toBe(0);
    expect(answers.right + answers.wrong + answers.misconception).toBe(answers.counted);
  });

  it('every connected student received every reveal, and no truth before it', () => {
    expect(summary.reveals).toEqual({ count: 3, expected: 30, received: 30, missed: 0 });
    expect(summary.revealFanOutMs.count).toBe(30);
    expect(summary.leaks).toBe(0);
  });

  it('reports latencies, errors by code and nothing but late changes of mind refused', () => {
    expect(summary.answerAckMs.count).toBeGreaterThanOrEqual(30);
    expect(summary.answerAckMs.p99).toBeGreaterThan(0);
    // A student changing their mind after the last answer locked the question is refused.
    for (const code of Object.keys(summary.errors)) expect(code).toBe('QUESTION_CLOSED');
    expect(summary.answers.refused).toBe(summary.errors.QUESTION_CLOSED ?? 0);
  });
});
