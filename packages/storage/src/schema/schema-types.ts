import type { CreateTableBuilder } from 'kysely';

/** The few column definitions that differ between dialects; each dialect folder provides them. */
export interface SchemaTypes {
  /** `text` (SQLite) or `jsonb` (PostgreSQL). */
  readonly json: 'text' | 'jsonb';
  /** Adds the auto-assigned `id` primary key. */
  addId<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
  /** Finishes a table keyed by its composite primary key alone (SQLite: `WITHOUT ROWID`). */
  keyedTable<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
}
