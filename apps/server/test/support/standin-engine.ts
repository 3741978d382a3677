// A small stand-in for packages/lesson's state machine, for the server's tests only, until the
// real one lands. It follows the API (api.ts) and grades with mlp-core, but it is no spec: the
// rules of record are the lesson package's.
import {
  type AnswerCommand,
  type AnswerResult,
  ERROR_CODES,
  type ErrorCode,
  type LessonPhase,
  type LessonSettings,
  type LessonView,
  type PlayerStanding,
  type QuestionKey,
  type QuestionStatus,
  type TrainingFrame,
} from '@backprop/contract';
import type {
  ApplyResult,
  CreateLessonInput,
  Envelope,
  LessonEvent,
  LessonState,
  QuestionScore,
  Viewer,
} from '@backprop/lesson';
import {
  AnswerError,
  entryOf,
  type GradeResult,
  gradeAnswer,
  type StepTrace,
  traceStep,
} from '@backprop/mlp-core';
import type { LessonEngine } from '../../src/lessons/engine';

interface Player {
  playerId: string;
  nickname: string;
  tokenHash: string;
  kicked: boolean;
  score: number;
  streak: number;
}
interface Given {
  answerId: string;
  value: AnswerCommand['value'];
  at: number;
}
interface State {
  version: number;
  code: string;
  settings: LessonSettings;
  phase: LessonPhase;
  paused: boolean;
  step: number;
  index: number;
  status: QuestionStatus;
  deadline: number | null;
  players: Player[];
  /** Per player, their current answer to the current question. */
  answers: Record<string, Given>;
  /** Per player, their scored result of the current question once revealed. */
  results: Record<string, AnswerResult>;
  answerIds: string[];
  revealed: string[];
}

const asState = (s: LessonState) => s as unknown as State;
const asLesson = (s: State) => s as unknown as LessonState;
const refuse = (code: ErrorCode, message: string = code): ApplyResult => ({
  ok: false,
  error: { code, message },
});

const traces = new Map<string, StepTrace>();
function traceOf(s: State): StepTrace {
  const key = `${JSON.stringify(s.settings.network)}:${s.step}`;
  let trace = traces.get(key);
  if (!trace) {
    trace = traceStep(s.settings.network, s.step * s.settings.network.batch);
    traces.set(key, trace);
  }
  return trace;
}

const keyOf = (s: State): QuestionKey => ({ step: s.step, index: s.index });
const spec = (s: State) => s.settings.questions[s.index]!;

export function grade(
  trace: StepTrace,
  s: LessonSettings,
  index: number,
  value: AnswerCommand['value'],
): GradeResult {
  const q = s.questions[index]!;
  const tolerance = q.tolerance ?? s.tolerance;
  if ('choice' in value) throw new AnswerError('NOT_A_NUMBER', q.quantity, 'no choices here');
  const answer = 'numbers' in value ? value.numbers : value.signs;
  return gradeAnswer(trace, q.quantity, answer, {
    mode: 'numbers' in value ? 'numeric' : 'sign',
    tolerance,
  });
}

export function standings(state: LessonState): PlayerStanding[] {
  const s = asState(state);
  const sorted = s.players.filter((p) => !p.kicked).sort((a, b) => b.score - a.score);
  return sorted.map((p) => ({
    playerId: p.playerId,
    nickname: p.nickname,
    score: p.score,
    streak: p.streak,
    rank: 1 + sorted.filter((q) => q.score > p.score).length,
  }));
}

