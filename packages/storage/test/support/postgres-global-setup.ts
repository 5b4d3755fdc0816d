// Vitest global setup of the storage and dashboard-api projects: one throwaway PostgreSQL cluster per run, deleted
// afterwards. Tests get its URL through `inject('postgresUrl')` (null when PostgreSQL cannot run here).
import type { TestProject } from 'vitest/node';
import { startPostgres } from './pg-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    postgresSkipReason: string | null;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startPostgres();
  if ('skipped' in cluster) {
    console.warn(`\n[storage, dashboard-api] PostgreSQL tests SKIPPED: ${cluster.skipped}.\n`);
    project.provide('postgresUrl', null);
    project.provide('postgresSkipReason', cluster.skipped);
    return;
  }
  project.provide('postgresUrl', cluster.url);
  project.provide('postgresSkipReason', null);
  return () => cluster.stop();
}
