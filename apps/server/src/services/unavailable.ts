// Which failures mean "the database cannot be reached (or written: a full disk) right now" (a typed UNAVAILABLE the UI
// shows as "try again"), as opposed to a bug (INTERNAL). Prisma wraps the driver adapter's
// error: the mapped error (`kind`, and for raw driver errors the SQLSTATE or SQLite code) sits in
// `meta.driverAdapterError.cause` or in a `cause` chain, so the chain is walked.
import { ERROR_CODES } from '@backprop/contract';
import { ServiceError } from './errors';

/** Driver adapter error kinds that are about reaching the database, not about the query. */
const UNREACHABLE_KINDS: ReadonlySet<string> = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout', // also SQLite's SQLITE_BUSY: another connection holds the lock
  'TooManyConnections',
  'DatabaseAccessDenied',
  'TlsConnectionError',
]);
/** Prisma's own codes for connection trouble (P1xxx), pool timeouts and closed transactions. */
const PRISMA_CODES: ReadonlySet<string> = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention. */
const SQLSTATE = /^(08|53|57)/;
const NODE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
]);

function matches(node: Record<string, unknown>): boolean {
  const { kind, code, message, name } = node;
  if (typeof kind === 'string' && UNREACHABLE_KINDS.has(kind)) return true;
  if (kind === 'postgres' && typeof code === 'string') {
    if (SQLSTATE.test(code)) return true;
    // 55000 with this message: `ALTER DATABASE ... ALLOW_CONNECTIONS false`.
    if (code === '55000' && String(message).includes('not currently accepting connections')) {
      return true;
    }
  }
  // The SQLite adapter keeps the driver's code as `originalCode` (`code` in older shapes).
  const sqliteCode = node.originalCode ?? code;
  if (
    kind === 'sqlite' &&
    typeof sqliteCode === 'string' &&
    /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL)/.test(sqliteCode)
  ) {
    return true;
  }
  if (typeof code === 'string' && (PRISMA_CODES.has(code) || NODE_CODES.has(code))) return true;
  if (name === 'PrismaClientInitializationError') return true;
  // node-postgres, when the server closes the socket under a query.
  return typeof message === 'string' && /^Connection terminated/.test(message);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 16) {
    const node = queue.shift();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    if (matches(record)) return true;
    queue.push(record.cause, (record.meta as { driverAdapterError?: unknown })?.driverAdapterError);
  }
  return false;
}

/** The typed refusal for a database that cannot be reached; nothing was changed. */
export const databaseUnavailable = (): ServiceError =>
  new ServiceError(
    ERROR_CODES.UNAVAILABLE,
    'The database cannot be reached right now; nothing was changed. Try again in a moment.',
  );
