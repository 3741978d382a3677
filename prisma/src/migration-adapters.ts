// Driver adapter factories for the wasm schema engine, with the fixes TOOLCHAIN.md lists for
// running Prisma's migrations through @prisma/adapter-better-sqlite3 and @prisma/adapter-pg.
import { randomUUID } from 'node:crypto';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

/** A migration-aware factory that also releases everything it opened (connections, shadow DBs). */
export interface MigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  close(): Promise<void>;
}

/** An adapter delegating to `inner`, with some methods replaced. */
function override(inner: SqlDriverAdapter, methods: Partial<SqlDriverAdapter>): SqlDriverAdapter {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => inner.queryRaw(query),
    executeRaw: (query) => inner.executeRaw(query),
    executeScript: (script) => inner.executeScript(script),
    startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
    getConnectionInfo: () => inner.getConnectionInfo?.() ?? { supportsRelationJoins: false },
    dispose: () => inner.dispose(),
    ...methods,
  };
}

/** Disposes once, however many times it is called (by the engine and by our close()). */
function disposeOnce(adapter: SqlDriverAdapter): SqlDriverAdapter {
  let disposed: Promise<void> | undefined;
  return override(adapter, { dispose: () => (disposed ??= adapter.dispose()) });
}

// --- SQLite -----------------------------------------------------------------------------------

/** True when `sql` holds more than one statement (a `;` before its last non-blank character). */
const isMultiStatement = (sql: string): boolean => /;\s*\S/.test(sql);

/**
 * Pitfall 2: replaying migrations on the shadow database sends a whole migration file through
 * executeRaw, which better-sqlite3 rejects ("more than one statement"). An argument-less
 * multi-statement executeRaw goes to executeScript instead.
 */
function sqliteScriptAware(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return override(adapter, {
    executeRaw: async (query: SqlQuery) => {
      if (query.args.length === 0 && isMultiStatement(query.sql)) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      return adapter.executeRaw(query);
    },
  });
}

/** `url` is `file:<path>`; the shadow database is in memory. */
export function sqliteMigrationFactory(url: string): MigrationAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url });
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    const wrapped = disposeOnce(sqliteScriptAware(adapter));
    opened.push(wrapped);
    return wrapped;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => track(await inner.connect()),
    connectToShadowDb: async () => track(await inner.connectToShadowDb()),
    close: async () => {
      await Promise.all(opened.map((adapter) => adapter.dispose()));
    },
  };
}

// --- PostgreSQL -------------------------------------------------------------------------------

const CHAR_OID = 18; // pg_catalog's one-byte "char" type
const TEXT_OID = 25;

/**
 * Pitfall 3: adapter-pg has no column type for `"char"` (OID 18), which the engine's catalog
 * queries return (relkind, contype, ...): report such columns as text. adapter-pg only calls
 * the promise form `pool.query(config)`, the one patched here.
 */
function charAsTextPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  pool.query = (async (queryConfig: pg.QueryConfig) => {
    const result = await query(queryConfig);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
    return result;
  }) as typeof pool.query;
  return pool;
}

/** Runs one statement on a short-lived connection (CREATE/DROP DATABASE cannot be pooled work). */
async function adminQuery(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Pitfall 4: PrismaPg's own connectToShadowDb() connects to the main database and drops the
 * shadow database while still connected to it. We create and drop our own, with FORCE.
 * Pitfall 5: every pool is ended in close(), otherwise it keeps the process alive for ~10 s.
 */
export function postgresMigrationFactory(url: string): MigrationAdapterFactory {
  const pools: pg.Pool[] = [];
  const shadowDatabases: string[] = [];
  const connectTo = async (connectionString: string) => {
    const pool = charAsTextPool({ connectionString });
    pools.push(pool);
    return new PrismaPg(pool).connect();
  };
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectTo(url),
    connectToShadowDb: async () => {
      const name = `backprop_shadow_${randomUUID().replaceAll('-', '')}`;
      await adminQuery(url, `CREATE DATABASE "${name}"`);
      shadowDatabases.push(name);
      return connectTo(withDatabase(url, name));
    },
    close: async () => {
      await Promise.all(pools.filter((pool) => !pool.ended).map((pool) => pool.end()));
      for (const name of shadowDatabases.splice(0)) {
        await adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    },
  };
}
