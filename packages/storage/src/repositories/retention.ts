import type { Kysely } from 'kysely';
import type { RetentionOptions } from '../options.js';
import { SERIES_ROLLUP_MS, TOP_ROLLUP_MS, type Database } from '../schema/database.js';
import { invalidArgument, requireTime, yieldToEventLoop, type RepositoryContext } from './context.js';

const DAY_MS = 86_400_000;

/** Rows deleted per table by one prune. */
export interface PruneResult {
  readonly traffic: number;
  readonly threats: number;
  readonly activities: number;
  readonly metrics: number;
  readonly alerts: number;
  readonly rollups: number;
  /** Idempotency keys of `ingest.write()`, kept as long as raw traffic (`retention.traffic`). */
  readonly ingestKeys: number;
}

export interface PruneOptions {
  /** The reference time; default now. */
  readonly now?: number;
  /** Overrides the `retention` option of `createStorage()` for this run (days per table). */
  readonly days?: Omit<RetentionOptions, 'batchSize'>;
}

/**
 * Retention: deletes rows older than the configured number of days, table by table, in batches of
 * `retention.batchSize` rows (5,000 by default). Each batch is its own short statement, so the SQLite write
 * lock is never held for long and the ingest queue keeps writing between batches; PostgreSQL never sees one
 * huge DELETE bloating its WAL. Schedule it (e.g. hourly); it is idempotent.
 *
 * @example
 * ```ts
 * const deleted = await storage.retention.prune(); // { traffic: 120000, threats: 300, …, ingestKeys: 120000 }
 * await storage.retention.prune({ days: { traffic: 7 } });
 * ```
 */
export interface RetentionRepository {
  prune(options?: PruneOptions): Promise<PruneResult>;
}

type IdTable = 'traffic' | 'threats' | 'activities' | 'metrics' | 'alerts';
type RollupTable = 'trafficRollups' | 'latencyRollups' | 'ipRollups' | 'endpointRollups';

async function deleteByIdBatches(
  db: Kysely<Database>,
  table: IdTable,
  column: 'time' | 'lastSeen',
  cutoff: number,
  batchSize: number,
  openAlertsKept = false,
): Promise<number> {
  // Typed as one table: the columns used exist in every table of the union, and Kysely's types would
  // otherwise need a branch per table for the same SQL.
  const t = table as 'alerts';
  let total = 0;
  for (;;) {
    let ids = db
      .selectFrom(t)
      .select('id')
      .where(column as 'lastSeen', '<', cutoff)
      .limit(batchSize);
    if (openAlertsKept) ids = ids.where('status', '=', 'dismissed');
    const result = await db.deleteFrom(t).where('id', 'in', ids).executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < batchSize) return total;
    await yieldToEventLoop();
  }
}

/** Rollup rows have no id: delete them an interval slice at a time (each slice is a bounded number of rows). */
async function deleteRollupSlices(
  db: Kysely<Database>,
  table: RollupTable,
  cutoff: number,
  sliceMs: number,
): Promise<number> {
  const t = table as 'ipRollups';
  let total = 0;
  for (;;) {
    const oldest = await db
      .selectFrom(t)
      .select((eb) => eb.fn.min('bucket').as('bucket'))
      .where('bucket', '<', cutoff)
      .executeTakeFirst();
    if (oldest?.bucket === null || oldest?.bucket === undefined) return total;
    const result = await db
      .deleteFrom(t)
      .where('bucket', '<', Math.min(Number(oldest.bucket) + sliceMs, cutoff))
      .executeTakeFirst();
    total += Number(result.numDeletedRows);
    await yieldToEventLoop();
  }
}

/** Ingest keys have no id either: delete them by key, a batch of the oldest at a time, on the time index. */
async function deleteIngestKeyBatches(
  db: Kysely<Database>,
  cutoff: number,
  batchSize: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const keys = db.selectFrom('ingestKeys').select('key').where('time', '<', cutoff).limit(batchSize);
    const result = await db.deleteFrom('ingestKeys').where('key', 'in', keys).executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < batchSize) return total;
    await yieldToEventLoop();
  }
}

export function createRetentionRepository(ctx: RepositoryContext): RetentionRepository {
  return {
    async prune(options = {}) {
      const now =
        options.now === undefined ? Date.now() : requireTime(options.now, 'now', 'retention.prune()');
      const days = { ...ctx.options.retention, ...(options.days ?? {}) };
      for (const [table, value] of Object.entries(options.days ?? {}))
        if (!Number.isInteger(value) || (value as number) < 1)
          invalidArgument(
            `retention.prune(): \`days.${table}\` must be a positive integer, got ${String(value)}.`,
          );
      const cutoff = (d: number) => now - d * DAY_MS;
      const batch = ctx.options.retention.batchSize;
      const db = ctx.db;
      const traffic = await deleteByIdBatches(db, 'traffic', 'time', cutoff(days.traffic), batch);
      const threats = await deleteByIdBatches(db, 'threats', 'time', cutoff(days.threats), batch);
      const activities = await deleteByIdBatches(db, 'activities', 'time', cutoff(days.activities), batch);
      const metrics = await deleteByIdBatches(db, 'metrics', 'time', cutoff(days.metrics), batch);
      // Active and acknowledged alerts are someone's open work: only dismissed ones age out.
      const alerts = await deleteByIdBatches(db, 'alerts', 'lastSeen', cutoff(days.alerts), batch, true);
      let rollups = 0;
      const rollupCutoff = cutoff(days.rollups);
      rollups += await deleteRollupSlices(db, 'trafficRollups', rollupCutoff, SERIES_ROLLUP_MS * 1_000);
      rollups += await deleteRollupSlices(db, 'latencyRollups', rollupCutoff, SERIES_ROLLUP_MS * 12);
      rollups += await deleteRollupSlices(db, 'ipRollups', rollupCutoff, TOP_ROLLUP_MS);
      rollups += await deleteRollupSlices(db, 'endpointRollups', rollupCutoff, TOP_ROLLUP_MS);
      // A retry older than the raw traffic it would duplicate is no longer plausible (see ingest.write()).
      const ingestKeys = await deleteIngestKeyBatches(db, cutoff(days.traffic), batch);
      return { traffic, threats, activities, metrics, alerts, rollups, ingestKeys };
    },
  };
}
