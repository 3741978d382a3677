// One whole lesson against a running server: an instructor, a projector and N students over real
// socket.io connections (websocket transport). Students join (some late), answer every question
// at seeded human-like delays (right, wrong or a named misconception; some change their mind),
// some drop their connection and come back with their token. The instructor opens, reveals and
// moves on through the chain, then ends. The summary says what was sent, acknowledged and found
// stored afterwards, how long reveals took to reach every student, and what the server used.
import {
  type AnswerValue,
  type ClientToServerEvents,
  type Credentials,
  DECK_PRESET,
  type LessonSettings,
  type LessonView,
  PROTOCOL_VERSION,
  type QuestionView,
  RECONNECTION,
  type ServerToClientEvents,
  type WireError,
} from '@backprop/contract';
import { createDb } from '@backprop/db';
import { RandomState, type StepTrace, traceStep } from '@backprop/mlp-core';
import type { AppRouter } from '@backprop/server';
import { createTRPCClient, httpLink } from '@trpc/client';
import { io, type Socket } from 'socket.io-client';
import { type AnswerKind, answerFor, type Random } from './answers';
import { type ProcessFigures, ProcessSampler } from './proc';
import { type Percentiles, percentiles, Tally } from './stats';

export interface SimulationOptions {
  /** The running server, e.g. http://127.0.0.1:3001. */
  url: string;
  students: number;
  /** Share of the students who join after the first question opened. */
  late?: number;
  /** Share of the students who lose their connection once and come back with their token. */
  drop?: number;
  seed?: number;
  /** How many of the deck preset's questions (in order); default 4. */
  questions?: number;
  /** A student's thinking time after a question opens, in ms: [min, max]. */
  thinkMs?: readonly [number, number];
  /** Read the stored answers from this database; otherwise through lesson.results. */
  databaseUrl?: string;
  /** Sample this process's memory and CPU (the server). */
  serverPid?: number;
  /** Joins in flight at once. */
  joinConcurrency?: number;
  /** How long to wait for one question's answers or one reveal before moving on. */
  stepTimeoutMs?: number;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  /**
   * Reconnect as the web app does, with socket.io-client's own reconnection (a dropped student's
   * transport is closed and the client comes back by itself); default false: dropped students
   * reconnect by hand.
   */
  reconnection?: boolean;
  /** Called when a question opens (e.g. the cluster bench kills a process mid-question). */
  onQuestionOpen?: (index: number) => void;
}

export interface SimulationSummary {
  url: string;
  code: string;
  seed: number;
  questions: number;
  durationMs: number;
  students: {
    requested: number;
    joined: number;
    late: number;
    /** Connections lost on purpose, and how many came back with their token. */
    dropped: number;
    rejoined: number;
    /** Connected when the lesson ended. */
    connectedAtEnd: number;
  };
  answers: {
    /** Distinct answer ids sent (a retry keeps its id). */
    sent: number;
    /** Distinct answer ids the server acknowledged with ok. */
    acknowledged: number;
    /** Answers the server refused with a typed error (see errors). */
    refused: number;
    /** Sent but never acknowledged either way. */
    unacknowledged: number;
    /** Retries of an id after a lost acknowledgement or a dropped connection. */
    retries: number;
    /** Per student and question, the last acknowledged answer: the one that must be stored. */
    counted: number;
    /** Of those, found in the Answer table (that id, or a later one of the same student). */
    stored: number;
    /** Acknowledged (and counted) but not stored: must be 0. */
    lost: number;
    /** Rows stored for answers the simulator never sent. */
    unexpected: number;
    right: number;
    wrong: number;
    misconception: number;
    changedMind: number;
  };
  reveals: {
    count: number;
    /** Students connected when the reveal was sent, summed over the reveals. */
    expected: number;
    received: number;
    missed: number;
  };
  /** From just before the instructor sends `reveal` until each connected student has the revealed view. */
  revealFanOutMs: Percentiles;
  /** The same, counted from the instructor's acknowledgement of `reveal`. */
  revealFanOutFromAckMs: Percentiles;
  /** The instructor's `reveal` round trip (includes scoring and storing every answer). */
  revealAckMs: Percentiles;
  answerAckMs: Percentiles;
  /** Typed errors by code: acknowledgements, refused connections, and NO_ACK for timeouts. */
  errors: Record<string, number>;
  /** Student views that carried a truth before its reveal: must be 0. */
  leaks: number;
  /**
   * Connections the students lost without meaning to (a server process gone): how many, how
   * long until each was back, and how many were still down when the lesson ended.
   */
  outages: { count: number; backMs: Percentiles; stillDown: number };
  viewsReceived: { students: number; instructor: number; projector: number };
  server: ProcessFigures | null;
  simulator: { peakRssMb: number; cpuSeconds: number };
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type AckResult = { ok: true; version: number } | { ok: false; error: WireError };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  done: boolean;
}
function deferred(): Deferred {
  let resolve!: () => void;
  const d: Deferred = {
    promise: new Promise<void>((r) => {
      resolve = r;
    }),
    resolve: () => {
      d.done = true;
      resolve();
    },
    done: false,
  };
  return d;
}

