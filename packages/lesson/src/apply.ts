/**
 * The reducer: (state, envelope) -> new state and events, or a typed error and no change.
 * Rule IDs refer to SPEC.md. Handlers build new objects and never write to their input: the
 * server keeps the previous state until the new one is persisted. An answer costs the same
 * whatever the class size: it shares every record it does not change (shards.ts), and the
 * "everyone answered" check counts before it looks.
 */
import {
  type AnswerCommand,
  answerCommandSchema,
  type DisplayPatch,
  ERROR_CODES,
  type ErrorCode,
  type InstructorCommand,
  instructorCommandSchema,
  maxFastForwardSteps,
  NICKNAME_MAX,
  type QuestionKey,
  questionKeySchema,
  type SnapshotTarget,
  TIMER_EXTENSION_SECONDS,
} from '@backprop/contract';
import type {
  ApplyResult,
  CreateLessonInput,
  Envelope,
  LessonError,
  LessonEvent,
  QuestionScore,
  SystemCommand,
} from './api.ts';
import { flatten, gradeSubmission, showQuestion, toleranceOf } from './question.ts';
import { pointsFor, rankScores, withoutScore, withScore } from './scoring.ts';
import { ROSTER_BUCKETS, shardEntries, shardGet, shardSet, shardSetMany } from './shards.ts';
import {
  activeCount,
  appendPlayerId,
  createLesson,
  type LessonState,
  nicknameKeyOf,
  type Player,
  playerIds,
  playerOf,
  type QuestionState,
  type SnapshotState,
} from './state.ts';
import { fastForward, paramsAfter, stalled, traceOf } from './training.ts';

/** What a handler returns: the next state (version not yet bumped) and its events. */
type Outcome = { state: LessonState; events: LessonEvent[] } | LessonError | typeof NO_OP;
/** [A6] An answer already accepted: success, no change, no events, no log entry. */
const NO_OP = Symbol('no-op');

interface Ctx {
  at: number;
  /** The version the state will have if this command is accepted. */
  nextVersion: number;
}

const refuse = (code: ErrorCode, message: string): LessonError => ({ code, message });
const isError = (o: unknown): o is LessonError =>
  typeof o === 'object' && o !== null && 'code' in o && 'message' in o;

const sameKey = (a: QuestionKey, b: QuestionKey) => a.step === b.step && a.index === b.index;

/**
 * [C5] Instructor commands that do not move the lesson: they neither count in
 * `instructorVersion` nor make another instructor's command stale.
 */
const SIDE_COMMANDS: ReadonlySet<string> = new Set<InstructorCommand['type']>([
  'display',
  'showSnapshot',
  'hideSnapshot',
  'kick',
  'readmit',
]);

/** [D4] Commands that change the question or reveal it take the snapshot off the big screen. */
const CLEARS_SNAPSHOT: ReadonlySet<string> = new Set<InstructorCommand['type']>([
  'start',
  'reveal',
  'next',
  'skip',
  'fastForward',
  'end',
]);

/** [C1]-[C3] Applies one command. Never mutates `state`; refusals change nothing. */
export function applyCommand(state: LessonState, envelope: Envelope): ApplyResult {
  const outcome = dispatch(state, envelope);
  if (outcome === NO_OP) return { ok: true, state, events: [] };
  if (isError(outcome)) return { ok: false, error: outcome };
  const type = envelope.command.type;
  const moves = INSTRUCTOR_TYPES.has(type) && !SIDE_COMMANDS.has(type);
  const next: LessonState = { ...outcome.state, version: state.version + 1 };
  if (moves) next.instructorVersion = state.instructorVersion + 1;
  if (CLEARS_SNAPSHOT.has(type) && next.snapshot) {
    next.snapshot = null;
    outcome.events.push({ type: 'snapshotHidden' });
  }
  return { ok: true, state: next, events: outcome.events };
}

/** [C4] The fold of a log. A refused envelope means the log is corrupt: throw. */
export function replay(input: CreateLessonInput, envelopes: readonly Envelope[]): LessonState {
  let state = createLesson(input);
  envelopes.forEach((envelope, i) => {
    const result = applyCommand(state, envelope);
    if (!result.ok) {
      throw new Error(
        `lesson ${input.code}: log entry ${i} (${envelope.command.type}) was refused: ${result.error.code}: ${result.error.message}`,
      );
    }
    state = result.state;
  });
  return state;
}

