/**
 * Which server each procedure module talks to: the live lesson's calls go to the game server
 * itself, the instructor's and the homework's through this origin's /api proxy (the session
 * cookie goes along); and the CSV links. Against a fake fetch.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountApi, csvLinks } from '../src/account/api.ts';
import { homeworkApi } from '../src/homework/api.ts';
import { api } from '../src/live/api.ts';
import { probeLesson } from '../src/play/lesson-probe.ts';

let sent: { url: string; method: string; body: unknown }[];
let reply: () => Response;

beforeEach(() => {
  sent = [];
  reply = () => Response.json({ result: { data: { phase: 'lobby' } } });
  vi.stubEnv('NEXT_PUBLIC_SERVER_URL', 'http://game.test:3001/');
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      sent.push({
        url,
        method: init.method ?? 'GET',
        body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
      });
      return reply();
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe('live lesson calls', () => {
  it('go to the configured game server (its trailing slash dropped)', async () => {
    await api.joinLesson({ code: 'ABC123', nickname: 'Ada' });
    await api.createLesson({ preset: 'deck' });
    expect(sent).toEqual([
      {
        url: 'http://game.test:3001/trpc/lesson.join',
        method: 'POST',
        body: { code: 'ABC123', nickname: 'Ada' },
      },
      { url: 'http://game.test:3001/trpc/lesson.create', method: 'POST', body: { preset: 'deck' } },
    ]);
  });
});

describe('probeLesson', () => {
  it('asks lesson.view as the projector', async () => {
    await probeLesson('ABC123');
    const url = new URL(sent[0]!.url);
    expect(url.pathname).toBe('/trpc/lesson.view');
    expect(JSON.parse(url.searchParams.get('input')!)).toEqual({
      code: 'ABC123',
      as: { role: 'projector' },
    });
  });

  it('running, finished, unknown, or unreachable', async () => {
    expect(await probeLesson('ABC123')).toBe('running');
    reply = () => Response.json({ result: { data: { phase: 'finished' } } });
    expect(await probeLesson('ABC123')).toBe('finished');
    reply = () =>
      Response.json(
        { error: { message: 'no', data: { appCode: 'UNKNOWN_LESSON' } } },
        { status: 404 },
      );
    expect(await probeLesson('ABC123')).toBe('unknown');
    reply = () =>
      Response.json(
        { error: { message: 'slow', data: { appCode: 'RATE_LIMITED' } } },
        { status: 429 },
      );
    expect(await probeLesson('ABC123')).toBe('unreachable');
    reply = () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await probeLesson('ABC123')).toBe('unreachable');
  });
});

describe('instructor and homework calls', () => {
  it('go through /api/trpc with the input the procedure takes', async () => {
    await accountApi.me();
    await accountApi.student('hw-1', 'st-2');
    await homeworkApi.view('hw-1', 'ABCDE12345');
    await homeworkApi.start({ assignmentId: 'hw-1', name: 'Ada' });
    const shown = sent.map(({ url, method, body }) => {
      const u = new URL(url, 'http://page.test');
      const input = u.searchParams.get('input');
      return [method, u.pathname, body ?? (input === null ? undefined : JSON.parse(input))];
    });
    expect(shown).toEqual([
      ['GET', '/api/trpc/account.me', undefined],
      ['GET', '/api/trpc/assignment.student', { id: 'hw-1', studentId: 'st-2' }],
      ['GET', '/api/trpc/homework.view', { assignmentId: 'hw-1', resumeCode: 'ABCDE12345' }],
      ['POST', '/api/trpc/homework.start', { assignmentId: 'hw-1', name: 'Ada' }],
    ]);
  });
});

describe('csvLinks', () => {
  it('point at the report’s two CSV files, the id encoded', () => {
    expect(csvLinks({ kind: 'lesson', id: 'ABC123' })).toEqual({
      students: '/api/reports/lesson/ABC123/students.csv',
      answers: '/api/reports/lesson/ABC123/answers.csv',
    });
    expect(csvLinks({ kind: 'assignment', id: 'a/b?c' }).students).toBe(
      '/api/reports/assignment/a%2Fb%3Fc/students.csv',
    );
  });
});
