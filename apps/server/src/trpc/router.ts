// tRPC transport: zod inputs from the contract, the same services as socket.io. A refusal is a
// TRPCError whose `data.appCode` carries the contract's error code (the ServiceError is its cause).
import {
  assignmentLookupInput,
  assignmentReportInput,
  assignmentStudentInput,
  createAssignmentInput,
  createLessonInput,
  ERROR_CODES,
  type ErrorCode,
  healthInput,
  homeworkIntroInput,
  homeworkLookupInput,
  joinLessonInput,
  lessonReportInput,
  lessonViewInput,
  resultsInput,
  startHomeworkInput,
  submitHomeworkInput,
} from '@backprop/contract';
import { initTRPC, TRPCError } from '@trpc/server';
import type { RequestContext } from '../context';
import { ownedLessons, signedIn } from '../services/accounts';
import { createAssignment, getAssignment, listAssignments } from '../services/assignments';
import { ServiceError } from '../services/errors';
import { checkHealth } from '../services/health';
import {
  assignmentStudentView,
  homeworkIntro,
  homeworkViewOf,
  startHomework,
  submitHomework,
} from '../services/homework';
import { joinInfo } from '../services/join-info';
import {
  authenticate,
  createLesson,
  joinLesson,
  lessonResults,
  lessonView,
} from '../services/lessons';
import { refusalOf } from '../services/refusal';
import { assignmentReportFor, lessonReportFor } from '../services/reports';

type TrpcCode = TRPCError['code'];
const TRPC_CODES: Partial<Record<ErrorCode, TrpcCode>> = {
  INVALID_INPUT: 'BAD_REQUEST',
  NAME_REFUSED: 'BAD_REQUEST',
  PROTOCOL_MISMATCH: 'BAD_REQUEST',
  UNKNOWN_LESSON: 'NOT_FOUND',
  UNKNOWN_ASSIGNMENT: 'NOT_FOUND',
  NOT_INSTRUCTOR: 'FORBIDDEN',
  NOT_SIGNED_IN: 'UNAUTHORIZED',
  NOT_OWNER: 'FORBIDDEN',
  UNKNOWN_PLAYER: 'UNAUTHORIZED',
  ASSIGNMENT_NOT_OPEN: 'PRECONDITION_FAILED',
  ASSIGNMENT_CLOSED: 'PRECONDITION_FAILED',
  QUESTION_CLOSED: 'CONFLICT',
  NO_ATTEMPTS_LEFT: 'CONFLICT',
  BAD_ANSWER: 'BAD_REQUEST',
  KICKED: 'FORBIDDEN',
  NAME_TAKEN: 'CONFLICT',
  STALE_VERSION: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  LESSON_FULL: 'CONFLICT',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** The contract's code of a tRPC error (also counted by /metrics). */
export function appCodeOf(error: TRPCError): ErrorCode {
  if (error.cause instanceof ServiceError) return error.cause.code;
  return error.code === 'BAD_REQUEST' ? ERROR_CODES.INVALID_INPUT : ERROR_CODES.INTERNAL;
}

// isDev off: error answers never carry server stack traces to browsers.
const t = initTRPC.context<RequestContext>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    return { ...shape, data: { ...shape.data, appCode: appCodeOf(error) } };
  },
});

/**
 * Every procedure's outermost middleware: what a procedure or an inner middleware threw becomes a
 * TRPCError carrying the contract's code, through refusal.ts (the socket's and the CSV's mapping
 * too). tRPC wraps anything thrown that is not a TRPCError as INTERNAL_SERVER_ERROR with the
 * thrown value as its cause: a ServiceError then gets its own code, anything else is logged and
 * leaves as INTERNAL with a reference. TRPCErrors made on purpose pass as they are (a malformed
 * input's BAD_REQUEST, `rateLimited`).
 */
const refusals = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (result.ok || result.error.code !== 'INTERNAL_SERVER_ERROR') return result;
  const refusal = refusalOf(result.error.cause ?? result.error, `trpc ${path}`);
  throw new TRPCError({
    code: TRPC_CODES[refusal.code] ?? 'BAD_REQUEST',
    message: refusal.message,
    cause: refusal,
  });
});

const rateLimited = (message: string) =>
  new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message,
    cause: new ServiceError(ERROR_CODES.RATE_LIMITED, message),
  });

/** Every procedure: refusals mapped, then one point of the caller's address's budget (http/limits.ts). */
const procedure = t.procedure.use(refusals).use(async ({ ctx, next }) => {
  if (!(await ctx.limits.take('trpcCall', ctx.address))) {
    throw rateLimited('Too many requests from this address; wait a minute');
  }
  return next();
});