/** [Q3] When the server must send a system `expire`: the open question's deadline, if any. */
export function nextDeadline(state: LessonState): { question: QuestionKey; at: number } | null {
  const q = state.question;
  if (state.phase !== 'question' || state.paused || !q || q.status !== 'open') return null;
  return q.deadline === null ? null : { question: q.key, at: q.deadline };
}

const INSTRUCTOR_TYPES: ReadonlySet<string> = new Set<InstructorCommand['type']>([
  'start',
  'open',
  'lock',
  'reveal',
  'next',
  'skip',
  'pause',
  'resume',
  'fastForward',
  'addBiases',
  'kick',
  'readmit',
  'end',
  'extendTimer',
  'display',
  'showSnapshot',
  'hideSnapshot',
]);

/** Commands the instructor cannot give while paused ([P1]): they would move the question on. */
const BLOCKED_WHILE_PAUSED: ReadonlySet<string> = new Set([
  'open',
  'lock',
  'reveal',
  'next',
  'skip',
]);

function dispatch(state: LessonState, env: Envelope): Outcome {
  const { actor, command } = env;
  if (typeof env.at !== 'number' || !Number.isFinite(env.at)) {
    return refuse(ERROR_CODES.INVALID_INPUT, 'envelope.at must be a time in epoch ms');
  }
  const type = (command as { type?: unknown } | null)?.type;

  // [R1]-[R3] Who may send what, before anything else.
  if (typeof type === 'string' && INSTRUCTOR_TYPES.has(type)) {
    if (actor.role !== 'instructor') {
      return refuse(ERROR_CODES.NOT_INSTRUCTOR, `only an instructor can ${type}`);
    }
    const parsed = instructorCommandSchema.safeParse(command);
    if (!parsed.success) return refuse(ERROR_CODES.INVALID_INPUT, parsed.error.message);
  } else if (type === 'answer') {
    if (actor.role !== 'student') {
      return refuse(ERROR_CODES.NOT_STUDENT, 'only a student can answer');
    }
    const parsed = answerCommandSchema.safeParse(command);
    if (!parsed.success) return refuse(ERROR_CODES.INVALID_INPUT, parsed.error.message);
  } else if (type === 'join' || type === 'expire') {
    if (actor.role !== 'system') {
      return refuse(ERROR_CODES.INVALID_INPUT, `${type} is sent by the server only`);
    }
    const bad = checkSystem(command as SystemCommand);
    if (bad) return bad;
  } else {
    return refuse(ERROR_CODES.INVALID_INPUT, `unknown command ${String(type)}`);
  }

  // [C2]
  if (env.expectedVersion !== undefined && env.expectedVersion !== state.version) {
    return refuse(
      ERROR_CODES.STALE_VERSION,
      `built on version ${env.expectedVersion}, the lesson is at ${state.version}`,
    );
  }
  // [C5]
  if (env.expect !== undefined && actor.role === 'instructor') {
    if (!Number.isInteger(env.expect) || env.expect < 0) {
      return refuse(ERROR_CODES.INVALID_INPUT, 'expect must be an instructorVersion');
    }
    if (env.expect !== state.instructorVersion) {
      return refuse(
        ERROR_CODES.STALE_VERSION,
        'already done: another instructor command was accepted since this screen was drawn',
      );
    }
  }
  // [P5]
  if (state.phase === 'finished') {
    return refuse(ERROR_CODES.LESSON_FINISHED, 'the lesson has finished');
  }
  const ctx: Ctx = { at: env.at, nextVersion: state.version + 1 };

  if (command.type === 'answer') {
    return answer(state, actor.role === 'student' ? actor.playerId : '', command, ctx);
  }
  if (command.type === 'join') return join(state, command, ctx);
  if (command.type === 'expire') return expire(state, command.question, ctx);

  if (state.paused && BLOCKED_WHILE_PAUSED.has(command.type)) {
    return refuse(ERROR_CODES.PAUSED, `the lesson is paused: resume before ${command.type}`);
  }
  switch (command.type) {
    case 'start':
      return openOnShow(start(state), ctx);
    case 'open':
      return open(state, ctx);
    case 'lock':
      return lock(state, ctx);
    case 'reveal':
      return reveal(state, ctx);
    case 'next':
      return openOnShow(next(state), ctx);
    case 'skip':
      return openOnShow(skip(state), ctx);
    case 'pause':
      return pause(state, ctx);
    case 'resume':
      return resume(state, ctx);
    case 'fastForward':
      return fastForwardCmd(state, command.steps);
    case 'addBiases':
      return addBiases(state);
    case 'kick':
      return kick(state, command.playerId, ctx);
    case 'readmit':
      return readmit(state, command.playerId);
    case 'end':
      return {
        state: { ...state, phase: 'finished', paused: false, question: null },
        events: [{ type: 'finished' }],
      };
    case 'extendTimer':
      return extendTimer(state);
    case 'display':
      return display(state, command.options);
    case 'showSnapshot':
      return showSnapshot(state, command.target);
    case 'hideSnapshot':
      if (!state.snapshot) return refuse(ERROR_CODES.WRONG_PHASE, 'no snapshot is shown');
      return { state: { ...state, snapshot: null }, events: [{ type: 'snapshotHidden' }] };
  }
}