function apply(state: LessonState, envelope: Envelope): ApplyResult {
  const prev = asState(state);
  if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== prev.version) {
    return refuse(ERROR_CODES.STALE_VERSION);
  }
  const s: State = structuredClone(prev);
  const events: LessonEvent[] = [];
  const { command, actor } = envelope;
  const done = (): ApplyResult => {
    s.version += 1;
    return { ok: true, state: asLesson(s), events };
  };
  const instructor = actor.role === 'instructor';
  const system = actor.role === 'system';
  if (s.phase === 'finished') return refuse(ERROR_CODES.LESSON_FINISHED);

  switch (command.type) {
    case 'join': {
      if (!system) return refuse(ERROR_CODES.NOT_INSTRUCTOR);
      const key = command.nickname.toLowerCase();
      if (s.players.some((p) => p.nickname.toLowerCase() === key)) {
        return refuse(ERROR_CODES.NAME_TAKEN);
      }
      s.players.push({ ...command, kicked: false, score: 0, streak: 0 } as Player);
      const { type: _type, tokenHash: _hash, ...rest } = command;
      events.push({ type: 'playerJoined', ...rest });
      return done();
    }
    case 'expire': {
      if (!system) return refuse(ERROR_CODES.NOT_INSTRUCTOR);
      if (
        s.status !== 'open' ||
        s.step !== command.question.step ||
        s.index !== command.question.index
      ) {
        return refuse(ERROR_CODES.WRONG_PHASE);
      }
      s.status = 'locked';
      s.deadline = null;
      events.push({ type: 'questionLocked', question: keyOf(s), reason: 'timer' });
      return done();
    }
    case 'answer': {
      if (actor.role !== 'student') return refuse(ERROR_CODES.UNKNOWN_PLAYER);
      const player = s.players.find((p) => p.playerId === actor.playerId);
      if (!player) return refuse(ERROR_CODES.UNKNOWN_PLAYER);
      if (player.kicked) return refuse(ERROR_CODES.KICKED);
      if (s.answerIds.includes(command.answerId)) return { ok: true, state, events: [] };
      if (s.paused) return refuse(ERROR_CODES.PAUSED);
      if (
        s.phase !== 'question' ||
        s.status !== 'open' ||
        command.question.step !== s.step ||
        command.question.index !== s.index
      ) {
        return refuse(ERROR_CODES.QUESTION_CLOSED);
      }
      try {
        grade(traceOf(s), s.settings, s.index, command.value);
      } catch (error) {
        if (error instanceof AnswerError) return refuse(ERROR_CODES.BAD_ANSWER, error.message);
        throw error;
      }
      s.answerIds.push(command.answerId);
      s.answers[player.playerId] = {
        answerId: command.answerId,
        value: command.value,
        at: envelope.at,
      };
      events.push({
        type: 'answerAccepted',
        question: keyOf(s),
        playerId: player.playerId,
        answerId: command.answerId,
      });
      // Every active student answered: the question locks by itself.
      if (s.players.every((p) => p.kicked || p.playerId in s.answers)) {
        s.status = 'locked';
        s.deadline = null;
        events.push({ type: 'questionLocked', question: keyOf(s), reason: 'allAnswered' });
      }
      return done();
    }
  }
  if (!instructor) return refuse(ERROR_CODES.NOT_INSTRUCTOR);
  switch (command.type) {
    case 'start':
      if (s.phase !== 'lobby') return refuse(ERROR_CODES.WRONG_PHASE);
      s.phase = 'question';
      s.status = 'shown';
      events.push({ type: 'questionShown', question: keyOf(s) });
      return done();
    case 'open':
      if (s.phase !== 'question' || s.status !== 'shown') return refuse(ERROR_CODES.WRONG_PHASE);
      s.status = 'open';
      s.deadline = s.settings.timerSeconds ? envelope.at + s.settings.timerSeconds * 1000 : null;
      events.push({ type: 'questionOpened', question: keyOf(s), deadline: s.deadline });
      return done();
    case 'lock':
      if (s.status !== 'open') return refuse(ERROR_CODES.WRONG_PHASE);
      s.status = 'locked';
      s.deadline = null;
      events.push({ type: 'questionLocked', question: keyOf(s), reason: 'instructor' });
      return done();
    case 'reveal': {
      if (s.phase !== 'question' || (s.status !== 'open' && s.status !== 'locked')) {
        return refuse(ERROR_CODES.WRONG_PHASE);
      }
      s.status = 'revealed';
      s.deadline = null;
      s.revealed.push(spec(s).quantity);
      const scores: QuestionScore[] = [];
      for (const [playerId, given] of Object.entries(s.answers)) {
        const player = s.players.find((p) => p.playerId === playerId)!;
        const g = grade(traceOf(s), s.settings, s.index, given.value);
        const bonus = g.correct && s.settings.scoring.streakBonus ? 10 * player.streak : 0;
        const points = Math.round(100 * g.score) + bonus;
        player.score += points;
        player.streak = g.correct ? player.streak + 1 : 0;
        s.results[playerId] = {
          correct: g.correct,
          credit: g.score,
          points,
          entries: g.entries,
          misconception: g.misconception,
        };
        scores.push({
          playerId,
          answerId: given.answerId,
          quantity: spec(s).quantity,
          value: given.value,
          submittedAt: given.at,
          correct: g.correct,
          credit: g.score,
          points,
          misconceptionId: g.misconception?.id ?? null,
          totalScore: player.score,
          streak: player.streak,
        });
      }
      events.push({ type: 'questionRevealed', question: keyOf(s), scores });
      return done();
    }
    case 'next':
    case 'skip': {
      if (s.phase !== 'question') return refuse(ERROR_CODES.WRONG_PHASE);
      if (command.type === 'next' && s.status !== 'revealed')
        return refuse(ERROR_CODES.WRONG_PHASE);
      if (command.type === 'skip') events.push({ type: 'questionSkipped', question: keyOf(s) });
      s.answers = {};
      s.results = {};
      s.deadline = null;
      if (s.index + 1 < s.settings.questions.length) {
        s.index += 1;
        s.status = 'shown';
        events.push({ type: 'questionShown', question: keyOf(s) });
      } else {
        s.phase = 'stepDone';
        events.push({ type: 'stepDone', step: s.step });
      }
      return done();
    }
    case 'fastForward': {
      if (s.phase !== 'stepDone') return refuse(ERROR_CODES.WRONG_PHASE);
      const frames: TrainingFrame[] = [0, 1, 2].map((i) => ({
        step: s.step + 1 + Math.round(((i + 1) * command.steps) / 3),
        loss: 0.3 - i * 0.01,
        accuracy: 0.5 + i * 0.1,
        grid: [[0.5]],
        extent: { xMin: -3, xMax: 3, yMin: -3, yMax: 3 },
        last: i === 2,
      }));
      events.push({
        type: 'trained',
        fromStep: s.step + 1,
        toStep: s.step + 1 + command.steps,
        frames,
      });
      s.step += 1 + command.steps;
      s.index = 0;
      s.revealed = [];
      s.phase = 'question';
      s.status = 'shown';
      events.push({ type: 'questionShown', question: keyOf(s) });
      return done();
    }
    case 'pause':
    case 'resume':
      if (s.paused === (command.type === 'pause')) return refuse(ERROR_CODES.WRONG_PHASE);
      s.paused = command.type === 'pause';
      events.push({ type: s.paused ? 'paused' : 'resumed' });
      return done();
    case 'kick':
    case 'readmit': {
      const player = s.players.find((p) => p.playerId === command.playerId);
      if (!player) return refuse(ERROR_CODES.UNKNOWN_PLAYER);
      player.kicked = command.type === 'kick';
      events.push({
        type: player.kicked ? 'playerKicked' : 'playerReadmitted',
        playerId: player.playerId,
      });
      return done();
    }
    case 'end':
      s.phase = 'finished';
      s.deadline = null;
      events.push({ type: 'finished' });
      return done();
  }
  return refuse(ERROR_CODES.INVALID_INPUT);
}

