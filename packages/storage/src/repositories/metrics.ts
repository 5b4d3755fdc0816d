import type { Insertable, Selectable } from 'kysely';
import type { MetricTable } from '../schema/database.js';
import { checkRange, type TimeRange } from '../util/buckets.js';
import { chunkRows } from '../util/chunk.js';
import { invalidArgument, optionalNumber, pageSize, requireTime, type RepositoryContext } from './context.js';

/** A snapshot of the WAF's health over one interval. */
export interface MetricSnapshot {
  /** End of the interval, epoch ms. */
  readonly time: number;
  readonly intervalMs: number;
  readonly requests: number;
  readonly blocked: number;
  /** Attacks / requests over the interval, 0–1. */
  readonly attackRate: number;
  /** Mean response time (ms). */
  readonly responseTimeMs?: number | null;
  readonly threatsPerMinute: number;
  readonly uptimeS?: number | null;
  readonly activeConnections?: number | null;
  readonly cpuPercent?: number | null;
  readonly memoryBytes?: number | null;
}

export interface MetricRecord extends Required<MetricSnapshot> {
  readonly id: number;
  readonly responseTimeMs: number | null;
  readonly uptimeS: number | null;
  readonly activeConnections: number | null;
  readonly cpuPercent: number | null;
  readonly memoryBytes: number | null;
}

export interface MetricListQuery extends TimeRange {
  /** 1–10,000; default 1,000. */
  readonly limit?: number;
}

/**
 * Metric snapshots.
 *
 * @example
 * ```ts
 * await storage.metrics.insertMany([{ time: Date.now(), intervalMs: 60_000, requests: 1200, blocked: 3,
 *   attackRate: 0.0025, threatsPerMinute: 3, responseTimeMs: 12.5 }]);
 * const latest = await storage.metrics.latest();
 * ```
 */
export interface MetricRepository {
  insertMany(snapshots: readonly MetricSnapshot[]): Promise<number>;
  /** Oldest first (a chart's order). */
  list(query: MetricListQuery): Promise<MetricRecord[]>;
  latest(): Promise<MetricRecord | undefined>;
}

function count(value: unknown, field: string, where: string): number {
  const n = optionalNumber(value, field, where);
  if (n === null) invalidArgument(`${where}: \`${field}\` is required.`);
  return n as number;
}

export function createMetricRepository(ctx: RepositoryContext): MetricRepository {
  const toRow = (m: MetricSnapshot, i: number): Insertable<MetricTable> => {
    const where = `metrics.insertMany(): snapshot ${i}`;
    if (m === null || typeof m !== 'object') invalidArgument(`${where} must be an object.`);
    return {
      time: requireTime(m.time, 'time', where),
      intervalMs: count(m.intervalMs, 'intervalMs', where),
      requests: count(m.requests, 'requests', where),
      blocked: count(m.blocked, 'blocked', where),
      attackRate: count(m.attackRate, 'attackRate', where),
      responseTimeMs: optionalNumber(m.responseTimeMs, 'responseTimeMs', where),
      threatsPerMinute: count(m.threatsPerMinute, 'threatsPerMinute', where),
      uptimeS: optionalNumber(m.uptimeS, 'uptimeS', where),
      activeConnections: optionalNumber(m.activeConnections, 'activeConnections', where),
      cpuPercent: optionalNumber(m.cpuPercent, 'cpuPercent', where),
      memoryBytes: optionalNumber(m.memoryBytes, 'memoryBytes', where),
    };
  };
  const toRecord = (row: Selectable<MetricTable>) => row as MetricRecord;
  return {
    async insertMany(snapshots) {
      if (!Array.isArray(snapshots)) invalidArgument('metrics.insertMany() takes an array.');
      if (snapshots.length === 0) return 0;
      const rows = snapshots.map(toRow);
      await ctx.db.transaction().execute(async (trx) => {
        for (const chunk of chunkRows(rows, 11, ctx.dialect.maxParameters))
          await trx.insertInto('metrics').values(chunk).execute();
      });
      return rows.length;
    },
    async list(query) {
      checkRange(query, 'metrics.list');
      const limit = query.limit === undefined ? 1_000 : pageSize(query.limit, 'metrics.list', 10_000);
      const rows = await ctx.db
        .selectFrom('metrics')
        .selectAll()
        .where('time', '>=', query.from)
        .where('time', '<', query.to)
        .orderBy('time')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    async latest() {
      const row = await ctx.db
        .selectFrom('metrics')
        .selectAll()
        .orderBy('time', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
  };
}