/** [Q10] TIMER_EXTENSION_SECONDS more on an open question's timer, running or frozen. */
function extendTimer(state: LessonState): Outcome {
  const q = current(state, 'extend the timer');
  if (isError(q)) return q;
  if (q.status !== 'open') return refuse(ERROR_CODES.WRONG_PHASE, `the question is ${q.status}`);
  const more = TIMER_EXTENSION_SECONDS * 1000;
  if (q.deadline !== null) {
    const deadline = q.deadline + more;
    return {
      state: withQuestion(state, { ...q, deadline }),
      events: [{ type: 'timerExtended', question: q.key, deadline }],
    };
  }
  if (q.remainingMs !== null) {
    return {
      state: withQuestion(state, { ...q, remainingMs: q.remainingMs + more }),
      events: [{ type: 'timerExtended', question: q.key, deadline: null }],
    };
  }
  return refuse(ERROR_CODES.WRONG_PHASE, 'this question has no timer');
}

/** [D1] The projectors' display options: the fields given replace the lesson's. */
function display(state: LessonState, patch: DisplayPatch): Outcome {
  const options = { ...state.display };
  if (patch.hideLeaderboard !== undefined) options.hideLeaderboard = patch.hideLeaderboard;
  if (patch.anonymise !== undefined) options.anonymise = patch.anonymise;
  if (patch.leaderboardLength !== undefined) options.leaderboardLength = patch.leaderboardLength;
  if (patch.sounds !== undefined) options.sounds = patch.sounds;
  return { state: { ...state, display: options }, events: [{ type: 'displayChanged' }] };
}

/** The answer's value as a quantity: numbers, signs, or the chosen option's value. */
function answerAsValue(q: QuestionState, value: AnswerCommand['value']) {
  if ('numbers' in value) return value.numbers;
  if ('signs' in value) return value.signs;
  return q.options?.[value.choice]?.value ?? 0;
}

/**
 * [D3] One student's current answer, or every answer that made one named slip, copied for the
 * big screen (question open, locked or revealed; kicked students left out). Without any such
 * answer: `WRONG_PHASE`; an unknown player: `UNKNOWN_PLAYER`.
 */
