// Throwaway databases for tests: a temporary SQLite file, or a fresh PostgreSQL database on the
// server named by TEST_POSTGRES_URL. An unreachable PostgreSQL fails loudly, never skips.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { withDatabase } from './migration-adapters';
import type { DbProvider } from './paths';

export const testPostgresAdminUrl = (): string =>
  process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  provider: DbProvider;
  url: string;
  /** Deletes the database (file or PostgreSQL database). */
  drop(): Promise<void>;
}

async function adminRun(sql: string): Promise<void> {
  const adminUrl = testPostgresAdminUrl();
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is unreachable at ${adminUrl} (set TEST_POSTGRES_URL, or start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`): ' +
        String(error),
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(provider: DbProvider): Promise<TestDatabase> {
  if (provider === 'sqlite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'backprop-test-'));
    return {
      provider,
      url: `file:${path.join(dir, 'test.db')}`,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `backprop_test_${randomUUID().replaceAll('-', '')}`;
  await adminRun(`CREATE DATABASE "${name}"`);
  return {
    provider,
    url: withDatabase(testPostgresAdminUrl(), name),
    drop: () => adminRun(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
