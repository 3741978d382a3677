// socket.io transport: a handshake middleware checks who connects; each event is rate limited,
// parsed with the contract's zod schemas and handed to the services; after every accepted
// command each screen of the lesson gets its fresh view. No rule lives here.
import {
  type Ack,
  answerCommandSchema,
  ERROR_CODES,
  handshakeSchema,
  healthInput,
  instructorCommandSchema,
  type LessonView,
  PROTOCOL_VERSION,
  type WireError,
} from '@backprop/contract';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { Identity } from '../lessons/views';
import { checkHealth } from '../services/health';
import { authenticate, lessonView, sendAnswer, sendCommand } from '../services/lessons';
import { refusalOf } from '../services/refusal';
import type { AppServer, AppSocket } from './app-server';
import { EncodedJson, emitEncodedView } from './encoded';
import type { FanOut } from './fan-out';
import type { Presence } from './presence';
import { TokenBucket } from './rate-limit';
import { rooms } from './rooms';

export interface SocketOptions {
  /** Per student (all their connections together; per connection for staff): events per second, and the burst allowed. */
  rateLimit?: { perSecond: number; burst: number };
  /** Connections one student may hold at once; default 4. */
  maxConnectionsPerPlayer?: number;
  now?: () => number;
}

// Built once, not per connection (zod schemas are sizeable: 2,000 connections held ~5 MB of them).
const commandPayloadSchema = z.strictObject({
  command: instructorCommandSchema,
  version: z.number().int().min(0).optional(),
  /** The `instructorVersion` of the view the sender acted on ([C5]). */
  expect: z.number().int().min(0).optional(),
});
const syncPayloadSchema = z.strictObject({});

const wire = (code: WireError['code'], message: string) => ({
  ok: false as const,
  error: { code, message },
});

/** A student may hold this many connections at once (tabs, devices); more are refused. */
const MAX_CONNECTIONS_PER_PLAYER = 4;
const playerKey = (code: string, playerId: string) => `${code}:${playerId}`;
/** Handshake refusals that mean a guessed code or secret matched nothing. */
const LOOKUP_MISSES: ReadonlySet<string> = new Set([
  ERROR_CODES.UNKNOWN_LESSON,
  ERROR_CODES.UNKNOWN_PLAYER,
  ERROR_CODES.NOT_INSTRUCTOR,
]);

/** Who sent a lesson event: `handle` refuses one from a connection without a lesson first. */
const sender = (who: Identity | null): Identity => who as Identity;

function toWireError(error: unknown, event: string): WireError {
  return refusalOf(error, `socket ${event}`).toWire();
}

