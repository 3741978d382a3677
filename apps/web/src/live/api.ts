/**
 * The game server's request/response procedures (tRPC over HTTP), called with plain fetch so the
 * student page ships no tRPC client. Inputs and results are the server router's types.
 */
import { ApiError, type ProcedureInput, trpcClient } from '../lib/trpc-call.ts';
import { serverUrl } from './server-url.ts';

export { ApiError };

/** The game server itself (not the /api proxy): no session cookie goes along. */
export const gameServer = trpcClient(() => `${serverUrl()}/trpc`);

export const api = {
  createLesson: (input: ProcedureInput<'lesson.create'>) =>
    gameServer.mutation('lesson.create', input),
  joinLesson: (input: ProcedureInput<'lesson.join'>) => gameServer.mutation('lesson.join', input),
};
