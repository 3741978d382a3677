// Instructor accounts: better-auth (email + password, its scrypt hash, httpOnly session cookies)
// over our Prisma client. Mounted at /api/auth/*; procedures and CSV downloads read the session
// through instructorOf.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Instructor, PASSWORD_MIN } from '@backprop/contract';
import type { Db } from '@backprop/db';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import type { CorsOrigin } from '../cors';

export const AUTH_BASE_PATH = '/api/auth';

export interface AuthOptions {
  secret: string;
  /** The public URL (BETTER_AUTH_URL). Unset: taken from each request. https makes cookies Secure. */
  baseURL?: string | undefined;
  /** The CORS setting: listed origins are trusted; `true` (any origin) adds none. */
  corsOrigin: CorsOrigin;
}

export interface AuthPort {
  /** better-auth's own endpoints (sign up, sign in, sign out, session). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The instructor whose session cookie this request carries, or null (none, expired, or the request comes from an untrusted origin). */
  instructorOf(req: IncomingMessage): Promise<Instructor | null>;
}

const firstValue = (header: string | string[] | undefined): string | undefined =>
  (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim() || undefined;

/**
 * Origins whose host is the one the request was sent to: the server itself, or the web app
 * that proxies /api to it (Next.js rewrites set X-Forwarded-Host to the browser's host).
 * Browsers cannot set X-Forwarded-Host cross-origin: cors.ts never allows it in a preflight.
 */
export function sameHostOrigins(headers: {
  host?: string | undefined;
  forwardedHost?: string | undefined;
}): string[] {
  const hosts = [headers.host, headers.forwardedHost].filter((h): h is string => Boolean(h));
  return hosts.flatMap((host) => [`http://${host}`, `https://${host}`]);
}

export function trustedOriginsFor(
  corsOrigin: CorsOrigin,
  headers: { host?: string | undefined; forwardedHost?: string | undefined },
): string[] {
  // `true` would trust every site with the instructor's cookie: only explicit origins count.
  const listed = corsOrigin === true ? [] : Array.isArray(corsOrigin) ? corsOrigin : [corsOrigin];
  return [...listed, ...sameHostOrigins(headers)];
}

export function createAuth(db: Db, options: AuthOptions) {
  const auth = betterAuth({
    database: prismaAdapter(db.client, { provider: db.provider }),
    secret: options.secret,
    ...(options.baseURL && { baseURL: options.baseURL }),
    basePath: AUTH_BASE_PATH,
    emailAndPassword: { enabled: true, minPasswordLength: PASSWORD_MIN },
    trustedOrigins: (request) =>
      request
        ? trustedOriginsFor(options.corsOrigin, {
            host: request.headers.get('host') ?? undefined,
            forwardedHost: firstValue(request.headers.get('x-forwarded-host') ?? undefined),
          })
        : [],
    advanced: {
      // better-auth skips its origin check under NODE_ENV=test; the tests check the real thing.
      disableOriginCheck: false,
      // Classroom installs are plain http on a LAN: Secure cookies only behind an https URL.
      useSecureCookies: options.baseURL?.startsWith('https://') ?? false,
    },
    telemetry: { enabled: false },
    // Its warnings are about choices made here on purpose (no baseURL: taken from the request).
    logger: { level: 'error' },
  });
  const handler = toNodeHandler(auth);

  const isTrusted = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    // Browsers send Origin on every cross-origin request; its absence means same-origin or no browser.
    if (!origin) return true;
    return trustedOriginsFor(options.corsOrigin, {
      host: req.headers.host,
      forwardedHost: firstValue(req.headers['x-forwarded-host']),
    }).includes(origin);
  };

  return {
    handle: handler,
    async instructorOf(req) {
      if (!req.headers.cookie || !isTrusted(req)) return null;
      const session = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
      if (!session) return null;
      const { id, name, email } = session.user;
      return { id, name, email };
    },
  } satisfies AuthPort;
}
