/**
 * One live connection to a lesson, without React: connect, reconnect, refusals, the answer retry
 * loop and the fast-forward frames. It holds a snapshot (view, connection state, refusal, frames)
 * that it replaces, never changes, on every update, so `useSyncExternalStore` can subscribe to it
 * (use-lesson.ts) and unit tests can drive it with a fake socket (test/lesson-connection.test.ts).
 * `socketIoFactory` makes the real socket (test/socket-io-factory.test.ts).
 */
import {
  type Ack,
  type AnswerAck,
  type AnswerCommand,
  type ClientToServerEvents,
  type Credentials,
  ERROR_CODES,
  type ErrorCode,
  type Handshake,
  type InstructorCommand,
  type LessonView,
  PROTOCOL_VERSION,
  RECONNECTION,
  type ServerToClientEvents,
  type TrainingFrame,
  type WireError,
} from '@backprop/contract';
import { io, type Socket } from 'socket.io-client';
import { randomId } from '../lib/random-id.ts';
import { serverUrl } from './server-url.ts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'refused';

/**
 * Refusals that no retry can fix: the screen says why and stops trying. Anything else (a
 * transport detail, a busy or restarting server, a rate limit) is retried.
 */
export const FINAL_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ERROR_CODES.UNKNOWN_LESSON,
  ERROR_CODES.NOT_INSTRUCTOR,
  ERROR_CODES.UNKNOWN_PLAYER,
  ERROR_CODES.KICKED,
  ERROR_CODES.PROTOCOL_MISMATCH,
  ERROR_CODES.LESSON_FINISHED,
]);

export const ACK_TIMEOUT_MS = 8_000;
/** How long an unacknowledged answer is kept and resent across reconnections. */
export const ANSWER_RETRY_MS = 30_000;
/** After the server closed or refused us for a reason that may pass: first retry, then at most. */
export const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 4_000;

type Listener = (...args: never[]) => void;

/**
 * What the connection needs of a socket: socket.io-client's Socket has all of it (see
 * `socketIoFactory` below); tests pass a fake.
 */
export interface LiveSocket {
  readonly connected: boolean;
  /** socket.io: false after the server refused the handshake (it will not retry by itself). */
  readonly active: boolean;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'connect_error', listener: (error: Error & { data?: WireError }) => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'view', listener: (view: LessonView) => void): unknown;
  on(event: 'frame', listener: (frame: TrainingFrame) => void): unknown;
  off(event: string, listener: Listener): unknown;
  connect(): unknown;
  disconnect(): unknown;
  removeAllListeners(): unknown;
  /** Emits and waits for the acknowledgement; rejects after `timeoutMs` or on a disconnect. */
  request(event: 'command', payload: unknown, timeoutMs: number): Promise<Ack<{ version: number }>>;
  request(event: 'answer', payload: unknown, timeoutMs: number): Promise<Ack<AnswerAck>>;
}

export type SocketFactory = (auth: Handshake) => LiveSocket;

let tabRoute: string | null = null;

/**
 * This tab's routing key: one per page load, sent as the `route` query parameter with every
 * request of every connection, reconnections included. Behind several game servers the load
 * balancer hashes on it (docs/nginx.conf): socket.io starts with HTTP long-polling, whose
 * requests must all reach the process that holds the session, and hashing on the client's
 * address instead would put a whole school behind its NAT on one process.
 */
export function routeKey(): string {
  tabRoute ??= randomId();
  return tabRoute;
}

/**
 * socket.io-client's socket, seen as the connection's LiveSocket. The server's address is read
 * when the connection starts (in an effect, in the browser): the screen also renders on the
 * server, where there is no `window` to read it from.
 */
export const socketIoFactory: SocketFactory = (auth) => {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(serverUrl(), {
    ...RECONNECTION,
    auth,
    // socket.io keeps its options for its own reconnections: the key stays the same.
    query: { route: routeKey() },
  });
  const live = socket as unknown as LiveSocket;
  return Object.assign(live, {
    request: ((event: 'command' | 'answer', payload: unknown, timeoutMs: number) =>
      // The payload was typed by LessonConnection's command/answer.
      socket.timeout(timeoutMs).emitWithAck(event, payload as never)) as LiveSocket['request'],
  });
};

export interface LiveSnapshot {
  view: LessonView | null;
  state: ConnectionState;
  /** Why the server refused this viewer (state 'refused'). */
  refusal: WireError | null;
  /** The current or last fast-forward's frames, in order. */
  frames: TrainingFrame[];
}

export const INITIAL_SNAPSHOT: LiveSnapshot = Object.freeze({
  view: null,
  state: 'connecting',
  refusal: null,
  frames: [],
}) as LiveSnapshot;

export const offline = (): Ack<never> => ({
  ok: false,
  error: { code: ERROR_CODES.UNAVAILABLE, message: 'Not connected: try again in a moment.' },
});

