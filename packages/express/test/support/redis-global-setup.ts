// Vitest global setup of the express project: one throwaway redis-server for the whole run, stopped
// afterwards. Tests get its URL through `inject('redisUrl')` (null when redis-server cannot run here).
import type { TestProject } from 'vitest/node';
import { startRedis } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string | null;
    redisSkipReason: string | null;
  }
}

export default async function setup(project: TestProject) {
  const server = await startRedis();
  if ('skipped' in server) {
    console.warn(`\n[express] Redis store tests SKIPPED: ${server.skipped}.\n`);
    project.provide('redisUrl', null);
    project.provide('redisSkipReason', server.skipped);
    return;
  }
  project.provide('redisUrl', server.url);
  project.provide('redisSkipReason', null);
  return () => server.stop();
}
