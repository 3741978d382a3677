// socket.io transport: a handshake middleware checks who connects; each event is rate limited,
// parsed with the contract's zod schemas and handed to the services; after every accepted
// command each screen of the lesson gets its fresh view. No rule lives here.
import {
  type Ack,
  answerCommandSchema,
  ERROR_CODES,
  handshakeSchema,
  instructorCommandSchema,
  type ClientToServerEvents as LessonClientEvents,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type WireError,
} from '@backprop/contract';
import type { LessonEvent } from '@backprop/lesson';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { ClusterEvents } from '../cluster/events';
import type { AppContext, LessonContext } from '../context';
import {
  ERROR_CODES as HEALTH_ERROR_CODES,
  type Ack as HealthAck,
  type ClientToServerEvents as HealthClientEvents,
  healthInput,
} from '../contract';
import type { LessonEmitter, LiveLesson } from '../lessons/runner';
import { checkHealth } from '../services/health';
import {
  authenticate,
  type Identity,
  lessonView,
  sendAnswer,
  sendCommand,
  viewOf,
} from '../services/lessons';
import { refusalOf } from '../services/refusal';
import { fanOutFor, rooms } from './fan-out';
import { TokenBucket } from './rate-limit';

type ClientEvents = LessonClientEvents & HealthClientEvents;
interface SocketData {
  /** Null for a connection without a lesson handshake: it may only ask for health. */
  identity: Identity | null;
}
export type AppServer = Server<ClientEvents, ServerToClientEvents, ClusterEvents, SocketData>;
type AppSocket = Socket<ClientEvents, ServerToClientEvents, ClusterEvents, SocketData>;

export interface SocketOptions {
  /** Per student (all their connections together; per connection for staff): events per second, and the burst allowed. */
  rateLimit?: { perSecond: number; burst: number };
  /** Connections one student may hold at once; default 4. */
  maxConnectionsPerPlayer?: number;
  now?: () => number;
}

export { rooms };

