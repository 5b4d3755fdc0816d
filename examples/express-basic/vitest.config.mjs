import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-express-basic',
    include: ['test/**/*.test.mjs'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
