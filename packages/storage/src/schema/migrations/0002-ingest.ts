import type { Kysely, Migration } from 'kysely';
import type { SchemaTypes } from '../schema-types.js';

// Repeated rather than imported from 0001: a migration is frozen once shipped, whatever later ones change.
const TIME = 'bigint';

/** The ingest write path: idempotency keys and the instances that report (see `ingest.write()`). */
export function ingestMigration(types: SchemaTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Only ever probed by key: without a rowid (SQLite) the table is the key's b-tree, one index less per insert.
      await types
        .keyedTable(
          db.schema
            .createTable('ingestKeys')
            .addColumn('key', 'text', (c) => c.primaryKey())
            .addColumn('time', TIME, (c) => c.notNull()),
        )
        .execute();
      // Retention deletes keys by age; the time is the write time, so this index is appended to, never split.
      await db.schema.createIndex('ingest_keys_time_idx').on('ingestKeys').column('time').execute();

      await db.schema
        .createTable('instances')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('app', 'text')
        .addColumn('sdk', 'text')
        .addColumn('mode', 'text')
        .addColumn('modelVersion', 'text')
        .addColumn('firstSeen', TIME, (c) => c.notNull())
        .addColumn('lastSeen', TIME, (c) => c.notNull())
        .addColumn('events', 'bigint', (c) => c.notNull())
        .addColumn('failures', 'bigint', (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('instances').execute();
      await db.schema.dropTable('ingestKeys').execute();
    },
  };
}