// Built once, not per connection (zod schemas are sizeable: 2,000 connections held ~5 MB of them).
const commandPayloadSchema = z.strictObject({
  command: instructorCommandSchema,
  version: z.number().int().min(0).optional(),
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

function toWireError(error: unknown): WireError {
  return refusalOf(error, 'socket handler').toWire();
}

/** Who is connected, per lesson and student: the roster's `connected`. */
export class Presence {
  private readonly counts = new Map<string, Map<string, number>>();

  add(code: string, playerId: string): void {
    const lesson = this.counts.get(code) ?? new Map<string, number>();
    lesson.set(playerId, (lesson.get(playerId) ?? 0) + 1);
    this.counts.set(code, lesson);
  }

  remove(code: string, playerId: string): void {
    const lesson = this.counts.get(code);
    const n = (lesson?.get(playerId) ?? 0) - 1;
    if (n > 0) lesson?.set(playerId, n);
    else lesson?.delete(playerId);
  }

  of(code: string): ReadonlySet<string> {
    return new Set(this.counts.get(code)?.keys());
  }

  /** How many students of the lesson are connected. */
  count(code: string): number {
    return this.counts.get(code)?.size ?? 0;
  }
}

/**
 * The socket side of the runner's emit port: views to each screen concerned, frames to all.
 * Views go to this process's own connections (`here`, `io.local`): with several processes each
 * one sends them to its own when it learns of a change (cluster/).
 */
export function createSocketEmitter(
  getIo: () => AppServer | undefined,
  getLessons: () => LessonContext | null,
  here: Presence,
): LessonEmitter {
  return {
    changed(lesson: LiveLesson, events: readonly LessonEvent[]) {
      const io = getIo();
      const lessons = getLessons();
      if (!io || !lessons) return;
      fanOutFor(io, lessons, here).changed(lesson, events);
      for (const event of events) {
        if (event.type === 'playerKicked') {
          io.in(rooms.player(lesson.record.code, event.playerId)).disconnectSockets(true);
        }
      }
    },
    async sent(lesson: LiveLesson) {
      const io = getIo();
      const lessons = getLessons();
      if (io && lessons) await fanOutFor(io, lessons, here).sent(lesson.record.code);
    },
    frame(lesson, frame) {
      getIo()?.to(rooms.all(lesson.record.code)).emit('frame', frame);
    },
  };
}

/** The staff's views (roster presence changed elsewhere), soon, to this process's connections. */
export function refreshStaff(
  io: AppServer,
  lessons: LessonContext,
  here: Presence,
  lesson: LiveLesson,
): void {
  fanOutFor(io, lessons, here).presenceChanged(lesson);
}

export function registerSocketHandlers(
  io: AppServer,
  ctx: AppContext,
  presence: Presence,
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
      const refusal = toWireError(error);
      if (LOOKUP_MISSES.has(refusal.code)) await ctx.limits.take('lookupMiss', address);
      refuse(refusal);
    }
  });

  io.on('connection', (socket: AppSocket) => {
    const identity = socket.data.identity;
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
     */
    const handle =
      <S extends z.ZodType, T extends object>(
        schema: S,
        run: (identity: Identity, input: z.infer<S>) => Promise<T>,
      ) =>
      async (payload: unknown, ack: unknown): Promise<void> => {
        if (typeof ack !== 'function') return; // nobody to answer; the intent is dropped
        const reply = ack as (result: Ack<T>) => void;
        if (!bucket.take())
          return reply(wire(ERROR_CODES.RATE_LIMITED, 'Too many messages; slow down'));
        if (!identity) {
          return reply(wire(ERROR_CODES.UNKNOWN_LESSON, 'Connect with a lesson handshake first'));
        }
        const parsed = schema.safeParse(payload);
        if (!parsed.success) {
          return reply(wire(ERROR_CODES.INVALID_INPUT, z.prettifyError(parsed.error)));
        }
        try {
          reply({ ok: true, ...(await run(identity, parsed.data)) } as Ack<T>);
        } catch (error) {
          reply({ ok: false, error: toWireError(error) });
        }
      };

    socket.on('health', async (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (result: HealthAck<Awaited<ReturnType<typeof checkHealth>>>) => void;
      const error = (
        code: (typeof HEALTH_ERROR_CODES)[keyof typeof HEALTH_ERROR_CODES],
        message: string,
      ) => reply({ ok: false, error: { code, message } });
      if (!bucket.take()) return error(HEALTH_ERROR_CODES.BAD_REQUEST, 'Too many messages');
      const parsed = healthInput.safeParse(payload);
      if (!parsed.success) return error(HEALTH_ERROR_CODES.BAD_REQUEST, parsed.error.message);
      try {
        reply(await checkHealth(ctx, parsed.data.source ?? 'socket', { write: false }));
      } catch (caught) {
        console.error('socket handler failed', caught);
        error(HEALTH_ERROR_CODES.INTERNAL_SERVER_ERROR, 'Internal server error');
      }
    });

    socket.on(
      'command',
      handle(commandPayloadSchema, (who, input) => sendCommand(ctx, who, input)),
    );
    socket.on(
      'answer',
      handle(answerCommandSchema, (who, input) => sendAnswer(ctx, who, input)),
    );
    socket.on(
      'sync',
      handle(syncPayloadSchema, async (who) => ({ view: await lessonView(ctx, who) })),
    );

    if (!identity || !ctx.lessons) return;
    const lessons = ctx.lessons;
    const { code } = identity;
    void socket.join(rooms.all(code));
    if (identity.role === 'student') {
      void socket.join(rooms.player(code, identity.playerId));
      presence.add(code, identity.playerId);
      socket.on('disconnect', () => {
        presence.remove(code, identity.playerId);
        void lessons.runner
          .get(code)
          .then((lesson) => lesson && fanOutFor(io, lessons, presence).presenceChanged(lesson));
      });
    } else {
      void socket.join(identity.role === 'projector' ? rooms.projector(code) : rooms.staff(code));
    }
    void lessons.runner.get(code).then((lesson) => {
      if (!lesson) return;
      socket.emit('view', viewOf(lessons, lesson, identity));
      if (identity.role === 'student') fanOutFor(io, lessons, presence).presenceChanged(lesson);
    });
  });
}
