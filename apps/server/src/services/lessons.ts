// The live-lesson services, called by both transports (tRPC and socket.io). Rules live in the
// state machine; these check identities and secrets, make ids and tokens, and dispatch.
import { randomUUID } from 'node:crypto';
import {
  type AnswerAck,
  type AnswerCommand,
  type CreateLessonResult,
  type Credentials,
  DECK_PRESET,
  ERROR_CODES,
  type InstructorCommand,
  type JoinLessonResult,
  type LessonResults,
  type LessonSettings,
  type LessonView,
} from '@backprop/contract';
import { playerCount } from '@backprop/lesson';
import type { AppContext, LessonContext } from '../context';
import { type LiveLesson, NAME_TAKEN_MESSAGE } from '../lessons/runner';
import { CodeTakenError } from '../lessons/store';
import type { Identity } from '../lessons/views';
import { ServiceError } from './errors';
import { acceptableName, nameKey } from './names';
import { hashSecret, newJoinCode, newSecret, secretMatches } from './secrets';

async function lessonByCode(lessons: LessonContext, code: string): Promise<LiveLesson> {
  const lesson = await lessons.runner.get(code);
  if (!lesson) throw new ServiceError(ERROR_CODES.UNKNOWN_LESSON, 'No lesson has this code');
  return lesson;
}

// --- create, join -------------------------------------------------------------------------------

export async function createLesson(
  ctx: AppContext,
  input: { preset?: 'deck'; settings?: LessonSettings },
  /** The signed-in instructor creating it, if any: their dashboard and reports list it. */
  ownerId: string | null = null,
): Promise<CreateLessonResult> {
  const { lessons } = ctx;
  const settings = input.settings ?? DECK_PRESET;
  const instructorSecret = newSecret();
  const cohostToken = newSecret();
  // 31^6 ≈ 887 million codes: a collision is rare, five in a row is a bug.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = newJoinCode();
    try {
      await lessons.runner.create({
        id: randomUUID(),
        code,
        settings,
        instructorSecretHash: hashSecret(instructorSecret),
        cohostTokenHash: hashSecret(cohostToken),
        createdAt: lessons.clock.now(),
        choiceSalt: newSecret(),
        finishedAt: null,
        ownerId,
      });
      return { code, instructorSecret, cohostToken };
    } catch (error) {
      if (!(error instanceof CodeTakenError)) throw error;
    }
  }
  throw new ServiceError(ERROR_CODES.UNAVAILABLE, 'No free join code found; try again');
}

export async function joinLesson(
  ctx: AppContext,
  input: { code: string; nickname: string },
): Promise<JoinLessonResult> {
  const { lessons } = ctx;
  const nickname = acceptableName(input.nickname);
  const lesson = await lessonByCode(lessons, input.code);
  // Checked before the join is queued, so concurrent joins may pass it by a few.
  if (playerCount(lesson.state) >= ctx.maxPlayersPerLesson) {
    throw new ServiceError(ERROR_CODES.LESSON_FULL, 'This lesson is full');
  }
  // A taken nickname is the state machine's to refuse (L1), on the lesson's writer: no read of
  // the database for each of a class's thousands of joins.
  const key = nameKey(nickname);
  const playerId = randomUUID();
  const playerToken = newSecret();
  const result = await lessons.runner.dispatch(
    lesson.record.code,
    { role: 'system' },
    {
      type: 'join',
      playerId,
      nickname,
      nicknameKey: key,
      tokenHash: hashSecret(playerToken),
    },
  );
  if (!result.ok && result.error.code === ERROR_CODES.NAME_TAKEN) {
    throw new ServiceError(ERROR_CODES.NAME_TAKEN, NAME_TAKEN_MESSAGE);
  }
  if (!result.ok) throw ServiceError.from(result.error);
  return { playerId, playerToken };
}

// --- identities, views --------------------------------------------------------------------------

