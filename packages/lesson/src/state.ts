/**
 * The lesson's state: plain JSON data (no classes, typed arrays, Maps or undefined-valued
 * fields), so the server can log it, compare it and rebuild it by replaying the envelopes.
 * Everything derived from the numbers of a step (truth, misconceptions, options) is computed once
 * when a question is shown and kept here, so answers and views never recompute a trace.
 */
import {
  type AnswerValue,
  DEFAULT_DISPLAY_OPTIONS,
  type DisplayOptions,
  type LessonPhase,
  type LessonSettings,
  type QuestionKey,
  type QuestionSpec,
  type QuestionStatus,
} from '@backprop/contract';
import { initParams, type StepTrace, type Value } from '@backprop/mlp-core';
import type { CreateLessonInput } from './api.ts';
import { NO_SHARDS, ROSTER_BUCKETS, type Shards, shardGet } from './shards.ts';

/** mlp-core's Params with number[] instead of Float64Array: JSON round-trips doubles exactly. */
export interface ParamsData {
  hidden: number;
  W1: number[];
  W2: number[];
  b1: number[] | null;
  b2: number[] | null;
}

export interface Player {
  playerId: string;
  nickname: string;
  /** [L1] What uniqueness compares: the server's look-alike key (absent in older logs). */
  nicknameKey?: string;
  tokenHash: string;
  kicked: boolean;
  score: number;
  streak: number;
  joinedAt: number;
  /** state.version when the join was accepted: a question closed before it does not count (L3). */
  joinedVersion: number;
}

/** A misconception of the current question, as mlp-core names it. */
export interface QuestionMisconception {
  id: string;
  label: string;
  hint: string;
  value: Value;
}

export interface ChoiceOptionData {
  value: Value;
  misconception: string | null;
  kind: 'truth' | 'misconception' | 'generic';
}

/** How one accepted answer grades; computed when it is accepted (the truth is fixed by then). */
export interface AnswerGrade {
  correct: boolean;
  credit: number;
  misconceptionId: string | null;
  /** Row-major, one per entry of the quantity. */
  entryCorrect: boolean[];
  /** Row-major: 'correct', a misconception id, or 'other' (the instructor's distribution). */
  entryClass: string[];
}

export interface SubmittedAnswer {
  answerId: string;
  value: AnswerValue;
  at: number;
  /** Timer milliseconds left when it was submitted; null without a timer. */
  remainingMs: number | null;
  grade: AnswerGrade;
}

/** The points a student got at a reveal (their view's myResult). */
export interface ScoredAnswer {
  points: number;
  totalScore: number;
  streak: number;
}

export interface QuestionState {
  key: QuestionKey;
  spec: QuestionSpec;
  status: QuestionStatus;
  /** Epoch ms when the timer runs out; null without a timer, while paused, or once closed. */
  deadline: number | null;
  /** Timer milliseconds left while paused. */
  remainingMs: number | null;
  /** state.version of the command that closed answers (lock, expire, reveal, all answered). */
  closedVersion: number | null;
  truth: Value;
  misconceptions: QuestionMisconception[];
  options: ChoiceOptionData[] | null;
  correctIndex: number | null;
  /** Each student's last accepted answer, by playerId. */
  answers: Shards<SubmittedAnswer>;
  /** How many students have an answer in `answers` (kicked ones included). */
  answerCount: number;
  /** Every answerId accepted for this question: who sent it and what (JSON), for idempotency. */
  answerIds: Shards<{ playerId: string; value: string }>;
  /** Filled at the reveal, by playerId. */
  scored: Record<string, ScoredAnswer> | null;
}

/** [D3] Answers on the big screen, copied when the instructor chose them (the names left behind). */
export interface SnapshotState {
  source: 'answer' | 'slip';
  question: QuestionKey;
  misconceptionId: string | null;
  /** In a stable order that says nothing about who (sorted by value). */
  answers: { value: Value; entryCorrect: boolean[] }[];
}

