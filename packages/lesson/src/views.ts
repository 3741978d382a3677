/**
 * What each screen sees: a pure function of the state and the viewer. Rule IDs [V1]-[V6].
 * The student's view is built from an allow-list of fields, never by deleting secrets from a
 * fuller object, so a new field cannot leak by default.
 */
import type {
  AnswerResult,
  EntryDistribution,
  InstructorView,
  LessonView,
  LiveAnswer,
  ProjectorView,
  QuestionView,
  RosterEntry,
  SnapshotView,
  StudentView,
} from '@backprop/contract';
import type { GivenName, QuantityName, Value } from '@backprop/mlp-core';
import { allowedCommands, nextAction } from './allowed.ts';
import type { Viewer } from './api.ts';
import { flatten, gradedAnswer, questionFace } from './question.ts';
import { LEADERBOARD_SIZE, rankFor, standingFor, standings } from './scoring.ts';
import { shardEntries, shardGet } from './shards.ts';
import {
  activeCount,
  type LessonState,
  type Player,
  playerIds,
  playerOf,
  type QuestionState,
} from './state.ts';

/**
 * The view of `state` for `viewer`. Student and projector views share their common parts
 * (known, question, leaderboard) between calls on the same state: treat views as read-only
 * (the instructor's roster is built per call, so the server may fill in `connected`).
 */
export function viewFor(state: LessonState, viewer: Viewer): LessonView {
  switch (viewer.role) {
    case 'student':
      return studentView(state, viewer.playerId);
    case 'instructor':
      return instructorView(state);
    case 'projector':
      return projectorView(state);
  }
}

/** [V1] Givens of the step, the quantities before the current one, the current one once revealed. */
export function knownValues(state: LessonState): ViewBaseKnown {
  const trace = state.trace;
  if (!trace) return {};
  const known: ViewBaseKnown = {};
  for (const [name, v] of Object.entries(trace.givens)) {
    if (v) known[name as GivenName] = v;
  }
  const q = state.question;
  const everything = state.phase === 'stepDone' || state.phase === 'finished';
  for (const e of trace.entries) {
    if (!everything) {
      if (!q) break;
      if (e.name === q.spec.quantity) {
        if (q.status === 'revealed') known[e.name] = e.value;
        break;
      }
    }
    known[e.name] = e.value;
  }
  return known;
}
type ViewBaseKnown = Partial<Record<GivenName | QuantityName, Value>>;

/** Students who answered and are not kicked: every answer, less the kicked students' ones. */
function answeredCount(state: LessonState, q: QuestionState): number {
  let n = q.answerCount;
  for (const id of state.kickedIds) if (shardGet(q.answers, id)) n--;
  return n;
}

function questionView(state: LessonState, withTruth: boolean): QuestionView | null {
  const q = state.question;
  if (state.phase !== 'question' || !q || !state.trace) return null;
  return {
    key: q.key,
    ...questionFace(state.settings, state.trace, q),
    status: q.status,
    deadline: q.deadline,
    remainingMs: q.remainingMs,
    truth: withTruth || q.status === 'revealed' ? q.truth : null,
    answeredCount: answeredCount(state, q),
    activeCount: activeCount(state),
  };
}

/** [V5] After a reveal, between steps and at the end. */
function leaderboard(state: LessonState) {
  const shows =
    state.phase === 'stepDone' ||
    state.phase === 'finished' ||
    (state.phase === 'question' && state.question?.status === 'revealed');
  return shows ? standings(state).slice(0, LEADERBOARD_SIZE) : [];
}

type ViewBase = Omit<StudentView, 'kind' | 'me' | 'myAnswer' | 'myResult'>;
/**
 * The part of a view every student shares (and the instructor's, with the truth), computed once
 * per state: after each change the server builds one view per student, up to 2,000 of them.
 */
const baseCache = new WeakMap<LessonState, { shared?: ViewBase; withTruth?: ViewBase }>();

function base(state: LessonState, withTruth: boolean): ViewBase {
  let entry = baseCache.get(state);
  if (!entry) {
    entry = {};
    baseCache.set(state, entry);
  }
  const slot = withTruth ? 'withTruth' : 'shared';
  entry[slot] ??= computeBase(state, withTruth);
  return entry[slot];
}

