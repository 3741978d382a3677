import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Which browser origins may call the server. `true` allows the requesting origin, whatever it
 * is: the web app runs on http://localhost:3000 and phones reach it through the LAN IP.
 */
export type CorsOrigin = true | string | string[];

export function isAllowedOrigin(origin: string, allowed: CorsOrigin): boolean {
  if (allowed === true) return true;
  return (Array.isArray(allowed) ? allowed : [allowed]).includes(origin);
}

/**
 * Credentialed CORS (the instructor's session cookie) only for origins named in CORS_ORIGIN.
 * With the default (any origin), a page on another port or host could otherwise read
 * /api/auth/get-session with the victim's cookie. The web app needs none: its account calls go
 * through its own /api proxy (same origin), and the live pages carry no cookie.
 */
export function allowsCredentials(origin: string, allowed: CorsOrigin): boolean {
  return allowed !== true && isAllowedOrigin(origin, allowed);
}

/**
 * The headers a preflight asked for, less the proxy headers: a page must not claim to come
 * through the web app's proxy (auth trusts the X-Forwarded-Host origin, auth/auth.ts).
 */
function allowedRequestHeaders(req: IncomingMessage): string {
  const asked = req.headers['access-control-request-headers'] ?? 'content-type';
  return asked
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h && !/^(x-forwarded-|forwarded$)/i.test(h))
    .join(', ');
}

/** Sets the CORS headers on a plain HTTP response; returns true when it answered a preflight. */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: CorsOrigin): boolean {
  const origin = req.headers.origin;
  if (origin && isAllowedOrigin(origin, allowed)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (allowsCredentials(origin, allowed)) {
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    res.setHeader('Vary', 'Origin');
  }
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', allowedRequestHeaders(req));
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204).end();
  return true;
}