/** Resolves when `promise` does, or after `ms`; says which. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` over `items`, at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function openSocket(
  url: string,
  code: string,
  as: Credentials,
  reconnection = false,
): ClientSocket {
  return io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection,
    ...RECONNECTION,
    auth: { protocolVersion: PROTOCOL_VERSION, code, as },
  });
}

function connected(socket: ClientSocket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const ok = () => {
      socket.off('connect_error', bad);
      resolve();
    };
    const bad = (error: Error & { data?: WireError }) => {
      socket.off('connect', ok);
      reject(error);
    };
    socket.once('connect', ok);
    socket.once('connect_error', bad);
  });
}

/** The next `connect`, through any number of failed attempts (socket.io's reconnection). */
function reconnected(socket: ClientSocket, ms: number): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('connect', ok);
      reject(new Error('NOT_BACK'));
    }, ms);
    const ok = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.once('connect', ok);
  });
}

const codeOf = (error: unknown): string =>
  (error as { data?: WireError })?.data?.code ??
  (error as { data?: { appCode?: string } })?.data?.appCode ??
  'CONNECT_FAILED';

class Simulation {
  readonly errors = new Tally();
  readonly answerAckMs: number[] = [];
  /** The same, per question (the log line of each question says where the slow ones were). */
  readonly answerAckMsOf: number[][] = [];
  readonly fanOut: number[] = [];
  readonly fanOutFromAck: number[] = [];
  readonly revealAck: number[] = [];
  /** How long each unplanned loss of connection lasted, in ms. */
  readonly outageMs: number[] = [];
  readonly kinds = new Tally();
  readonly trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  readonly trace: StepTrace;
  readonly thinkMs: readonly [number, number];
  readonly stepTimeoutMs: number;
  code = '';
  secret = '';
  sent = 0;
  acknowledged = 0;
  refused = 0;
  unacknowledged = 0;
  retries = 0;
  changedMind = 0;
  leaks = 0;
  dropped = 0;
  rejoined = 0;
  studentViews = 0;
  /** The reveal in flight: whom it must still reach. */
  reveal: {
    index: number;
    sentAt: number;
    ackAt: number | null;
    arrivals: number[];
    pending: Set<Student>;
    all: Deferred;
  } | null = null;

