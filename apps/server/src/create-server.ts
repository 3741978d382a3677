// The composition root: builds the server in one direction, each part from what came before:
// the database and its stores, the clock and the lesson engine, the socket.io server (not yet
// listening), presence and the cluster link, views, the fan-out, the runner, the services'
// context, then the transports (tRPC, the HTTP routes with the CSV downloads, socket.io's
// handlers), and last the HTTP server that carries them all. Nothing is looked up later.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb } from '@backprop/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { Server } from 'socket.io';
import { createAuth } from './auth/auth';
import type { Cluster, ClusterOptions } from './cluster/cluster';
import { type AppContext, requestContext } from './context';
import { type CorsOrigin, isAllowedOrigin } from './cors';
import { createAppHandler, MAX_MESSAGE_BYTES } from './http/app-handler';
import { createLimits, type LimitOptions } from './http/limits';
import { type Clock, systemClock } from './lessons/clock';
import { type LessonEngine, lessonEngine } from './lessons/engine';
import { LessonRunner } from './lessons/runner';
import { tuneSqlite } from './lessons/sqlite-tuning';
import { createLessonViews } from './lessons/views';
import { instrumentSockets, instrumentStore } from './metrics/instrument';
import { createMetrics } from './metrics/registry';
import type { AppServer } from './socket/app-server';
import { acceptEncodedJson } from './socket/encoded';
import { FanOut, type FanOutOptions } from './socket/fan-out';
import { registerSocketHandlers, type SocketOptions } from './socket/handlers';
import { Presence } from './socket/presence';
import { createPrismaStores } from './stores';
import { appCodeOf, appRouter } from './trpc/router';

/** The ServerSecret row that signs session cookies when BETTER_AUTH_SECRET is unset. */
const AUTH_SECRET_NAME = 'better-auth';

export interface ServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Migrations must already be applied (main.ts does it). */
  databaseUrl: string;
  /** Allowed browser origins; default: any requesting origin. */
  corsOrigin?: CorsOrigin;
  /** Interface to listen on; default: all (phones on the LAN). */
  host?: string;
  /** The lesson state machine; default: packages/lesson's, once it is implemented. */
  engine?: LessonEngine;
  clock?: Clock;
  /** Per student (per connection for staff); default 10 events a second, bursts of 20. */
  rateLimit?: SocketOptions['rateLimit'];
  /** Connections one student may hold at once; default 4. */
  maxConnectionsPerPlayer?: number;
  /** Per-address budgets (http/limits.ts): trusted proxies (TRUST_PROXY) and a scale. */
  limits?: LimitOptions;
  /** The most students one lesson admits (MAX_PLAYERS_PER_LESSON); default 10,000. */
  maxPlayersPerLesson?: number;
  /** How students' views go out (fan-out.ts); default: slices of 10 ms. */
  fanOut?: Partial<Pick<FanOutOptions, 'sliceMs'>>;
  /** Between two fast-forward frames; default 100 ms. */
  frameIntervalMs?: number;
  /** SQLite: the busy timeout (ms) while another connection holds the lock; default 5000. */
  sqliteBusyTimeoutMs?: number;
  /** Several processes serving the same lessons through Redis (cluster/); default: one process. */
  cluster?: ClusterOptions;
  /** Signs session cookies (BETTER_AUTH_SECRET); default: the install's own, kept in the database. */
  authSecret?: string;
  /** The public URL of the app (BETTER_AUTH_URL); default: each request's own. */
  authBaseUrl?: string;
  /** The web app's public URL for join addresses (PUBLIC_URL); default: the network addresses. */
  publicUrl?: string;
  /** When set (METRICS_TOKEN), GET /metrics wants `Authorization: Bearer <token>`; default: open. */
  metricsToken?: string;
}

/** tRPC calls in one batched request, at most (the web app sends one at a time). */
const MAX_BATCH_SIZE = 10;
const MAX_PLAYERS_PER_LESSON = 10_000;
/**
 * Connections waiting to be accepted (the kernel caps it at net.core.somaxconn). Node's default
 * of 511 overflowed when a killed process's 1,600 students reconnected within half a second: the
 * kernel dropped their SYNs, and the clients' TCP retried after 1 s and again after 3 s
 * (`pnpm bench:cluster` prints the overflows it saw).
 */
