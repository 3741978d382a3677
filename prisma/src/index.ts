export { createDb, type Db, type DbClient } from './client';
export {
  applyMigrations,
  type CreatedMigration,
  type CreateMigrationOptions,
  createMigration,
  type MigrationStatus,
  migrationStatus,
} from './migrate';
export { type DbProvider, defaultDatabaseUrl, PROVIDERS, providerFromUrl } from './paths';
