/**
 * The lesson state machine's public shape. Everything here is plain, JSON-serialisable data:
 * the server keeps a lesson's state in memory and rebuilds it after a restart by folding the
 * envelopes stored in the lesson's log through `applyCommand`.
 */
import type {
  AnswerCommand,
  ErrorCode,
  InstructorCommand,
  LessonSettings,
  QuestionKey,
  TrainingFrame,
  WireError,
} from '@backprop/contract';
/**
 * The state itself is defined in state.ts; its fields are the state machine's own business,
 * but it is plain data (no classes, no functions, no Maps) so it can be logged and compared.
 */
import type { LessonState } from './state.ts';

export type { LessonState };

/** Who sent a command. The server sets it from the connection's verified identity, never from the payload. */
export type Actor =
  | { role: 'instructor' } // the instructor or a co-host: same rights
  | { role: 'student'; playerId: string }
  | { role: 'system' }; // the server itself: joins and timer expiries

/** Commands only the server issues, after checks that need I/O or secrets. */
export type SystemCommand =
  /**
   * A student joins: the server already normalised and filtered the nickname, computed its
   * look-alike key (L1) and made the token. Logs from before keys: the lower-cased nickname.
   */
  | { type: 'join'; playerId: string; nickname: string; nicknameKey?: string; tokenHash: string }
  /** The question's timer ran out (scheduled from `nextDeadline`). */
  | { type: 'expire'; question: QuestionKey };

export type LessonCommand = InstructorCommand | AnswerCommand | SystemCommand;

/** One entry of a lesson's log: what was asked, by whom, when (epoch ms, from the server's clock). */
export interface Envelope {
  actor: Actor;
  at: number;
  command: LessonCommand;
  /** When given, the command is refused (STALE_VERSION) unless the state is at this version. */
  expectedVersion?: number;
}

/** What changed, for the server to persist to report tables and to tell the right screens. */
export type LessonEvent =
  | { type: 'playerJoined'; playerId: string; nickname: string }
  | { type: 'playerKicked'; playerId: string }
  | { type: 'playerReadmitted'; playerId: string }
  | { type: 'questionShown'; question: QuestionKey }
  | { type: 'questionOpened'; question: QuestionKey; deadline: number | null }
  | { type: 'answerAccepted'; question: QuestionKey; playerId: string; answerId: string }
  | {
      type: 'questionLocked';
      question: QuestionKey;
      reason: 'instructor' | 'timer' | 'allAnswered';
    }
  /** Scored at the reveal: one row per student who answered (their last answer). */
  | { type: 'questionRevealed'; question: QuestionKey; scores: QuestionScore[] }
  | { type: 'questionSkipped'; question: QuestionKey }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'stepDone'; step: number }
  /** A fast-forward: frames for the server to stream at about 10 per second. */
  | { type: 'trained'; fromStep: number; toStep: number; frames: TrainingFrame[] }
  | { type: 'biasesAdded'; step: number }
  | { type: 'finished' };

export interface QuestionScore {
  playerId: string;
  answerId: string;
  quantity: string;
  value: AnswerCommand['value'];
  submittedAt: number;
  correct: boolean;
  /** Share of entries right, 0..1. */
  credit: number;
  points: number;
  misconceptionId: string | null;
  /** The student's totals after this question. */
  totalScore: number;
  streak: number;
}

export type ApplyResult =
  | { ok: true; state: LessonState; events: LessonEvent[] }
  | { ok: false; error: LessonError };

export interface LessonError extends WireError {
  code: ErrorCode;
}

/** Whom a view is for. */
export type Viewer =
  | { role: 'instructor' }
  | { role: 'projector' }
  | { role: 'student'; playerId: string };

/** Created from the instructor's settings; the join code is chosen by the server. */
export interface CreateLessonInput {
  code: string;
  settings: LessonSettings;
  createdAt: number;
  /**
   * [Q2] A secret the server makes at creation and never sends: it seeds the multiple-choice
   * option order, which students could otherwise compute from the code. Absent or "" (lessons
   * created before it existed): the order is seeded from the code alone, as it was then.
   */
  choiceSalt?: string;
}
