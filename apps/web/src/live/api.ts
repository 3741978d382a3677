/**
 * The game server's request/response procedures (tRPC over HTTP), called with plain fetch so the
 * student page ships no tRPC client. Inputs and results are the contract's types.
 */
import type {
  CreateLessonResult,
  JoinLessonResult,
  LessonResults,
  LessonSettings,
} from '@backprop/contract';
import { ApiError, trpcCall } from '../lib/trpc-call.ts';
import { serverUrl } from './server-url.ts';

export { ApiError };

const call = <T>(procedure: string, kind: 'query' | 'mutation', input: unknown) =>
  trpcCall<T>(`${serverUrl()}/trpc`, procedure, kind, input);

export const api = {
  createLesson: (input: { preset: 'deck' } | { settings: LessonSettings }) =>
    call<CreateLessonResult>('lesson.create', 'mutation', input),
  joinLesson: (input: { code: string; nickname: string }) =>
    call<JoinLessonResult>('lesson.join', 'mutation', input),
  results: (input: { code: string; secret: string }) =>
    call<LessonResults>('lesson.results', 'query', input),
};
