import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file is e2e/tests/support/paths.ts). */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The game server (apps/server) is built on another branch: until it is merged, its webServer
 * entry stays out and the tests that need it skip themselves.
 */
export const serverPresent = existsSync(join(repoRoot, 'apps/server/src/main.ts'));

/** The numpy fixture, shared by all worktrees next to the repository. */
export const fixturePath = join(repoRoot, '../shared/fixtures/seed-worked-example.json');