/** Codes that say "this code, id or resume code matches nothing": what guessing gets. */
const MISSES: ReadonlySet<ErrorCode> = new Set([
  ERROR_CODES.UNKNOWN_LESSON,
  ERROR_CODES.UNKNOWN_ASSIGNMENT,
  ERROR_CODES.UNKNOWN_PLAYER,
  ERROR_CODES.NOT_INSTRUCTOR,
]);

/**
 * Procedures that look something up by a code a client could guess (join codes, assignment ids,
 * resume codes, secrets): each miss spends the address's `lookupMiss` budget, and once it is
 * spent every lookup is refused until the window passes.
 */
const lookupProcedure = procedure.use(async ({ ctx, next }) => {
  if (await ctx.limits.spent('lookupMiss', ctx.address)) {
    throw rateLimited('Too many unknown codes from this address; wait a minute');
  }
  const result = await next();
  if (!result.ok) {
    const { cause } = result.error;
    if (cause instanceof ServiceError && MISSES.has(cause.code)) {
      await ctx.limits.take('lookupMiss', ctx.address);
    }
  }
  return result;
});

/** Procedures for a signed-in instructor: NOT_SIGNED_IN otherwise; `ctx.me` is who. */
const instructorProcedure = procedure.use(async ({ ctx, next }) => {
  const instructor = await signedIn(ctx);
  return next({ ctx: { me: instructor } });
});

export const appRouter = t.router({
  // A mutation, not a query: it writes a Heartbeat row (and must not be cached or prefetched).
  // Writes its Heartbeat row for a signed-in instructor only: anonymous callers only read.
  health: procedure
    .input(healthInput.optional())
    .mutation(async ({ ctx, input }) =>
      checkHealth(ctx, input?.source ?? 'trpc', { write: (await ctx.instructor()) !== null }),
    ),
  // Public: the addresses a projector prints for phones are no secret on the class's network.
  joinInfo: procedure.query(({ ctx }) => joinInfo(ctx.publicUrl)),
  lesson: t.router({
    // Also without an account (the quick "teach now" path); a signed-in instructor owns it.
    create: procedure.input(createLessonInput).mutation(async ({ ctx, input }) => {
      const owner = (await ctx.instructor())?.id ?? null;
      if (!owner && !(await ctx.limits.take('anonymousLesson', ctx.address))) {
        throw rateLimited('Too many lessons from this address; sign in, or wait an hour');
      }
      return createLesson(ctx, input, owner);
    }),
    join: lookupProcedure
      .input(joinLessonInput)
      .mutation(({ ctx, input }) => joinLesson(ctx, input)),
    view: lookupProcedure
      .input(lessonViewInput)
      .query(async ({ ctx, input }) =>
        lessonView(ctx, await authenticate(ctx, input.code, input.as)),
      ),
    results: lookupProcedure
      .input(resultsInput)
      .query(({ ctx, input }) => lessonResults(ctx, input)),
  }),
  account: t.router({
    me: procedure.query(({ ctx }) => ctx.instructor()),
    lessons: instructorProcedure.query(({ ctx }) => ownedLessons(ctx, ctx.me)),
  }),
  assignment: t.router({
    create: instructorProcedure
      .input(createAssignmentInput)
      .mutation(({ ctx, input }) => createAssignment(ctx, ctx.me, input)),
    list: instructorProcedure.query(({ ctx }) => listAssignments(ctx, ctx.me)),
    get: instructorProcedure
      .input(assignmentLookupInput)
      .query(({ ctx, input }) => getAssignment(ctx, ctx.me, input.id)),
    student: instructorProcedure
      .input(assignmentStudentInput)
      .query(({ ctx, input }) => assignmentStudentView(ctx, ctx.me, input)),
  }),
  // Students: no account; the resume code given at the start is their key.
  homework: t.router({
    intro: lookupProcedure
      .input(homeworkIntroInput)
      .query(({ ctx, input }) => homeworkIntro(ctx, input.assignmentId)),
    start: lookupProcedure
      .input(startHomeworkInput)
      .mutation(({ ctx, input }) => startHomework(ctx, input)),
    view: lookupProcedure
      .input(homeworkLookupInput)
      .query(({ ctx, input }) => homeworkViewOf(ctx, input)),
    submit: lookupProcedure
      .input(submitHomeworkInput)
      .mutation(({ ctx, input }) => submitHomework(ctx, input)),
  }),
  report: t.router({
    lesson: instructorProcedure
      .input(lessonReportInput)
      .query(({ ctx, input }) => lessonReportFor(ctx, ctx.me, input.code)),
    assignment: instructorProcedure
      .input(assignmentReportInput)
      .query(({ ctx, input }) => assignmentReportFor(ctx, ctx.me, input.id)),
  }),
});

/** The router's type, for the web app's tRPC client. */
export type AppRouter = typeof appRouter;
