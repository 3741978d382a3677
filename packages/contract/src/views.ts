/**
 * What each screen receives: views computed by the server from the lesson state for one viewer
 * (packages/lesson `viewFor`). A student's view never carries another student's answers, nor a
 * value that has not been revealed.
 */
import type { GivenName, Matrix, NetworkConfig, QuantityName, Value } from '@backprop/mlp-core';
import type { AnswerValue, InstructorCommandType, QuestionKey } from './commands.ts';
import type { DisplayOptions } from './constants.ts';
import type { GradedAnswer, QuestionFace } from './question.ts';
import type { AnswerMode } from './settings.ts';

export const LESSON_PHASES = ['lobby', 'question', 'stepDone', 'finished'] as const;
export type LessonPhase = (typeof LESSON_PHASES)[number];

/** shown: on screen, not yet accepting answers; open: accepting; locked: closed, not revealed. */
export const QUESTION_STATUSES = ['shown', 'open', 'locked', 'revealed'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** The live question: its face, its status and timer, and the truth once revealed. */
export interface QuestionView extends QuestionFace {
  key: QuestionKey;
  status: QuestionStatus;
  /** Epoch ms when the timer runs out; null without a timer, while paused, or once closed. */
  deadline: number | null;
  /** Timer milliseconds left while paused. */
  remainingMs: number | null;
  /** Only once revealed (always for the instructor console). */
  truth: Value | null;
  answeredCount: number;
  /** Students who can answer (joined, not kicked). */
  activeCount: number;
}

export interface PlayerStanding {
  playerId: string;
  nickname: string;
  score: number;
  /** 1-based; equal scores share a rank. */
  rank: number;
  streak: number;
}

/** The student's graded answer at a reveal, and the points it earned. */
export interface AnswerResult extends GradedAnswer {
  points: number;
}

export interface TrainingSummary {
  /** Loss over the whole data after the last fast-forward (null before any). */
  lastLoss: number | null;
  lastAccuracy: number | null;
  /** The network has biases (from the settings, or since `addBiases`). */
  bias: boolean;
  /**
   * The last fast-forward stalled on a network without biases: it cannot learn XOR, and the
   * screens say why and offer `addBiases` (packages/lesson SPEC T2).
   */
  stalled: boolean;
}

interface ViewBase {
  /** The state version the view was computed from (the number of accepted commands). */
  version: number;
  code: string;
  phase: LessonPhase;
  paused: boolean;
  /** Training steps taken so far (quizzed and fast-forwarded). */
  step: number;
  /**
   * The quizzed step as a teacher numbers it, from 1: the current one while quizzing, the last
   * one between steps, 0 in the lobby. `step` is how many training steps came before it.
   */
  quizStep: number;
  /** The last fast-forward's figures over the whole data, and whether the network has biases. */
  training: TrainingSummary;
  questionIndex: number;
  questionCount: number;
  /** Givens of the current step, and the quantities the class may see now. */
  known: Partial<Record<GivenName | QuantityName, Value>>;
  question: QuestionView | null;
  playerCount: number;
  /** After a reveal, between steps and at the end; empty while a question is open. */
  leaderboard: PlayerStanding[];
}

export interface StudentView extends ViewBase {
  kind: 'student';
  me: PlayerStanding & { kicked: boolean };
  myAnswer: { answerId: string; value: unknown; at: number } | null;
  /** Once the current question is revealed. */
  myResult: AnswerResult | null;
}

/** Per entry of the current question: how many answers were right, matched each mistake, or neither. */
export interface EntryDistribution {
  row: number;
  col: number;
  correct: number;
  misconceptions: Record<string, number>;
  other: number;
}

export interface RosterEntry extends PlayerStanding {
  kicked: boolean;
  /** Filled in by the server from live connections. */
  connected: boolean;
  answered: boolean;
}

/** One student's current answer to the question, as it arrives (staff only). */
export interface LiveAnswer {
  playerId: string;
  nickname: string;
  value: AnswerValue;
  /** Fully right. */
  correct: boolean;
  /** Share of entries right, 0..1. */
  credit: number;
  /** The named slip the whole answer matched (a key of `misconceptionLabels`), if any. */
  misconceptionId: string | null;
  /** Epoch ms of the server's acceptance. */
  at: number;
}

/**
 * Answers on the big screen: one student's, or all with one slip. Never names or player ids.
 * Each value is the answer as a number or rows (a choice as its option's value); on the
 * projector, before the reveal, the entries that are right are null (the truth stays hidden).
 */
export interface SnapshotView {
  source: 'answer' | 'slip';
  question: QuestionKey;
  quantity: QuantityName;
  mode: AnswerMode;
  /** The slip's id and label (a slip snapshot, or the one answer's slip). */
  misconception: { id: string; label: string } | null;
  values: (number | null | (number | null)[][])[];
}

export interface InstructorView extends ViewBase {
  kind: 'instructor';
  /**
   * Accepted instructor commands that move the lesson (all but display, snapshots, kick and
   * readmit): sent back as `expect` so a command another instructor made stale is refused.
   * Answers, joins and the timer never change it.
   */
  instructorVersion: number;
  /** The instructor commands the lesson accepts now (kick, readmit, showSnapshot: for some argument). */
  allowed: InstructorCommandType[];
  /** The command of the console's primary button (Start, Open, Reveal, Next, Resume), if any. */
  nextAction: InstructorCommandType | null;
  display: DisplayOptions;
  /** Each student's current answer (kicked students left out), once the question is open. */
  answers: LiveAnswer[];
  /** What the projector shows instead of the question, unmasked. */
  snapshot: SnapshotView | null;
  /** Without names. */
  distribution: EntryDistribution[];
  /** Labels of the misconception ids in `distribution`. */
  misconceptionLabels: Record<string, string>;
  roster: RosterEntry[];
}

/** The big screen: the instructor's view without the truth before its reveal and without the roster's details. */
export interface ProjectorView extends ViewBase {
  kind: 'projector';
  distribution: EntryDistribution[];
  misconceptionLabels: Record<string, string>;
  nicknames: string[];
  display: DisplayOptions;
  /** Answers put on the big screen by the instructor; the question otherwise. */
  snapshot: SnapshotView | null;
  /** The network's shape, and the data seed and size so the screen can draw the XOR points itself. */
  network: Pick<NetworkConfig, 'dataSeed' | 'n' | 'hidden' | 'bias' | 'activation'>;
}

export type LessonView = StudentView | InstructorView | ProjectorView;

/** One animation frame of a fast-forward, streamed at most about 10 per second. */
export interface TrainingFrame {
  /** Training steps taken when the frame's weights were reached (the last frame: the view's step). */
  step: number;
  /** Loss and accuracy over the whole data with the frame's weights. */
  loss: number;
  accuracy: number;
  /** P(class 1) over the plot area, top row first (mlp-core predictGrid). */
  grid: Matrix;
  /** The area the grid covers. */
  extent: { xMin: number; xMax: number; yMin: number; yMax: number };
  last: boolean;
}
