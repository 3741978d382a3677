// One writer per lesson across processes. Measured without it (`pnpm bench:cluster`, three
// processes), every process appended every lesson's commands and retried on a (lessonId, seq)
// conflict: at 300 students 38 joins and 12 answers ran out of retries, and the answer
// acknowledgement p99 was 936 ms. Now the first process to handle a command of a lesson takes a
// lease on it in Redis and applies its commands; the others forward theirs to it over Redis
// pub/sub and relay its result. The log's (lessonId, seq) key still refuses a second writer, so a
// lease is about speed, never about correctness: two processes that both believe they hold one
// (a lapse during a takeover) only retry.
//
// Takeover: a SIGKILLed process's Redis connections close with it, so a forward to it reaches no
// subscriber (PUBLISH answers 0). The asker then removes the dead holder's lease (only if it still
// names that holder) and takes it. A live but silent holder (a stalled event loop) is not taken
// over: the forward times out, the command is refused with UNAVAILABLE and the client sends it
// again (answers keep their id, instructor commands carry `expect`: nothing applies twice).
import { randomUUID } from 'node:crypto';
import { ERROR_CODES } from '@backprop/contract';
import type { Clock } from '../lessons/clock';
import type { DispatchResult, ForwardedCommand } from '../lessons/runner';
import type { LogEntry } from '../lessons/store';
import type { Redis } from './redis';

/** Applies a command on this process (the runner, never forwarding again). */
export type ApplyHere = (code: string, request: ForwardedCommand) => Promise<DispatchResult>;
/** Folds in entries another process appended (the runner's `receive`). */
export type Receive = (code: string, entries: readonly LogEntry[]) => void;

type Message =
  | { kind: 'request'; id: string; from: string; code: string; request: ForwardedCommand }
  | { kind: 'reply'; id: string; result: DispatchResult }
  | { kind: 'entries'; from: string; code: string; entries: LogEntry[] };

/** A lease lives this long unless its holder renews it (every third of it). */
const LEASE_MS = 10_000;
/** A lease with no command for this long is let go (the next command takes it again). */
const IDLE_MS = 60_000;
/** A forwarded command's answer waits at most this long (a reveal of 5,000 takes ~1 s). */
const FORWARD_TIMEOUT_MS = 4_000;