function showSnapshot(state: LessonState, target: SnapshotTarget): Outcome {
  const q = current(state, 'show a snapshot');
  if (isError(q)) return q;
  if (q.status === 'shown') return refuse(ERROR_CODES.WRONG_PHASE, 'the question is not open yet');
  const picked: { value: ReturnType<typeof answerAsValue>; entryCorrect: boolean[] }[] = [];
  let misconceptionId: string | null = null;
  if (target.kind === 'answer') {
    const p = playerOf(state, target.playerId);
    if (!p) return refuse(ERROR_CODES.UNKNOWN_PLAYER, `no player ${target.playerId}`);
    const a = p.kicked ? undefined : shardGet(q.answers, p.playerId);
    if (!a) return refuse(ERROR_CODES.WRONG_PHASE, `${p.nickname} has not answered`);
    picked.push({ value: answerAsValue(q, a.value), entryCorrect: a.grade.entryCorrect });
    misconceptionId = a.grade.misconceptionId;
  } else {
    misconceptionId = target.misconceptionId;
    for (const [id, a] of shardEntries(q.answers)) {
      if (playerOf(state, id)?.kicked || a.grade.misconceptionId !== misconceptionId) continue;
      picked.push({ value: answerAsValue(q, a.value), entryCorrect: a.grade.entryCorrect });
    }
    if (picked.length === 0) {
      return refuse(ERROR_CODES.WRONG_PHASE, 'no answer made that slip');
    }
    // Sorted by value: the order says nothing about who answered or when.
    picked.sort((x, y) => {
      const a = flatten(x.value).join(',');
      const b = flatten(y.value).join(',');
      return a < b ? -1 : a > b ? 1 : 0;
    });
  }
  const snapshot: SnapshotState = {
    source: target.kind,
    question: q.key,
    misconceptionId,
    answers: picked,
  };
  return { state: { ...state, snapshot }, events: [{ type: 'snapshotShown' }] };
}

function checkSystem(command: SystemCommand): LessonError | null {
  if (command.type === 'expire') {
    return questionKeySchema.safeParse(command.question).success
      ? null
      : refuse(ERROR_CODES.INVALID_INPUT, 'expire needs a question key');
  }
  const ok =
    typeof command.playerId === 'string' &&
    command.playerId.length >= 1 &&
    command.playerId.length <= 64 &&
    typeof command.tokenHash === 'string' &&
    command.tokenHash.length >= 1 &&
    typeof command.nickname === 'string' &&
    command.nickname.trim().length >= 1 &&
    command.nickname.length <= NICKNAME_MAX &&
    (command.nicknameKey === undefined ||
      (typeof command.nicknameKey === 'string' &&
        command.nicknameKey.length >= 1 &&
        command.nicknameKey.length <= 4 * NICKNAME_MAX));
  return ok ? null : refuse(ERROR_CODES.INVALID_INPUT, 'join needs playerId, nickname, tokenHash');
}

// ---- the question cycle -------------------------------------------------------------------

/** The question the phase is on, or a WRONG_PHASE refusal. */
function current(state: LessonState, doing: string): QuestionState | LessonError {
  if (state.phase !== 'question' || !state.question) {
    return refuse(ERROR_CODES.WRONG_PHASE, `cannot ${doing} in phase ${state.phase}`);
  }
  return state.question;
}

function withQuestion(state: LessonState, q: QuestionState): LessonState {
  return { ...state, question: q };
}

/** [Q1] Lobby -> the first question of step 0, shown. */
function start(state: LessonState): Outcome {
  if (state.phase !== 'lobby') return refuse(ERROR_CODES.WRONG_PHASE, 'the lesson has started');
  return showStep(state);
}

/** [Q2][Q7] A step's first question on the current weights and batch. */
function showStep(state: LessonState): Outcome {
  const trace = traceOf(state.settings, state.params, state.offset);
  const key = { step: state.step, index: 0 };
  const spec = state.settings.questions[0]!;
  const question = showQuestion(
    state.choiceKey,
    trace,
    spec,
    key,
    toleranceOf(state.settings, spec),
  );
  return {
    state: {
      ...state,
      phase: 'question',
      quizStep: state.quizStep + 1,
      trace,
      questionIndex: 0,
      question,
    },
    events: [{ type: 'questionShown', question: key }],
  };
}

/** [Q3] Shown -> open; the timer starts. */
function open(state: LessonState, ctx: Ctx): Outcome {
  const q = current(state, 'open');
  if (isError(q)) return q;
  if (q.status !== 'shown') return refuse(ERROR_CODES.WRONG_PHASE, `the question is ${q.status}`);
  return opened(state, q, ctx, []);
}

function opened(state: LessonState, q: QuestionState, ctx: Ctx, events: LessonEvent[]): Outcome {
  const { timerSeconds } = state.settings;
  const deadline = timerSeconds === null ? null : ctx.at + timerSeconds * 1000;
  return {
    state: withQuestion(state, { ...q, status: 'open', deadline }),
    events: [...events, { type: 'questionOpened', question: q.key, deadline }],
  };
}

