import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The wasm engine and PostgreSQL round trips are slow-ish; fresh databases per file.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
