import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'express',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Starts a throwaway redis-server for the Redis store tests (skipped with a message where it is absent).
    globalSetup: ['./test/support/redis-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
