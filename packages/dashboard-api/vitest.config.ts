import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'dashboard-api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // The storage package's setup: a throwaway PostgreSQL 15 cluster (skipped with a message where absent).
    globalSetup: ['../storage/test/support/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
