// Several server processes serving the same lessons (enabled by REDIS_URL). Each process holds
// the lessons it serves in memory and sends views to its own connections only; what crosses
// processes:
// - the socket.io Redis Streams adapter: broadcasts that are not views (training frames, kicks'
//   disconnects) and server-side events; no connection-state recovery (serverOptions);
// - the entries of every append, announced by the lesson's writer over Redis pub/sub
//   (writers.ts): the others fold them in (in the lesson's queue) and send fresh views. A lost
//   announcement is healed from the log: a gap is filled from the log's tail, a forwarded
//   command's result newer than the copy reads the tail, a periodic sweep catches up, and an
//   append on a stale state conflicts on (lessonId, seq) and is retried after the tail;
// - `presenceChanged` when a student connects or leaves: processes with staff screens for the
//   lesson recount the students connected elsewhere (`presenceOf`) for the roster's `connected`.
// A new connection does not wait for the log: this process's copy has every entry announced
// before it (an acknowledged one was announced before its acknowledgement), and a student token
// unknown here is looked up again after reading the log's tail (services/lessons.ts).
// Commands go to one writer per lesson (writers.ts: a lease in Redis, forwarding over pub/sub).
// Timers need nothing more: every process holding a lesson arms its deadline; the first `expire`
// appended wins and the state machine refuses the others (QUESTION_CLOSED).
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import type { Clock } from '../lessons/clock';
import type { LessonRunner, RunnerCluster } from '../lessons/runner';
import type { AppServer } from '../socket/app-server';
import type { FanOut } from '../socket/fan-out';
import type { Presence } from '../socket/presence';
import { rooms } from '../socket/rooms';
import { type Redis, redisClient } from './redis';
import { LessonWriters } from './writers';

export interface ClusterOptions {
  /** redis://host:port */
  redisUrl: string;
  /** Prefix of every Redis key and channel, so several deployments can share one Redis. */
  prefix?: string;
  /** How often held lessons with local connections are checked against the log (lost notices). */
  sweepMs?: number;
}

/** A socket.io room name's lesson code, e.g. `lesson:ABCDEF:staff` (socket/rooms.ts). */
const codeOf = (room: string): string | undefined =>
  room.startsWith('lesson:') ? room.split(':')[1] : undefined;

/** Runs `task(key)` soon, at most one at a time per key; a request while it runs runs it again. */
function coalesced(clock: Clock, task: (key: string) => Promise<void>) {
  const state = new Map<string, { timer?: unknown; running: boolean; again: boolean }>();
  const schedule = (key: string, delayMs: number): void => {
    const s = state.get(key) ?? { running: false, again: false };
    state.set(key, s);
    if (s.running) {
      s.again = true;
      return;
    }
    if (s.timer) return;
    s.timer = clock.setTimeout(() => {
      s.timer = undefined;
      s.running = true;
      void task(key).finally(() => {
        s.running = false;
        if (s.again) {
          s.again = false;
          schedule(key, delayMs);
        } else if (!s.timer) state.delete(key);
      });
    }, delayMs);
  };
  const clear = (): void => {
    for (const s of state.values()) clock.clearTimeout(s.timer);
    state.clear();
  };
  return { schedule, clear };
}

