// One Node HTTP server: tRPC under /trpc/, socket.io under /socket.io/, GET /healthz.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb } from '@backprop/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { Server } from 'socket.io';
import type { AppContext } from './context';
import { PROTOCOL_VERSION } from './contract';
import { applyCors, type CorsOrigin, isAllowedOrigin } from './cors';
import { type AppServer, registerSocketHandlers } from './socket/handlers';
import { appRouter } from './trpc/router';

export interface ServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Migrations must already be applied (main.ts does it). */
  databaseUrl: string;
  /** Allowed browser origins; default: any requesting origin. */
  corsOrigin?: CorsOrigin;
  /** Interface to listen on; default: all (phones on the LAN). */
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const corsOrigin = options.corsOrigin ?? true;
  const db = createDb(options.databaseUrl);
  const ctx: AppContext = { db };

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: () => ctx,
    // tRPC sets its own Vary header, replacing applyCors's; an array value is appended to it.
    responseMeta: () => ({ headers: { vary: ['Origin'] } }),
  });

  // socket.io answers /socket.io/ itself, before this listener sees the request.
  const httpServer = http.createServer((req, res) => {
    if (applyCors(req, res, corsOrigin)) return;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && req.method === 'GET') {
      sendJson(res, 200, { ok: true, protocolVersion: PROTOCOL_VERSION });
    } else if (path?.startsWith('/trpc/')) {
      trpc(req, res);
    } else {
      sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Not found' } });
    }
  });

  const io: AppServer = new Server(httpServer, {
    serveClient: false,
    cors: {
      origin: (origin, callback) => callback(null, !origin || isAllowedOrigin(origin, corsOrigin)),
      credentials: true,
    },
  });
  registerSocketHandlers(io, ctx);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    // Disconnects sockets, closes the HTTP server (dropping idle keep-alive connections), then
    // the database. Safe to call twice.
    stop: () =>
      (stopping ??= (async () => {
        const closed = io.close();
        httpServer.closeAllConnections();
        await closed;
        await db.close();
      })()),
  };
}
