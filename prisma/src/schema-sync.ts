import { readFileSync, writeFileSync } from 'node:fs';
import { schemaPath } from './paths';

const HEADER =
  '// GENERATED from ../sqlite/schema.prisma by prisma/src/schema-sync.ts: edit that file, then\n' +
  '// run `pnpm db:migration:new <name>`. A test fails when this file is out of step.\n\n';

/**
 * The PostgreSQL schema is the SQLite one with another provider and client output folder.
 * (Provider-specific native types, if ever needed, would be rewritten here.)
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  const body = sqliteSchema
    .replace(/^\/\/ The source of truth\.[\s\S]*?\n\n/, '')
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/(output\s*=\s*"\.\.\/generated\/)sqlite"/, '$1postgresql"');
  return HEADER + body;
}

export function expectedPostgresSchema(): string {
  return derivePostgresSchema(readFileSync(schemaPath('sqlite'), 'utf8'));
}

/** Rewrites postgresql/schema.prisma; returns true when it changed. */
export function syncPostgresSchema(): boolean {
  const next = expectedPostgresSchema();
  const target = schemaPath('postgresql');
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current === next) return false;
  writeFileSync(target, next);
  return true;
}
