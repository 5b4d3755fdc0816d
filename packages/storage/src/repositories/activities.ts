import type { Insertable, Transaction } from 'kysely';
import type { ActivityTable, Database } from '../schema/database.js';
import { checkRange, type TimeRange } from '../util/buckets.js';
import { chunkRows } from '../util/chunk.js';
import { encodeCursor } from '../util/cursor.js';
import {
  invalidArgument,
  jsonText,
  optionalString,
  type Page,
  pageSize,
  type RepositoryContext,
  requireOneOf,
  requireString,
  requireTime,
} from './context.js';
import { afterCursor } from './sql-helpers.js';

export type ActivityKind = 'blocked' | 'allowed' | 'system';
const KINDS: readonly ActivityKind[] = ['blocked', 'allowed', 'system'];

/** One line of the dashboard's activity feed. */
export interface ActivityInput {
  readonly time: number;
  readonly kind: ActivityKind;
  readonly title: string;
  /** Any JSON-serializable value. */
  readonly details?: unknown;
  readonly ip?: string | null;
  readonly endpoint?: string | null;
}

export interface ActivityRecord {
  readonly id: number;
  readonly time: number;
  readonly kind: ActivityKind;
  readonly title: string;
  readonly details: unknown;
  readonly ip: string | null;
  readonly endpoint: string | null;
}

export interface ActivityListQuery extends TimeRange {
  readonly kind?: ActivityKind;
  readonly limit?: number;
  readonly cursor?: string | null;
}

/**
 * The activity feed.
 *
 * @example
 * ```ts
 * await storage.activities.insertMany([{ time: Date.now(), kind: 'system', title: 'Model 1.0.0 loaded' }]);
 * const { items } = await storage.activities.list({ from: 0, to: Date.now(), limit: 20 });
 * ```
 */
export interface ActivityRepository {
  insertMany(activities: readonly ActivityInput[]): Promise<number>;
  /** Newest first. */
  list(query: ActivityListQuery): Promise<Page<ActivityRecord>>;
}

const COLUMNS = 6;

/** Checks one activity and builds its row (`where`, e.g. `activities.insertMany(): activity 3`, prefixes errors). */
export function toActivityRow(a: ActivityInput, where: string): Insertable<ActivityTable> {
  if (a === null || typeof a !== 'object') invalidArgument(`${where} must be an object.`);
  return {
    time: requireTime(a.time, 'time', where),
    kind: requireOneOf(a.kind, KINDS, 'kind', where),
    title: requireString(a.title, 'title', where).slice(0, 500),
    details: a.details === undefined || a.details === null ? null : jsonText(a.details),
    ip: optionalString(a.ip, 'ip', where, 64),
    endpoint: optionalString(a.endpoint, 'endpoint', where, 2_100),
  };
}

/** Inserts activity rows inside the caller's transaction, in multi-row statements under the parameter limit. */
export async function insertActivityRows(
  trx: Transaction<Database>,
  rows: readonly Insertable<ActivityTable>[],
  maxParameters: number,
): Promise<void> {
  for (const chunk of chunkRows(rows, COLUMNS, maxParameters))
    await trx.insertInto('activities').values(chunk).execute();
}

export function createActivityRepository(ctx: RepositoryContext): ActivityRepository {
  return {
    async insertMany(activities) {
      if (!Array.isArray(activities)) invalidArgument('activities.insertMany() takes an array.');
      if (activities.length === 0) return 0;
      const rows = activities.map((a, i) => toActivityRow(a, `activities.insertMany(): activity ${i}`));
      await ctx.db.transaction().execute((trx) => insertActivityRows(trx, rows, ctx.dialect.maxParameters));
      return rows.length;
    },
    async list(query) {
      checkRange(query, 'activities.list');
      const limit = pageSize(query.limit, 'activities.list');
      let select = ctx.db
        .selectFrom('activities')
        .selectAll()
        .where('time', '>=', query.from)
        .where('time', '<', query.to);
      if (query.kind !== undefined)
        select = select.where('kind', '=', requireOneOf(query.kind, KINDS, 'kind', 'activities.list()'));
      if (query.cursor) {
        select = select.where(afterCursor('activities', query.cursor, 'time'));
      }
      const rows = await select
        .orderBy('time', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map((r) => ({
        ...r,
        kind: r.kind as ActivityKind,
        details: ctx.dialect.readJson(r.details),
      }));
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          rows.length > limit && last ? encodeCursor('activities', { key: last.time, id: last.id }) : null,
      };
    },
  };
}
