import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file is e2e/tests/support/paths.ts). */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The numpy fixture, shared by all worktrees next to the repository. */
export const fixturePath = join(repoRoot, '../shared/fixtures/seed-worked-example.json');
