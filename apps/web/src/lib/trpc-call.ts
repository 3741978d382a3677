/**
 * The game server's tRPC procedures over plain fetch (no tRPC client in the bundle): a query as GET
 * with the input in the URL, a mutation as a JSON POST. Refusals become `ApiError` with the
 * contract's code. Paths, kinds, inputs and results are read from the server's router type (a
 * type-only import: nothing of the server reaches the bundle), so a misspelt procedure, a query
 * sent as a mutation or a wrong input fails the typecheck.
 */
import type { ErrorCode } from '@backprop/contract';
import type { AppRouter } from '@backprop/server/router';
import type {
  AnyProcedure,
  inferProcedureInput,
  inferTransformedProcedureOutput,
} from '@trpc/server';

/** A refusal from the server, with the contract's error code. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Procedures = AppRouter['_def']['record'];

/** 'lesson.create', 'homework.view', …: the dotted path of every procedure under `R`. */
type PathsOf<R, Prefix extends string = ''> = {
  [K in keyof R & string]: R[K] extends AnyProcedure
    ? `${Prefix}${K}`
    : PathsOf<R[K], `${Prefix}${K}.`>;
}[keyof R & string];

type ProcedureAt<R, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof R
    ? ProcedureAt<R[Head], Rest>
    : never
  : P extends keyof R
    ? R[P] extends AnyProcedure
      ? R[P]
      : never
    : never;

export type ProcedurePath = PathsOf<Procedures>;
type Procedure<P extends ProcedurePath> = ProcedureAt<Procedures, P>;
export type ProcedureKind<P extends ProcedurePath> = Procedure<P>['_def']['type'];
export type ProcedureInput<P extends ProcedurePath> = inferProcedureInput<Procedure<P>>;
/** The result as it arrives: JSON (no transformer), so a Date would read as a string. */
export type ProcedureOutput<P extends ProcedurePath> = inferTransformedProcedureOutput<
  AppRouter,
  Procedure<P>
>;

type PathsOfKind<Kind> = {
  [P in ProcedurePath]: ProcedureKind<P> extends Kind ? P : never;
}[ProcedurePath];
export type QueryPath = PathsOfKind<'query'>;
export type MutationPath = PathsOfKind<'mutation'>;

/** The input argument: optional where the procedure takes none or an optional one. */
type InputArgs<P extends ProcedurePath> =
  undefined extends ProcedureInput<P> ? [input?: ProcedureInput<P>] : [input: ProcedureInput<P>];

export interface ClientOptions {
  /** 'same-origin' sends the session cookie through the app's /api proxy; 'omit' sends none. */
  credentials?: RequestCredentials;
  /** Give up after this long (a NETWORK refusal), e.g. for a status poll. */
  timeoutMs?: number;
}

export interface TrpcClient {
  query<P extends QueryPath>(path: P, ...input: InputArgs<P>): Promise<ProcedureOutput<P>>;
  mutation<P extends MutationPath>(path: P, ...input: InputArgs<P>): Promise<ProcedureOutput<P>>;
}

const UNREACHABLE = 'The game server cannot be reached. Check the connection and try again.';

interface TrpcResponse {
  result?: { data: unknown };
  error?: { message?: string; data?: { appCode?: ErrorCode } };
}

async function send(
  url: string,
  kind: 'query' | 'mutation',
  input: unknown,
  { credentials = 'same-origin', timeoutMs }: ClientOptions,
): Promise<unknown> {
  const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response =
      kind === 'query'
        ? await fetch(
            // No input, no parameter (as tRPC's own client sends it).
            input === undefined ? url : `${url}?input=${encodeURIComponent(JSON.stringify(input))}`,
            { cache: 'no-store', credentials, signal },
          )
        : await fetch(url, {
            method: 'POST',
            cache: 'no-store',
            headers: { 'content-type': 'application/json' },
            body: input === undefined ? undefined : JSON.stringify(input),
            credentials,
            signal,
          });
  } catch {
    throw new ApiError('NETWORK', UNREACHABLE);
  }
  const body = (await response.json().catch(() => ({}))) as TrpcResponse;
  if (body.result) return body.result.data;
  // Not tRPC's answer (a proxy's error page): INTERNAL with the HTTP status text.
  throw new ApiError(
    body.error?.data?.appCode ?? 'INTERNAL',
    body.error?.message ?? response.statusText,
  );
}

/** The procedures at `base` (read at each call: the live server's address comes from the page). */
export function trpcClient(base: () => string, options: ClientOptions = {}): TrpcClient {
  const call = (path: string, kind: 'query' | 'mutation', input: unknown) =>
    send(`${base()}/${path}`, kind, input, options);
  return {
    query: (path, ...[input]) => call(path, 'query', input) as never,
    mutation: (path, ...[input]) => call(path, 'mutation', input) as never,
  };
}
