// GET /metrics answers in the Prometheus text format, and its figures follow what happens:
// connections by role, live lessons, command latency by type and outcome, errors by code, and
// database appends.

import { applyMigrations } from '@backprop/db';
import { createTestDatabase, type TestDatabase } from '@backprop/db/testing';
import { DECK_CONFIG, traceStep, type Value } from '@backprop/mlp-core';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/create-server';
import type { AppRouter } from '../src/trpc/router';
import { openClient, type TestClient } from './support/clients';

const truth = traceStep(DECK_CONFIG, 0).entries[0]!.value as Value;

/**
 * One sample line of the text format: name, optional {labels}, value. prom-client writes an
 * empty event-loop histogram's mean as "Nan", which Prometheus reads (its float parser ignores
 * case), so NaN is matched case-insensitively.
 */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+-]+|[Nn]a[Nn]|\+Inf|-Inf)$/;

async function scrape(
  url: string,
): Promise<{ type: string; text: string; get(key: string): number }> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  const text = await res.text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = SAMPLE.exec(line);
    expect(m, line).not.toBeNull();
    samples.set(`${m![1]}${m![2] ?? ''}`, Number(m![3]));
  }
  return {
    type: res.headers.get('content-type') ?? '',
    text,
    get: (key) => samples.get(key) ?? 0,
  };
}

describe('GET /metrics', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await applyMigrations(database.url);
    server = await createServer({ port: 0, databaseUrl: database.url });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    await database?.drop();
  });

  it('speaks the Prometheus text format and its counters move with the lesson', async () => {
    const before = await scrape(server.url);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'backprop_connected_sockets',
      'backprop_live_lessons',
      'backprop_command_duration_seconds',
      'backprop_errors_total',
      'backprop_db_append_duration_seconds',
      'backprop_process_resident_memory_bytes',
    ]) {
      expect(before.text).toContain(`# TYPE ${name} `);
    }
    expect(before.get('backprop_live_lessons')).toBe(0);

    const trpc = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    const { code, instructorSecret } = await trpc.lesson.create.mutate({ preset: 'deck' });
    const alice = await trpc.lesson.join.mutate({ code, nickname: 'alice' });
    await trpc.lesson.join.mutate({ code, nickname: 'bob' });
    await expect(trpc.lesson.join.mutate({ code, nickname: 'ALICE' })).rejects.toThrow();
    const teacher = await openClient(server.url, code, {
      role: 'instructor',
      secret: instructorSecret,
    });
    const a = await openClient(server.url, code, {
      role: 'student',
      playerToken: alice.playerToken,
    });
    clients.push(teacher, a);
    const answer = (answerId: string) =>
      a.send('answer', {
        type: 'answer',
        answerId,
        question: { step: 0, index: 0 },
        value: { numbers: truth },
      });
    expect(await answer('too-early-1')).toMatchObject({ error: { code: 'QUESTION_CLOSED' } });
    for (const type of ['start', 'open']) {
      expect(await teacher.send('command', { command: { type } })).toMatchObject({ ok: true });
    }
    expect(await answer('alice-answer-1')).toMatchObject({ ok: true });
    expect(await teacher.send('command', { command: { type: 'bogus' } })).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });

    const after = await scrape(server.url);
    expect(after.get('backprop_connected_sockets{role="student"}')).toBe(1);
    expect(after.get('backprop_connected_sockets{role="instructor"}')).toBe(1);
    expect(after.get('backprop_live_lessons')).toBe(1);
    const count = (labels: string) =>
      after.get(`backprop_command_duration_seconds_count{${labels}}`);
    expect(count('command="answer",outcome="ok"')).toBe(1);
    expect(count('command="answer",outcome="QUESTION_CLOSED"')).toBe(1);
    expect(count('command="start",outcome="ok"')).toBe(1);
    expect(count('command="open",outcome="ok"')).toBe(1);
    expect(count('command="invalid",outcome="INVALID_INPUT"')).toBe(1);
    expect(after.get('backprop_errors_total{code="QUESTION_CLOSED",source="answer"}')).toBe(1);
    expect(after.get('backprop_errors_total{code="INVALID_INPUT",source="command"}')).toBe(1);
    expect(after.get('backprop_errors_total{code="NAME_TAKEN",source="trpc"}')).toBe(1);
    // Appends: two joins, start, open, the answer.
    expect(after.get('backprop_db_append_duration_seconds_count{outcome="ok"}')).toBe(5);
    expect(after.get('backprop_db_append_duration_seconds_sum{outcome="ok"}')).toBeGreaterThan(0);

    a.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const gone = await scrape(server.url);
    expect(gone.get('backprop_connected_sockets{role="student"}')).toBe(0);
  });
});