export class LessonConnection {
  private snapshot: LiveSnapshot = INITIAL_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private socket: LiveSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retries = 0;
  private lastFrameWasFinal = true;
  /** Answers waiting for the connection to be live again. */
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly code: string,
    private readonly as: Credentials,
    private readonly createSocket: SocketFactory,
  ) {}

  getSnapshot = (): LiveSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Opens the socket (again after `close`: React's strict mode runs effects twice). */
  start(): void {
    if (this.socket) return;
    this.lastFrameWasFinal = true;
    this.retries = 0;
    const socket = this.createSocket({
      protocolVersion: PROTOCOL_VERSION,
      code: this.code,
      as: this.as,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.retries = 0;
      this.update({ state: 'live', refusal: null });
      for (const wake of [...this.waiting]) wake();
    });
    socket.on('view', (view) => {
      this.update({ view });
      if (view.kind === 'student' && view.me.kicked) {
        this.refuse({
          code: ERROR_CODES.KICKED,
          message: 'The instructor removed you from this lesson.',
        });
      }
    });
    socket.on('frame', (frame) => {
      const frames = this.lastFrameWasFinal ? [frame] : [...this.snapshot.frames, frame];
      this.lastFrameWasFinal = frame.last;
      this.update({ frames });
    });
    socket.on('connect_error', (error) => {
      if (this.snapshot.state === 'refused') return;
      const data = error.data;
      if (data && FINAL_REFUSALS.has(data.code)) {
        this.refuse(data);
        return;
      }
      // The server is restarting, busy or the network dropped: keep trying. socket.io retries a
      // transport failure itself; a handshake the server refused (a rate limit, a detail) it does
      // not (`active` false), so this connection does.
      this.update({ state: 'reconnecting' });
      if (!socket.active) this.retryLater();
    });
    socket.on('disconnect', (reason) => {
      if (this.snapshot.state === 'refused') return;
      // The server closed this connection (it is stopping, or removed us): socket.io does not
      // retry by itself here; try again shortly, the handshake tells which it was.
      if (reason === 'io server disconnect') this.retryLater();
      this.update({ state: 'reconnecting' });
    });
  }

  /** Closes the socket; pending answers give up. */
  close(): void {
    this.clearRetry();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
    for (const wake of [...this.waiting]) wake();
  }

  /** `expect`: the instructorVersion of the view the command was decided on (a double is refused). */
  command = async (cmd: InstructorCommand, expect?: number): Promise<Ack<{ version: number }>> => {
    const socket = this.socket;
    if (!socket?.connected) return offline();
    try {
      const payload = expect === undefined ? { command: cmd } : { command: cmd, expect };
      return await socket.request('command', payload, ACK_TIMEOUT_MS);
    } catch {
      return offline();
    }
  };

  /**
   * An answer without an acknowledgement is kept and sent again, same answerId, once the socket
   * is back (the server counts an id once): a server restart or a dropped network loses nothing.
   */
  answer = async (payload: AnswerCommand): Promise<Ack<AnswerAck>> => {
    const giveUpAt = Date.now() + ANSWER_RETRY_MS;
    for (;;) {
      const socket = this.socket;
      if (!socket || this.snapshot.state === 'refused') return offline();
      if (!socket.connected) {
        await this.untilLive(giveUpAt - Date.now());
        if (this.socket !== socket || !socket.connected) return offline();
      }
      try {
        const ack = await socket.request('answer', payload, ACK_TIMEOUT_MS);
        if (ack.ok && ack.myAnswer?.answerId === payload.answerId) this.stored(ack.myAnswer);
        return ack;
      } catch {
        // No acknowledgement (timeout or disconnect): it may or may not have arrived; resend.
        if (Date.now() >= giveUpAt) return offline();
      }
    }
  };

  /**
   * The server sends no view for an answer to the connection that sent it: its acknowledgement
   * carries the stored answer, which goes into the student's view here (the same `myAnswer` the
   * view would have had; any later view replaces it). Only when it is the answer just sent: a
   * retry acknowledged after the question moved on leaves the view to the server's next one.
   */
  private stored(myAnswer: NonNullable<AnswerAck['myAnswer']>): void {
    const view = this.snapshot.view;
    if (view?.kind !== 'student' || view.question === null) return;
    this.update({ view: { ...view, myAnswer } });
  }

  /** Resolves when the socket connects, the connection closes, or after `ms`. */
  private untilLive(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, ms));
      this.waiting.add(wake);
    });
  }

  private refuse(error: WireError): void {
    this.clearRetry();
    this.update({ refusal: error, state: 'refused' });
    this.socket?.disconnect();
    for (const wake of [...this.waiting]) wake();
  }

  private retryLater(): void {
    if (this.retryTimer !== null) return;
    const delay = Math.min(RETRY_FIRST_MS * 2 ** this.retries, RETRY_MAX_MS);
    this.retries++;
    const socket = this.socket;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (socket && this.socket === socket && !socket.connected) socket.connect();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private update(change: Partial<LiveSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}
