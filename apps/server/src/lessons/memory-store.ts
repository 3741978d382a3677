// The store's in-memory twin, for unit tests of the runner: same contract, no database.
import type { Envelope } from '@backprop/lesson';
import {
  type AnswerRow,
  type BatchRows,
  CodeTakenError,
  type DerivedRows,
  type LessonRecord,
  type LessonStore,
  type LogEntry,
  NicknameTakenError,
  type PlayerRow,
  type Projection,
  type ScoreRow,
  VersionConflictError,
} from './store';

interface Stored {
  record: LessonRecord;
  log: Envelope[];
  players: Map<string, PlayerRow>;
  answers: Map<string, AnswerRow>;
  scores: Map<string, ScoreRow>;
}

export interface MemoryLessonStore extends LessonStore {
  /** Appends so far (tests count writes). */
  appends: number;
  /** Every lesson with how many students joined it (the accounts twin reads these). */
  all(): { record: LessonRecord; players: number }[];
}

export function createMemoryStore(): MemoryLessonStore {
  const lessons = new Map<string, Stored>();
  const byId = (id: string): Stored => {
    const stored = [...lessons.values()].find((s) => s.record.id === id);
    if (!stored) throw new Error(`no lesson ${id}`);
    return stored;
  };
  const clone = <T>(value: T): T => structuredClone(value);
  const store: MemoryLessonStore = {
    appends: 0,
    all: () =>
      [...lessons.values()].map((s) => ({ record: clone(s.record), players: s.players.size })),
    async createLesson(record: LessonRecord) {
      if (lessons.has(record.code)) throw new CodeTakenError(record.code);
      lessons.set(record.code, {
        record: clone(record),
        log: [],
        players: new Map(),
        answers: new Map(),
        scores: new Map(),
      });
    },
    async findLessonByCode(code: string) {
      const stored = lessons.get(code);
      return stored ? clone(stored.record) : null;
    },
    async unfinishedLessons(activeSince?: number) {
      const since = activeSince ?? Number.NEGATIVE_INFINITY;
      return [...lessons.values()]
        .filter((s) => s.record.finishedAt === null)
        .filter((s) => s.record.createdAt >= since || s.log.some((entry) => entry.at >= since))
        .map((s) => clone(s.record));
    },
    async loadLog(lessonId: string, afterSeq = 0) {
      return clone(byId(lessonId).log.slice(afterSeq));
    },
    async appendMany(lessonId: string, entries: readonly LogEntry[], rows: BatchRows) {
      const stored = byId(lessonId);
      if (entries.some((e, i) => e.seq !== stored.log.length + 1 + i)) {
        throw new VersionConflictError(lessonId, entries[0]?.seq ?? 0);
      }
      const taken = new Set([...stored.players.values()].map((p) => p.nicknameKey));
      for (const p of rows.players) {
        if (taken.has(p.nicknameKey)) throw new NicknameTakenError(p.nicknameKey);
        taken.add(p.nicknameKey);
      }
      for (const e of entries) stored.log.push(clone(e.envelope));
      for (const p of rows.players) stored.players.set(p.playerId, clone(p));
      for (const s of rows.scores) stored.scores.set(s.playerId, clone(s));
      store.appends += 1;
    },
    async append(lessonId: string, seq: number, envelope: Envelope, rows: DerivedRows) {
      const stored = byId(lessonId);
      if (stored.log.length >= seq) throw new VersionConflictError(lessonId, seq);
      for (const p of rows.players) {
        if ([...stored.players.values()].some((q) => q.nicknameKey === p.nicknameKey)) {
          throw new NicknameTakenError(p.nicknameKey);
        }
      }
      stored.log.push(clone(envelope));
      for (const p of rows.players) stored.players.set(p.playerId, clone(p));
      keepAnswers(stored.answers, rows.answers);
      for (const s of rows.scores) stored.scores.set(s.playerId, clone(s));
      if (rows.finishedAt !== null) stored.record.finishedAt = rows.finishedAt;
      store.appends += 1;
    },
    async project(lessonId: string, rows: Projection) {
      const stored = byId(lessonId);
      keepAnswers(stored.answers, rows.answers);
      for (const s of rows.scores) stored.scores.set(s.playerId, clone(s));
    },
    async answers(lessonId: string) {
      return clone([...byId(lessonId).answers.values()]);
    },
    async scores(lessonId: string) {
      return clone([...byId(lessonId).scores.values()]);
    },
    async players(lessonId: string) {
      return clone([...byId(lessonId).players.values()]);
    },
  };
  return store;
}

/**
 * As the Answer table's two keys do (answer id; student and question): an answer already stored
 * is kept, the new one dropped (a reveal's rows written again, RN6/RN12). Scores are replaced.
 */
function keepAnswers(stored: Map<string, AnswerRow>, answers: readonly AnswerRow[]): void {
  const slot = (a: AnswerRow) => `${a.playerId}:${a.step}:${a.questionIndex}`;
  const taken = new Set([...stored.values()].map(slot));
  for (const a of answers) {
    if (stored.has(a.answerId) || taken.has(slot(a))) continue;
    stored.set(a.answerId, structuredClone(a));
    taken.add(slot(a));
  }
}