/**
 * [Q11] With `settings.openOnShow`, the command that shows a question (start, next, skip) also
 * opens it, in the same envelope: one `questionOpened` after its `questionShown`, the deadline
 * from this envelope's time, so a replay opens it identically.
 */
function openOnShow(outcome: Outcome, ctx: Ctx): Outcome {
  if (outcome === NO_OP || isError(outcome)) return outcome;
  const { state, events } = outcome;
  const q = state.question;
  if (!state.settings.openOnShow || state.phase !== 'question' || q?.status !== 'shown') {
    return outcome;
  }
  return opened(state, q, ctx, events);
}

function close(q: QuestionState, ctx: Ctx): QuestionState {
  return {
    ...q,
    status: 'locked',
    deadline: null,
    remainingMs: null,
    closedVersion: ctx.nextVersion,
  };
}

/** [Q4] Open -> locked by the instructor. */
function lock(state: LessonState, ctx: Ctx): Outcome {
  const q = current(state, 'lock');
  if (isError(q)) return q;
  if (q.status !== 'open') return refuse(ERROR_CODES.WRONG_PHASE, `the question is ${q.status}`);
  return {
    state: withQuestion(state, close(q, ctx)),
    events: [{ type: 'questionLocked', question: q.key, reason: 'instructor' }],
  };
}

/** [Q4] The system's timer: locks the open question once its deadline has passed. */
function expire(state: LessonState, key: QuestionKey, ctx: Ctx): Outcome {
  const q = current(state, 'expire');
  if (isError(q)) return q;
  if (!sameKey(q.key, key) || q.status !== 'open') {
    return refuse(ERROR_CODES.QUESTION_CLOSED, 'that question is not open');
  }
  if (state.paused) return refuse(ERROR_CODES.PAUSED, 'the timer is frozen');
  if (q.deadline === null || ctx.at < q.deadline) {
    return refuse(ERROR_CODES.WRONG_PHASE, 'the timer has not run out');
  }
  return {
    state: withQuestion(state, close(q, ctx)),
    events: [{ type: 'questionLocked', question: q.key, reason: 'timer' }],
  };
}

/** [Q5][S1]-[S4] Locks if open, then scores every student still in. */
function reveal(state: LessonState, ctx: Ctx): Outcome {
  let q = current(state, 'reveal');
  if (isError(q)) return q;
  if (q.status !== 'open' && q.status !== 'locked') {
    return refuse(ERROR_CODES.WRONG_PHASE, `cannot reveal a ${q.status} question`);
  }
  const events: LessonEvent[] = [];
  if (q.status === 'open') {
    q = close(q, ctx);
    events.push({ type: 'questionLocked', question: q.key, reason: 'instructor' });
  }
  const closedVersion = q.closedVersion!;
  // Rescored players, written in one pass that copies each touched bucket once.
  const changed = new Map<string, Player>();
  const scored: Record<string, { points: number; totalScore: number; streak: number }> = {};
  const scores: QuestionScore[] = [];
  for (const id of playerIds(state)) {
    const p = playerOf(state, id)!;
    if (p.kicked) continue; // [L4] not active: neither scored nor penalised
    const a = shardGet(q.answers, id);
    if (!a) {
      // [S4] A missed question breaks the streak, unless the student joined after it closed.
      if (p.joinedVersion < closedVersion && p.streak !== 0) changed.set(id, { ...p, streak: 0 });
      continue;
    }
    const pts = pointsFor(state, a, p.streak);
    const totalScore = p.score + pts.points;
    changed.set(id, { ...p, score: totalScore, streak: pts.streak });
    scored[id] = { points: pts.points, totalScore, streak: pts.streak };
    scores.push({
      playerId: id,
      answerId: a.answerId,
      quantity: q.spec.quantity,
      value: a.value,
      submittedAt: a.at,
      correct: a.grade.correct,
      credit: a.grade.credit,
      points: pts.points,
      misconceptionId: a.grade.misconceptionId,
      totalScore,
      streak: pts.streak,
    });
  }
  events.push({ type: 'questionRevealed', question: q.key, scores });
  return {
    state: {
      ...state,
      players: shardSetMany(state.players, changed, ROSTER_BUCKETS),
      rankedScores: rankScores(activeScores(state, changed)),
      question: { ...q, status: 'revealed', scored },
    },
    events,
  };
}

