/**
 * What each screen receives: views computed by the server from the lesson state for one viewer
 * (packages/lesson `viewFor`). A student's view never carries another student's answers, nor a
 * value that has not been revealed.
 */
import type {
  GivenName,
  Matrix,
  NetworkConfig,
  Phase,
  QuantityName,
  Shape,
  Value,
} from '@backprop/mlp-core';
import type { QuestionKey } from './commands.ts';
import type { AnswerMode } from './settings.ts';

export const LESSON_PHASES = ['lobby', 'question', 'stepDone', 'finished'] as const;
export type LessonPhase = (typeof LESSON_PHASES)[number];

/** shown: on screen, not yet accepting answers; open: accepting; locked: closed, not revealed. */
export const QUESTION_STATUSES = ['shown', 'open', 'locked', 'revealed'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export interface QuestionView {
  key: QuestionKey;
  quantity: QuantityName;
  mode: AnswerMode;
  /** LaTeX, from mlp-core's trace. */
  symbol: string;
  formula: string;
  shape: Shape;
  phase: Phase;
  /** The bricks it is computed from. */
  inputs: readonly (GivenName | QuantityName)[];
  status: QuestionStatus;
  /** Epoch ms when the timer runs out; null without a timer, while paused, or once closed. */
  deadline: number | null;
  /** Timer milliseconds left while paused. */
  remainingMs: number | null;
  /** Multiple-choice option values (no labels: they would give the answer away). */
  options: Value[] | null;
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

export interface AnswerResult {
  correct: boolean;
  /** Share of entries right, 0..1 (partial credit). */
  credit: number;
  points: number;
  entries: { row: number; col: number; truth: number; answer: number; correct: boolean }[];
  /** The named mistake the answer matched, if any. */
  misconception: { id: string; label: string; hint: string } | null;
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

export interface InstructorView extends ViewBase {
  kind: 'instructor';
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
