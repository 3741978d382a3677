import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file is e2e/tests/support/paths.ts). */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The numpy reference numbers, copied into the repository (fixtures/README.md). */
export const fixturePath = join(repoRoot, 'fixtures/seed-worked-example.json');

/** The game server the suite started (playwright.config.ts), as the tests reach it directly. */
export const serverUrl = `http://localhost:${process.env.E2E_SERVER_PORT ?? 3001}`;
