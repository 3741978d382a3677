import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file is e2e/tests/support/paths.ts). */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The numpy reference numbers, copied into the repository (fixtures/README.md). */
export const fixturePath = join(repoRoot, 'fixtures/seed-worked-example.json');