/** The scores of the students still in, `changed` ones' new scores in place of their old ones. */
function* activeScores(state: LessonState, changed: Map<string, Player>): Generator<number> {
  for (const id of playerIds(state)) {
    const p = changed.get(id) ?? playerOf(state, id)!;
    if (!p.kicked) yield p.score;
  }
}

/** [Q6] After a reveal: the next question, or the step is done. */
function next(state: LessonState): Outcome {
  if (state.phase === 'stepDone') return showStep(state); // [Q7]
  const q = current(state, 'next');
  if (isError(q)) return q;
  if (q.status !== 'revealed') {
    return refuse(ERROR_CODES.WRONG_PHASE, `reveal or skip the ${q.status} question first`);
  }
  return advance(state, []);
}

/** [Q8] Past the current question without scoring it. */
function skip(state: LessonState): Outcome {
  const q = current(state, 'skip');
  if (isError(q)) return q;
  if (q.status === 'revealed') return refuse(ERROR_CODES.WRONG_PHASE, 'it is revealed: use next');
  return advance(state, [{ type: 'questionSkipped', question: q.key }]);
}

function advance(state: LessonState, events: LessonEvent[]): Outcome {
  const trace = state.trace!;
  const index = state.questionIndex + 1;
  const spec = state.settings.questions[index];
  if (spec) {
    const key = { step: state.step, index };
    return {
      state: {
        ...state,
        questionIndex: index,
        question: showQuestion(
          state.choiceKey,
          trace,
          spec,
          key,
          toleranceOf(state.settings, spec),
        ),
      },
      events: [...events, { type: 'questionShown', question: key }],
    };
  }
  // [Q6] The step's update takes effect; the next step quizzes the next batch.
  const { batch, n } = state.settings.network;
  return {
    state: {
      ...state,
      phase: 'stepDone',
      question: null,
      params: paramsAfter(trace, state.params.hidden),
      offset: (state.offset + batch) % n,
      step: state.step + 1,
    },
    events: [...events, { type: 'stepDone', step: state.step }],
  };
}

/** [P1] Freezes the timer and input. */
function pause(state: LessonState, ctx: Ctx): Outcome {
  if (state.phase !== 'question') {
    return refuse(ERROR_CODES.WRONG_PHASE, 'pause is for the question phase');
  }
  if (state.paused) return refuse(ERROR_CODES.WRONG_PHASE, 'already paused');
  let q = state.question!;
  if (q.status === 'open' && q.deadline !== null) {
    q = { ...q, deadline: null, remainingMs: Math.max(0, q.deadline - ctx.at) };
  }
  return { state: { ...state, paused: true, question: q }, events: [{ type: 'paused' }] };
}

/** [P2] The timer goes on with the time it had left. */
function resume(state: LessonState, ctx: Ctx): Outcome {
  if (!state.paused) return refuse(ERROR_CODES.WRONG_PHASE, 'not paused');
  let q = state.question!;
  if (q.remainingMs !== null) {
    q = { ...q, deadline: ctx.at + q.remainingMs, remainingMs: null };
  }
  return { state: { ...state, paused: false, question: q }, events: [{ type: 'resumed' }] };
}

/** [T1][T2] Between steps: train on (full batch), with frames for the screens. */
function fastForwardCmd(state: LessonState, steps: number): Outcome {
  if (state.phase !== 'stepDone') {
    return refuse(ERROR_CODES.WRONG_PHASE, 'fast-forward is between steps');
  }
  const max = maxFastForwardSteps(state.settings.network.n);
  if (steps > max) {
    return refuse(
      ERROR_CODES.INVALID_INPUT,
      `with ${state.settings.network.n} points a fast-forward takes at most ${max} steps`,
    );
  }
  const run = fastForward(state.settings, state, steps);
  const last = run.frames.at(-1)!;
  return {
    state: {
      ...state,
      params: run.params,
      step: state.step + steps,
      training: {
        lastLoss: last.loss,
        lastAccuracy: last.accuracy,
        stalled: stalled(state.settings.network.bias, run.frames),
      },
    },
    events: [
      { type: 'trained', fromStep: state.step, toStep: state.step + steps, frames: run.frames },
    ],
  };
}