const LISTEN_BACKLOG = 4096;
/** Lessons with a command this recent are loaded at boot: twice the longest timer (600 s). */
const RESUME_ACTIVE_WITHIN_MS = 20 * 60_000;

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const corsOrigin = options.corsOrigin ?? true;
  // The database and its stores.
  const db = createDb(options.databaseUrl, {
    ...(options.sqliteBusyTimeoutMs !== undefined && {
      sqliteBusyTimeoutMs: options.sqliteBusyTimeoutMs,
    }),
  });
  await tuneSqlite(db);
  const metrics = createMetrics();
  const stores = createPrismaStores(db);
  const lessonStore = instrumentStore(stores.lessons, metrics);
  const clock = options.clock ?? systemClock;
  const engine = options.engine ?? lessonEngine;

  // The socket.io server, attached to the HTTP server at the end; who is connected here; with
  // several processes, the link to the others (loaded only then: the Redis client and adapter
  // cost about 25 MB of memory).
  const presence = new Presence();
  const cluster: Cluster | null = options.cluster
    ? await (await import('./cluster/cluster')).Cluster.connect(options.cluster, presence, clock)
    : null;
  const io: AppServer = new Server({
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    cors: {
      origin: (origin, callback) => callback(null, !origin || isAllowedOrigin(origin, corsOrigin)),
      // Sockets carry no cookie; credentials only where origins are listed (cors.ts).
      credentials: corsOrigin !== true,
    },
    ...cluster?.serverOptions(),
  });
  acceptEncodedJson(io);

  // Views, the fan-out that sends them, the runner that emits through it.
  const views = createLessonViews(engine, (code, playerId) =>
    cluster ? cluster.isConnected(code, playerId) : presence.has(code, playerId),
  );
  const fanOut = new FanOut(io, views, presence, clock, options.fanOut);
  const runner = new LessonRunner({
    store: lessonStore,
    clock,
    engine,
    emit: fanOut,
    ...(options.frameIntervalMs !== undefined && { frameIntervalMs: options.frameIntervalMs }),
    ...(cluster && { cluster: cluster.peers() }),
  });

  // The services' context.
  const limits = createLimits(options.limits);
  const auth = createAuth(db, {
    secret: options.authSecret ?? (await stores.secrets.installSecret(AUTH_SECRET_NAME)),
    baseURL: options.authBaseUrl,
    corsOrigin,
    limits,
  });
  const ctx: AppContext = {
    lessons: { engine, runner, store: lessonStore, clock, views },
    homework: stores.homework,
    accounts: stores.accounts,
    heartbeats: stores.heartbeats,
    clock,
    auth,
    limits,
    maxPlayersPerLesson: options.maxPlayersPerLesson ?? MAX_PLAYERS_PER_LESSON,
    publicUrl: options.publicUrl ?? null,
  };

  // The transports.
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_MESSAGE_BYTES,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ req }) => requestContext(ctx, req),
    // tRPC sets its own Vary header, replacing applyCors's; an array value is appended to it.
    responseMeta: () => ({ headers: { vary: ['Origin'] } }),
    onError: ({ error }) => metrics.errors.inc({ code: appCodeOf(error), source: 'trpc' }),
  });
  instrumentSockets(io, metrics);
  cluster?.attach(io, runner, fanOut);
  registerSocketHandlers(io, ctx, presence, fanOut, {
    now: () => clock.now(),
    ...(options.rateLimit && { rateLimit: options.rateLimit }),
    ...(options.maxConnectionsPerPlayer && {
      maxConnectionsPerPlayer: options.maxConnectionsPerPlayer,
    }),
  });
  const httpServer = http.createServer(
    createAppHandler({ ctx, corsOrigin, trpc, metrics, metricsToken: options.metricsToken }),
  );
  // socket.io answers /socket.io/ itself, before the app's handler sees the request.
  io.attach(httpServer);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ port: options.port, host: options.host, backlog: LISTEN_BACKLOG }, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  // After listening: lessons active lately are loaded in the background and their timers armed
  // (any lesson a client asks for first is loaded then); quieter ones wait for first use.
  const resumed = runner
    .resumeAll(clock.now() - RESUME_ACTIVE_WITHIN_MS)
    .catch((error: unknown) => console.error('resuming lessons failed', error));

  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    // Disconnects sockets, closes the HTTP server (dropping idle keep-alive connections), then
    // the database. Safe to call twice.
    stop: () =>
      (stopping ??= (async () => {
        // stop() marks the runner stopped at once: the background resume loads no more lessons.
        const runnerStopped = runner.stop();
        await resumed;
        await runnerStopped;
        const closed = io.close();
        httpServer.closeAllConnections();
        await closed;
        await cluster?.close();
        await db.close();
      })()),
  };
}
