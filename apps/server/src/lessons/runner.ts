// Runs live lessons: one queue per lesson, each command applied by the pure state machine,
// appended to the log with its derived rows in one transaction (a reveal's, see below), and only
// then broadcast and acknowledged. A lesson's state is the fold of its log: loaded on demand, and on boot for every
// unfinished lesson, with its timer re-armed. Several processes may run the same lesson (see
// cluster/): each folds in the entries the lesson's writer announces (`receive`), or reads them
// from the log's tail when an announcement was lost.
//
// A reveal's answers and scores (a row each per student, ~40 ms of SQLite for 2,000, longer on
// PostgreSQL for 5,000) are written after its log entry and after the class has its views, still
// before the acknowledgement and before the lesson's next command. They derive from the log, so
// nothing is lost if the process dies in between: a reveal whose rows were not written is then
// the log's last entry, and loading the lesson writes them again (idempotent). With several
// processes another one may append next (it took over the lesson): a process writes the last
// reveal's rows again before its first append after entries it did not write itself.
import {
  ERROR_CODES,
  type LessonSettings,
  type TrainingFrame,
  type WireError,
} from '@backprop/contract';
import type {
  Actor,
  CreateLessonInput,
  Envelope,
  LessonCommand,
  LessonEvent,
  LessonState,
} from '@backprop/lesson';
import type { Clock } from './clock';
import type { LessonEngine } from './engine';
import {
  type BatchRows,
  type DerivedRows,
  derivedRows,
  type LessonRecord,
  type LessonStore,
  type LogEntry,
  NicknameTakenError,
  type Projection,
  VersionConflictError,
} from './store';

/** A join's refusal when the nickname's key is taken, by the state machine (L1) or the database. */
export const NAME_TAKEN_MESSAGE = 'Someone in this lesson already has that nickname';

/** A lesson held in memory. `state` only ever holds what is in the log. */
export interface LiveLesson {
  readonly record: LessonRecord;
  readonly input: CreateLessonInput;
  state: LessonState;
}

/** Where accepted changes go (the socket layer): views to the screens, training frames. */
export interface LessonEmitter {
  changed(lesson: LiveLesson, events: readonly LessonEvent[]): void;
  /** Resolves once the class has the views of the last change (they may go out in slices). */
  sent?(lesson: LiveLesson): Promise<void>;
  frame(lesson: LiveLesson, frame: TrainingFrame): void;
}

export type DispatchResult =
  | { ok: true; version: number; events: readonly LessonEvent[] }
  | { ok: false; error: WireError };

/** Several processes share the lessons: this one tells the others what it appended. */
export interface RunnerCluster {
  /** The entries just appended, in order, for the others to fold in (`receive`). */
  appended(code: string, entries: readonly LogEntry[]): void;
  /**
   * Sends a command to the process that writes the lesson (cluster/writers.ts) and returns its
   * result; null when that is this process.
   */
  forward?(code: string, request: ForwardedCommand): Promise<DispatchResult | null>;
}

/** A command as `dispatch` takes it, for forwarding to another process. */
export interface ForwardedCommand {
  actor: Actor;
  command: LessonCommand;
  expectedVersion?: number;
  expect?: number;
}

export interface RunnerPorts {
  store: LessonStore;
  clock: Clock;
  emit: LessonEmitter;
  engine: LessonEngine;
  /** Between two fast-forward frames; default 100 ms (about 10 per second). */
  frameIntervalMs?: number;
  log?: Pick<Console, 'error'>;
  cluster?: RunnerCluster;
}

interface Slot {
  lesson: LiveLesson;
  /** The tail of the lesson's queue: commands run one at a time. */
  tail: Promise<unknown>;
  timer: unknown;
  frames: unknown;
  /** A queued catch-up that has not started yet: later requests join it. */
  catchUp: Promise<void> | null;
  /** A reveal's rows not yet written (the log has the reveal): written before the next append. */
  unprojected: Projection | null;
  /**
   * The log's last reveal's rows, built on first use: written again after `foreign` entries (the
   * processes that only fold a reveal in rarely need them, and 10,000 rows cost time on the way
   * to their class's views).
   */
  lastReveal: (() => Projection | null) | null;
  /** Entries another process appended were folded in since this one last wrote `lastReveal`. */
  foreign: boolean;
  retry: unknown;
  /** Answers and joins queued behind the commands before them, not yet taken: later ones join. */
  batch: Queued[] | null;
}