/** The promise's value, or a rejection after `ms` (a process that died answers nothing). */
function within<T>(clock: Clock, ms: number, promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new Error('no answer in time')), ms);
    promise.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export class Cluster {
  /** Per lesson: students connected to other processes (kept only where staff screens are). */
  private readonly remote = new Map<string, ReadonlySet<string>>();
  /** Stops what `attach` started (the sweep, pending recounts). */
  private detach: () => void = () => {};

  private constructor(
    private readonly redis: Redis,
    private readonly options: Required<ClusterOptions>,
    private readonly here: Presence,
    private readonly clock: Clock,
    private readonly writers: LessonWriters,
  ) {}

  static async connect(options: ClusterOptions, here: Presence, clock: Clock): Promise<Cluster> {
    const redis = redisClient(options.redisUrl);
    redis.on('error', (error: Error) => console.error('redis:', error.message));
    await redis.connect();
    const full = { prefix: 'backprop', sweepMs: 3_000, ...options };
    const writers = await LessonWriters.connect(redis, full.prefix, clock);
    return new Cluster(redis, full, here, clock, writers);
  }

  /**
   * For `new Server(...)`: the Redis Streams adapter, without connection-state recovery. Every
   * connection, a recovered one too, gets the lesson's whole view at once (socket/handlers.ts),
   * so there is no missed packet to replay. With recovery on, each reconnecting student's
   * handshake read and decoded the stream from its last offset (measured at 5,000 students: about
   * 5 s of CPU per process after one process died), and every socket's own emit was published
   * to the stream for the other processes to decode.
   */
  serverOptions(): Partial<ServerOptions> {
    const { prefix } = this.options;
    return {
      adapter: createAdapter(this.redis, {
        streamName: `${prefix}:socket.io`,
        channelPrefix: `${prefix}:socket.io`,
        sessionKeyPrefix: `${prefix}:session:`,
      }),
    };
  }

  /** The runner's port: tells the other processes after each append; forwards to the writer. */
  peers(): RunnerCluster {
    return {
      appended: (code, entries) => this.writers.announce(code, entries),
      forward: (code, request) => this.writers.forward(code, request),
    };
  }

  /** Whether the student has a live connection to any process: the roster's `connected`. */
  isConnected(code: string, playerId: string): boolean {
    return this.here.has(code, playerId) || (this.remote.get(code)?.has(playerId) ?? false);
  }

  /**
   * How long presence news of a lesson waits for more (ms): 100 per started 500 students
   * connected, like the staff's screens it feeds (socket/fan-out.ts), so a class of 5,000
   * reconnecting at once costs a recount a second (every process answers with its students' ids,
   * which each process decodes), not ten.
   */
  private settle(code: string): number {
    // Counted, not collected: it is asked at every connection of a reconnecting class.
    const connected = this.here.count(code) + (this.remote.get(code)?.size ?? 0);
    return 100 * Math.max(1, Math.ceil(connected / 500));
  }

  /** Listens to the other processes and to this one's rooms; starts the sweep. */
  attach(io: AppServer, runner: LessonRunner, fanOut: FanOut): void {
    const { clock } = this;
    this.writers.serve(
      (code, request) => runner.dispatchHere(code, request),
      (code, entries) => runner.receive(code, entries),
    );
    const hasStaff = (code: string): boolean =>
      (io.of('/').adapter.rooms.get(rooms.staff(code))?.size ?? 0) > 0;

    /**
     * Students of the lesson connected to other processes: each answers with its own students'
     * ids. (fetchSockets sent every socket's handshake and rooms: at 5,000 students, seconds of
     * encoding and decoding per process.)
     */
    const countRemote = async (code: string): Promise<void> => {
      if (!hasStaff(code)) return;
      let replies: string[][];
      try {
        replies = await within(clock, 2_000, io.serverSideEmitWithAck('presenceOf', code));
      } catch {
        // A process died and Redis has not noticed yet: count again a little later.
        recount.schedule(code, 1_000);
        return;
      }
      const remote = new Set<string>();
      for (const ids of replies) {
        if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') remote.add(id);
      }
      const before = this.remote.get(code) ?? new Set<string>();
      this.remote.set(code, remote);
      const same = before.size === remote.size && [...remote].every((id) => before.has(id));
      if (same) return;
      // The staff's views (roster presence changed elsewhere), soon, to this process's connections.
      const lesson = await runner.get(code);
      if (lesson) fanOut.presenceChanged(lesson);
    };
    const recount = coalesced(clock, countRemote);

    /** Lessons with connections here: fold in anything a lost notice did not announce; recount. */
    const sweep = (): void => {
      for (const room of io.of('/').adapter.rooms.keys()) {
        const code = codeOf(room);
        if (!code || room !== rooms.all(code)) continue;
        void runner.catchUp(code);
        if (hasStaff(code)) recount.schedule(code, 0);
      }
    };

    io.on('presenceChanged', (code) => {
      if (typeof code === 'string' && hasStaff(code)) recount.schedule(code, this.settle(code));
    });
    io.on('presenceOf', (code, reply) => {
      if (typeof code === 'string' && typeof reply === 'function') reply(this.here.of(code));
    });
    // A class joining or coming back at once: one notice per lesson per `settle`, not one per student.
    const announce = coalesced(clock, async (code: string) => {
      io.serverSideEmit('presenceChanged', code);
    });
    const adapter = io.of('/').adapter;
    const onRoom = (room: string, joined: boolean) => {
      const code = codeOf(room);
      if (!code) return;
      if (room.startsWith(`${rooms.player(code, '')}`)) {
        announce.schedule(code, this.settle(code));
      } else if (room === rooms.staff(code) && joined) {
        recount.schedule(code, 0);
      }
    };
    adapter.on('join-room', (room: string) => onRoom(room, true));
    adapter.on('leave-room', (room: string) => onRoom(room, false));
    adapter.on('delete-room', (room: string) => {
      const code = codeOf(room);
      if (code && room === rooms.staff(code)) this.remote.delete(code);
    });
    // Every sweepMs, through the injected clock (a timeout re-armed after each sweep).
    let sweepTimer: unknown;
    const every = (): void => {
      sweepTimer = clock.setTimeout(() => {
        sweep();
        every();
      }, this.options.sweepMs);
    };
    every();
    this.detach = () => {
      clock.clearTimeout(sweepTimer);
      recount.clear();
      announce.clear();
    };
  }

  /** Stops the sweep and closes the Redis connection (after io.close(), which closes the adapter). */
  async close(): Promise<void> {
    this.detach();
    await this.writers.close();
    await this.redis.close().catch(() => undefined);
  }
}
