import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.ts';
import { repoRoot } from './tests/support/paths.ts';

// Other ports let several checkouts run their suites side by side; the web app must then be built
// with NEXT_PUBLIC_SERVER_URL and SERVER_URL pointing at E2E_SERVER_PORT.
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3000);
const SERVER_PORT = Number(process.env.E2E_SERVER_PORT ?? 3001);
const webUrl = process.env.WEB_URL ?? `http://localhost:${WEB_PORT}`;

// A fresh SQLite file per run. Set once in the main process; workers inherit it through the env.
process.env.E2E_SQLITE_FILE ??= join(mkdtempSync(join(tmpdir(), 'backprop-e2e-')), 'e2e.db');

export default defineConfig({
  testDir: './tests',
  // The cluster run (several game servers behind nginx) is its own config.
  testIgnore: 'cluster/**',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  globalTeardown: './global-teardown.ts',
  use: {
    baseURL: webUrl,
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'phone',
      use: {
        browserName: 'chromium',
        viewport: { width: 360, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: [
    {
      // The built app: run `pnpm turbo run build` first.
      command: `pnpm --filter @backprop/web exec next start --port ${WEB_PORT}`,
      cwd: repoRoot,
      url: webUrl,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The game server on a fresh SQLite file; it applies the migrations itself.
      command: 'pnpm --filter @backprop/server start',
      cwd: repoRoot,
      url: `http://localhost:${SERVER_PORT}/healthz`,
      env: {
        DATABASE_URL: `file:${process.env.E2E_SQLITE_FILE}`,
        SERVER_PORT: String(SERVER_PORT),
      },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