/** An answer or a join waiting in a batch, and who waits for its result. */
interface Queued {
  request: ForwardedCommand;
  resolve(result: DispatchResult): void;
}

/**
 * Answers and joins that arrive while the lesson's queue is busy are applied together and
 * appended in one write (group commit): a class answering or joining at once costs a few writes,
 * not one per student. Other commands (a reveal's thousands of rows, the end) go one by one.
 */
const MAX_BATCH = 500;
const batched = (command: LessonCommand): boolean =>
  command.type === 'answer' || command.type === 'join';

/** Appends lost to another process are retried after folding its entries in. */
const ATTEMPTS = 5;

/** A reveal's rows that could not be written are tried again this often (the database is down). */
const PROJECTION_RETRY_MS = 1_000;

/** A timer's `expire` refused as UNAVAILABLE (the database is down) is sent again this often. */
const EXPIRE_RETRY_MS = 1_000;
/**
 * Any other refused `expire` is looked at again after at least this long: with several processes
 * another one may have locked the question already, and this one folds that in within a few ms.
 */
const EXPIRE_RECHECK_MS = 20;

const fail = (code: WireError['code'], message: string): DispatchResult => ({
  ok: false,
  error: { code, message },
});

/** A reveal's answers and scores, to be written after its log entry; null for other commands. */
const NO_ROWS: DerivedRows = Object.freeze({
  players: [],
  answers: [],
  scores: [],
  finishedAt: null,
}) as DerivedRows;

/** Whether the only rows these events imply are a reveal's (answers and scores, RN4). */
const onlyRevealRows = (events: readonly LessonEvent[]): boolean =>
  events.some((e) => e.type === 'questionRevealed') &&
  !events.some((e) => e.type === 'playerJoined' || e.type === 'finished');

/** A reveal's rows, derived once, when first asked for. */
function revealRows(envelope: Envelope, events: readonly LessonEvent[]): () => Projection | null {
  let rows: Projection | null | undefined;
  return () => {
    rows ??= deferredPart(derivedRows(envelope, events));
    return rows;
  };
}

function deferredPart(rows: DerivedRows): Projection | null {
  // Joins (their score row) and the end (finishedAt) stay in the log entry's transaction.
  if (!rows.answers.length || rows.players.length || rows.finishedAt !== null) return null;
  return { answers: rows.answers, scores: rows.scores };
}

export const lessonInput = (record: LessonRecord): CreateLessonInput => ({
  code: record.code,
  settings: record.settings as LessonSettings,
  createdAt: record.createdAt,
  choiceSalt: record.choiceSalt,
});

export class LessonRunner {
  private readonly slots = new Map<string, Promise<Slot | null>>();
  private readonly frameIntervalMs: number;
  private stopped = false;

  constructor(private readonly ports: RunnerPorts) {
    this.frameIntervalMs = ports.frameIntervalMs ?? 100;
  }

  /** Stores a new lesson (throws CodeTakenError) and holds it in memory. */
  async create(record: LessonRecord): Promise<LiveLesson> {
    await this.ports.store.createLesson(record);
    const input = lessonInput(record);
    const slot = this.newSlot({ record, input, state: this.ports.engine.createLesson(input) });
    this.slots.set(record.code, Promise.resolve(slot));
    return slot.lesson;
  }

  /** The lesson with this join code, loaded from its log when not in memory yet. */
  async get(code: string): Promise<LiveLesson | null> {
    return (await this.slot(code))?.lesson ?? null;
  }

  /**
   * Loads the unfinished lessons active since `since` (epoch ms; all without it) and re-arms
   * their timers; others load on first use. On boot the server calls it after it listens, with
   * `since` older than the longest timer: a quieter lesson's timer has long run out, and loading
   * it on first use expires it then, which no screen can tell apart. Returns how many.
   */
  async resumeAll(since?: number): Promise<number> {
    const records = await this.ports.store.unfinishedLessons(since);
    for (const record of records) {
      if (this.stopped) break;
      await this.slot(record.code);
    }
    return records.length;
  }