  constructor(
    readonly options: SimulationOptions,
    readonly settings: LessonSettings,
  ) {
    this.trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${options.url}/trpc` })] });
    this.trace = traceStep(settings.network, 0);
    this.thinkMs = options.thinkMs ?? [1000, 8000];
    this.stepTimeoutMs = options.stepTimeoutMs ?? 60_000;
  }

  revealReceived(student: Student, index: number): void {
    const reveal = this.reveal;
    if (!reveal || reveal.index !== index || !reveal.pending.delete(student)) return;
    reveal.arrivals.push(performance.now());
    if (reveal.pending.size === 0) reveal.all.resolve();
  }
}

class Student {
  readonly random: Random;
  readonly nickname: string;
  playerId = '';
  token = '';
  socket: ClientSocket | null = null;
  joined = false;
  /** One per question: settled once the student is done with it (answered, or gave up). */
  readonly done: Deferred[];
  readonly started = new Set<number>();
  readonly revealed = new Set<number>();
  /** Question index -> the last acknowledged answer id. */
  readonly finalAnswer = new Map<number, string>();
  /** Question index -> every answer id sent, in order. */
  readonly sentIds = new Map<number, string[]>();
  private answerSeq = 0;
  /** When the connection was lost without meaning to; null while connected (or dropped on purpose). */
  lostAt: number | null = null;
  private dropping = false;
  /** Lose the connection once, during this question, before or after answering. */
  readonly drop: { question: number; beforeAnswer: boolean } | null;

  constructor(
    readonly sim: Simulation,
    readonly index: number,
    readonly late: boolean,
    questionCount: number,
    dropShare: number,
    seed: number,
  ) {
    const rng = new RandomState((seed * 100_003 + index * 7919 + 1) >>> 0);
    this.random = () => rng.randomSample();
    this.nickname = `Student ${String(index + 1).padStart(4, '0')}`;
    this.done = Array.from({ length: questionCount }, deferred);
    this.drop =
      this.random() < dropShare
        ? {
            question: Math.floor(this.random() * questionCount),
            beforeAnswer: this.random() < 0.5,
          }
        : null;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** tRPC lesson.join, then the socket with the player token. False if either was refused. */
  async join(): Promise<boolean> {
    const { sim } = this;
    try {
      const joined = await sim.trpc.lesson.join.mutate({
        code: sim.code,
        nickname: this.nickname,
      });
      this.playerId = joined.playerId;
      this.token = joined.playerToken;
    } catch (error) {
      sim.errors.add(codeOf(error));
      return this.giveUp();
    }
    this.joined = true;
    const socket = openSocket(
      sim.options.url,
      sim.code,
      { role: 'student', playerToken: this.token },
      sim.options.reconnection,
    );
    this.socket = socket;
    socket.on('view', (view) => this.onView(view));
    socket.on('disconnect', (reason) => {
      // Ours (a planned drop, the end) or the server's; the rest is an outage.
      if (!this.dropping && reason !== 'io client disconnect') this.lostAt = performance.now();
    });
    socket.on('connect', () => {
      if (this.lostAt === null) return;
      sim.outageMs.push(performance.now() - this.lostAt);
      this.lostAt = null;
    });
    try {
      await connected(socket);
    } catch (error) {
      sim.errors.add(codeOf(error));
      return this.giveUp();
    }
    return true;
  }

  private giveUp(): false {
    for (const d of this.done) d.resolve();
    this.socket?.disconnect();
    return false;
  }

  private onView(view: LessonView): void {
    const { sim } = this;
    sim.studentViews += 1;
    if (view.kind !== 'student') return;
    const q = view.question;
    if (!q) return;
    // [V2] A student never sees the truth before its reveal.
    if (q.status !== 'revealed' && q.truth !== null) sim.leaks += 1;
    const index = q.key.index;
    if (q.status === 'open' && !this.started.has(index) && index < this.done.length) {
      this.started.add(index);
      void this.answer(q).finally(() => this.done[index]?.resolve());
    } else if (q.status === 'revealed' && !this.revealed.has(index)) {
      this.revealed.add(index);
      sim.revealReceived(this, index);
    }
  }

  private think(): number {
    const [min, max] = this.sim.thinkMs;
    // The mean of two uniforms: most answers in the middle of the window, a few quick or slow.
    return min + ((max - min) * (this.random() + this.random())) / 2;
  }

  private kind(): AnswerKind {
    const r = this.random();
    return r < 0.55 ? 'right' : r < 0.8 ? 'misconception' : 'wrong';
  }

  private async answer(q: QuestionView): Promise<void> {
    const { sim } = this;
    const index = q.key.index;
    const drop = this.drop?.question === index ? this.drop : null;
    const think = this.think();
    if (drop?.beforeAnswer) {
      await sleep(think / 2);
      await this.loseConnection();
      await sleep(think / 2);
    } else await sleep(think);

    // Some type one answer, then think again and change it before the lock.
    if (this.random() < 0.1) {
      sim.changedMind += 1;
      const first = this.kind() === 'right' ? 'wrong' : 'right';
      await this.send(q, answerFor(sim.trace, q, first, this.random));
      await sleep(200 + this.random() * 1000);
    }
    const kind = this.kind();
    sim.kinds.add(kind);
    await this.send(q, answerFor(sim.trace, q, kind, this.random));
    if (drop && !drop.beforeAnswer) await this.loseConnection();
  }

  /** Sends one answer until it is acknowledged (a retry keeps the id) or refused. */
  private async send(q: QuestionView, value: AnswerValue): Promise<void> {
    const { sim } = this;
    this.answerSeq += 1;
    const answerId = `s${this.index}-q${q.key.index}-a${this.answerSeq}-${sim.options.seed ?? 1}`;
    const payload = { type: 'answer' as const, answerId, question: q.key, value };
    sim.sent += 1;
    const ids = this.sentIds.get(q.key.index) ?? [];
    ids.push(answerId);
    this.sentIds.set(q.key.index, ids);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (attempt > 0) sim.retries += 1;
      const socket = this.socket;
      if (!socket) break;
      if (!socket.connected)
        await within(
          (sim.options.reconnection ? reconnected(socket, 10_000) : connected(socket)).catch(
            () => undefined,
          ),
          10_000,
        );
      const t0 = performance.now();
      let ack: AckResult;
      try {
        ack = (await socket.timeout(10_000).emitWithAck('answer', payload)) as AckResult;
      } catch {
        sim.errors.add('NO_ACK');
        continue;
      }
      const ackMs = performance.now() - t0;
      sim.answerAckMs.push(ackMs);
      sim.answerAckMsOf[q.key.index] ??= [];
      sim.answerAckMsOf[q.key.index]!.push(ackMs);
      if (ack.ok) {
        sim.acknowledged += 1;
        this.finalAnswer.set(q.key.index, answerId);
        return;
      }
      sim.errors.add(ack.error.code);
      if (ack.error.code === 'RATE_LIMITED' || ack.error.code === 'UNAVAILABLE') {
        await sleep(500 + this.random() * 1000);
        continue;
      }
      sim.refused += 1;
      return;
    }
    sim.unacknowledged += 1;
  }

  /** Drops the transport without a goodbye (a phone losing its network), then reconnects. */
  private async loseConnection(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return;
    this.sim.dropped += 1;
    this.dropping = true;
    const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    socket.io.engine.close();
    await gone;
    if (!this.sim.options.reconnection) {
      await sleep(300 + this.random() * 1500);
      socket.connect();
    }
    try {
      // With socket.io's own reconnection the client comes back by itself.
      await (this.sim.options.reconnection ? reconnected(socket, 30_000) : connected(socket));
      this.sim.rejoined += 1;
    } catch (error) {
      this.sim.errors.add(codeOf(error));
    } finally {
      this.dropping = false;
    }
  }
}

/** Deck preset, first `count` questions (in the deck's order, as the settings require). */
export function simulationSettings(count: number): LessonSettings {
  const questions = DECK_PRESET.questions.slice(0, Math.max(1, count));
  return { ...DECK_PRESET, questions };
}

export async function simulate(options: SimulationOptions): Promise<SimulationSummary> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 1;
  const settings = simulationSettings(options.questions ?? 4);
  const questionCount = settings.questions.length;
  const sim = new Simulation({ ...options, seed }, settings);
  const startedAt = performance.now();
  const cpuBefore = process.cpuUsage();
  let simPeakRss = process.memoryUsage().rss;
  const simTimer = setInterval(() => {
    simPeakRss = Math.max(simPeakRss, process.memoryUsage().rss);
  }, 500);
  const sampler = options.serverPid ? new ProcessSampler(options.serverPid) : null;

  const created = await sim.trpc.lesson.create.mutate({ settings });
  sim.code = created.code;
  sim.secret = created.instructorSecret;
  log(`lesson ${sim.code}: ${options.students} students, ${questionCount} questions`);

  const setup = new RandomState(seed >>> 0);
  const students = Array.from(
    { length: options.students },
    (_, i) =>
      new Student(
        sim,
        i,
        setup.randomSample() < (options.late ?? 0),
        questionCount,
        options.drop ?? 0,
        seed,
      ),
  );

  const instructor = openSocket(
    options.url,
    sim.code,
    { role: 'instructor', secret: sim.secret },
    options.reconnection,
  );
  let instructorViewCount = 0;
  instructor.on('view', () => {
    instructorViewCount += 1;
  });
  const projector = openSocket(options.url, sim.code, { role: 'projector' }, options.reconnection);
  let projectorViews = 0;
  projector.on('view', () => {
    projectorViews += 1;
  });
  await Promise.all([connected(instructor), connected(projector)]);

  const command = async (type: string): Promise<number> => {
    const ack = (await instructor
      .timeout(sim.stepTimeoutMs)
      .emitWithAck('command', { command: { type } as never })) as AckResult;
    if (!ack.ok) {
      sim.errors.add(ack.error.code);
      throw new Error(`${type} refused: ${ack.error.code} ${ack.error.message}`);
    }
    return ack.version;
  };

  const early = students.filter((s) => !s.late);
  const late = students.filter((s) => s.late);
  await pool(early, options.joinConcurrency ?? 32, async (s) => {
    await s.join();
  });
  log(`${early.filter((s) => s.joined).length} joined in the lobby`);

  const joining: Promise<boolean>[] = [];
  const revealTotals = { expected: 0, received: 0, missed: 0 };
  let connectedAtEnd = 0;
  let stillDown = 0;
  try {
    await command('start');
    for (let index = 0; index < questionCount; index += 1) {
      await command('open');
      options.onQuestionOpen?.(index);
      if (index === 0) {
        // Late joiners arrive while the first question is open, and answer it.
        for (const s of late) {
          joining.push(sleep(setup.randomSample() * (sim.thinkMs[1] / 2)).then(() => s.join()));
        }
      }
      const answered = within(
        Promise.all([...joining, ...students.map((s) => s.done[index]!.promise)]),
        sim.stepTimeoutMs,
      );
      if (!(await answered)) {
        const stalled = students.filter((s) => s.joined && !s.done[index]!.done).length;
        sim.errors.add('STALLED', stalled);
        log(`question ${index}: ${stalled} students still answering at the timeout`);
      }

      const pending = new Set(students.filter((s) => s.connected));
      const all = deferred();
      const reveal = {
        index,
        sentAt: performance.now(),
        ackAt: null as number | null,
        arrivals: [] as number[],
        pending,
        all,
      };
      sim.reveal = reveal;
      await command('reveal');
      reveal.ackAt = performance.now();
      sim.revealAck.push(reveal.ackAt - reveal.sentAt);
      if (pending.size > 0) await within(all.promise, sim.stepTimeoutMs);
      const expected = reveal.arrivals.length + pending.size;
      if (pending.size > 0) sim.errors.add('REVEAL_MISSED', pending.size);
      for (const at of reveal.arrivals) {
        sim.fanOut.push(at - reveal.sentAt);
        sim.fanOutFromAck.push(Math.max(0, at - reveal.ackAt));
      }
      revealTotals.expected += expected;
      revealTotals.received += reveal.arrivals.length;
      revealTotals.missed += pending.size;
      sim.reveal = null;
      const fan = percentiles(reveal.arrivals.map((at) => at - reveal.sentAt));
      log(
        `question ${index}: revealed to ${reveal.arrivals.length}/${expected}, ` +
          `fan-out p99 ${fan.p99} ms, max ${fan.max} ms; ` +
          `answer ack p99 ${percentiles(sim.answerAckMsOf[index] ?? []).p99} ms`,
      );
      await command('next');
    }
    await command('end');
  } finally {
    await Promise.allSettled(joining);
    connectedAtEnd = students.filter((s) => s.connected).length;
    stillDown = students.filter((s) => s.lostAt !== null).length;
    for (const s of students) s.socket?.disconnect();
    instructor.disconnect();
    projector.disconnect();
  }
  const server = sampler?.stop() ?? null;
  const durationMs = Math.round(performance.now() - startedAt);

  // What the database holds: one row per student and question (the counted answer).
  const stored = await storedAnswers(sim, options.databaseUrl);
  const storedBy = new Map(stored.map((a) => [`${a.playerId}:${a.questionIndex}`, a.answerId]));
  // The stored answer must be the last acknowledged one, or one sent after it whose
  // acknowledgement was lost (the server applied it; the last answer counts, SPEC A4).
  let counted = 0;
  let found = 0;
  const sentIds = new Set<string>();
  for (const s of students) {
    for (const ids of s.sentIds.values()) for (const id of ids) sentIds.add(id);
    for (const [index, answerId] of s.finalAnswer) {
      counted += 1;
      const ids = s.sentIds.get(index) ?? [];
      const storedId = storedBy.get(`${s.playerId}:${index}`);
      if (storedId !== undefined && ids.indexOf(storedId) >= ids.indexOf(answerId)) found += 1;
    }
  }
  const unexpected = stored.filter((a) => !sentIds.has(a.answerId)).length;

  clearInterval(simTimer);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    url: options.url,
    code: sim.code,
    seed,
    questions: questionCount,
    durationMs,
    students: {
      requested: options.students,
      joined: students.filter((s) => s.joined).length,
      late: late.filter((s) => s.joined).length,
      dropped: sim.dropped,
      rejoined: sim.rejoined,
      connectedAtEnd,
    },
    answers: {
      sent: sim.sent,
      acknowledged: sim.acknowledged,
      refused: sim.refused,
      unacknowledged: sim.unacknowledged,
      retries: sim.retries,
      counted,
      stored: found,
      lost: counted - found,
      unexpected,
      right: sim.kinds.counts.right ?? 0,
      wrong: sim.kinds.counts.wrong ?? 0,
      misconception: sim.kinds.counts.misconception ?? 0,
      changedMind: sim.changedMind,
    },
    reveals: { count: questionCount, ...revealTotals },
    revealFanOutMs: percentiles(sim.fanOut),
    revealFanOutFromAckMs: percentiles(sim.fanOutFromAck),
    revealAckMs: percentiles(sim.revealAck),
    answerAckMs: percentiles(sim.answerAckMs),
    errors: sim.errors.counts,
    leaks: sim.leaks,
    outages: {
      count: sim.outageMs.length + stillDown,
      backMs: percentiles(sim.outageMs),
      stillDown,
    },
    viewsReceived: {
      students: sim.studentViews,
      instructor: instructorViewCount,
      projector: projectorViews,
    },
    server,
    simulator: {
      peakRssMb: Math.round(simPeakRss / 104857.6) / 10,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 10_000) / 100,
    },
  };
}

interface StoredRow {
  answerId: string;
  playerId: string;
  questionIndex: number;
}

async function storedAnswers(sim: Simulation, databaseUrl?: string): Promise<StoredRow[]> {
  if (!databaseUrl) {
    const results = await sim.trpc.lesson.results.query({ code: sim.code, secret: sim.secret });
    return results.answers;
  }
  const db = createDb(databaseUrl);
  try {
    return await db.client.answer.findMany({
      where: { lesson: { code: sim.code } },
      select: { answerId: true, playerId: true, questionIndex: true },
    });
  } finally {
    await db.close();
  }
}
