// Instructor accounts: better-auth (email + password, its scrypt hash, httpOnly session cookies)
// over our Prisma client. Mounted at /api/auth/*; procedures and CSV downloads read the session
// through instructorOf.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Instructor, PASSWORD_MAX, PASSWORD_MIN, signUpInput } from '@backprop/contract';
import type { Db } from '@backprop/db';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import type { CorsOrigin } from '../cors';
import type { Limits } from '../http/limits';
import { weakPasswordReason } from './password-strength';

export const AUTH_BASE_PATH = '/api/auth';

/**
 * The client's address as http/limits.ts reads it, set by `handle` on every auth request (any
 * value a client sent is replaced): better-auth's hooks read it from here.
 */
const CLIENT_ADDRESS_HEADER = 'x-backprop-client-address';

export interface AuthOptions {
  secret: string;
  /** The public URL (BETTER_AUTH_URL). Unset: taken from each request. https makes cookies Secure. */
  baseURL?: string | undefined;
  /** The CORS setting: listed origins are trusted; `true` (any origin) adds none. */
  corsOrigin: CorsOrigin;
  limits: Limits;
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
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      // No session from sign-up (the web app signs in next): better-auth then answers a sign-up
      // for an email that has an account exactly as a new one, so sign-up tells nobody which
      // emails have accounts.
      autoSignIn: false,
    },
    // Our own budgets (hooks below, http/limits.ts) replace better-auth's limiter, which would
    // key on a client-supplied X-Forwarded-For.
    rateLimit: { enabled: false },
    hooks: {
      before: createAuthMiddleware(async (hookCtx) => {
        const address = hookCtx.headers?.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
        const tooMany = (message: string) => new APIError('TOO_MANY_REQUESTS', { message });
        if (hookCtx.path === '/sign-in/email') {
          const email = String((hookCtx.body as { email?: unknown })?.email ?? '').toLowerCase();
          // Per account, whatever the address: guessing one instructor's password stays slow.
          if (!(await options.limits.take('signInAccount', email))) {
            throw tooMany('Too many sign-in attempts for this account; try again in 15 minutes.');
          }
          if (!(await options.limits.take('signInAddress', address))) {
            throw tooMany('Too many sign-in attempts from this address; try again in 15 minutes.');
          }
        } else if (hookCtx.path === '/sign-up/email') {
          if (!(await options.limits.take('signUp', address))) {
            throw tooMany('Too many new accounts from this address; try again in an hour.');
          }
          const parsed = signUpInput.safeParse(hookCtx.body);
          if (!parsed.success) {
            throw new APIError('BAD_REQUEST', {
              message: parsed.error.issues[0]?.message ?? 'Invalid sign-up',
              code: 'INVALID_INPUT',
            });
          }
          const { name, email, password } = parsed.data;
          const weak = weakPasswordReason(password, [name, email, ...email.split(/[@.]/)]);
          if (weak) throw new APIError('BAD_REQUEST', { message: weak, code: 'WEAK_PASSWORD' });
        }
      }),
    },
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
    handle(req, res) {
      req.headers[CLIENT_ADDRESS_HEADER] = options.limits.addressOf(req);
      return handler(req, res);
    },
    async instructorOf(req) {
      if (!req.headers.cookie || !isTrusted(req)) return null;
      const session = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
      if (!session) return null;
      const { id, name, email } = session.user;
      return { id, name, email };
    },
  } satisfies AuthPort;
}
