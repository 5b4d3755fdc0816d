import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import type { SchemaTypes } from '../schema/schema-types.js';
import type { TimeRange } from '../util/buckets.js';

/** Exact latency percentiles of one bucket. */
export interface ExactPercentileRow {
  readonly start: number;
  readonly count: number;
  /** One value per requested percentile, in order. */
  readonly values: ReadonlyArray<number | null>;
}

/**
 * What the repositories need from a database beyond portable SQL (Kysely's own dialect interface is the model:
 * a small surface, one folder per implementation, the same few files in each). Everything dialect-specific —
 * driver loading, pragmas and pool settings, JSON column types, percentile SQL — lives behind it.
 */
export interface StorageDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Bound parameters one statement may carry; multi-row inserts are chunked under it. */
  readonly maxParameters: number;
  readonly schema: SchemaTypes;
  /** A JSON column's value as the driver returns it (text in SQLite, parsed jsonb in PostgreSQL) → a value. */
  readJson(value: unknown): unknown;
  /** `percentile_cont` of `traffic.latency_ms` per bucket over raw rows. */
  exactLatencyPercentiles(
    db: Kysely<Database>,
    range: TimeRange,
    bucketMs: number,
    percentiles: readonly number[],
  ): Promise<ExactPercentileRow[]>;
  /** Work to do before the connection closes (SQLite: `PRAGMA optimize`). */
  beforeClose(db: Kysely<Database>): Promise<void>;
}

/** An opened database: the Kysely instance and its dialect. */
export interface OpenedDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: StorageDialect;
}
