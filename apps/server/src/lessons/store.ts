// The lesson store port: the event log plus the report tables derived from it. One append
// writes the envelope and its derived rows in one transaction; a reveal's answers and scores may
// instead follow it through `project` (runner.ts says when, and how a lost one is redone).
import type { LessonSettings, StoredAnswer } from '@backprop/contract';
import type { Envelope, LessonEvent } from '@backprop/lesson';

export interface LessonRecord {
  id: string;
  code: string;
  settings: LessonSettings;
  instructorSecretHash: string;
  cohostTokenHash: string;
  createdAt: number;
  finishedAt: number | null;
  /** The signed-in instructor who created it; absent or null on the quick "teach now" path. */
  ownerId?: string | null;
  /** Seeds the choice option order (lesson SPEC Q2); never sent to a client. "" for older lessons. */
  choiceSalt: string;
}

export interface PlayerRow {
  playerId: string;
  nickname: string;
  nicknameKey: string;
  tokenHash: string;
  joinedAt: number;
}

/** The Answer table's row: the contract's StoredAnswer without the nickname (a join away). */
export type AnswerRow = Omit<StoredAnswer, 'nickname'>;

export interface ScoreRow {
  playerId: string;
  score: number;
  streak: number;
}

/** One log entry: the envelope appended as `seq`. */
export interface LogEntry {
  seq: number;
  envelope: Envelope;
}

/** What one accepted command writes besides its log entry. */
export interface DerivedRows {
  players: PlayerRow[];
  answers: AnswerRow[];
  scores: ScoreRow[];
  finishedAt: number | null;
}

/** What a batch of answers and joins writes besides its log entries. */
export type BatchRows = Pick<DerivedRows, 'players' | 'scores'>;

/** The rows a reveal implies: thousands for a large class, all derivable again from the log. */
export type Projection = Pick<DerivedRows, 'answers' | 'scores'>;

/** Another writer appended this seq first (the (lessonId, seq) key): reload and retry. */
export class VersionConflictError extends Error {
  constructor(
    readonly lessonId: string,
    readonly seq: number,
  ) {
    super(`lesson ${lessonId} already has command ${seq}`);
    this.name = 'VersionConflictError';
  }
}
/** Two creations drew the same join code. */
export class CodeTakenError extends Error {
  constructor(readonly code: string) {
    super(`join code ${code} is taken`);
    this.name = 'CodeTakenError';
  }
}
/** The nickname is already used in this lesson (case-insensitive). */
export class NicknameTakenError extends Error {
  constructor(readonly nicknameKey: string) {
    super(`nickname ${nicknameKey} is taken`);
    this.name = 'NicknameTakenError';
  }
}

export interface LessonStore {
  /** Throws CodeTakenError when the code is in use. */
  createLesson(record: LessonRecord): Promise<void>;
  findLessonByCode(code: string): Promise<LessonRecord | null>;
  /** With `activeSince`, only those created or with a command appended since then (epoch ms). */
  unfinishedLessons(activeSince?: number): Promise<LessonRecord[]>;
  /** The log in seq order; with `afterSeq`, only the entries after it (the tail). */
  loadLog(lessonId: string, afterSeq?: number): Promise<Envelope[]>;
  /**
   * Appends the envelope as `seq` and writes the derived rows, all or nothing. Throws
   * VersionConflictError or NicknameTakenError (then nothing is written).
   */
  append(lessonId: string, seq: number, envelope: Envelope, rows: DerivedRows): Promise<void>;
  /**
   * Appends consecutive entries (answers and joins) as their `seq`s, with the joins' players and
   * scores, all or nothing. Throws VersionConflictError when a `seq` is taken, NicknameTakenError
   * when a nickname key is (then nothing is written).
   */
  appendMany(lessonId: string, entries: readonly LogEntry[], rows: BatchRows): Promise<void>;
  /** Writes answers and scores derived from entries already in the log; idempotent. */
  project(lessonId: string, rows: Projection): Promise<void>;
  answers(lessonId: string): Promise<AnswerRow[]>;
  scores(lessonId: string): Promise<ScoreRow[]>;
  players(lessonId: string): Promise<PlayerRow[]>;
}

export const hasDerivedRows = (rows: DerivedRows): boolean =>
  rows.players.length > 0 ||
  rows.answers.length > 0 ||
  rows.scores.length > 0 ||
  rows.finishedAt !== null;

/** The rows an accepted command's events imply. */
export function derivedRows(envelope: Envelope, events: readonly LessonEvent[]): DerivedRows {
  const rows: DerivedRows = { players: [], answers: [], scores: [], finishedAt: null };
  const command = envelope.command;
  for (const event of events) {
    if (event.type === 'playerJoined') {
      if (command.type !== 'join') continue;
      rows.players.push({
        playerId: event.playerId,
        nickname: event.nickname,
        nicknameKey: command.nicknameKey ?? nicknameKey(event.nickname),
        tokenHash: command.tokenHash,
        joinedAt: envelope.at,
      });
      rows.scores.push({ playerId: event.playerId, score: 0, streak: 0 });
    } else if (event.type === 'questionRevealed') {
      for (const s of event.scores) {
        rows.answers.push({
          answerId: s.answerId,
          playerId: s.playerId,
          step: event.question.step,
          questionIndex: event.question.index,
          quantity: s.quantity,
          value: s.value,
          submittedAt: s.submittedAt,
          correct: s.correct,
          credit: s.credit,
          points: s.points,
          misconceptionId: s.misconceptionId,
        });
        rows.scores.push({ playerId: s.playerId, score: s.totalScore, streak: s.streak });
      }
    } else if (event.type === 'finished') {
      rows.finishedAt = envelope.at;
    }
  }
  return rows;
}

/** The key of a join logged before keys were computed by services/names.ts (lower case). */
export const nicknameKey = (nickname: string): string => nickname.trim().toLowerCase();