function computeBase(state: LessonState, withTruth: boolean): ViewBase {
  return {
    version: state.version,
    code: state.code,
    phase: state.phase,
    paused: state.paused,
    step: state.step,
    quizStep: state.quizStep,
    training: { ...state.training, bias: state.settings.network.bias },
    questionIndex: state.questionIndex,
    questionCount: state.settings.questions.length,
    known: knownValues(state),
    question: questionView(state, withTruth),
    playerCount: activeCount(state),
    leaderboard: leaderboard(state),
  };
}

type StudentOwn = Pick<StudentView, 'me' | 'myAnswer' | 'myResult'>;

/** [V2] Own answer and result only; the truth only once revealed. */
function studentView(state: LessonState, playerId: string): StudentView {
  return { kind: 'student', ...base(state, false), ...studentOwn(state, playerId) };
}

/** The part of a student's view that is theirs alone. */
function studentOwn(state: LessonState, playerId: string): StudentOwn {
  const p = playerOf(state, playerId);
  if (!p) throw new RangeError(`no player ${playerId} in lesson ${state.code}`);
  const q = state.phase === 'question' ? state.question : null;
  return {
    me: { ...standingFor(state, p), kicked: p.kicked },
    myAnswer: myAnswerOf(state, playerId),
    myResult: q && q.status === 'revealed' ? resultOf(q, p) : null,
  };
}

/**
 * [V2] The student's stored answer to the current question, as their view shows it (the server
 * also returns it with an answer's acknowledgement, instead of sending that student a view).
 */
export function myAnswerOf(state: LessonState, playerId: string): StudentView['myAnswer'] {
  const q = state.phase === 'question' ? state.question : null;
  const mine = q ? shardGet(q.answers, playerId) : undefined;
  return mine ? { answerId: mine.answerId, value: mine.value, at: mine.at } : null;
}

/** The shared part's JSON members (`"version":…,"leaderboard":[…]`), encoded once per state. */
const sharedJsonCache = new WeakMap<LessonState, string>();

/**
 * [V2] The student's view as JSON text, equal to `JSON.stringify(viewFor(state, student))` up to
 * the order of its members. The part every student shares is encoded once per state and only
 * the student's own part per call: after a reveal the server sends 2,000 of these.
 */
export function studentViewJson(state: LessonState, playerId: string): string {
  let shared = sharedJsonCache.get(state);
  if (shared === undefined) {
    shared = JSON.stringify(base(state, false)).slice(1, -1);
    sharedJsonCache.set(state, shared);
  }
  const own = JSON.stringify(studentOwn(state, playerId)).slice(1);
  return `{"kind":"student",${shared},${own}`;
}

/** [M2] The student's graded answer at a reveal (null when they did not answer); [M3] with its hint. */
function resultOf(q: QuestionState, p: Player): AnswerResult | null {
  const a = shardGet(q.answers, p.playerId);
  const scored = q.scored?.[p.playerId];
  if (!a || !scored) return null;
  return {
    ...gradedAnswer(q, a.value, a.grade, { truth: true, hints: true }),
    points: scored.points,
  };
}

/** [V4] Per entry: right, each misconception, other; no names. Kicked students' answers are left out. */
function distributionOf(
  state: LessonState,
  q: QuestionState,
): { distribution: EntryDistribution[]; misconceptionLabels: Record<string, string> } {
  const cols = typeof q.truth === 'number' ? 1 : (q.truth[0]?.length ?? 1);
  const distribution: EntryDistribution[] = flatten(q.truth).map((_, i) => ({
    row: Math.floor(i / cols),
    col: i % cols,
    correct: 0,
    misconceptions: {},
    other: 0,
  }));
  for (const [id, answer] of shardEntries(q.answers)) {
    if (playerOf(state, id)?.kicked) continue;
    answer.grade.entryClass.forEach((cls, i) => {
      const d = distribution[i]!;
      if (cls === 'correct') d.correct++;
      else if (cls === 'other') d.other++;
      else d.misconceptions[cls] = (d.misconceptions[cls] ?? 0) + 1;
    });
  }
  const misconceptionLabels: Record<string, string> = {};
  // Ids repeat when a slip is carried forward from an earlier brick (ACTIVATION_FORGOTTEN at h2
  // and at h1): keep the first, the nearest origin, which is the label the student is shown.
  for (const m of q.misconceptions) misconceptionLabels[m.id] ??= m.label;
  return { distribution, misconceptionLabels };
}

