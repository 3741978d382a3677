/**
 * The live connection against a fake socket that behaves as socket.io-client's does where the
 * connection depends on it: `connect_error` with the server's WireError in `data` (and `active`
 * false) for a refused handshake, `active` true for a transport failure socket.io retries itself,
 * `disconnect` with its reason, acknowledgements that never come when the link drops.
 */
import {
  type Ack,
  type AnswerAck,
  type AnswerCommand,
  ERROR_CODES,
  type ErrorCode,
  type Handshake,
  type LessonView,
  PROTOCOL_VERSION,
  type TrainingFrame,
} from '@backprop/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ANSWER_RETRY_MS,
  LessonConnection,
  type LiveSocket,
  RETRY_FIRST_MS,
  RETRY_MAX_MS,
} from '../src/live/lesson-connection.ts';

type Handler = (...args: never[]) => void;

/** What the fake server acknowledges with: a command's version, or an answer's as well. */
type AnyAck = Ack<{ version: number } & Partial<AnswerAck>>;

interface Request {
  event: 'command' | 'answer';
  payload: unknown;
  resolve(ack: AnyAck): void;
  reject(error: Error): void;
}

class FakeSocket implements LiveSocket {
  connected = false;
  active = true;
  connectCalls = 0;
  readonly requests: Request[] = [];
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(readonly auth: Handshake) {}

