import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  createDb,
  createMigration,
  migrationStatus,
  PROVIDERS,
} from '../src/index';
import { migrationsDir } from '../src/paths';
import { createTestDatabase, type TestDatabase } from '../src/testing';

const migrationNames = (provider: (typeof PROVIDERS)[number]) =>
  readdirSync(migrationsDir(provider), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

// Tests in a describe run in order: they walk one empty database through its life.
describe.each(PROVIDERS)('migration tool on %s', (provider) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reports every migration pending on an empty database', async () => {
    const status = await migrationStatus(database.url);
    expect(status.upToDate).toBe(false);
    expect(status.hasMigrationsTable).toBe(false);
    expect(status.pending).toEqual(migrationNames(provider));
  });

  it('applies all migrations to an empty database', async () => {
    expect(await applyMigrations(database.url)).toEqual(migrationNames(provider));
    const db = createDb(database.url);
    try {
      // The table exists and round-trips a row.
      await db.client.heartbeat.create({ data: { source: 'migrate-test' } });
      expect(await db.client.heartbeat.count()).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('is idempotent: a second apply applies nothing', async () => {
    expect(await applyMigrations(database.url)).toEqual([]);
  });

  it('reports the database up to date', async () => {
    const status = await migrationStatus(database.url);
    expect(status).toMatchObject({ upToDate: true, hasMigrationsTable: true, pending: [] });
  });

  it('createMigration finds nothing to do when the schema is unchanged', async () => {
    const created = await createMigration('unchanged', provider, { dryRun: true });
    expect(created).toEqual({ provider, sql: '', directory: null });
  });
});

// Several server processes boot at once on one PostgreSQL database (README, "Running several
// servers"): each applies pending migrations. The schema engine serialises them with a lock, so
// exactly one applies the history and the others find nothing pending.
describe('several processes migrating one PostgreSQL database at once', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('applies every migration once, and no caller fails', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => applyMigrations(database.url)));
    const applied = results.filter((names) => names.length > 0);
    expect(applied).toEqual([migrationNames('postgresql')]);
    expect((await migrationStatus(database.url)).upToDate).toBe(true);
  });
});
