// The HTTP side of the server, besides socket.io (which answers /socket.io/ before this handler
// sees the request): tRPC under /trpc/, better-auth under /api/auth/, CSV reports under
// /api/reports/, GET /healthz and GET /metrics. Security headers, CORS and the body limit first.
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { PROTOCOL_VERSION } from '@backprop/contract';
import { AUTH_BASE_PATH } from '../auth/auth';
import { type AppContext, requestContext } from '../context';
import { applyCors, type CorsOrigin } from '../cors';
import type { ServerMetrics } from '../metrics/registry';
import { refusalOf } from '../services/refusal';
import { REPORTS_BASE_PATH, serveReportCsv } from './report-csv';

/** Socket messages and HTTP bodies larger than this are refused (the largest answer is a few kB). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
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

export interface AppHandlerParts {
  ctx: AppContext;
  corsOrigin: CorsOrigin;
  /** tRPC's standalone handler (trpc/router.ts). */
  trpc: http.RequestListener;
  metrics: ServerMetrics;
  /** When set, GET /metrics wants `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
}

export function createAppHandler({
  ctx,
  corsOrigin,
  trpc,
  metrics,
  metricsToken,
}: AppHandlerParts): http.RequestListener {
  return (req, res) => {
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
      if (!bearerMatches(req, metricsToken)) {
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
      ctx.auth.handle(req, res).catch((error: unknown) => {
        // The one mapping of unknown errors (refusal.ts): logged there, a reference here.
        const refusal = refusalOf(error, 'auth request');
        if (!res.headersSent) {
          sendJson(res, refusal.code === 'UNAVAILABLE' ? 503 : 500, {
            ok: false,
            error: refusal.toWire(),
          });
        }
      });
    } else if (path?.startsWith(`${REPORTS_BASE_PATH}/`)) {
      serveReportCsv(requestContext(ctx, req), req, res);
    } else {
      sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Not found' } });
    }
  };
}
