import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  // Explicit root so `vitest run --config models/vitest.config.ts` from the repo root finds the tests too.
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    name: 'models',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // The integration test builds a small corpus from the real datasets.
    testTimeout: 60_000,
  },
});