// Atomic steps: take a free lease or say who holds it; renew or drop it only if still ours.
const CLAIM = `local h = redis.call('GET', KEYS[1])
if h then return h end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const DROP = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class LessonWriters {
  /** This process, as lease holders and channels name it. */
  readonly id = randomUUID();
  /** Lessons whose lease this process holds, and when it last applied one of their commands. */
  private readonly held = new Map<string, number>();
  /** Who holds a lesson's lease, as last seen: asked again after a failed forward. */
  private readonly holders = new Map<string, string>();
  private readonly waiting = new Map<string, (result: DispatchResult | 'timeout') => void>();
  private renewTimer: unknown;
  private apply: ApplyHere | undefined;
  private receiveEntries: Receive | undefined;

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {}

  static async connect(redis: Redis, prefix: string, clock: Clock): Promise<LessonWriters> {
    const subscriber = redis.duplicate();
    subscriber.on('error', (error: Error) => console.error('redis (writers):', error.message));
    await subscriber.connect();
    const writers = new LessonWriters(redis, subscriber, prefix, clock);
    // One connection for both channels: what one publisher sent arrives in the order it was sent.
    await subscriber.subscribe([writers.channel(writers.id), writers.entriesChannel()], (text) =>
      writers.receive(text),
    );
    writers.renewEvery(LEASE_MS / 3);
    return writers;
  }

  /** Renews the leases every `ms`, through the injected clock (a timeout re-armed each time). */
  private renewEvery(ms: number): void {
    this.renewTimer = this.clock.setTimeout(() => {
      void this.renew();
      this.renewEvery(ms);
    }, ms);
  }

  /** Starts serving forwarded commands and folding in announced entries (once the runner exists). */
  serve(apply: ApplyHere, receive: Receive): void {
    this.apply = apply;
    this.receiveEntries = receive;
  }

  /**
   * Announces entries just appended to every process (CL1). Published on the connection that
   * then publishes the forwarded command's result: the asker has them first.
   */
  announce(code: string, entries: readonly LogEntry[]): void {
    const message: Message = { kind: 'entries', from: this.id, code, entries: [...entries] };
    this.redis
      .publish(this.entriesChannel(), JSON.stringify(message))
      .catch((error: unknown) => console.error('announcing entries failed', error));
  }

  /**
   * Sends the command to the lesson's writer and returns its result; null when this process is
   * the writer (the caller applies it here).
   */
  async forward(code: string, request: ForwardedCommand): Promise<DispatchResult | null> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (this.held.has(code)) {
        this.held.set(code, this.clock.now());
        return null;
      }
      const holder = this.holders.get(code) ?? (await this.claim(code));
      if (holder === this.id) {
        this.held.set(code, this.clock.now());
        return null;
      }
      const result = await this.ask(holder, code, request);
      if (result === 'gone') {
        // Its connections died with it: its lease goes, and the next round takes it.
        this.holders.delete(code);
        await this.redis.eval(DROP, { keys: [this.leaseKey(code)], arguments: [holder] });
        continue;
      }
      if (result === 'timeout') {
        this.holders.delete(code);
        return {
          ok: false,
          error: { code: ERROR_CODES.UNAVAILABLE, message: 'The lesson is busy; try again' },
        };
      }
      return result;
    }
    return null;
  }

  /** Drops this process's leases (a clean stop) and the subscription. */
  async close(): Promise<void> {
    this.clock.clearTimeout(this.renewTimer);
    for (const resolve of this.waiting.values()) resolve('timeout');
    this.waiting.clear();
    await Promise.all(
      [...this.held.keys()].map((code) =>
        this.redis
          .eval(DROP, { keys: [this.leaseKey(code)], arguments: [this.id] })
          .catch(() => undefined),
      ),
    );
    this.held.clear();
    await this.subscriber.close().catch(() => undefined);
  }

  private leaseKey(code: string): string {
    return `${this.prefix}:writer:${code}`;
  }

  private channel(processId: string): string {
    return `${this.prefix}:writer:to:${processId}`;
  }

  private entriesChannel(): string {
    return `${this.prefix}:entries`;
  }

  private async claim(code: string): Promise<string> {
    const holder = String(
      await this.redis.eval(CLAIM, {
        keys: [this.leaseKey(code)],
        arguments: [this.id, String(LEASE_MS)],
      }),
    );
    this.holders.set(code, holder);
    return holder;
  }

  private async ask(
    holder: string,
    code: string,
    request: ForwardedCommand,
  ): Promise<DispatchResult | 'gone' | 'timeout'> {
    const id = randomUUID();
    const answered = new Promise<DispatchResult | 'timeout'>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.waiting.delete(id);
        resolve('timeout');
      }, FORWARD_TIMEOUT_MS);
      this.waiting.set(id, (result) => {
        this.clock.clearTimeout(timer);
        this.waiting.delete(id);
        resolve(result);
      });
    });
    const message: Message = { kind: 'request', id, from: this.id, code, request };
    const receivers = await this.redis.publish(this.channel(holder), JSON.stringify(message));
    if (receivers === 0) {
      this.waiting.get(id)?.('timeout');
      return 'gone';
    }
    return answered;
  }

  private receive(text: string): void {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      return;
    }
    if (message.kind === 'reply') {
      this.waiting.get(message.id)?.(message.result);
      return;
    }
    if (message.kind === 'entries') {
      if (message.from !== this.id) this.receiveEntries?.(message.code, message.entries);
      return;
    }
    const apply = this.apply;
    if (!apply) return; // not serving yet: the asker times out and its client tries again
    // Applied here even if the lease lapsed meanwhile: the log's key keeps a second writer safe.
    if (this.held.has(message.code)) this.held.set(message.code, this.clock.now());
    void apply(message.code, message.request)
      .catch(
        (): DispatchResult => ({
          ok: false,
          error: { code: ERROR_CODES.INTERNAL, message: 'Internal server error' },
        }),
      )
      .then((result) => {
        const reply: Message = { kind: 'reply', id: message.id, result };
        return this.redis.publish(this.channel(message.from), JSON.stringify(reply));
      })
      .catch((error: unknown) => console.error('forwarded command reply failed', error));
  }

  /** Keeps this process's leases; forgets those another process took, drops those left idle. */
  private async renew(): Promise<void> {
    for (const [code, lastUsed] of this.held) {
      if (this.clock.now() - lastUsed > IDLE_MS) {
        this.held.delete(code);
        this.holders.delete(code);
        await this.redis
          .eval(DROP, { keys: [this.leaseKey(code)], arguments: [this.id] })
          .catch(() => undefined);
        continue;
      }
      const kept = await this.redis
        .eval(RENEW, { keys: [this.leaseKey(code)], arguments: [this.id, String(LEASE_MS)] })
        .catch(() => 0);
      if (!kept) {
        this.held.delete(code);
        this.holders.delete(code);
      }
    }
  }
}
