import { defineConfig } from 'vitest/config';

// Three suites: fast unit tests, integration tests against a real server and
// real storage (SQLite+memory by default, PostgreSQL+Redis when DATABASE_URL /
// REDIS_URL are set), and browser flows in Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'], exclude: ['**/*.int.test.ts', '**/node_modules/**'] } },
      { test: { name: 'integration', include: ['apps/*/test/**/*.int.test.ts'], testTimeout: 30_000, hookTimeout: 60_000, fileParallelism: false } },
      // Fault tests start their own PostgreSQL cluster and Redis server and stop, restart and freeze them (minutes).
      { test: { name: 'faults', include: ['apps/*/test/faults/**/*.fault.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
      { test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
