import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The two database providers the app runs on; each has its own schema and migrations folder. */
export const PROVIDERS = ['sqlite', 'postgresql'] as const;
export type DbProvider = (typeof PROVIDERS)[number];

/**
 * The `prisma/` package folder, found by the package's name rather than this file's place: the
 * server's production bundle (apps/server/dist) carries this module inside it.
 */
export const packageDir = path.dirname(
  createRequire(import.meta.url).resolve('@backprop/db/package.json'),
);
/** The repository root (the `data/` folder lives here). */
export const repoRoot = path.resolve(packageDir, '..');

export const schemaPath = (provider: DbProvider): string =>
  path.join(packageDir, provider, 'schema.prisma');

export const migrationsDir = (provider: DbProvider): string =>
  path.join(packageDir, provider, 'migrations');

/** `postgresql://` or `postgres://` -> PostgreSQL, `file:` -> SQLite. */
export function providerFromUrl(databaseUrl: string): DbProvider {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  throw new Error(
    `Unsupported database URL "${databaseUrl}": use file:<path> (SQLite) or postgresql://... (PostgreSQL)`,
  );
}

/** The embedded default: a SQLite file `data/backprop.db` under the repo root. */
export function defaultDatabaseUrl(): string {
  const dataDir = path.join(repoRoot, 'data');
  mkdirSync(dataDir, { recursive: true });
  return `file:${path.join(dataDir, 'backprop.db')}`;
}
