/**
 * The typed procedure call against a fake fetch that answers as tRPC's HTTP adapter does
 * (`{ result: { data } }`, or `{ error: { message, data: { appCode } } }` with the server's
 * errorFormatter): what goes on the wire for a query and a mutation, and what comes back.
 */
import { ERROR_CODES } from '@backprop/contract';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { ApiError, type ProcedureOutput, trpcClient } from '../src/lib/trpc-call.ts';

interface Sent {
  url: URL;
  init: RequestInit;
}

let sent: Sent[];
let answer: (sent: Sent) => Promise<Response> | Response;

const json = (body: unknown, status = 200, statusText = 'OK') =>
  new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'content-type': 'application/json' },
  });

beforeEach(() => {
  sent = [];
  answer = () => json({ result: { data: null } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
      const request = { url: new URL(String(input), 'http://page.test'), init };
      sent.push(request);
      return answer(request);
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const server = trpcClient(() => 'http://game.test:3001/trpc');

/** The input the server would read from a query's URL. */
const inputOf = (url: URL) => {
  const raw = url.searchParams.get('input');
  return raw === null ? undefined : JSON.parse(raw);
};

describe('a query', () => {
  it('is a GET of base/path with the input JSON-encoded in the URL, not cached', async () => {
    const input = { code: 'ABC123', as: { role: 'projector' as const } };
    await server.query('lesson.view', input);
    expect(sent).toHaveLength(1);
    const [{ url, init }] = sent as [Sent];
    expect(url.origin + url.pathname).toBe('http://game.test:3001/trpc/lesson.view');
    expect(init.method ?? 'GET').toBe('GET');
    expect(init.body).toBeUndefined();
    expect(init.cache).toBe('no-store');
    expect(inputOf(url)).toEqual(input);
  });

  it('encodes characters that mean something in a URL so the input arrives whole', async () => {
    const input = { assignmentId: 'a&b=c?d#e f%20+', resumeCode: 'ÄÖ/\\"' };
    await server.query('homework.view', input);
    expect(inputOf(sent[0]!.url)).toEqual(input);
    expect(sent[0]!.url.hash).toBe('');
  });

  it('sends no input parameter for a procedure without input', async () => {
    await server.query('account.me');
    expect(sent[0]!.url.search).toBe('');
  });

  it("returns the procedure's data", async () => {
    const info = { publicUrl: null, addresses: ['192.168.1.20'] };
    answer = () => json({ result: { data: info } });
    await expect(server.query('joinInfo')).resolves.toEqual(info);
  });

  it('returns a null result as null (signed out), not as a failure', async () => {
    answer = () => json({ result: { data: null } });
    await expect(server.query('account.me')).resolves.toBeNull();
  });
});

describe('a mutation', () => {
  it('is a JSON POST of the input to base/path', async () => {
    const input = { code: 'ABC123', nickname: 'Ada' };
    await server.mutation('lesson.join', input);
    const [{ url, init }] = sent as [Sent];
    expect(url.href).toBe('http://game.test:3001/trpc/lesson.join');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual(input);
  });

  it('sends no body without input', async () => {
    await server.mutation('health');
    expect(sent[0]!.init.method).toBe('POST');
    expect(sent[0]!.init.body).toBeUndefined();
  });
});

describe('refusals', () => {
  it("become ApiError with the contract's code and the server's message", async () => {
    answer = () =>
      json(
        {
          error: {
            message: 'No lesson with this code',
            code: -32004,
            data: { code: 'NOT_FOUND', httpStatus: 404, appCode: ERROR_CODES.UNKNOWN_LESSON },
          },
        },
        404,
      );
    const error = await server
      .query('lesson.view', { code: 'ZZZ999', as: { role: 'projector' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: ERROR_CODES.UNKNOWN_LESSON,
      message: 'No lesson with this code',
    });
  });

  it('a refusal of a mutation likewise', async () => {
    answer = () =>
      json(
        {
          error: {
            message: 'That nickname is taken',
            data: { appCode: ERROR_CODES.NAME_TAKEN },
          },
        },
        409,
      );
    await expect(
      server.mutation('lesson.join', { code: 'ABC123', nickname: 'Ada' }),
    ).rejects.toMatchObject({ code: 'NAME_TAKEN', message: 'That nickname is taken' });
  });

  it('an error without the code is INTERNAL', async () => {
    answer = () => json({ error: { message: 'boom' } }, 500);
    await expect(server.query('account.lessons')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'boom',
    });
  });

  it("an answer that is not tRPC's (a proxy's error page) is INTERNAL with the status text", async () => {
    answer = () =>
      new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    await expect(server.query('assignment.list')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'Bad Gateway',
    });
  });
});

describe('network failures', () => {
  it('an unreachable server is NETWORK', async () => {
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    const error = await server.query('joinInfo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('NETWORK');
    expect((error as ApiError).message).toMatch(/cannot be reached/);
  });

  it('a server that does not answer within timeoutMs is NETWORK', async () => {
    answer = ({ init }) =>
      new Promise((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const slow = trpcClient(() => 'http://game.test/trpc', { timeoutMs: 20 });
    await expect(slow.mutation('health')).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('without timeoutMs no signal is attached (the browser waits)', async () => {
    await server.query('joinInfo');
    expect(sent[0]!.init.signal).toBeUndefined();
  });
});

describe('the client', () => {
  it('sends the cookie of this origin by default, none when told to omit it', async () => {
    await server.query('joinInfo');
    await trpcClient(() => '/api/trpc', { credentials: 'omit' }).query('joinInfo');
    expect(sent.map((s) => s.init.credentials)).toEqual(['same-origin', 'omit']);
  });

  it('reads its base at each call (the live server address is known only in the browser)', async () => {
    let base = 'http://one.test/trpc';
    const client = trpcClient(() => base);
    await client.query('joinInfo');
    base = '/api/trpc';
    await client.query('joinInfo');
    expect(sent.map((s) => s.url.href)).toEqual([
      'http://one.test/trpc/joinInfo',
      'http://page.test/api/trpc/joinInfo',
    ]);
  });
});

describe("types from the server's router", () => {
  it('give each procedure its result type', () => {
    expectTypeOf<ProcedureOutput<'joinInfo'>>().toEqualTypeOf<{
      publicUrl: string | null;
      addresses: string[];
    }>();
    expectTypeOf(server.query('account.me')).resolves.toExtend<{ email: string } | null>();
    expectTypeOf(server.mutation('lesson.join', { code: 'A', nickname: 'B' })).resolves.toExtend<{
      playerToken: string;
    }>();
  });

  it('refuse a misspelt procedure, the wrong kind and a wrong input (checked by tsc)', () => {
    // Not called: only the typecheck reads these lines, and fails if any of them is accepted.
    const unused = () => [
      // @ts-expect-error no such procedure
      server.query('lesson.veiw', { code: 'A' }),
      // @ts-expect-error lesson.create is a mutation
      server.query('lesson.create', { preset: 'deck' }),
      // @ts-expect-error homework.view is a query
      server.mutation('homework.view', { assignmentId: 'a', resumeCode: 'b' }),
      // @ts-expect-error the nickname is missing
      server.mutation('lesson.join', { code: 'A' }),
      // @ts-expect-error lesson.view needs its input
      server.query('lesson.view'),
    ];
    expect(typeof unused).toBe('function');
  });
});
