// The cluster run (issue 15): the built web app in front of two game-server processes on
// PostgreSQL + Redis behind a real nginx. The spec starts that stack itself (it kills and
// restarts a process, which only the worker that holds the children can do), with nginx on
// E2E_SERVER_PORT, where the built web app finds its game server; here only `next start` runs.
// Needs PostgreSQL (TEST_POSTGRES_URL), Redis on 6379 and nginx: `npm test` provides them.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.ts';
import { repoRoot } from './tests/support/paths.ts';

const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3000);
const webUrl = process.env.WEB_URL ?? `http://localhost:${WEB_PORT}`;

export default defineConfig({
  testDir: './tests/cluster',
  // One worker: the spec owns the processes it kills.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 150_000,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: webUrl,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
  webServer: {
    // The built app: run `pnpm turbo run build` first (it also builds the server's dist/main.js).
    command: `pnpm --filter @backprop/web exec next start --port ${WEB_PORT}`,
    cwd: repoRoot,
    url: webUrl,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
