// One Node HTTP server: tRPC under /trpc/, socket.io under /socket.io/, better-auth under
// /api/auth/, CSV reports under /api/reports/, GET /healthz.
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb } from '@backprop/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { Server } from 'socket.io';
import { AUTH_BASE_PATH, createAuth } from './auth/auth';
import type { Cluster, ClusterOptions } from './cluster/cluster';
import { type AppContext, requestContext } from './context';
import { PROTOCOL_VERSION } from './contract';
import { applyCors, type CorsOrigin, isAllowedOrigin } from './cors';
import { createLimits, type LimitOptions } from './http/limits';
import { REPORTS_BASE_PATH, serveReportCsv } from './http/report-csv';
import { type Clock, systemClock } from './lessons/clock';
import { type LessonEngine, lessonEngine } from './lessons/engine';
import { createPrismaStore } from './lessons/prisma-store';
import { LessonRunner } from './lessons/runner';
import { tuneSqlite } from './lessons/sqlite-tuning';
import { instrumentSockets, instrumentStore } from './metrics/instrument';
import { createMetrics } from './metrics/registry';
import { installSecret } from './services/secrets';
import { acceptEncodedJson } from './socket/encoded';
import { type FanOutOptions, fanOutFor } from './socket/fan-out';
import {
  type AppServer,
  createSocketEmitter,
  Presence,
  registerSocketHandlers,
  type SocketOptions,
} from './socket/handlers';
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

/** Socket messages and HTTP bodies larger than this are refused (the largest answer is a few kB). */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** tRPC calls in one batched request, at most (the web app sends one at a time). */
const MAX_BATCH_SIZE = 10;
const MAX_PLAYERS_PER_LESSON = 10_000;
/** Lessons with a command this recent are loaded at boot: twice the longest timer (600 s). */
const RESUME_ACTIVE_WITHIN_MS = 20 * 60_000;

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * A body larger than MAX_MESSAGE_BYTES is refused before anyone reads it; so is one of unknown
 * length (chunked) outside tRPC, whose own reader stops at the same bound.
 */
function bodyTooLarge(req: http.IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  const length = req.headers['content-length'];
  if (length === undefined)
    return !req.url?.startsWith('/trpc/') && req.headers['transfer-encoding'] !== undefined;
  return Number(length) > MAX_MESSAGE_BYTES;
}

/** No token configured: open (a local Prometheus). Else the bearer token, compared in constant time. */
function bearerMatches(req: http.IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const corsOrigin = options.corsOrigin ?? true;
  const db = createDb(options.databaseUrl, {
    ...(options.sqliteBusyTimeoutMs !== undefined && {
      sqliteBusyTimeoutMs: options.sqliteBusyTimeoutMs,
    }),
  });
  await tuneSqlite(db);
  const clock = options.clock ?? systemClock;
  const engine = options.engine ?? lessonEngine;
  const presence = new Presence();
  // Loaded only for several processes: the Redis client and adapter cost about 25 MB of memory.
  const cluster: Cluster | null = options.cluster
    ? await (await import('./cluster/cluster')).Cluster.connect(options.cluster, presence)
    : null;
  let io: AppServer | undefined;
  const limits = createLimits(options.limits);
  const auth = createAuth(db, {
    secret: options.authSecret ?? (await installSecret(db, AUTH_SECRET_NAME)),
    baseURL: options.authBaseUrl,
    corsOrigin,
    limits,
  });
  const ctx: AppContext = {
    db,
    lessons: null,
    clock,
    auth,
    limits,
    maxPlayersPerLesson: options.maxPlayersPerLesson ?? MAX_PLAYERS_PER_LESSON,
    publicUrl: options.publicUrl ?? null,
  };
  const metrics = createMetrics();
  const store = instrumentStore(createPrismaStore(db), metrics);
  const runner = new LessonRunner({
    store,
    clock,
    engine,
    emit: createSocketEmitter(
      () => io,
      () => ctx.lessons,
      presence,
    ),
    ...(options.frameIntervalMs !== undefined && { frameIntervalMs: options.frameIntervalMs }),
    ...(cluster && { cluster: cluster.runner }),
  });
  ctx.lessons = {
    engine,
    runner,
    store,
    clock,
    presence: (code) => (cluster ? cluster.presence(code) : presence.of(code)),
  };

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

  // socket.io answers /socket.io/ itself, before this listener sees the request.
  const httpServer = http.createServer((req, res) => {
    // JSON and CSV only: never framed, never sniffed as HTML, no URL in a Referer.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (applyCors(req, res, corsOrigin)) return;
    if (bodyTooLarge(req)) {
      sendJson(res, 413, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: `Bodies are at most ${MAX_MESSAGE_BYTES} bytes` },
      });
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && req.method === 'GET') {
      sendJson(res, 200, { ok: true, protocolVersion: PROTOCOL_VERSION });
    } else if (path === '/metrics' && req.method === 'GET') {
      if (!bearerMatches(req, options.metricsToken)) {
        sendJson(res, 401, {
          ok: false,
          error: { code: 'NOT_AUTHORIZED', message: 'Token needed' },
        });
        return;
      }
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => sendJson(res, 500, { ok: false }),
      );
    } else if (path?.startsWith('/trpc/')) {
      trpc(req, res);
    } else if (path === AUTH_BASE_PATH || path?.startsWith(`${AUTH_BASE_PATH}/`)) {
      auth.handle(req, res).catch((error: unknown) => {
        console.error('auth request failed', error);
        if (!res.headersSent) sendJson(res, 500, { ok: false });
      });
    } else if (path?.startsWith(`${REPORTS_BASE_PATH}/`)) {
      serveReportCsv(requestContext(ctx, req), req, res);
    } else {
      sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Not found' } });
    }
  });

  io = new Server(httpServer, {
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
  fanOutFor(io, ctx.lessons, presence, { ...options.fanOut, direct: !cluster });
  instrumentSockets(io, metrics);
  cluster?.attach(io, ctx.lessons);
  registerSocketHandlers(io, ctx, presence, {
    now: () => clock.now(),
    ...(options.rateLimit && { rateLimit: options.rateLimit }),
    ...(options.maxConnectionsPerPlayer && {
      maxConnectionsPerPlayer: options.maxConnectionsPerPlayer,
    }),
  });
  const server = io;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
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
        const runnerStopped = ctx.lessons?.runner.stop();
        await resumed;
        await runnerStopped;
        const closed = server.close();
        httpServer.closeAllConnections();
        await closed;
        await cluster?.close();
        await db.close();
      })()),
  };
}
