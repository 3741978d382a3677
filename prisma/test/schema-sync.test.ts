import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationsDir, schemaPath } from '../src/paths';
import { expectedPostgresSchema } from '../src/schema-sync';

describe('the two schemas stay in step', () => {
  it('postgresql/schema.prisma is derived from sqlite/schema.prisma (run pnpm db:migration:new)', () => {
    expect(readFileSync(schemaPath('postgresql'), 'utf8')).toBe(expectedPostgresSchema());
  });

  it('both providers have the same migrations', () => {
    const names = (dir: string) =>
      readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
    const sqlite = names(migrationsDir('sqlite'));
    expect(sqlite.length).toBeGreaterThan(0);
    expect(names(migrationsDir('postgresql'))).toEqual(sqlite);
  });
});
