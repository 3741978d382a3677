// What one client may spend: budgets per address (or per account) over a window, from
// rate-limiter-flexible's in-memory counters, per process: behind several processes an address
// gets each one's budget (docs/nginx.conf spreads by a per-tab key, not by address).
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { RateLimiterMemory } from 'rate-limiter-flexible';

/** Budgets: `points` per `seconds`. SECURITY.md explains each; `LimitOptions.scale` multiplies them. */
export const LIMIT_RULES = {
  /** Every tRPC call (a school behind one NAT shares it; 50 a second on average). */
  trpcCall: { points: 3000, seconds: 60 },
  /** Lessons made without an account (the quick /teach path). */
  anonymousLesson: { points: 60, seconds: 3600 },
  /** socket.io connections (a whole hall reconnecting at once after a Wi-Fi drop fits). */
  handshake: { points: 1200, seconds: 60 },
  /** Join codes, assignment ids and resume codes that match nothing: guessing. */
  lookupMiss: { points: 30, seconds: 60 },
  /** Sign-in attempts from one address, and for one account (whatever the address). */
  signInAddress: { points: 100, seconds: 900 },
  signInAccount: { points: 10, seconds: 900 },
  signUp: { points: 20, seconds: 3600 },
} as const;
export type LimitName = keyof typeof LIMIT_RULES;

export interface LimitOptions {
  /**
   * Peers whose X-Forwarded-For is believed (proxy-addr's `trust`: addresses, CIDRs, or
   * 'loopback' / 'uniquelocal' ...). Default none: the socket's own address counts. The web
   * app's built-in /api proxy (Next.js rewrites) forwards a client's X-Forwarded-For unchanged
   * and adds none, so trusting it would let every client choose its address.
   */
  trustProxy?: string[];
  /** Multiplies every budget (tests and big installs); default 1. */
  scale?: number;
}

export interface Limits {
  /** The client's address: the socket's, or the forwarded one when the peer is trusted. */
  addressOf(req: IncomingMessage): string;
  /** Spends one point of `name` for `key`; false (and nothing spent) once the budget is gone. */
  take(name: LimitName, key: string): Promise<boolean>;
  /** True while `key` has spent its budget of `name` (a check that spends nothing). */
  spent(name: LimitName, key: string): Promise<boolean>;
}

export function createLimits(options: LimitOptions = {}): Limits {
  const scale = options.scale ?? 1;
  const trust = proxyaddr.compile(options.trustProxy ?? []);
  const limiters = new Map(
    Object.entries(LIMIT_RULES).map(([name, rule]) => [
      name as LimitName,
      new RateLimiterMemory({
        keyPrefix: name,
        points: Math.max(1, Math.round(rule.points * scale)),
        duration: rule.seconds,
      }),
    ]),
  );
  const limiter = (name: LimitName) => limiters.get(name)!;
  return {
    addressOf: (req) => proxyaddr(req, trust),
    async take(name, key) {
      try {
        await limiter(name).consume(key);
        return true;
      } catch (rejection) {
        // The library rejects with its RateLimiterRes when over budget; anything else is a bug.
        if (rejection instanceof Error) throw rejection;
        return false;
      }
    },
    async spent(name, key) {
      const state = await limiter(name).get(key);
      return state !== null && state.remainingPoints <= 0;
    },
  };
}
