// The lesson runner over its in-memory twins: the store, a fake clock, a recording emitter.
import { DECK_PRESET, type LessonSettings, type TrainingFrame } from '@backprop/contract';
import { type LessonEvent, playerOf } from '@backprop/lesson';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../src/lessons/clock';
import { lessonEngine } from '../src/lessons/engine';
import { createMemoryStore } from '../src/lessons/memory-store';
import {
  type LessonEmitter,
  LessonRunner,
  type LiveLesson,
  type RunnerPorts,
} from '../src/lessons/runner';
import { type LessonStore, type LogEntry, VersionConflictError } from '../src/lessons/store';

function fakeClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let next = 1;
  return {
    now: () => now,
    setTimeout(run, ms) {
      const id = next++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
    setImmediate(run) {
      return this.setTimeout(run, 0);
    },
    clearImmediate(handle) {
      this.clearTimeout(handle);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.run();
      }
      now = until;
    },
  };
}

const timed: LessonSettings = { ...DECK_PRESET, timerSeconds: 30 };

function setup(
  store: LessonStore & { appends?: number } = createMemoryStore(),
  clock = fakeClock(),
  emit: Partial<LessonEmitter> = {},
  more: Partial<RunnerPorts> = {},
) {
  const changes: LessonEvent[][] = [];
  const frames: { at: number; frame: TrainingFrame }[] = [];
  const runner = new LessonRunner({
    store,
    clock,
    engine: lessonEngine,
    emit: {
      changed: (_lesson: LiveLesson, events) => changes.push([...events]),
      frame: (_lesson, frame) => frames.push({ at: clock.now(), frame }),
      ...emit,
    },
    log: { error: () => {} },
    ...more,
  });
  return { runner, store, clock, changes, frames };
}

const record = (settings: LessonSettings, code = 'ABCDEF') => ({
  id: `id-${code}`,
  code,
  settings,
  instructorSecretHash: 'x',
  cohostTokenHash: 'y',
  choiceSalt: 'salt',
  createdAt: 0,
  finishedAt: null,
});
/** The store, counting its reads of the log. */
function countingReads(base: LessonStore) {
  const reads = { count: 0 };
  const store: LessonStore = {
    ...base,
    loadLog: (...args) => {
      reads.count += 1;
      return base.loadLog(...args);
    },
  };
  return { store, reads };
}