function viewFor(state: LessonState, viewer: Viewer): LessonView {
  const s = asState(state);
  const trace = traceOf(s);
  const showTruth = viewer.role === 'instructor' || s.status === 'revealed';
  const known: LessonView['known'] = { ...trace.givens };
  for (const name of s.revealed)
    known[name as keyof typeof known] = entryOf(trace, name as never).value;
  const q = s.phase === 'question' ? spec(s) : null;
  const entry = q ? entryOf(trace, q.quantity) : null;
  const active = s.players.filter((p) => !p.kicked);
  const board = standings(state);
  const base = {
    version: s.version,
    code: s.code,
    phase: s.phase,
    paused: s.paused,
    step: s.step,
    questionIndex: s.index,
    questionCount: s.settings.questions.length,
    known,
    question:
      q && entry
        ? {
            key: keyOf(s),
            quantity: q.quantity,
            mode: q.mode,
            symbol: entry.symbol,
            formula: entry.formula,
            shape: entry.shape,
            phase: entry.phase,
            inputs: entry.inputs,
            status: s.status,
            deadline: s.deadline,
            remainingMs: null,
            options: null,
            truth: showTruth ? entry.value : null,
            answeredCount: Object.keys(s.answers).length,
            activeCount: active.length,
          }
        : null,
    playerCount: active.length,
    leaderboard: s.status === 'open' && s.phase === 'question' ? [] : board,
  };
  if (viewer.role === 'student') {
    const p = s.players.find((x) => x.playerId === viewer.playerId);
    const me = board.find((x) => x.playerId === viewer.playerId);
    const mine = s.answers[viewer.playerId];
    return {
      ...base,
      kind: 'student',
      me: {
        playerId: viewer.playerId,
        nickname: p?.nickname ?? '',
        score: p?.score ?? 0,
        rank: me?.rank ?? 0,
        streak: p?.streak ?? 0,
        kicked: p?.kicked ?? false,
      },
      myAnswer: mine ? { answerId: mine.answerId, value: mine.value, at: mine.at } : null,
      myResult: s.results[viewer.playerId] ?? null,
    };
  }
  if (viewer.role === 'projector') {
    return {
      ...base,
      kind: 'projector',
      distribution: [],
      misconceptionLabels: {},
      nicknames: active.map((p) => p.nickname),
    };
  }
  return {
    ...base,
    kind: 'instructor',
    distribution: [],
    misconceptionLabels: {},
    roster: s.players.map((p) => ({
      ...(board.find((b) => b.playerId === p.playerId) ?? {
        playerId: p.playerId,
        nickname: p.nickname,
        score: p.score,
        streak: p.streak,
        rank: 0,
      }),
      kicked: p.kicked,
      connected: false,
      answered: p.playerId in s.answers,
    })),
    training: { lastLoss: null, lastAccuracy: null },
  };
}

function createLesson(input: CreateLessonInput): LessonState {
  return asLesson({
    version: 0,
    code: input.code,
    settings: input.settings,
    phase: 'lobby',
    paused: false,
    step: 0,
    index: 0,
    status: 'shown',
    deadline: null,
    players: [],
    answers: {},
    results: {},
    answerIds: [],
    revealed: [],
  });
}

export const standinEngine: LessonEngine = {
  createLesson,
  applyCommand: apply,
  replay(input, envelopes) {
    let state = createLesson(input);
    for (const envelope of envelopes) {
      const result = apply(state, envelope);
      if (!result.ok) throw new Error(`replay refused ${result.error.code}`);
      state = result.state;
    }
    return state;
  },
  viewFor,
  nextDeadline(state) {
    const s = asState(state);
    return s.status === 'open' && s.deadline !== null && !s.paused
      ? { at: s.deadline, question: keyOf(s) }
      : null;
  },
  findPlayerByTokenHash(state, tokenHash) {
    return asState(state).players.find((p) => p.tokenHash === tokenHash)?.playerId ?? null;
  },
  standings,
};