  /** Applies one command, after the ones before it for the same lesson. */
  async dispatch(
    code: string,
    actor: Actor,
    command: LessonCommand,
    expectedVersion?: number,
    /** An instructor command's `instructorVersion` as its sender saw it ([C5]). */
    expect?: number,
  ): Promise<DispatchResult> {
    if (this.stopped) return fail(ERROR_CODES.UNAVAILABLE, 'The server is stopping');
    const slot = await this.slot(code);
    if (!slot) return fail(ERROR_CODES.UNKNOWN_LESSON, 'No lesson has this code');
    const request: ForwardedCommand = { actor, command };
    if (expectedVersion !== undefined) request.expectedVersion = expectedVersion;
    if (expect !== undefined) request.expect = expect;
    const forwarded = await this.ports.cluster?.forward?.(code, request);
    if (forwarded) {
      // Views of this process's connections (the sender's own first) need the writer's entry.
      // It came before the result (`receive`, CL1) and waits in the lesson's queue; the log is
      // read only when it was lost.
      if (forwarded.ok && slot.lesson.state.version < forwarded.version) {
        await slot.tail;
        if (slot.lesson.state.version < forwarded.version) await this.catchUp(code);
      }
      return forwarded;
    }
    return this.dispatchHere(code, request);
  }