/** Checks credentials against the lesson: the handshake's and lesson.view's gate. */
export async function authenticate(
  ctx: AppContext,
  code: string,
  as: Credentials,
): Promise<Identity> {
  const { lessons } = ctx;
  const lesson = await lessonByCode(lessons, code);
  const { record } = lesson;
  switch (as.role) {
    case 'instructor':
      if (!secretMatches(as.secret, record.instructorSecretHash)) break;
      return { code: record.code, role: 'instructor' };
    case 'cohost':
      if (!secretMatches(as.token, record.cohostTokenHash)) break;
      return { code: record.code, role: 'cohost' };
    case 'projector':
      return { code: record.code, role: 'projector' };
    case 'student': {
      const tokenHash = hashSecret(as.playerToken);
      let player = lessons.engine.findPlayerByTokenHash(lesson.state, tokenHash);
      // Joined through another server process a moment ago: fold in the log's tail, look again.
      if (!player) {
        await lessons.runner.catchUp(record.code);
        player = lessons.engine.findPlayerByTokenHash(lesson.state, tokenHash);
      }
      if (!player) throw new ServiceError(ERROR_CODES.UNKNOWN_PLAYER, 'Unknown player token');
      // Read off the roster, not a view: a class reconnecting at once during answers would build
      // the class's shared view part for each new state (measured: 3 s of CPU at 5,000 students).
      if (player.kicked) {
        throw new ServiceError(ERROR_CODES.KICKED, 'The instructor removed you from this lesson');
      }
      return { code: record.code, role: 'student', playerId: player.playerId };
    }
  }
  throw new ServiceError(
    ERROR_CODES.NOT_INSTRUCTOR,
    'The instructor secret or co-host link is wrong',
  );
}

/** The viewer's view, with the roster's `connected` filled from live connections. */
export async function lessonView(ctx: AppContext, identity: Identity): Promise<LessonView> {
  return ctx.lessons.views.of(await lessonByCode(ctx.lessons, identity.code), identity);
}

// --- commands -----------------------------------------------------------------------------------

export async function sendCommand(
  ctx: AppContext,
  identity: Identity,
  input: { command: InstructorCommand; version?: number; expect?: number },
): Promise<{ version: number }> {
  const { lessons } = ctx;
  if (identity.role !== 'instructor' && identity.role !== 'cohost') {
    throw new ServiceError(ERROR_CODES.NOT_INSTRUCTOR, 'Only the instructor can do that');
  }
  const result = await lessons.runner.dispatch(
    identity.code,
    { role: 'instructor' },
    input.command,
    input.version,
    input.expect,
  );
  if (!result.ok) throw ServiceError.from(result.error);
  return { version: result.version };
}

/**
 * An answer, acknowledged with the student's stored answer (their view's `myAnswer`): the
 * connection that sent it needs no view for it (FO1), so a class answering costs no view each.
 */
export async function sendAnswer(
  ctx: AppContext,
  identity: Identity,
  answer: AnswerCommand,
): Promise<AnswerAck> {
  const { lessons } = ctx;
  if (identity.role !== 'student') {
    throw new ServiceError(ERROR_CODES.UNKNOWN_PLAYER, 'Only students answer');
  }
  const result = await lessons.runner.dispatch(
    identity.code,
    { role: 'student', playerId: identity.playerId },
    answer,
  );
  if (!result.ok) throw ServiceError.from(result.error);
  // This process's copy has the result's version (dispatch waits for it), or a newer one.
  const lesson = await lessonByCode(lessons, identity.code);
  return {
    version: result.version,
    myAnswer: lessons.engine.myAnswerOf(lesson.state, identity.playerId),
  };
}

// --- results ------------------------------------------------------------------------------------

export async function lessonResults(
  ctx: AppContext,
  input: { code: string; secret: string },
): Promise<LessonResults> {
  const { lessons } = ctx;
  const lesson = await lessonByCode(lessons, input.code);
  const { record } = lesson;
  if (
    !secretMatches(input.secret, record.instructorSecretHash) &&
    !secretMatches(input.secret, record.cohostTokenHash)
  ) {
    throw new ServiceError(ERROR_CODES.NOT_INSTRUCTOR, 'The instructor secret is wrong');
  }
  const [answers, players, stored] = await Promise.all([
    lessons.store.answers(record.id),
    lessons.store.players(record.id),
    lessons.store.findLessonByCode(record.code),
  ]);
  const names = new Map(players.map((p) => [p.playerId, p.nickname]));
  return {
    code: record.code,
    finished: isFinished(lessons, lesson),
    finishedAt: stored?.finishedAt ?? null,
    standings: lessons.engine.standings(lesson.state),
    answers: answers.map((a) => ({ ...a, nickname: names.get(a.playerId) ?? '' })),
  };
}

const isFinished = (lessons: LessonContext, lesson: LiveLesson): boolean =>
  lessons.engine.viewFor(lesson.state, { role: 'projector' }).phase === 'finished';