  on(event: string, listener: Handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(listener);
    return this;
  }
  off(event: string, listener: Handler) {
    this.handlers.get(event)?.delete(listener);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  connect() {
    this.connectCalls++;
    this.active = true;
    return this;
  }
  disconnect() {
    const was = this.connected;
    this.connected = false;
    this.active = false;
    this.failPending();
    if (was) this.emit('disconnect', 'io client disconnect');
    return this;
  }
  request(event: 'command' | 'answer', payload: unknown, timeoutMs: number): Promise<never> {
    return new Promise<never>((resolve, reject) => {
      if (!this.connected) {
        reject(new Error('not connected'));
        return;
      }
      const timer = setTimeout(() => reject(new Error('operation has timed out')), timeoutMs);
      this.requests.push({
        event,
        payload,
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack as never);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  // ---- what the server or the network does ----
  emit(event: string, ...args: unknown[]) {
    for (const h of [...(this.handlers.get(event) ?? [])])
      (h as (...a: unknown[]) => void)(...args);
  }
  accept() {
    this.connected = true;
    this.active = true;
    this.emit('connect');
  }
  refuse(code: ErrorCode) {
    this.active = false; // socket.io does not retry a handshake the server refused
    this.emit('connect_error', Object.assign(new Error(code), { data: { code, message: code } }));
  }
  transportError() {
    this.emit('connect_error', new Error('xhr poll error')); // socket.io retries by itself
  }
  drop(reason = 'transport close') {
    this.connected = false;
    this.failPending();
    this.emit('disconnect', reason);
  }
  private failPending() {
    for (const r of this.requests.splice(0)) r.reject(new Error('disconnected'));
  }
}

const STUDENT = { role: 'student', playerToken: 'token-1' } as const;

function open() {
  const sockets: FakeSocket[] = [];
  const connection = new LessonConnection('ABCDEF', STUDENT, (auth) => {
    const s = new FakeSocket(auth);
    sockets.push(s);
    return s;
  });
  const seen: string[] = [];
  connection.subscribe(() => seen.push(connection.getSnapshot().state));
  connection.start();
  return { connection, socket: sockets[0]!, sockets, seen };
}

const answerOf = (answerId: string): AnswerCommand =>
  ({ type: 'answer', answerId, question: { step: 0, index: 0 }, value: { numbers: [1] } }) as never;

const frame = (step: number, last: boolean) => ({ step, last }) as unknown as TrainingFrame;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LessonConnection', () => {
  it('connects with the handshake and goes live', () => {
    const { connection, socket, seen } = open();
    expect(socket.auth).toEqual({ protocolVersion: PROTOCOL_VERSION, code: 'ABCDEF', as: STUDENT });
    expect(connection.getSnapshot().state).toBe('connecting');
    const before = connection.getSnapshot();
    socket.accept();
    expect(connection.getSnapshot()).toMatchObject({ state: 'live', refusal: null });
    // A new snapshot object on every change (useSyncExternalStore compares identities).
    expect(connection.getSnapshot()).not.toBe(before);
    expect(seen).toEqual(['live']);
    const view = { kind: 'projector', version: 3 } as unknown as LessonView;
    socket.emit('view', view);
    expect(connection.getSnapshot().view).toBe(view);
  });

  for (const code of [
    ERROR_CODES.UNKNOWN_LESSON,
    ERROR_CODES.KICKED,
    ERROR_CODES.LESSON_FINISHED,
    ERROR_CODES.PROTOCOL_MISMATCH,
  ]) {
    it(`a final refusal (${code}) stops: refused, no retry`, async () => {
      const { connection, socket } = open();
      socket.refuse(code);
      expect(connection.getSnapshot()).toMatchObject({ state: 'refused', refusal: { code } });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(socket.connectCalls).toBe(0);
      expect(connection.getSnapshot().state).toBe('refused');
    });
  }

  it('a student view saying "kicked" is a final refusal', () => {
    const { connection, socket } = open();
    socket.accept();
    socket.emit('view', { kind: 'student', me: { kicked: true } } as unknown as LessonView);
    expect(connection.getSnapshot()).toMatchObject({
      state: 'refused',
      refusal: { code: ERROR_CODES.KICKED },
    });
    expect(socket.connected).toBe(false);
  });

  for (const code of [
    ERROR_CODES.RATE_LIMITED,
    ERROR_CODES.INVALID_INPUT,
    ERROR_CODES.UNAVAILABLE,
  ]) {
    it(`a refusal that may pass (${code}) keeps retrying until it connects`, async () => {
      const { connection, socket } = open();
      socket.refuse(code);
      expect(connection.getSnapshot().state).toBe('reconnecting');
      await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS);
      expect(socket.connectCalls).toBe(1);
      socket.refuse(code);
      socket.refuse(code); // a second report before the retry: one retry, not two
      await vi.advanceTimersByTimeAsync(2 * RETRY_FIRST_MS);
      expect(socket.connectCalls).toBe(2);
      for (let i = 0; i < 5; i++) {
        socket.refuse(code);
        await vi.advanceTimersByTimeAsync(RETRY_MAX_MS);
      }
      expect(socket.connectCalls).toBe(7); // backs off to RETRY_MAX_MS and never gives up
      socket.accept();
      expect(connection.getSnapshot()).toMatchObject({ state: 'live', refusal: null });
    });
  }

  it('a transport error is left to socket.io (it retries) and shows "reconnecting"', async () => {
    const { connection, socket } = open();
    socket.transportError();
    expect(connection.getSnapshot().state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(socket.connectCalls).toBe(0); // no second reconnection loop on top of socket.io's
    socket.accept();
    expect(connection.getSnapshot().state).toBe('live');
  });

  it('a server disconnect is retried by the connection; a dropped network by socket.io', async () => {
    const { connection, socket } = open();
    socket.accept();
    socket.drop('transport close');
    expect(connection.getSnapshot().state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(socket.connectCalls).toBe(0);
    socket.accept();
    socket.drop('io server disconnect');
    await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS);
    expect(socket.connectCalls).toBe(1);
  });

  it('an answer with no ack is resent with the same answerId after reconnecting, and dropped once acked', async () => {
    const { connection, socket } = open();
    socket.accept();
    const pending = connection.answer(answerOf('ans-1'));
    expect(socket.requests.map((r) => r.event)).toEqual(['answer']);
    // The network drops before the acknowledgement.
    socket.drop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(socket.requests).toHaveLength(0); // not sent while offline
    socket.accept();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.requests).toHaveLength(1);
    expect(socket.requests[0]!.payload).toMatchObject({ answerId: 'ans-1' });
    socket.requests[0]!.resolve({ ok: true, version: 7 });
    await expect(pending).resolves.toEqual({ ok: true, version: 7 });
    // Acknowledged: nothing is sent again, even after another reconnection.
    socket.requests.splice(0);
    socket.drop();
    socket.accept();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.requests).toHaveLength(0);
  });

  it("an answer's acknowledgement puts the stored answer in the student's view (no view is sent for it)", async () => {
    const { connection, socket } = open();
    socket.accept();
    const view = {
      kind: 'student',
      version: 4,
      question: { key: { step: 0, index: 0 } },
      me: { kicked: false },
      myAnswer: null,
    } as unknown as LessonView;
    socket.emit('view', view);
    const stored = { answerId: 'ans-5', value: { numbers: [1] }, at: 1_000 };
    const pending = connection.answer(answerOf('ans-5'));
    socket.requests[0]!.resolve({ ok: true, version: 5, myAnswer: stored });
    await expect(pending).resolves.toEqual({ ok: true, version: 5, myAnswer: stored });
    const after = connection.getSnapshot().view;
    expect(after?.kind === 'student' && after.myAnswer).toEqual(stored);
    // The rest of the view is the server's, untouched; the next view replaces it all.
    expect(after).toMatchObject({ version: 4, question: { key: { step: 0, index: 0 } } });
    // A retry acknowledged with another stored answer (the question moved on) changes nothing.
    const again = connection.answer(answerOf('ans-6'));
    const other = { answerId: 'ans-7', value: { numbers: [2] }, at: 2_000 };
    socket.requests[1]!.resolve({ ok: true, version: 9, myAnswer: other });
    await again;
    expect(connection.getSnapshot().view).toBe(after);
  });

  it('an answer whose ack times out is resent with the same answerId on the same socket', async () => {
    const { connection, socket } = open();
    socket.accept();
    const pending = connection.answer(answerOf('ans-2'));
    await vi.advanceTimersByTimeAsync(8_000);
    expect(socket.requests.map((r) => (r.payload as AnswerCommand).answerId)).toEqual([
      'ans-2',
      'ans-2',
    ]);
    socket.requests[1]!.resolve({ ok: true, version: 2 });
    await expect(pending).resolves.toMatchObject({ ok: true });
  });

  it('an answer gives up (UNAVAILABLE) when the connection stays down', async () => {
    const { connection, socket } = open();
    const pending = connection.answer(answerOf('ans-3'));
    await vi.advanceTimersByTimeAsync(ANSWER_RETRY_MS);
    await expect(pending).resolves.toMatchObject({
      ok: false,
      error: { code: ERROR_CODES.UNAVAILABLE },
    });
    expect(socket.requests).toHaveLength(0);
  });

  it('a command is sent once with its expect, and refused at once while offline', async () => {
    const { connection, socket } = open();
    await expect(connection.command({ type: 'start' } as never, 4)).resolves.toMatchObject({
      ok: false,
      error: { code: ERROR_CODES.UNAVAILABLE },
    });
    socket.accept();
    const pending = connection.command({ type: 'start' } as never, 4);
    expect(socket.requests[0]).toMatchObject({
      event: 'command',
      payload: { command: { type: 'start' }, expect: 4 },
    });
    socket.requests[0]!.resolve({ ok: true, version: 1 });
    await expect(pending).resolves.toEqual({ ok: true, version: 1 });
    void connection.command({ type: 'start' } as never);
    expect(socket.requests[1]!.payload).toEqual({ command: { type: 'start' } });
  });

  it('frames: a run grows until its final frame; the next frame starts a new run', () => {
    const { connection, socket } = open();
    socket.accept();
    socket.emit('frame', frame(1, false));
    socket.emit('frame', frame(2, false));
    socket.emit('frame', frame(3, true));
    expect(connection.getSnapshot().frames.map((f) => f.step)).toEqual([1, 2, 3]);
    socket.emit('frame', frame(4, false));
    expect(connection.getSnapshot().frames.map((f) => f.step)).toEqual([4]);
    socket.emit('frame', frame(5, true));
    expect(connection.getSnapshot().frames.map((f) => f.step)).toEqual([4, 5]);
  });

  it('close stops the socket and pending answers; start opens a new one', async () => {
    const { connection, socket, sockets } = open();
    socket.accept();
    socket.drop();
    const pending = connection.answer(answerOf('ans-4'));
    connection.close();
    await expect(pending).resolves.toMatchObject({ ok: false });
    expect(socket.active).toBe(false);
    connection.start();
    expect(sockets).toHaveLength(2);
    sockets[1]!.accept();
    expect(connection.getSnapshot().state).toBe('live');
  });
});