const instructor = { role: 'instructor' } as const;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LessonRunner', () => {
  it('[RN2] appends each accepted command as seq = version, and nothing for a refused one', async () => {
    const { runner, store, changes } = setup();
    await runner.create(record(DECK_PRESET));
    expect(await runner.dispatch('ABCDEF', instructor, { type: 'open' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PHASE' },
    });
    expect(store.appends).toBe(0);
    expect(changes).toHaveLength(0);
    expect(await runner.dispatch('ABCDEF', instructor, { type: 'start' })).toMatchObject({
      ok: true,
      version: 1,
    });
    expect(await store.loadLog('id-ABCDEF')).toMatchObject([
      { actor: instructor, command: { type: 'start' } },
    ]);
    expect(await runner.dispatch('NOPE22', instructor, { type: 'start' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_LESSON' },
    });
  });

  it("[RN1] runs one lesson's commands one at a time, in arrival order", async () => {
    const { runner, store } = setup();
    await runner.create(record(DECK_PRESET));
    const results = await Promise.all([
      runner.dispatch('ABCDEF', instructor, { type: 'start' }),
      runner.dispatch('ABCDEF', instructor, { type: 'open' }),
      runner.dispatch('ABCDEF', instructor, { type: 'lock' }),
    ]);
    expect(results.map((r) => r.ok && r.version)).toEqual([1, 2, 3]);
    expect((await store.loadLog('id-ABCDEF')).map((e) => e.command.type)).toEqual([
      'start',
      'open',
      'lock',
    ]);
  });

  it('[RN2] refuses a stale expected version and appends nothing', async () => {
    const { runner } = setup();
    await runner.create(record(DECK_PRESET));
    await runner.dispatch('ABCDEF', instructor, { type: 'start' });
    expect(await runner.dispatch('ABCDEF', instructor, { type: 'open' }, 0)).toMatchObject({
      ok: false,
      error: { code: 'STALE_VERSION' },
    });
  });

  it('[RN7] expires the open question when its timer runs out (system command, fake clock)', async () => {
    const { runner, store, clock } = setup();
    await runner.create(record(timed));
    await runner.dispatch('ABCDEF', instructor, { type: 'start' });
    await runner.dispatch('ABCDEF', instructor, { type: 'open' });
    clock.advance(29_999);
    await settle();
    expect(await store.loadLog('id-ABCDEF')).toHaveLength(2);
    clock.advance(1);
    await settle();
    const log = await store.loadLog('id-ABCDEF');
    expect(log.at(-1)).toMatchObject({ actor: { role: 'system' }, command: { type: 'expire' } });
  });

  it('[RN7] a timer that fires a millisecond before the deadline is armed again, and the question locks', async () => {
    // Node's timers and the wall clock drift: a timer may run when Date.now() is still 1 ms short.
    const exact = fakeClock();
    const early: typeof exact = {
      ...exact,
      setTimeout: (run, ms) => exact.setTimeout(run, ms > 1 ? ms - 1 : ms),
    };
    const { runner, store } = setup(createMemoryStore(), early);
    await runner.create(record(timed));
    await runner.dispatch('ABCDEF', instructor, { type: 'start' });
    await runner.dispatch('ABCDEF', instructor, { type: 'open' });
    exact.advance(29_999);
    await settle();
    // Fired at 29,999 ms: refused ("not run out"), nothing written, armed again (20 ms later).
    expect(await store.loadLog('id-ABCDEF')).toHaveLength(2);
    exact.advance(20);
    await settle();
    expect((await store.loadLog('id-ABCDEF')).at(-1)).toMatchObject({
      actor: { role: 'system' },
      command: { type: 'expire' },
    });
  });

  it('[RN7] an expire refused while the database is away is sent again a second later', async () => {
    const base = createMemoryStore();
    const down = { value: false };
    const store: LessonStore = {
      ...base,
      append: (id, seq, envelope, rows) =>
        down.value
          ? Promise.reject(new Error('the database is down'))
          : base.append(id, seq, envelope, rows),
    };
    const { runner, clock } = setup(store);
    await runner.create(record(timed));
    await runner.dispatch('ABCDEF', instructor, { type: 'start' });
    await runner.dispatch('ABCDEF', instructor, { type: 'open' });
    down.value = true;
    clock.advance(30_000);
    await settle();
    expect(await base.loadLog('id-ABCDEF')).toHaveLength(2);
    down.value = false;
    clock.advance(999);
    await settle();
    expect(await base.loadLog('id-ABCDEF')).toHaveLength(2);
    clock.advance(1);
    await settle();
    expect((await base.loadLog('id-ABCDEF')).at(-1)).toMatchObject({ command: { type: 'expire' } });
    expect((await runner.get('ABCDEF'))?.state.question?.status).toBe('locked');
  });

  it('[RN6][RN7] a new runner on the same store resumes unfinished lessons and re-arms their timers', async () => {
    const first = setup();
    await first.runner.create(record(timed));
    await first.runner.dispatch('ABCDEF', instructor, { type: 'start' });
    await first.runner.dispatch('ABCDEF', instructor, { type: 'open' });
    await first.runner.stop();
    first.clock.advance(10_000);

    const second = setup(first.store, first.clock);
    expect(await second.runner.resumeAll()).toBe(1);
    const lesson = await second.runner.get('ABCDEF');
    expect(lesson?.state.version).toBe(2);
    first.clock.advance(20_000);
    await settle();
    expect((await first.store.loadLog('id-ABCDEF')).at(-1)?.command.type).toBe('expire');
  });

  it('[RN8][14.5] on boot only lately active lessons are loaded; an idle one loads on first use and its timer expires then', async () => {
    const first = setup();
    await first.runner.create(record(timed, 'IDLE01'));
    await first.runner.dispatch('IDLE01', instructor, { type: 'start' });
    await first.runner.dispatch('IDLE01', instructor, { type: 'open' });
    await first.runner.stop(); // the process died with IDLE01's question open
    first.clock.advance(3_600_000);
    const busy = setup(first.store, first.clock);
    await busy.runner.create({ ...record(timed, 'BUSY01'), createdAt: first.clock.now() });
    await busy.runner.stop();
    first.clock.advance(60_000);

    const second = setup(first.store, first.clock);
    // Loads BUSY01 (created a minute ago), not IDLE01 (quiet for an hour).
    expect(await second.runner.resumeAll(first.clock.now() - 20 * 60_000)).toBe(1);
    expect(await second.store.loadLog('id-IDLE01')).toHaveLength(2);
    // First use: loaded, its long-past deadline expires the question at once.
    expect((await second.runner.get('IDLE01'))?.state.version).toBe(2);
    first.clock.advance(1); // the timer was armed for a deadline long past
    await settle();
    expect((await second.store.loadLog('id-IDLE01')).at(-1)?.command.type).toBe('expire');
  });

  it("[RN9] streams a fast-forward's frames about 10 per second", async () => {
    const { runner, clock, frames } = setup();
    const one: LessonSettings = { ...DECK_PRESET, questions: [DECK_PRESET.questions[0]!] };
    await runner.create(record(one));
    for (const type of ['start', 'open', 'reveal', 'next'] as const) {
      expect(await runner.dispatch('ABCDEF', instructor, { type })).toMatchObject({ ok: true });
    }
    await runner.dispatch('ABCDEF', instructor, { type: 'fastForward', steps: 30 });
    expect(frames).toHaveLength(1); // the first at once, the rest paced by the clock
    clock.advance(10_000);
    expect(frames.length).toBeGreaterThan(2);
    expect(frames.slice(1).map((f, i) => f.at - frames[i]!.at)).toEqual(
      Array(frames.length - 1).fill(100),
    );
    expect(frames.map((f) => f.frame.last)).toEqual([
      ...Array(frames.length - 1).fill(false),
      true,
    ]);
  });

  it("[CL2] folds in another writer's entries and retries when its append conflicts", async () => {
    const store = createMemoryStore();
    const { runner } = setup(store);
    await runner.create(record(DECK_PRESET));
    // Another process appends version 1 behind this runner's back.
    await store.append(
      'id-ABCDEF',
      1,
      { actor: instructor, at: 1, command: { type: 'start' } },
      {
        players: [],
        answers: [],
        scores: [],
        finishedAt: null,
      },
    );
    await expect(
      store.append(
        'id-ABCDEF',
        1,
        { actor: instructor, at: 1, command: { type: 'start' } },
        {
          players: [],
          answers: [],
          scores: [],
          finishedAt: null,
        },
      ),
    ).rejects.toBeInstanceOf(VersionConflictError);
    // Its state (version 0) accepts an end; the append of seq 1 conflicts; it reloads and retries.
    expect(await runner.dispatch('ABCDEF', instructor, { type: 'end' })).toMatchObject({
      ok: true,
      version: 2,
    });
    expect((await store.loadLog('id-ABCDEF')).map((e) => e.command.type)).toEqual(['start', 'end']);
  });

  it('[CL3] with several processes, a refusal is checked once against the log; one process refuses', async () => {
    const noRows = { players: [], answers: [], scores: [], finishedAt: null };
    const started = { actor: instructor, at: 1, command: { type: 'start' } } as const;
    for (const appended of [[] as number[], null]) {
      const store = createMemoryStore();
      const cluster = appended && {
        appended: (_code: string, entries: readonly LogEntry[]) =>
          appended.push(...entries.map((e) => e.seq)),
      };
      const { runner } = setup(store, fakeClock(), {}, cluster ? { cluster } : {});
      await runner.create(record(DECK_PRESET));
      // Another process started the lesson; the notice has not arrived yet.
      await store.append('id-ABCDEF', 1, started, noRows);
      const result = await runner.dispatch('ABCDEF', instructor, { type: 'open' });
      if (cluster) {
        expect(result).toMatchObject({ ok: true, version: 2 });
        expect(appended).toEqual([2]);
      } else {
        // One process: its state is the log; the refusal stands.
        expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_PHASE' } });
      }
    }
  });

  it("[CL1][RN7] a catch-up folds in the log's tail in the queue, tells the screens and re-arms the timer", async () => {
    const store = createMemoryStore();
    const { runner, changes, clock } = setup(
      store,
      fakeClock(),
      {},
      { cluster: { appended: () => {} } },
    );
    await runner.create(record(timed));
    const noRows = { players: [], answers: [], scores: [], finishedAt: null };
    // Another process started the lesson and opened its first question (a 30 s timer).
    for (const [seq, type] of [
      [1, 'start'],
      [2, 'open'],
    ] as const) {
      await store.append(
        'id-ABCDEF',
        seq,
        { actor: instructor, at: clock.now(), command: { type } },
        noRows,
      );
    }
    // Two notices while the first catch-up waits: one fold.
    await Promise.all([runner.catchUp('ABCDEF'), runner.catchUp('ABCDEF')]);
    expect((await runner.get('ABCDEF'))?.state.version).toBe(2);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.map((e) => e.type)).toContain('questionOpened');
    clock.advance(30_000);
    await settle();
    expect((await store.loadLog('id-ABCDEF')).at(-1)?.command.type).toBe('expire');
  });

  it('[CL1] announced entries are folded in order without reading the log; old ones are skipped, a gap reads the log', async () => {
    const base = createMemoryStore();
    const { store, reads } = countingReads(base);
    const announced: LogEntry[][] = [];
    // Process A writes the lesson and announces its entries; B (same database) receives them.
    const a = setup(
      base,
      fakeClock(),
      {},
      {
        cluster: { appended: (_code, entries) => announced.push([...entries]) },
      },
    );
    const b = setup(store, fakeClock(), {}, { cluster: { appended: () => {} } });
    await a.runner.create(record(DECK_PRESET));
    await b.runner.get('ABCDEF');
    for (const type of ['start', 'open'] as const) {
      await a.runner.dispatch('ABCDEF', instructor, { type });
    }
    expect(announced.map((batch) => batch.map((e) => e.seq))).toEqual([[1], [2]]);
    reads.count = 0;
    for (const batch of announced) b.runner.receive('ABCDEF', batch);
    // Announced again (a duplicate) and out of date: skipped.
    b.runner.receive('ABCDEF', announced[0]!);
    await settle();
    expect((await b.runner.get('ABCDEF'))?.state).toEqual((await a.runner.get('ABCDEF'))?.state);
    expect(reads.count).toBe(0);
    expect(b.changes.map((events) => events.map((e) => e.type))).toEqual([
      ['questionShown'],
      ['questionOpened'],
    ]);
    // Entry 3's announcement is lost; entry 4's arrives: the gap is filled from the log.
    await a.runner.dispatch('ABCDEF', instructor, { type: 'lock' });
    await a.runner.dispatch('ABCDEF', instructor, { type: 'reveal' });
    b.runner.receive('ABCDEF', announced.at(-1)!);
    await settle();
    expect(reads.count).toBe(1);
    expect((await b.runner.get('ABCDEF'))?.state).toEqual((await a.runner.get('ABCDEF'))?.state);
  });

  it('[CL1][CL8] a forwarded result after its entries finds them in the queue: no read of the log', async () => {
    const base = createMemoryStore();
    const { store, reads } = countingReads(base);
    const a = setup(base, fakeClock(), {}, { cluster: { appended: () => {} } });
    const b = setup(
      store,
      fakeClock(),
      {},
      {
        cluster: {
          appended: () => {},
          // As the writer does (writers.ts): the entries are announced before the result.
          forward: async (code, request) => {
            const result = await a.runner.dispatchHere(code, request);
            const log = await base.loadLog('id-ABCDEF');
            if (result.ok) b.runner.receive(code, [{ seq: result.version, envelope: log.at(-1)! }]);
            return result;
          },
        },
      },
    );
    await a.runner.create(record(DECK_PRESET));
    await b.runner.get('ABCDEF');
    reads.count = 0;
    expect(await b.runner.dispatch('ABCDEF', instructor, { type: 'start' })).toMatchObject({
      ok: true,
      version: 1,
    });
    // Its own connections' views went out before the result (RN3): the state is the writer's.
    expect((await b.runner.get('ABCDEF'))?.state.version).toBe(1);
    expect(b.changes.map((events) => events.map((e) => e.type))).toEqual([['questionShown']]);
    expect(reads.count).toBe(0);
  });

  it('[RN10] once stopped: commands are refused UNAVAILABLE, timers cleared, queued commands finish', async () => {
    const base = createMemoryStore();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first append waits at the gate: the commands after it wait in the lesson's queue.
    const store: LessonStore = {
      ...base,
      append: async (...args) => {
        await gate;
        return base.append(...args);
      },
    };
    const { runner, clock } = setup(store);
    await runner.create(record(timed));
    const queued = [
      runner.dispatch('ABCDEF', instructor, { type: 'start' }),
      runner.dispatch('ABCDEF', instructor, { type: 'open' }),
    ];
    await settle();
    const stopped = runner.stop();
    release();
    expect(await Promise.all(queued)).toMatchObject([
      { ok: true, version: 1 },
      { ok: true, version: 2 },
    ]);
    await stopped;
    expect(await runner.dispatch('ABCDEF', instructor, { type: 'lock' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    clock.advance(60_000); // past the question's deadline: no expire
    await settle();
    expect((await base.loadLog('id-ABCDEF')).map((e) => e.command.type)).toEqual(['start', 'open']);
  });

  it('[RN10] an append that fails leaves the state as it was and answers UNAVAILABLE; the queue goes on', async () => {
    const base = createMemoryStore();
    let down = true;
    const store: LessonStore = {
      ...base,
      append: async (...args) => {
        if (down) throw new Error('the disk is gone');
        return base.append(...args);
      },
    };
    const { runner, changes } = setup(store);
    const lesson = await runner.create(record(DECK_PRESET));
    expect(await runner.dispatch('ABCDEF', instructor, { type: 'start' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    expect(lesson.state.version).toBe(0);
    expect(changes).toHaveLength(0);
    down = false;
    expect(await runner.dispatch('ABCDEF', instructor, { type: 'start' })).toMatchObject({
      ok: true,
      version: 1,
    });
  });

  it('[RN11] answers queued behind a busy lesson: one write, their own results, arrival order; a command closes the batch', async () => {
    const base = createMemoryStore();
    let gate: Promise<void> | null = null;
    let release = () => {};
    const hold = () => {
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = null;
          resolve();
        };
      });
    };
    const writes: string[] = [];
    // While `gate` is set, the next write waits at it: what arrives meanwhile waits in the queue.
    const store: LessonStore = {
      ...base,
      append: async (id, seq, envelope, rows) => {
        if (gate) await gate;
        writes.push(envelope.command.type);
        return base.append(id, seq, envelope, rows);
      },
      appendMany: async (id, entries, rows) => {
        if (gate) await gate;
        writes.push(`${entries.length} answers`);
        return base.appendMany(id, entries, rows);
      },
    };
    const { runner } = setup(store);
    await runner.create(record(DECK_PRESET));
    for (const playerId of ['p1', 'p2', 'p3', 'p4']) {
      const join = { type: 'join', playerId, nickname: playerId, tokenHash: `hash-${playerId}` };
      await runner.dispatch('ABCDEF', { role: 'system' }, join as never);
    }
    await runner.dispatch('ABCDEF', instructor, { type: 'start' });
    const answer = (playerId: string, index = 0) =>
      runner.dispatch(
        'ABCDEF',
        { role: 'student', playerId },
        {
          type: 'answer',
          answerId: `answer-${playerId}-${index}`,
          question: { step: 0, index },
          value: { numbers: [[0, 0, 0]] },
        },
      );
    hold();
    const opened = runner.dispatch('ABCDEF', instructor, { type: 'open' });
    const batch = [answer('p1'), answer('p2', 1), answer('p3')];
    await settle();
    writes.length = 0;
    release();
    expect(await opened).toMatchObject({ ok: true });
    // p2 answered another question: refused alone; p1 and p3 in one write, in arrival order.
    expect(await Promise.all(batch)).toMatchObject([
      { ok: true },
      { ok: false, error: { code: 'QUESTION_CLOSED' } },
      { ok: true },
    ]);
    expect(writes).toEqual(['open', '2 answers']);
    const log = await base.loadLog('id-ABCDEF');
    expect(log.slice(-2).map((e) => e.actor)).toEqual([
      { role: 'student', playerId: 'p1' },
      { role: 'student', playerId: 'p3' },
    ]);

    // An instructor's lock between two answers: the one after it waits for it, and is refused.
    hold();
    const before = answer('p2');
    const locked = runner.dispatch('ABCDEF', instructor, { type: 'lock' });
    const after = answer('p4');
    await settle();
    release();
    expect(await before).toMatchObject({ ok: true });
    expect(await locked).toMatchObject({ ok: true });
    expect(await after).toMatchObject({ ok: false, error: { code: 'QUESTION_CLOSED' } });
  });

  it('[RN11] joins queued behind a busy lesson: one write with their players and scores; a taken name is refused alone', async () => {
    const base = createMemoryStore();
    let gate: Promise<void> | null = null;
    let release = () => {};
    const writes: number[] = [];
    const store: LessonStore = {
      ...base,
      append: async (id, seq, envelope, rows) => {
        if (gate) await gate;
        return base.append(id, seq, envelope, rows);
      },
      appendMany: async (id, entries, rows) => {
        writes.push(entries.length);
        return base.appendMany(id, entries, rows);
      },
    };
    const { runner } = setup(store);
    await runner.create(record(DECK_PRESET));
    const join = (playerId: string, nickname: string, nicknameKey = nickname.toLowerCase()) =>
      runner.dispatch('ABCDEF', { role: 'system' }, {
        type: 'join',
        playerId,
        nickname,
        nicknameKey,
        tokenHash: `hash-${playerId}`,
      } as never);
    gate = new Promise<void>((resolve) => {
      release = () => {
        gate = null;
        resolve();
      };
    });
    const busy = runner.dispatch('ABCDEF', instructor, { type: 'start' });
    const joins = [join('p1', 'Ada'), join('p2', 'ADA'), join('p3', 'Ben'), join('p4', 'Cy')];
    await settle();
    release();
    await busy;
    expect(await Promise.all(joins)).toMatchObject([
      { ok: true },
      { ok: false, error: { code: 'NAME_TAKEN' } },
      { ok: true },
      { ok: true },
    ]);
    expect(writes).toEqual([3]);
    expect((await base.players('id-ABCDEF')).map((p) => p.playerId).sort()).toEqual([
      'p1',
      'p3',
      'p4',
    ]);
    expect((await base.scores('id-ABCDEF')).map((s) => s.playerId).sort()).toEqual([
      'p1',
      'p3',
      'p4',
    ]);

    // Another writer took "Dee" behind this runner's back (during a takeover): the batch's first
    // seq is taken, the runner folds that join in and applies the batch again: only its own "Dee"
    // is refused.
    await base.append(
      'id-ABCDEF',
      5,
      {
        actor: { role: 'system' },
        at: 0,
        command: {
          type: 'join',
          playerId: 'x',
          nickname: 'Dee',
          nicknameKey: 'dee',
          tokenHash: 'hash-x',
        },
      } as never,
      {
        players: [
          { playerId: 'x', nickname: 'Dee', nicknameKey: 'dee', tokenHash: 'hash-x', joinedAt: 0 },
        ],
        answers: [],
        scores: [],
        finishedAt: null,
      },
    );
    const late = await Promise.all([join('p5', 'Eve'), join('p6', 'Dee')]);
    expect(late).toMatchObject([{ ok: true }, { ok: false, error: { code: 'NAME_TAKEN' } }]);
  });

  it("[RN12] several processes: a reveal's rows follow its views; a process that takes the lesson over writes the last reveal's rows again before it appends", async () => {
    const base = createMemoryStore();
    let down = false;
    const projected: number[] = [];
    const flaky: LessonStore = {
      ...base,
      project: async (id, rows) => {
        if (down) throw new Error('the process died before its rows');
        projected.push(rows.answers.length);
        return base.project(id, rows);
      },
    };
    const cluster = { cluster: { appended: () => {} } };
    // Process A writes the lesson; B (same database) folds A's entries in.
    const a = setup(flaky, fakeClock(), {}, cluster);
    const b = setup(base, fakeClock(), {}, cluster);
    await a.runner.create(record(DECK_PRESET));
    for (const playerId of ['p1', 'p2']) {
      const join = { type: 'join', playerId, nickname: playerId, tokenHash: `hash-${playerId}` };
      await a.runner.dispatch('ABCDEF', { role: 'system' }, join as never);
    }
    await a.runner.dispatch('ABCDEF', instructor, { type: 'start' });
    await a.runner.dispatch('ABCDEF', instructor, { type: 'open' });
    for (const playerId of ['p1', 'p2']) {
      await a.runner.dispatch(
        'ABCDEF',
        { role: 'student', playerId },
        {
          type: 'answer',
          answerId: `answer-${playerId}-1`,
          question: { step: 0, index: 0 },
          value: { numbers: [[0, 0, 0]] },
        },
      );
    }
    await b.runner.get('ABCDEF');
    // A's reveal is committed and shown, and A "dies" before its rows are written.
    down = true;
    expect(await a.runner.dispatch('ABCDEF', instructor, { type: 'reveal' })).toMatchObject({
      ok: true,
    });
    expect(await base.answers('id-ABCDEF')).toHaveLength(0);
    // B folds the reveal in, takes the lesson over and appends: the rows come first.
    await b.runner.catchUp('ABCDEF');
    expect(await b.runner.dispatch('ABCDEF', instructor, { type: 'next' })).toMatchObject({
      ok: true,
    });
    const rows = await base.answers('id-ABCDEF');
    expect(rows.map((r) => r.answerId).sort()).toEqual(['answer-p1-1', 'answer-p2-1']);
    expect((await base.scores('id-ABCDEF')).length).toBe(2);
    // Only once: B's next append writes nothing again.
    const before = (await base.answers('id-ABCDEF')).length;
    await b.runner.dispatch('ABCDEF', instructor, { type: 'open' });
    expect((await base.answers('id-ABCDEF')).length).toBe(before);
    expect(projected).toEqual([]);
  });

  describe("a reveal's answers and scores, one process", () => {
    const players = ['p1', 'p2', 'p3'];
    const student = (playerId: string) => ({ role: 'student', playerId }) as const;

    /** Three students answer the first question (which then locks): ready to reveal. */
    async function readyToReveal(runner: LessonRunner) {
      await runner.create(record(DECK_PRESET));
      for (const playerId of players) {
        const join = { type: 'join', playerId, nickname: playerId, tokenHash: `hash-${playerId}` };
        await runner.dispatch('ABCDEF', { role: 'system' }, join as never);
      }
      await runner.dispatch('ABCDEF', instructor, { type: 'start' });
      await runner.dispatch('ABCDEF', instructor, { type: 'open' });
      for (const playerId of players) {
        const answer = await runner.dispatch('ABCDEF', student(playerId), {
          type: 'answer',
          answerId: `answer-${playerId}-1`,
          question: { step: 0, index: 0 },
          value: { numbers: [[0, 0, 0]] },
        });
        expect(answer).toMatchObject({ ok: true });
      }
    }

    /** The memory store, with `project` failing while `down.value` is true. */
    function flakyStore(down: { value: boolean }, calls: string[] = []) {
      const base = createMemoryStore();
      const store: LessonStore = {
        ...base,
        append: (id, seq, envelope, rows) => {
          calls.push(`append ${envelope.command.type} (${rows.answers.length} answers)`);
          return base.append(id, seq, envelope, rows);
        },
        project: async (id, rows) => {
          if (down.value) throw new Error('the database is down');
          calls.push(`project (${rows.answers.length} answers)`);
          return base.project(id, rows);
        },
      };
      return { base, store };
    }

    it('[RN3][RN4] are written after the log entry and after the class has its views, before the ack', async () => {
      const calls: string[] = [];
      const { store } = flakyStore({ value: false }, calls);
      let viewsSent = () => {};
      const { runner } = setup(store, fakeClock(), {
        changed: (_lesson, events) => {
          if (events.some((e) => e.type === 'questionRevealed')) calls.push('views');
        },
        sent: () =>
          new Promise<void>((resolve) => {
            viewsSent = resolve;
          }),
      });
      await readyToReveal(runner);
      calls.length = 0;
      let acknowledged = false;
      const reveal = runner.dispatch('ABCDEF', instructor, { type: 'reveal' }).then((r) => {
        acknowledged = true;
        return r;
      });
      await settle();
      expect(calls).toEqual(['append reveal (0 answers)', 'views']);
      expect(acknowledged).toBe(false);
      viewsSent();
      expect(await reveal).toMatchObject({ ok: true });
      expect(calls).toEqual(['append reveal (0 answers)', 'views', 'project (3 answers)']);
      expect((await store.answers('id-ABCDEF')).map((a) => a.playerId).sort()).toEqual(players);
    });

    it('[RN6] lost with the process (it died before writing them), loading the lesson writes them', async () => {
      const down = { value: true };
      const { base, store } = flakyStore(down);
      const first = setup(store);
      await readyToReveal(first.runner);
      expect(await first.runner.dispatch('ABCDEF', instructor, { type: 'reveal' })).toMatchObject({
        ok: true,
      });
      await first.runner.stop(); // the process is gone; its retry with it
      expect(await base.answers('id-ABCDEF')).toEqual([]);

      down.value = false;
      const second = setup(store);
      const lesson = await second.runner.get('ABCDEF');
      const answers = await base.answers('id-ABCDEF');
      expect(answers.map((a) => a.answerId).sort()).toEqual(players.map((p) => `answer-${p}-1`));
      const scores = await base.scores('id-ABCDEF');
      for (const s of scores) {
        expect(s.score).toBe(lesson && playerOf(lesson.state, s.playerId)?.score);
      }
      // Loading again writes nothing twice.
      await setup(store).runner.get('ABCDEF');
      expect(await base.answers('id-ABCDEF')).toHaveLength(players.length);
    });

    it('[RN5] not written while the database is down: the next command waits for them, a retry writes them', async () => {
      const down = { value: true };
      const clock = fakeClock();
      const { base, store } = flakyStore(down);
      const { runner } = setup(store, clock);
      await readyToReveal(runner);
      expect(await runner.dispatch('ABCDEF', instructor, { type: 'reveal' })).toMatchObject({
        ok: true,
      });
      const logLength = (await base.loadLog('id-ABCDEF')).length;
      expect(await runner.dispatch('ABCDEF', instructor, { type: 'next' })).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE' },
      });
      expect(await base.loadLog('id-ABCDEF')).toHaveLength(logLength);

      down.value = false;
      clock.advance(1_000);
      await settle();
      expect(await base.answers('id-ABCDEF')).toHaveLength(players.length);
      expect(await runner.dispatch('ABCDEF', instructor, { type: 'next' })).toMatchObject({
        ok: true,
      });
    });
  });
});
