/**
 * The game server's request/response procedures (tRPC over HTTP), called with plain fetch so the
 * student page ships no tRPC client. Inputs and results are the contract's types.
 */
import type {
  CreateLessonResult,
  ErrorCode,
  JoinLessonResult,
  LessonResults,
  LessonSettings,
} from '@backprop/contract';
import { serverUrl } from './server-url.ts';

/** A refusal from the server, with the contract's error code. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface TrpcResponse<T> {
  result?: { data: T };
  error?: { message: string; data?: { appCode?: ErrorCode } };
}

async function call<T>(procedure: string, kind: 'query' | 'mutation', input: unknown): Promise<T> {
  const base = `${serverUrl()}/trpc/${procedure}`;
  let response: Response;
  try {
    response =
      kind === 'query'
        ? await fetch(`${base}?input=${encodeURIComponent(JSON.stringify(input))}`, {
            cache: 'no-store',
          })
        : await fetch(base, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(input),
          });
  } catch {
    throw new ApiError(
      'NETWORK',
      'The game server cannot be reached. Check the connection and try again.',
    );
  }
  const body = (await response.json().catch(() => ({}))) as TrpcResponse<T>;
  if (body.result) return body.result.data;
  throw new ApiError(
    body.error?.data?.appCode ?? 'INTERNAL',
    body.error?.message ?? response.statusText,
  );
}

export const api = {
  createLesson: (input: { preset: 'deck' } | { settings: LessonSettings }) =>
    call<CreateLessonResult>('lesson.create', 'mutation', input),
  joinLesson: (input: { code: string; nickname: string }) =>
    call<JoinLessonResult>('lesson.join', 'mutation', input),
  results: (input: { code: string; secret: string }) =>
    call<LessonResults>('lesson.results', 'query', input),
};