export function registerSocketHandlers(
  io: AppServer,
  ctx: AppContext,
  /** This process's students (the fan-out's and the roster's). */
  presence: Presence,
  fanOut: FanOut,
  options: SocketOptions = {},
): void {
  const limit = options.rateLimit ?? { perSecond: 10, burst: 20 };
  const now = options.now ?? Date.now;
  const maxConnectionsPerPlayer = options.maxConnectionsPerPlayer ?? MAX_CONNECTIONS_PER_PLAYER;
  /**
   * A student's budget of events is theirs, not their connection's: every socket of one player
   * takes from the same bucket (kept while they have a connection here).
   */
  const players = new Map<string, { bucket: TokenBucket; connections: number }>();

  // What each event runs once its payload is parsed: made once here, shared by every connection.
  const health = (_who: Identity | null, input: z.infer<typeof healthInput>) =>
    // Read only: writing a row is for a signed-in instructor (tRPC), never for a socket.
    checkHealth(ctx, input.source ?? 'socket', { write: false });
  const command = (who: Identity | null, input: z.infer<typeof commandPayloadSchema>) =>
    sendCommand(ctx, sender(who), input);
  const sync = async (who: Identity | null) => ({ view: await lessonView(ctx, sender(who)) });

  // The handshake: a lesson's connections must prove who they are before they are admitted.
  io.use(async (socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const refuse = (error: WireError) =>
      next(Object.assign(new Error(error.message), { data: error }));
    const address = ctx.limits.addressOf(socket.request);
    if (!(await ctx.limits.take('handshake', address))) {
      return refuse({
        code: ERROR_CODES.RATE_LIMITED,
        message: 'Too many connections; wait a minute',
      });
    }
    if (!auth || (typeof auth === 'object' && Object.keys(auth).length === 0)) {
      socket.data.identity = null;
      return next();
    }
    const version = (auth as { protocolVersion?: unknown }).protocolVersion;
    if (version !== PROTOCOL_VERSION) {
      return refuse({
        code: ERROR_CODES.PROTOCOL_MISMATCH,
        message: `This server speaks protocol ${PROTOCOL_VERSION}; reload the page`,
      });
    }
    const parsed = handshakeSchema.safeParse(auth);
    if (!parsed.success) {
      return refuse({ code: ERROR_CODES.INVALID_INPUT, message: z.prettifyError(parsed.error) });
    }
    if (await ctx.limits.spent('lookupMiss', address)) {
      return refuse({
        code: ERROR_CODES.RATE_LIMITED,
        message: 'Too many unknown codes; wait a minute',
      });
    }
    try {
      const identity = await authenticate(ctx, parsed.data.code, parsed.data.as);
      if (identity.role === 'student') {
        const player = players.get(playerKey(identity.code, identity.playerId));
        if (player && player.connections >= maxConnectionsPerPlayer) {
          return refuse({
            code: ERROR_CODES.RATE_LIMITED,
            message: `At most ${maxConnectionsPerPlayer} connections per student; close another tab`,
          });
        }
      }
      socket.data.identity = identity;
      next();
    } catch (error) {
      const refusal = toWireError(error, 'handshake');
      if (LOOKUP_MISSES.has(refusal.code)) await ctx.limits.take('lookupMiss', address);
      refuse(refusal);
    }
  });

  io.on('connection', (socket: AppSocket) => {
    const identity = socket.data.identity;
    const answering = new Set<string>();
    socket.data.answering = answering;
    let bucket = new TokenBucket(limit.perSecond, limit.burst, now);
    if (identity?.role === 'student') {
      const key = playerKey(identity.code, identity.playerId);
      const player = players.get(key) ?? { bucket, connections: 0 };
      player.connections += 1;
      players.set(key, player);
      bucket = player.bucket;
      socket.on('disconnect', () => {
        player.connections -= 1;
        if (player.connections === 0) players.delete(key);
      });
    }

    /**
     * Wraps a handler: rate limited first (a refused event touches nothing), then the untrusted
     * payload is parsed; bad input is answered with INVALID_INPUT and never reaches a service.
     * What the service throws is answered through refusal.ts, like tRPC's and the CSV's.
     */
    const handle =
      <S extends z.ZodType, T extends object>(
        event: string,
        schema: S,
        run: (identity: Identity | null, input: z.infer<S>) => Promise<T>,
        { lessonOnly = true } = {},
      ) =>
      async (payload: unknown, ack: unknown): Promise<void> => {
        if (typeof ack !== 'function') return; // nobody to answer; the intent is dropped
        const reply = ack as (result: Ack<T>) => void;
        if (!bucket.take())
          return reply(wire(ERROR_CODES.RATE_LIMITED, 'Too many messages; slow down'));
        if (lessonOnly && !identity) {
          return reply(wire(ERROR_CODES.UNKNOWN_LESSON, 'Connect with a lesson handshake first'));
        }
        const parsed = schema.safeParse(payload);
        if (!parsed.success) {
          return reply(wire(ERROR_CODES.INVALID_INPUT, z.prettifyError(parsed.error)));
        }
        try {
          reply({ ok: true, ...(await run(identity, parsed.data)) } as Ack<T>);
        } catch (error) {
          reply({ ok: false, error: toWireError(error, event) });
        }
      };
    socket.on('health', handle('health', healthInput, health, { lessonOnly: false }));
    socket.on('command', handle('command', commandPayloadSchema, command));
    socket.on(
      'answer',
      handle('answer', answerCommandSchema, async (who, input) => {
        // Until its acknowledgement (which carries the stored answer), no view for it here.
        answering.add(input.answerId);
        try {
          return await sendAnswer(ctx, sender(who), input);
        } finally {
          answering.delete(input.answerId);
        }
      }),
    );
    socket.on('sync', handle('sync', syncPayloadSchema, sync));

    if (!identity) return;
    const { lessons } = ctx;
    const { code } = identity;
    void socket.join(rooms.all(code));
    if (identity.role === 'student') {
      void socket.join(rooms.player(code, identity.playerId));
      presence.add(code, identity.playerId);
      socket.on('disconnect', () => {
        presence.remove(code, identity.playerId);
        void lessons.runner.get(code).then((lesson) => lesson && fanOut.presenceChanged(lesson));
      });
    } else {
      void socket.join(identity.role === 'projector' ? rooms.projector(code) : rooms.staff(code));
    }
    void lessons.runner.get(code).then((lesson) => {
      if (!lesson) return;
      if (identity.role === 'student') {
        // The class's shared part is encoded once per state: a class reconnecting at once after a
        // process died costs one encoding, not one per student.
        const json = lessons.views.studentJson(lesson, identity.playerId);
        emitEncodedView(socket, new EncodedJson<LessonView>(json));
        fanOut.presenceChanged(lesson);
      } else {
        socket.emit('view', lessons.views.of(lesson, identity));
      }
    });
  });
}
