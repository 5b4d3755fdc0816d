import type { Migration } from 'kysely';
import type { SchemaTypes } from '../schema-types.js';
import { initialMigration } from './0001-initial.js';
import { ingestMigration } from './0002-ingest.js';

/**
 * Every migration, in order, as a static provider for Kysely's `Migrator` (no file-system scanning, so the
 * bundled ESM and CJS builds carry them). Names sort in application order and are never renamed: the
 * migration table records them.
 */
export function createMigrations(types: SchemaTypes): Record<string, Migration> {
  return {
    '0001_initial': initialMigration(types),
    '0002_ingest': ingestMigration(types),
  };
}

/** Names of the migrations this version ships, oldest first. */
export const MIGRATION_NAMES: readonly string[] = ['0001_initial', '0002_ingest'];