/** [T3] Between steps, without biases: biases on at zero, the weights kept. */
function addBiases(state: LessonState): Outcome {
  if (state.phase !== 'stepDone') {
    return refuse(ERROR_CODES.WRONG_PHASE, 'biases are added between steps');
  }
  if (state.settings.network.bias) {
    return refuse(ERROR_CODES.INVALID_INPUT, 'the network already has biases');
  }
  const { hidden } = state.params;
  return {
    state: {
      ...state,
      settings: { ...state.settings, network: { ...state.settings.network, bias: true } },
      params: { ...state.params, b1: new Array(hidden).fill(0), b2: [0, 0] },
      training: { ...state.training, stalled: false },
    },
    events: [{ type: 'biasesAdded', step: state.step }],
  };
}

// ---- students ------------------------------------------------------------------------------

/** [L1][L2] A new student; unique on the nickname's key (look-alikes and case included). */
function join(
  state: LessonState,
  command: Extract<SystemCommand, { type: 'join' }>,
  ctx: Ctx,
): Outcome {
  const { playerId, nickname, tokenHash } = command;
  if (playerOf(state, playerId)) {
    return refuse(ERROR_CODES.INVALID_INPUT, `player ${playerId} has already joined`);
  }
  // [L1] O(1) against the index of taken keys (a kicked student's too), so N joins fold in O(N).
  const key = nicknameKeyOf(command);
  if (shardGet(state.nicknameKeys, key, ROSTER_BUCKETS) !== undefined) {
    return refuse(ERROR_CODES.NAME_TAKEN, `${nickname} is taken`);
  }
  const player: Player = {
    playerId,
    nickname,
    ...(command.nicknameKey !== undefined && { nicknameKey: command.nicknameKey }),
    tokenHash,
    kicked: false,
    score: 0,
    streak: 0,
    joinedAt: ctx.at,
    joinedVersion: ctx.nextVersion,
  };
  return {
    state: {
      ...state,
      players: shardSet(state.players, playerId, player, ROSTER_BUCKETS),
      playerOrder: appendPlayerId(state.playerOrder, playerId),
      nicknameKeys: shardSet(state.nicknameKeys, key, playerId, ROSTER_BUCKETS),
      tokenHashes: shardSet(state.tokenHashes, tokenHash, playerId, ROSTER_BUCKETS),
      activeTotal: state.activeTotal + 1,
    },
    events: [{ type: 'playerJoined', playerId, nickname }],
  };
}

/** [L4] Out: commands refused, not counted as active (which may complete "all answered"). */
function kick(state: LessonState, playerId: string, ctx: Ctx): Outcome {
  const p = playerOf(state, playerId);
  if (!p) return refuse(ERROR_CODES.UNKNOWN_PLAYER, `no player ${playerId}`);
  if (p.kicked) return refuse(ERROR_CODES.INVALID_INPUT, `${p.nickname} is already kicked`);
  const next = {
    ...state,
    players: shardSet(state.players, playerId, { ...p, kicked: true }, ROSTER_BUCKETS),
    activeTotal: state.activeTotal - 1,
    kickedIds: [...state.kickedIds, playerId],
    rankedScores: withoutScore(state.rankedScores, p.score),
  };
  const events: LessonEvent[] = [{ type: 'playerKicked', playerId }];
  return lockIfAllAnswered(next, events, ctx);
}

/** [L5] Back in, with the score they had. */
function readmit(state: LessonState, playerId: string): Outcome {
  const p = playerOf(state, playerId);
  if (!p) return refuse(ERROR_CODES.UNKNOWN_PLAYER, `no player ${playerId}`);
  if (!p.kicked) return refuse(ERROR_CODES.INVALID_INPUT, `${p.nickname} is not kicked`);
  return {
    state: {
      ...state,
      players: shardSet(state.players, playerId, { ...p, kicked: false }, ROSTER_BUCKETS),
      activeTotal: state.activeTotal + 1,
      kickedIds: state.kickedIds.filter((id) => id !== playerId),
      rankedScores: withScore(state.rankedScores, p.score),
    },
    events: [{ type: 'playerReadmitted', playerId }],
  };
}

