import { defineConfig } from 'vitest/config';

// Every test file that touches the database gets its own fresh database (see test/support/db.ts),
// so files can run in parallel. The engine is chosen by DATABASE_URL: unset = embedded PGlite.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous: tests that spawn the real CLI must not fail on a busy 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // The browser tests (test/web) need web/dist: built here when missing or stale.
    globalSetup: ['test/support/build-web.ts'],
    pool: 'forks',
    maxWorkers: 2,
  },
});
