/** Points at a reveal, and standings. The formulas are SPEC.md's [S1]-[S5]. */
import type { PlayerStanding } from '@backprop/contract';
import {
  type LessonState,
  type Player,
  playerIds,
  playerOf,
  type SubmittedAnswer,
} from './state.ts';

export const POINTS = {
  /** [S1] Points for a fully right answer; partial credit gets its share. */
  correct: 1000,
  /** [S2] Most a speed bonus can add (answering at the very start of the timer). */
  speed: 500,
  /** [S3] Per question of streak beyond the first, up to `streakCap` of them. */
  streak: 100,
  streakCap: 5,
} as const;

export interface PointsBreakdown {
  base: number;
  speed: number;
  streakBonus: number;
  points: number;
  /** The streak after this question. */
  streak: number;
}

/** [S1]-[S3] The points of one answer, given the student's streak before this question. */
export function pointsFor(
  state: LessonState,
  answer: SubmittedAnswer,
  streakBefore: number,
): PointsBreakdown {
  const { scoring, timerSeconds } = state.settings;
  const { correct, credit } = answer.grade;
  const base = Math.round(POINTS.correct * credit);
  const timerMs = timerSeconds === null ? null : timerSeconds * 1000;
  const speed =
    scoring.speedBonus && correct && timerMs !== null && answer.remainingMs !== null
      ? Math.round((POINTS.speed * Math.min(Math.max(answer.remainingMs, 0), timerMs)) / timerMs)
      : 0;
  const streak = correct ? streakBefore + 1 : 0;
  const streakBonus =
    scoring.streakBonus && correct ? POINTS.streak * Math.min(streak - 1, POINTS.streakCap) : 0;
  return { base, speed, streakBonus, points: base + speed + streakBonus, streak };
}

/**
 * [S5] Every student who is not kicked, best first (ties in join order); equal scores share a
 * rank: 1 + the number of students with a higher score. Cached per `players` record: states are
 * immutable, the record (with `playerOrder`) is replaced only when a student joins, is kicked,
 * let back in or scored, and the server computes a view after every answer and one per student
 * after each change.
 */
const cache = new WeakMap<LessonState['players'], PlayerStanding[]>();

export function standings(state: LessonState): PlayerStanding[] {
  let list = cache.get(state.players);
  if (list) return list;
  const active: Player[] = [];
  for (const id of playerIds(state)) {
    const p = playerOf(state, id);
    if (p && !p.kicked) active.push(p);
  }
  list = active
    .map((p, order) => ({ p, order }))
    .sort((a, b) => b.p.score - a.p.score || a.order - b.order)
    .map(({ p }) => standingFor(state, p));
  cache.set(state.players, list);
  return list;
}

function standingOf(p: Player, rank: number): PlayerStanding {
  return { playerId: p.playerId, nickname: p.nickname, score: p.score, rank, streak: p.streak };
}

/** Any player's standing, a kicked one's included (ranked against the students still in). */
export function standingFor(state: LessonState, p: Player): PlayerStanding {
  return standingOf(p, rankFor(state, p));
}

/**
 * Any player's rank, a kicked one's included (ranked against the students still in): 1 + how
 * many of `rankedScores` are higher, by binary search. Each (re)connecting or answering student's
 * view needs theirs, so it must not cost a sort of the class after every join.
 */
export function rankFor(state: LessonState, p: Player): number {
  return 1 + countAbove(state.rankedScores, p.score);
}

/** How many of `ranked` (highest first) are above `score`. */
function countAbove(ranked: readonly number[], score: number): number {
  let lo = 0;
  let hi = ranked.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranked[mid]! > score) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [S5] `rankedScores` of these scores: the ones above 0, highest first. */
export function rankScores(scores: Iterable<number>): number[] {
  const ranked: number[] = [];
  for (const score of scores) if (score > 0) ranked.push(score);
  return ranked.sort((a, b) => b - a);
}

/** `ranked` with one `score` put in (a readmitted student's): a copy, in order. */
export function withScore(ranked: readonly number[], score: number): number[] {
  if (score <= 0) return ranked as number[];
  const at = countAbove(ranked, score);
  return [...ranked.slice(0, at), score, ...ranked.slice(at)];
}

/** `ranked` with one `score` taken out (a kicked student's): a copy, in order. */
export function withoutScore(ranked: readonly number[], score: number): number[] {
  if (score <= 0) return ranked as number[];
  const at = countAbove(ranked, score);
  return ranked[at] === score
    ? [...ranked.slice(0, at), ...ranked.slice(at + 1)]
    : (ranked as number[]);
}

/** [V5] The top ten. */
export const LEADERBOARD_SIZE = 10;