/** [Q4] Every active student has answered the open question: lock it. */
function lockIfAllAnswered(state: LessonState, events: LessonEvent[], ctx: Ctx): Outcome {
  const q = state.question;
  if (state.phase !== 'question' || !q || q.status !== 'open') return { state, events };
  // Fewer answers than active students (the usual case while answers come in): not yet, in O(1).
  const active = activeCount(state);
  if (active === 0 || q.answerCount < active) return { state, events };
  for (const id of playerIds(state)) {
    const p = playerOf(state, id)!;
    if (!p.kicked && !shardGet(q.answers, id)) return { state, events };
  }
  return {
    state: withQuestion(state, close(q, ctx)),
    events: [...events, { type: 'questionLocked', question: q.key, reason: 'allAnswered' }],
  };
}

const questionId = (key: QuestionKey) => `${key.step}:${key.index}`;

/** [A1]-[A6] A student's answer to the open question. */
function answer(state: LessonState, playerId: string, command: AnswerCommand, ctx: Ctx): Outcome {
  const p = playerOf(state, playerId);
  if (!p) return refuse(ERROR_CODES.UNKNOWN_PLAYER, 'unknown player');
  if (p.kicked) return refuse(ERROR_CODES.KICKED, 'you were removed from this lesson');
  const q = state.question;
  const isCurrent = state.phase === 'question' && q !== null && sameKey(q.key, command.question);

  // [A6] A retry of an accepted answer is a no-op, even after the lock.
  const valueJson = JSON.stringify(command.value);
  const seen = isCurrent ? shardGet(q.answerIds, command.answerId) : undefined;
  if (seen) {
    if (seen.playerId === playerId && seen.value === valueJson) return NO_OP;
    return refuse(ERROR_CODES.INVALID_INPUT, 'this answerId was used for another answer');
  }
  const mine = shardGet(state.answerIds, playerId, ROSTER_BUCKETS) ?? {};
  const earlier = Object.hasOwn(mine, command.answerId) ? mine[command.answerId] : undefined;
  if (earlier !== undefined) {
    if (earlier === questionId(command.question)) return NO_OP;
    return refuse(ERROR_CODES.INVALID_INPUT, 'this answerId was used for another answer');
  }
  if (state.paused) return refuse(ERROR_CODES.PAUSED, 'the lesson is paused');
  if (!isCurrent || q.status !== 'open') {
    return refuse(ERROR_CODES.QUESTION_CLOSED, 'that question is not open');
  }
  // [A2] The timer ran out; the server's expire is on its way.
  if (q.deadline !== null && ctx.at >= q.deadline) {
    return refuse(ERROR_CODES.QUESTION_CLOSED, 'time is up');
  }
  const graded = gradeSubmission(state.trace!, state.settings, q, command.value);
  if (!graded.ok) return refuse(ERROR_CODES.BAD_ANSWER, graded.message);

  const submitted = {
    answerId: command.answerId,
    value: command.value,
    at: ctx.at,
    remainingMs: q.deadline === null ? null : q.deadline - ctx.at,
    grade: graded.grade,
  };
  // Structural sharing: each record below copies one bucket of its shards, not every student.
  const nextQ: QuestionState = {
    ...q,
    answers: shardSet(q.answers, playerId, submitted),
    answerCount: shardGet(q.answers, playerId) ? q.answerCount : q.answerCount + 1,
    answerIds: shardSet(q.answerIds, command.answerId, { playerId, value: valueJson }),
  };
  const events: LessonEvent[] = [
    { type: 'answerAccepted', question: q.key, playerId, answerId: command.answerId },
  ];
  const next: LessonState = {
    ...state,
    question: nextQ,
    answerIds: shardSet(
      state.answerIds,
      playerId,
      { ...mine, [command.answerId]: questionId(q.key) },
      ROSTER_BUCKETS,
    ),
  };
  return lockIfAllAnswered(next, events, ctx);
}
