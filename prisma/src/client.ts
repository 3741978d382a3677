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

export function createDb(databaseUrl: string): Db {
  const provider = providerFromUrl(databaseUrl);
  const client: DbClient =
    provider === 'sqlite'
      ? new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl }) })
      : (new PostgresClient({
          adapter: new PrismaPg({ connectionString: databaseUrl }),
        }) as unknown as DbClient);
  return { provider, client, close: () => client.$disconnect() };
}
