// socket.io transport: parse with zod, call the service, acknowledge. No rules live here.
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import type { AppContext } from '../context';
import {
  type Ack,
  type ClientToServerEvents,
  ERROR_CODES,
  healthInput,
  type ServerToClientEvents,
} from '../contract';
import { checkHealth } from '../services/health';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Wraps a handler: the payload is untrusted (any client can send anything, or no ack), so it is
 * parsed first; bad input is answered with BAD_REQUEST and never reaches the service.
 */
function handle<S extends z.ZodType, T extends { ok: true }>(
  schema: S,
  run: (input: z.infer<S>) => Promise<T>,
) {
  return async (payload: unknown, ack: unknown): Promise<void> => {
    if (typeof ack !== 'function') return; // nobody to answer; the intent is dropped
    const reply = ack as (result: Ack<T>) => void;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply({ ok: false, error: { code: ERROR_CODES.BAD_REQUEST, message: parsed.error.message } });
      return;
    }
    try {
      reply(await run(parsed.data));
    } catch (error) {
      console.error('socket handler failed', error);
      reply({
        ok: false,
        error: { code: ERROR_CODES.INTERNAL_SERVER_ERROR, message: 'Internal server error' },
      });
    }
  };
}

export function registerSocketHandlers(io: AppServer, ctx: AppContext): void {
  io.on('connection', (socket: AppSocket) => {
    socket.on(
      'health',
      handle(healthInput, (input) => checkHealth(ctx, input.source ?? 'socket')),
    );
  });
}
