// createDb: the Prisma client for a database URL, behind one type for both providers.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client';
import { type DbProvider, providerFromUrl } from './paths';

/**
 * The client type the app codes against: the SQLite client. The PostgreSQL schema is derived
 * from the SQLite one (test/schema-sync.test.ts fails when they drift), so both clients have the
 * same models; they differ only in provider options such as $transaction's isolation levels.
 * TypeScript cannot prove the generated generics equal, hence the cast in createDb.
 */
export type DbClient = SqliteClient;

export interface Db {
  provider: DbProvider;
  client: DbClient;
  /** Closes the connection (and, for PostgreSQL, ends the pool). */
  close(): Promise<void>;
}

export interface DbOptions {
  /**
   * SQLite: how long a statement waits for another connection's lock before failing
   * (better-sqlite3's `timeout`, default 5000 ms). The wait is synchronous: it blocks the
   * process's event loop for that long.
   */
  sqliteBusyTimeoutMs?: number;
}

export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  const provider = providerFromUrl(databaseUrl);
  const timeout = options.sqliteBusyTimeoutMs;
  const client: DbClient =
    provider === 'sqlite'
      ? new SqliteClient({
          adapter: new PrismaBetterSqlite3({
            url: databaseUrl,
            ...(timeout !== undefined && { timeout }),
          }),
        })
      : (new PostgresClient({
          adapter: new PrismaPg({ connectionString: databaseUrl }),
        }) as unknown as DbClient);
  return { provider, client, close: () => client.$disconnect() };
}
