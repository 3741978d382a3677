/**
 * Homework (self-paced assignments), practice, and reports: inputs (zod) and outputs (types) of
 * their tRPC procedures. Instructors act through their signed-in session (a cookie); a student
 * holds only the resume code the server gave them when they started.
 */
import type { GivenName, NetworkConfig, QuantityName, Value } from '@backprop/mlp-core';
import { z } from 'zod';
import { answerValueSchema } from './commands.ts';
import { JOIN_CODE_ALPHABET, NICKNAME_MAX } from './constants.ts';
import type { GradedAnswer, QuestionFace } from './question.ts';
import { lessonSettingsSchema } from './settings.ts';
import { joinCodeSchema } from './socket.ts';

// ---------------------------------------------------------------- accounts

export const PASSWORD_MIN = 8;
/** Longer passwords are refused (better-auth's own bound; scrypt cost grows with the length). */
export const PASSWORD_MAX = 128;
/** An instructor's display name, as the dashboard and reports show it. */
export const INSTRUCTOR_NAME_MAX = 80;

/**
 * What sign-up accepts besides the password strength (checked on the server): a name of 1 to
 * INSTRUCTOR_NAME_MAX characters without control characters, an email, a bounded password.
 */
export const signUpInput = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(INSTRUCTOR_NAME_MAX)
    .refine(
      (name) => !/[\p{Cc}\p{Cf}]/u.test(name),
      'The name has invisible or control characters',
    ),
  email: z.email().max(254),
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
});

/** The signed-in instructor, as the server sees them. */
export interface Instructor {
  id: string;
  name: string;
  email: string;
}

// ---------------------------------------------------------------- assignments

export const ATTEMPTS_MAX = 10;
export const TITLE_MAX = 120;
export const STUDENT_NUMBER_MAX = 40;

/** Random, URL-safe: the share link is /homework/<id>. */
export const assignmentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{10,32}$/, 'not an assignment id');

/** Ten characters of the join-code alphabet; typed with or without the dash, any case. */
export const RESUME_CODE_LENGTH = 10;
export const resumeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .regex(
        new RegExp(`^[${JOIN_CODE_ALPHABET}]{${RESUME_CODE_LENGTH}}$`),
        'a resume code is 10 letters and digits',
      ),
  );

/** Epoch milliseconds. */
const epochMs = z.number().int().min(0).max(8.64e15);

export const assignmentSettingsSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(TITLE_MAX),
    /** The lesson configuration: the network and the quantities asked, as for a live lesson. */
    settings: lessonSettingsSchema,
    opensAt: epochMs,
    dueAt: epochMs,
    /** Submissions per quantity before the true value is shown and the student moves on. */
    attempts: z.number().int().min(1).max(ATTEMPTS_MAX),
    /** After a wrong answer: the named mistake and a hint pointing to the formula. */
    showHints: z.boolean(),
    /** Ask each student for a student id (e.g. a matriculation number) besides their name. */
    askStudentNumber: z.boolean(),
  })
  .refine((a) => a.dueAt > a.opensAt, { message: 'due must be after opening', path: ['dueAt'] });
export type AssignmentSettings = z.infer<typeof assignmentSettingsSchema>;

export const createAssignmentInput = assignmentSettingsSchema;
export const assignmentLookupInput = z.strictObject({ id: assignmentIdSchema });
/** The instructor looks at one student's homework (their exact numbers). */
export const assignmentStudentInput = z.strictObject({
  id: assignmentIdSchema,
  studentId: z.uuid(),
});

export type AssignmentStatus = 'upcoming' | 'open' | 'closed';

/** What the instructor's dashboard lists. */
export interface AssignmentSummary extends Omit<AssignmentSettings, 'settings'> {
  id: string;
  settings: AssignmentSettings['settings'];
  status: AssignmentStatus;
  createdAt: number;
  /** Students who started / finished every question. */
  started: number;
  finished: number;
}

/** A live lesson owned by the signed-in instructor (dashboard). */
export interface LessonSummary {
  code: string;
  createdAt: number;
  finishedAt: number | null;
  players: number;
}

// ---------------------------------------------------------------- homework (the student)

/** What the share link shows before a student starts: no numbers yet. */
export interface AssignmentIntro {
  id: string;
  title: string;
  status: AssignmentStatus;
  opensAt: number;
  dueAt: number;
  attempts: number;
  showHints: boolean;
  askStudentNumber: boolean;
  questionCount: number;
}

export const homeworkIntroInput = z.strictObject({ assignmentId: assignmentIdSchema });

export const startHomeworkInput = z.strictObject({
  assignmentId: assignmentIdSchema,
  name: z.string().trim().min(1).max(NICKNAME_MAX),
  /** Required when the assignment asks for it (checked by the server). */
  studentNumber: z.string().trim().min(1).max(STUDENT_NUMBER_MAX).optional(),
});