/** [V7] Each active student's current answer to the question, with its grade. */
function liveAnswers(state: LessonState, q: QuestionState): LiveAnswer[] {
  const out: LiveAnswer[] = [];
  for (const id of playerIds(state)) {
    const p = playerOf(state, id)!;
    const a = p.kicked ? undefined : shardGet(q.answers, id);
    if (!a) continue;
    out.push({
      playerId: id,
      nickname: p.nickname,
      value: a.value,
      correct: a.grade.correct,
      credit: a.grade.credit,
      misconceptionId: a.grade.misconceptionId,
      at: a.at,
    });
  }
  return out;
}

/**
 * [D3] The snapshot as a screen shows it: the values without who gave them; `masked` (the
 * projector before the reveal) puts null in place of every right entry.
 */
function snapshotView(state: LessonState, masked: boolean): SnapshotView | null {
  const s = state.snapshot;
  const q = state.question;
  if (!s || !q) return null;
  const hide = masked && q.status !== 'revealed';
  const label = s.misconceptionId
    ? (q.misconceptions.find((m) => m.id === s.misconceptionId)?.label ?? s.misconceptionId)
    : null;
  return {
    source: s.source,
    question: s.question,
    quantity: q.spec.quantity,
    mode: q.spec.mode,
    misconception: s.misconceptionId && label ? { id: s.misconceptionId, label } : null,
    values: s.answers.map(({ value, entryCorrect }) => {
      if (typeof value === 'number') return hide && entryCorrect[0] ? null : value;
      const cols = value[0]?.length ?? 0;
      return value.map((row, r) =>
        row.map((x, c) => (hide && entryCorrect[r * cols + c] ? null : x)),
      );
    }),
  };
}

/** [V3] Everything but names in the distribution; the truth always. */
function instructorView(state: LessonState): InstructorView {
  const q = state.phase === 'question' ? state.question : null;
  const dist =
    q && q.status !== 'shown'
      ? distributionOf(state, q)
      : { distribution: [], misconceptionLabels: {} };
  // Written field by field (no spread of a standing): at 5,000 students this view is rebuilt
  // about once a second while answers arrive.
  const roster: RosterEntry[] = playerIds(state).map((id) => {
    const p = playerOf(state, id)!;
    return {
      playerId: p.playerId,
      nickname: p.nickname,
      score: p.score,
      rank: rankFor(state, p),
      streak: p.streak,
      kicked: p.kicked,
      connected: false, // the server knows the sockets
      answered: q ? shardGet(q.answers, id) !== undefined : false,
    };
  });
  return {
    kind: 'instructor',
    ...base(state, true),
    ...dist,
    roster,
    instructorVersion: state.instructorVersion,
    allowed: allowedCommands(state),
    nextAction: nextAction(state),
    display: state.display,
    answers: q && q.status !== 'shown' ? liveAnswers(state, q) : [],
    snapshot: snapshotView(state, false),
  };
}

/** [V6] The big screen: no truth and no distribution before the reveal; nicknames only. */
function projectorView(state: LessonState): ProjectorView {
  const q = state.phase === 'question' ? state.question : null;
  const dist =
    q && q.status === 'revealed'
      ? distributionOf(state, q)
      : { distribution: [], misconceptionLabels: {} };
  const nicknames = playerIds(state)
    .map((id) => playerOf(state, id)!)
    .filter((p) => !p.kicked)
    .map((p) => p.nickname);
  const { dataSeed, n, hidden, bias, activation } = state.settings.network;
  const network = { dataSeed, n, hidden, bias, activation };
  const shared = base(state, false);
  return {
    kind: 'projector',
    ...shared,
    // [D2] The big screen lists the top `leaderboardLength` only.
    leaderboard: shared.leaderboard.slice(0, state.display.leaderboardLength),
    ...dist,
    nicknames,
    network,
    display: state.display,
    snapshot: snapshotView(state, true),
  };
}