export interface LessonState {
  /** Number of accepted commands. */
  version: number;
  /** [C5] Accepted instructor commands that move the lesson (not display, snapshots, kick, readmit). */
  instructorVersion: number;
  /** [D1] The projectors' display options. */
  display: DisplayOptions;
  snapshot: SnapshotState | null;
  code: string;
  settings: LessonSettings;
  createdAt: number;
  /** [Q2] What seeds the choice option order: the creation's secret salt and the code. Never in a view. */
  choiceKey: string;
  phase: LessonPhase;
  paused: boolean;
  /** Training steps taken (quizzed and fast-forwarded); the current step's index while quizzing. */
  step: number;
  /** [Q9] Quizzed steps begun, from 1 (0 in the lobby): the step number a teacher says. */
  quizStep: number;
  /** Data row of the current step's batch (kept modulo n). */
  offset: number;
  params: ParamsData;
  /** The quizzed step's trace: the current one in 'question', the completed one afterwards. */
  trace: StepTrace | null;
  /** Position in settings.questions of the current question. */
  questionIndex: number;
  question: QuestionState | null;
  /**
   * By playerId, in hash buckets (shards.ts) so that a join copies one bucket, not every player
   * (read with `playerOf`).
   */
  players: Shards<Player>;
  /**
   * [L6] The join order (ties in standings) in chunks of ORDER_CHUNK ids, so that a join copies
   * the last chunk and the list of chunks instead of every id (read with `playerIds`).
   */
  playerOrder: string[][];
  /**
   * [L1] Every nickname key taken (kicked players' too) to its playerId, in hash buckets: a join
   * checks uniqueness in O(1) instead of comparing every player's key, so replaying N joins is
   * linear. Derived from the joins alone, so a replay builds the same shape (C4).
   */
  nicknameKeys: Shards<string>;
  /**
   * [L6] Every player token's hash to its playerId, in hash buckets: a (re)connecting student is
   * found in O(1), not by comparing every player's hash (5,000 handshakes at once after a server
   * process dies). Derived from the joins alone, like `nicknameKeys`.
   */
  tokenHashes: Shards<string>;
  /** [L6] Joined and not kicked, kept as students join, are kicked and readmitted: read in O(1). */
  activeTotal: number;
  /** [L4] The kicked students' ids, in the order they were kicked (usually none). */
  kickedIds: string[];
  /**
   * [S5] The scores above 0 of the students still in, highest first: a rank is 1 + how many are
   * higher, found by binary search (`rankFor`). A join (score 0) leaves it as it is, so the
   * joiner's view costs no sort of the class; a reveal, a kick and a readmit replace it.
   */
  rankedScores: number[];
  /**
   * [A6] Every answerId each student had accepted, with its question ("step:index"): per student
   * (roster buckets), then per answerId. A retry that arrives after its question moved on (a
   * reconnect) is recognised as already counted. Per student, so recording an answer copies that
   * student's few ids, not a share of every answer of the lesson (students × questions: at 5,000
   * students a flat record's buckets reached hundreds of keys, 16 µs and more per answer).
   */
  answerIds: Shards<Record<string, string>>;
  /** [T1][T2] The last fast-forward's loss and accuracy over the whole data; `stalled` per T2. */
  training: { lastLoss: number | null; lastAccuracy: number | null; stalled: boolean };
}

export function paramsToData(p: {
  hidden: number;
  W1: ArrayLike<number>;
  W2: ArrayLike<number>;
  b1: ArrayLike<number> | null;
  b2: ArrayLike<number> | null;
}): ParamsData {
  return {
    hidden: p.hidden,
    W1: Array.from(p.W1),
    W2: Array.from(p.W2),
    b1: p.b1 ? Array.from(p.b1) : null,
    b2: p.b2 ? Array.from(p.b2) : null,
  };
}

/** [Q1] A new lesson: lobby, step 0, the weights of the settings' seed, data offset 0. */
export function createLesson(input: CreateLessonInput): LessonState {
  return {
    version: 0,
    instructorVersion: 0,
    display: DEFAULT_DISPLAY_OPTIONS,
    snapshot: null,
    code: input.code,
    settings: input.settings,
    createdAt: input.createdAt,
    choiceKey: input.choiceSalt ? `${input.choiceSalt}:${input.code}` : input.code,
    phase: 'lobby',
    paused: false,
    step: 0,
    quizStep: 0,
    offset: 0,
    params: paramsToData(initParams(input.settings.network)),
    trace: null,
    questionIndex: 0,
    question: null,
    players: NO_SHARDS,
    playerOrder: [],
    nicknameKeys: NO_SHARDS,
    tokenHashes: NO_SHARDS,
    activeTotal: 0,
    kickedIds: [],
    rankedScores: [],
    answerIds: NO_SHARDS,
    training: { lastLoss: null, lastAccuracy: null, stalled: false },
  };
}

const ORDER_CHUNK = 256;

/** The join order with `playerId` appended; `order` is not changed and shares its full chunks. */
export function appendPlayerId(order: string[][], playerId: string): string[][] {
  const last = order.at(-1);
  if (!last || last.length >= ORDER_CHUNK) return [...order, [playerId]];
  return [...order.slice(0, -1), [...last, playerId]];
}

/** Every playerId in join order, flattened once per `playerOrder` (states are immutable). */
const flatOrders = new WeakMap<string[][], readonly string[]>();

export function playerIds(state: LessonState): readonly string[] {
  let ids = flatOrders.get(state.playerOrder);
  if (!ids) {
    ids = state.playerOrder.flat();
    flatOrders.set(state.playerOrder, ids);
  }
  return ids;
}

/** How many students joined (kicked ones included). */
export function playerCount(state: LessonState): number {
  const order = state.playerOrder;
  return order.length === 0 ? 0 : (order.length - 1) * ORDER_CHUNK + order.at(-1)!.length;
}

/** The player with this id, if one joined. */
export function playerOf(state: LessonState, playerId: string): Player | undefined {
  return shardGet(state.players, playerId, ROSTER_BUCKETS);
}

/** [L1] The key a nickname is unique on: the server's look-alike key, or (older logs) lower case. */
export function nicknameKeyOf(p: { nickname: string; nicknameKey?: string }): string {
  return p.nicknameKey ?? p.nickname.toLowerCase();
}

/**
 * Joined and not kicked, counted once per `players` record (it is replaced only when a student
 * joins, is kicked or let back in, or is scored, never for an answer).
 */
/** Joined and not kicked: how many students can answer. */
export function activeCount(state: LessonState): number {
  return state.activeTotal;
}

/** Joined and not kicked: the students who can answer. */
export function activePlayers(state: LessonState): Player[] {
  const out: Player[] = [];
  for (const id of playerIds(state)) {
    const p = playerOf(state, id);
    if (p && !p.kicked) out.push(p);
  }
  return out;
}