export const homeworkLookupInput = z.strictObject({
  assignmentId: assignmentIdSchema,
  resumeCode: resumeCodeSchema,
});

export const submitHomeworkInput = z.strictObject({
  assignmentId: assignmentIdSchema,
  resumeCode: resumeCodeSchema,
  /** Made by the client; the same id sent twice is one attempt (a retry after a lost reply). */
  attemptId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  /** The question's index in the assignment's question list: must be the current one. */
  questionIndex: z.number().int().min(0),
  value: answerValueSchema,
});

/** One graded attempt, as the student sees it right after submitting. */
export interface AttemptFeedback extends GradedAnswer {
  attempt: number;
  value: z.infer<typeof answerValueSchema>;
  submittedAt: number;
}

export type HomeworkQuestionState = 'locked' | 'current' | 'right' | 'missed';

/** A homework question: its face (options only once reachable), progress, and its attempts. */
export interface HomeworkQuestion extends QuestionFace {
  index: number;
  state: HomeworkQuestionState;
  attemptsUsed: number;
  /** Only once the question is right or out of attempts, or the assignment is closed. */
  truth: Value | null;
  attempts: AttemptFeedback[];
}

/** A student's homework: their own numbers, their progress, nothing they have not earned. */
export interface HomeworkView {
  assignment: AssignmentIntro;
  student: { name: string; studentNumber: string | null; resumeCode: string };
  /** This student's network (their own seeds) and the givens of the step (x, y, W1, W2, b1, b2). */
  network: NetworkConfig;
  known: Partial<Record<GivenName | QuantityName, Value>>;
  questions: HomeworkQuestion[];
  /** Index of the question to answer now; null when done or closed. */
  current: number | null;
  /** Sum of credits of finished questions, and the number of questions. */
  score: { credit: number; max: number };
  finishedAt: number | null;
}

export interface StartHomeworkResult {
  /** Shown to the student: continue on another device with it. Stored hashed. */
  resumeCode: string;
  view: HomeworkView;
}

export interface SubmitHomeworkResult {
  feedback: AttemptFeedback;
  view: HomeworkView;
}

// ---------------------------------------------------------------- reports

export const lessonReportInput = z.strictObject({ code: joinCodeSchema });
export const assignmentReportInput = assignmentLookupInput;

/** One student's result for one question (a quantity at a training step; homework: step 1). */
export interface ReportCell {
  step: number;
  quantity: QuantityName;
  correct: boolean;
  /** 0..1. */
  credit: number;
  /** Submissions (1 in a live lesson). */
  attempts: number;
  /** Seconds from the question becoming available to the student's final answer; null if unanswered. */
  seconds: number | null;
  /** The named mistake of the final answer, if wrong and named. */
  misconceptionId: string | null;
  answered: boolean;
  /**
   * The student could answer it: live, in the lesson (joined, not kicked) while it was open, or
   * answered it; homework, always. A cell not present counts in no share.
   */
  present: boolean;
}

export interface ReportStudent {
  /** playerId (live) or the homework student's id. */
  id: string;
  name: string;
  studentNumber: string | null;
  /** Live: points; homework: sum of credits. */
  score: number;
  /** Share right of the questions the student could answer, 0..1. */
  correctShare: number;
  /** Questions the student could answer (cells present). */
  questions: number;
  /** Credit (partial credit counted) over the questions the student could answer, 0..1. */
  creditShare: number;
  /**
   * The most `score` could be on the questions the student could answer. Homework: one per
   * question. Live: each question's full points, the largest speed bonus when the lesson has a
   * timer and speed bonus, and the streak bonus of an unbroken run.
   */
  maxScore: number;
  attempts: number;
  /** Total seconds over the answered questions. */
  seconds: number;
  cells: ReportCell[];
}

/** Per quantity, over every step it was asked at. */
export interface ReportQuantity {
  quantity: QuantityName;
  /** Answers given (a student asked at two steps counts twice). */
  answered: number;
  correct: number;
  /** Students who could answer it (over its steps), and those who could not. */
  present: number;
  notPresent: number;
  /** correct / present: unanswered by a present student counts as not correct, 0..1. */
  correctShare: number;
  meanAttempts: number;
  /** Most common first. */
  misconceptions: { id: string; label: string; count: number }[];
}

export interface Report {
  kind: 'lesson' | 'assignment';
  /** Lesson code or assignment id. */
  id: string;
  title: string;
  students: ReportStudent[];
  quantities: ReportQuantity[];
  /**
   * The quantity with the lowest share correct (ties: the earlier one) among those at least
   * half of the students present answered (HARDEST_MIN_ANSWERED in packages/lesson); null when
   * none qualifies.
   */
  hardest: QuantityName | null;
}