  /** Applies one command on this process, after the ones before it for the same lesson. */
  async dispatchHere(
    code: string,
    { actor, command, expectedVersion, expect }: ForwardedCommand,
  ): Promise<DispatchResult> {
    if (this.stopped) return fail(ERROR_CODES.UNAVAILABLE, 'The server is stopping');
    const slot = await this.slot(code);
    if (!slot) return fail(ERROR_CODES.UNKNOWN_LESSON, 'No lesson has this code');
    if (batched(command))
      return this.queueBatched(slot, { actor, command, expectedVersion, expect });
    // Answers and joins that arrive after this command wait for it (arrival order is kept).
    slot.batch = null;
    const run = slot.tail.then(() => this.apply(slot, actor, command, expectedVersion, expect));
    slot.tail = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      (this.ports.log ?? console).error('lesson command failed', error);
      return fail(ERROR_CODES.INTERNAL, 'Internal server error');
    });
  }

  private queueBatched(slot: Slot, request: ForwardedCommand): Promise<DispatchResult> {
    return new Promise((resolve) => {
      if (slot.batch) {
        slot.batch.push({ request, resolve });
        if (slot.batch.length >= MAX_BATCH) slot.batch = null;
        return;
      }
      const batch: Queued[] = [{ request, resolve }];
      slot.batch = batch;
      const run = slot.tail.then(() => {
        // Taken: commands from now on start the next batch, written while this one is.
        if (slot.batch === batch) slot.batch = null;
        return this.applyBatch(slot, batch);
      });
      slot.tail = run.catch((error: unknown) => {
        (this.ports.log ?? console).error('lesson batch failed', error);
        for (const q of batch) q.resolve(fail(ERROR_CODES.INTERNAL, 'Internal server error'));
      });
    });
  }

  /**
   * Applies queued answers and joins in order to the state and appends the accepted ones with
   * their rows (a join's player and score) in one write; each gets its own result. A nickname the
   * database refuses (another writer's join, during a takeover) sends the batch one by one.
   */
  private async applyBatch(slot: Slot, batch: readonly Queued[]): Promise<void> {
    const { engine, store, clock } = this.ports;
    const { lesson } = slot;
    let refreshed = false;
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      let state = lesson.state;
      const entries: LogEntry[] = [];
      const rows: BatchRows = { players: [], scores: [] };
      const events: LessonEvent[] = [];
      const results: DispatchResult[] = [];
      let refused = false;
      for (const { request } of batch) {
        const envelope: Envelope = {
          actor: request.actor,
          at: clock.now(),
          command: request.command,
        };
        if (request.expectedVersion !== undefined)
          envelope.expectedVersion = request.expectedVersion;
        const result = engine.applyCommand(state, envelope);
        if (!result.ok) {
          refused = true;
          results.push({ ok: false, error: result.error });
          continue;
        }
        if (result.state.version !== state.version) {
          const derived = derivedRows(envelope, result.events);
          if (derived.answers.length || derived.finishedAt !== null) {
            throw new Error(`a ${request.command.type} implied a reveal's rows: not batchable`);
          }
          rows.players.push(...derived.players);
          rows.scores.push(...derived.scores);
          entries.push({ seq: result.state.version, envelope });
          events.push(...result.events);
        }
        state = result.state;
        results.push({ ok: true, version: state.version, events: result.events });
      }
      // With several processes a refusal may come from a state behind the log: check it once.
      if (refused && this.ports.cluster && !refreshed) {
        refreshed = true;
        if ((await this.foldTail(slot)) > 0) continue;
      }
      if (entries.length > 0) {
        try {
          await this.project(slot);
          await store.appendMany(lesson.record.id, entries, rows);
        } catch (error) {
          if (error instanceof VersionConflictError) {
            await this.foldTail(slot);
            continue;
          }
          if (error instanceof NicknameTakenError) {
            // Which join lost is told by the one-by-one path (NAME_TAKEN for that student only).
            for (const q of batch) {
              const { actor, command, expectedVersion, expect } = q.request;
              q.resolve(await this.apply(slot, actor, command, expectedVersion, expect));
            }
            return;
          }
          (this.ports.log ?? console).error('lesson append failed', error);
          for (const q of batch) {
            q.resolve(
              fail(ERROR_CODES.UNAVAILABLE, 'The lesson could not be saved; nothing changed'),
            );
          }
          return;
        }
        lesson.state = state;
        this.arm(slot);
        this.ports.cluster?.appended(lesson.record.code, entries);
        this.ports.emit.changed(lesson, events);
      }
      for (const [i, q] of batch.entries()) q.resolve(results[i]!);
      return;
    }
    for (const q of batch)
      q.resolve(fail(ERROR_CODES.STALE_VERSION, 'The lesson changed meanwhile; try again'));
  }

  /**
   * Folds in entries other processes appended (the log's tail), after the commands already
   * queued, and sends the fresh views. For a lesson not held here it does nothing: it will be
   * loaded whole when needed.
   */
  async catchUp(code: string): Promise<void> {
    const slot = await this.slots.get(code)?.catch(() => null);
    if (!slot || this.stopped) return;
    if (slot.catchUp) return slot.catchUp;
    const run = slot.tail
      .then(() => {
        slot.catchUp = null;
        return this.foldTail(slot);
      })
      .then(() => undefined)
      .catch((error: unknown) => {
        (this.ports.log ?? console).error('lesson catch-up failed', error);
      });
    slot.catchUp = run;
    slot.tail = run;
    return run;
  }

  /**
   * Folds in entries another process appended, as it announced them (CL1), in the lesson's queue;
   * entries already held are skipped, and a gap (a lost announcement) is filled from the log. For
   * a lesson not held here it does nothing.
   */
  receive(code: string, entries: readonly LogEntry[]): void {
    const held = this.slots.get(code);
    if (!held || this.stopped) return;
    // Queued behind what is queued now, in arrival order: a forwarded command's result, which
    // arrives after its entries, then finds them in the queue (dispatch).
    void held.then((slot) => {
      if (!slot) return;
      slot.tail = slot.tail
        .then(() => this.foldEntries(slot, entries))
        .catch((error: unknown) => {
          (this.ports.log ?? console).error('lesson entries failed', error);
        });
    });
  }

  private async foldEntries(slot: Slot, entries: readonly LogEntry[]): Promise<void> {
    const fresh = entries.filter((e) => e.seq > slot.lesson.state.version);
    if (!fresh.length) return;
    const next = slot.lesson.state.version + 1;
    if (fresh.some((e, i) => e.seq !== next + i)) await this.foldTail(slot);
    else
      this.fold(
        slot,
        fresh.map((e) => e.envelope),
      );
  }

  /** Clears every timer and waits for queued commands to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    const slots = await Promise.all(this.slots.values());
    for (const slot of slots) {
      if (!slot) continue;
      this.ports.clock.clearTimeout(slot.timer);
      this.ports.clock.clearTimeout(slot.frames);
      this.ports.clock.clearTimeout(slot.retry);
    }
    await Promise.all(slots.map((slot) => slot?.tail));
  }

  private slot(code: string): Promise<Slot | null> {
    let slot = this.slots.get(code);
    if (!slot) {
      slot = this.load(code);
      this.slots.set(code, slot);
      // Unknown codes are not remembered (anyone can ask for any code).
      slot.then(
        (found) => found ?? this.slots.delete(code),
        () => this.slots.delete(code),
      );
    }
    return slot;
  }

  private async load(code: string): Promise<Slot | null> {
    const record = await this.ports.store.findLessonByCode(code);
    if (!record) return null;
    const input = lessonInput(record);
    const log = await this.ports.store.loadLog(record.id);
    // Replayed in one go up to the last reveal (or the last entry), then entry by entry: the
    // last reveal's rows are derived from its events.
    let from = log.length - 1;
    for (let i = log.length - 1; i >= 0; i -= 1) {
      if (log[i]?.command.type === 'reveal') {
        from = i;
        break;
      }
    }
    let state = this.ports.engine.replay(input, log.slice(0, Math.max(0, from)));
    let lastReveal: Projection | null = null;
    let lastRows: Projection | null = null;
    for (const envelope of log.slice(Math.max(0, from))) {
      const result = this.ports.engine.applyCommand(state, envelope);
      if (!result.ok)
        throw new Error(`lesson ${code}: log entry ${state.version + 1} was refused on replay`);
      state = result.state;
      lastRows = deferredPart(derivedRows(envelope, result.events));
      lastReveal = lastRows ?? lastReveal;
    }
    const slot = this.newSlot({ record, input, state });
    const rows = lastReveal;
    slot.lastReveal = rows && (() => rows);
    // Who wrote the entries after the last reveal is unknown: its rows are written again before
    // this process appends (project). When the reveal is the last entry, at once (see the top).
    slot.foreign = lastReveal !== null;
    if (lastRows) {
      await this.ports.store.project(record.id, lastRows);
      slot.foreign = false;
    }
    this.arm(slot);
    return slot;
  }

  private newSlot(lesson: LiveLesson): Slot {
    return {
      lesson,
      tail: Promise.resolve(),
      timer: undefined,
      frames: undefined,
      catchUp: null,
      unprojected: null,
      lastReveal: null,
      foreign: false,
      retry: undefined,
      batch: null,
    };
  }

  private async apply(
    slot: Slot,
    actor: Actor,
    command: LessonCommand,
    expectedVersion: number | undefined,
    expect?: number,
  ): Promise<DispatchResult> {
    const { engine, store, clock } = this.ports;
    const { lesson } = slot;
    // A conflict means another process appended first: fold its entries in and try again.
    let refreshed = false;
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const envelope: Envelope = { actor, at: clock.now(), command };
      if (expectedVersion !== undefined) envelope.expectedVersion = expectedVersion;
      if (expect !== undefined) envelope.expect = expect;
      const result = engine.applyCommand(lesson.state, envelope);
      if (!result.ok) {
        // With several processes the refusal may come from a state behind the log (a request
        // that reached this process before the news did): check the tail once.
        if (this.ports.cluster && !refreshed) {
          refreshed = true;
          if ((await this.foldTail(slot)) > 0) continue;
        }
        return { ok: false, error: result.error };
      }
      const version = result.state.version;
      // Accepted without a change (e.g. an answer id sent again): nothing to store or tell.
      if (version === lesson.state.version) return { ok: true, version, events: [] };
      // A reveal's rows (two per student) are not part of its log entry's write (RN4): they are
      // built once its views are on their way, not on the path of every process's views.
      const revealOnly = onlyRevealRows(result.events);
      const rows = revealOnly ? NO_ROWS : derivedRows(envelope, result.events);
      try {
        await this.project(slot);
        await store.append(lesson.record.id, version, envelope, rows);
      } catch (error) {
        if (error instanceof NicknameTakenError) {
          return fail(ERROR_CODES.NAME_TAKEN, NAME_TAKEN_MESSAGE);
        }
        if (error instanceof VersionConflictError) {
          await this.foldTail(slot);
          continue;
        }
        (this.ports.log ?? console).error('lesson append failed', error);
        return fail(ERROR_CODES.UNAVAILABLE, 'The lesson could not be saved; nothing changed');
      }
      lesson.state = result.state;
      this.arm(slot);
      this.ports.cluster?.appended(lesson.record.code, [{ seq: version, envelope }]);
      this.ports.emit.changed(lesson, result.events);
      for (const event of result.events) {
        if (event.type === 'trained') this.stream(slot, event.frames);
      }
      const later = revealOnly ? deferredPart(derivedRows(envelope, result.events)) : null;
      if (later) {
        slot.unprojected = later;
        slot.lastReveal = () => later;
        await this.ports.emit.sent?.(lesson);
        await this.project(slot).catch((error: unknown) => {
          // Committed and shown already: the rows are written later (next command, or retry).
          (this.ports.log ?? console).error("writing a reveal's rows failed; will retry", error);
          this.retryProjection(slot);
        });
      }
      return { ok: true, version, events: result.events };
    }
    return fail(ERROR_CODES.STALE_VERSION, 'The lesson changed meanwhile; try again');
  }

  /**
   * Writes the reveal's rows still pending, if any; throws (and keeps them) when it cannot. After
   * entries from another process, the last reveal's rows may be missing (the process that wrote
   * the reveal may have died before its rows): they are written again (idempotent) first.
   */
  private async project(slot: Slot): Promise<void> {
    if (slot.foreign && slot.lastReveal && !slot.unprojected) slot.unprojected = slot.lastReveal();
    const pending = slot.unprojected;
    if (pending) {
      await this.ports.store.project(slot.lesson.record.id, pending);
      if (slot.unprojected === pending) slot.unprojected = null;
    }
    slot.foreign = false;
  }

  /** Tries the pending rows again later, in the lesson's queue, until they are written. */
  private retryProjection(slot: Slot): void {
    const { clock } = this.ports;
    clock.clearTimeout(slot.retry);
    if (this.stopped) return;
    slot.retry = clock.setTimeout(() => {
      slot.retry = undefined;
      slot.tail = slot.tail.then(() => this.project(slot)).catch(() => this.retryProjection(slot));
    }, PROJECTION_RETRY_MS);
  }

  /** Applies the log's entries after the held state, re-arms the timer, tells the screens. */
  private async foldTail(slot: Slot): Promise<number> {
    const tail = await this.ports.store.loadLog(slot.lesson.record.id, slot.lesson.state.version);
    if (tail.length) this.fold(slot, tail);
    return tail.length;
  }

  /** Applies another process's entries, the next after the held state, in order (CL1). */
  private fold(slot: Slot, tail: readonly Envelope[]): void {
    const { engine } = this.ports;
    const { lesson } = slot;
    let state = lesson.state;
    const events: LessonEvent[] = [];
    for (const envelope of tail) {
      const result = engine.applyCommand(state, envelope);
      if (!result.ok) {
        throw new Error(
          `lesson ${lesson.record.code}: log entry ${state.version + 1} was refused: ${result.error.code}`,
        );
      }
      state = result.state;
      events.push(...result.events);
      if (onlyRevealRows(result.events)) slot.lastReveal = revealRows(envelope, result.events);
    }
    slot.foreign = true;
    lesson.state = state;
    this.arm(slot);
    this.ports.emit.changed(lesson, events);
  }

  /** (Re-)arms the lesson's timer from the state: a system `expire` when the deadline passes. */
  private arm(slot: Slot, notBefore = 0): void {
    const { clock, engine } = this.ports;
    clock.clearTimeout(slot.timer);
    slot.timer = undefined;
    if (this.stopped) return;
    const deadline = engine.nextDeadline(slot.lesson.state);
    if (!deadline) return;
    slot.timer = clock.setTimeout(
      async () => {
        slot.timer = undefined;
        const result = await this.dispatch(
          slot.lesson.record.code,
          { role: 'system' },
          { type: 'expire', question: deadline.question },
        );
        // Refused while the question may still be open: a timer that ran with Date.now() a
        // millisecond short of the deadline ("not run out": timers and Date.now() round apart,
        // about one timer in four), or the database away for a moment. Armed again (a second
        // later for the database), or the question would never lock by itself.
        // A question already closed or paused has no deadline: arming again does nothing.
        if (!result.ok && slot.timer === undefined) {
          const unavailable = result.error.code === ERROR_CODES.UNAVAILABLE;
          this.arm(slot, unavailable ? EXPIRE_RETRY_MS : EXPIRE_RECHECK_MS);
        }
      },
      Math.max(notBefore, deadline.at - clock.now()),
    );
  }

  /** Sends a fast-forward's frames one by one, about 10 per second; a newer run replaces it. */
  private stream(slot: Slot, frames: readonly TrainingFrame[]): void {
    const { clock, emit } = this.ports;
    clock.clearTimeout(slot.frames);
    slot.frames = undefined;
    const next = (i: number): void => {
      const frame = frames[i];
      if (!frame || this.stopped) return;
      emit.frame(slot.lesson, frame);
      slot.frames =
        i + 1 < frames.length
          ? clock.setTimeout(() => next(i + 1), this.frameIntervalMs)
          : undefined;
    };
    next(0);
  }
}
