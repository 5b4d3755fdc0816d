import { sql, type Insertable, type Transaction } from 'kysely';
import type { Database, ThreatTable } from '../schema/database.js';
import { bucketStarts, checkBuckets, checkRange, type TimeRange } from '../util/buckets.js';
import { chunkRows } from '../util/chunk.js';
import { encodeCursor } from '../util/cursor.js';
import {
  invalidArgument,
  optionalNumber,
  optionalString,
  pageSize,
  requireOneOf,
  requireString,
  requireTime,
  type Page,
  type RepositoryContext,
} from './context.js';
import { afterCursor, bucketOf } from './sql-helpers.js';
import type { SeriesQuery, TopQuery } from './traffic.js';

export type ThreatSeverity = 'critical' | 'high' | 'medium' | 'low';
const SEVERITIES: readonly ThreatSeverity[] = ['critical', 'high', 'medium', 'low'];

/** A detected attack, one per attack finding. */
export interface ThreatEvent {
  readonly time: number;
  readonly requestId?: string | null;
  /** Attack class: `sqli`, `xss`, `path_traversal`, … */
  readonly type: string;
  readonly severity: ThreatSeverity;
  /** Source IP. */
  readonly ip: string;
  /** `METHOD /path`. */
  readonly endpoint?: string | null;
  /** Field location: `query`, `body`, `header`, `cookie`, `path`. */
  readonly location?: string | null;
  /** Field path, e.g. `query.id`, `body.items[2].note`. */
  readonly fieldPath?: string | null;
  /** The matched text; stored truncated, and replaced entirely when the field path names a secret. */
  readonly evidence?: string | null;
  readonly score?: number | null;
  readonly blocked: boolean;
  /** `name@version` of the model that decided. */
  readonly modelVersion?: string | null;
}

export interface ThreatRecord extends Required<Omit<ThreatEvent, 'blocked'>> {
  readonly id: number;
  readonly requestId: string | null;
  readonly endpoint: string | null;
  readonly location: string | null;
  readonly fieldPath: string | null;
  readonly evidence: string | null;
  readonly score: number | null;
  readonly modelVersion: string | null;
  readonly blocked: boolean;
}

export interface ThreatListQuery extends TimeRange {
  readonly limit?: number;
  readonly cursor?: string | null;
  readonly type?: string;
  readonly ip?: string;
}

/** Threats of one bucket, by class (every bucket of the range, `byClass` empty when none). */
export interface ThreatBucket {
  readonly start: number;
  readonly total: number;
  readonly byClass: Record<string, number>;
}

export interface TopThreatClass {
  readonly type: string;
  readonly count: number;
  readonly blocked: number;
}

export interface TopThreatSource {
  readonly ip: string;
  readonly count: number;
  readonly blocked: number;
}

/**
 * Detected attacks.
 *
 * @example
 * ```ts
 * await storage.threats.insertMany([{ time: Date.now(), type: 'sqli', severity: 'high', ip, blocked: true,
 *   fieldPath: 'query.id', evidence: "1' union select" }]);
 * const chart = await storage.threats.byClassPerBucket({ from, to, bucketMs: 3_600_000 });
 * ```
 */
export interface ThreatRepository {
  /** One transaction; evidence is truncated and redacted first. */
  insertMany(threats: readonly ThreatEvent[]): Promise<number>;
  list(query: ThreatListQuery): Promise<Page<ThreatRecord>>;
  byClassPerBucket(query: SeriesQuery): Promise<ThreatBucket[]>;
  topClasses(query: TopQuery): Promise<TopThreatClass[]>;
  topSources(query: TopQuery): Promise<TopThreatSource[]>;
}

const COLUMNS = 12;

/**
 * Checks one threat and builds its row: evidence cut to `redaction.evidenceMaxLength` and replaced when the field
 * path names a secret. `where` (e.g. `threats.insertMany(): threat 3`) prefixes error messages. Shared with
 * `ingest.write()`.
 */
export function toThreatRow(t: ThreatEvent, where: string, ctx: RepositoryContext): Insertable<ThreatTable> {
  if (t === null || typeof t !== 'object') invalidArgument(`${where} must be an object.`);
  if (typeof t.blocked !== 'boolean') invalidArgument(`${where}: \`blocked\` must be true or false.`);
  const fieldPath = optionalString(t.fieldPath, 'fieldPath', where, 512);
  return {
    time: requireTime(t.time, 'time', where),
    requestId: optionalString(t.requestId, 'requestId', where, 256),
    type: requireString(t.type, 'type', where).slice(0, 64),
    severity: requireOneOf(t.severity, SEVERITIES, 'severity', where),
    ip: requireString(t.ip, 'ip', where).slice(0, 64),
    endpoint: optionalString(t.endpoint, 'endpoint', where, 2_100),
    location: optionalString(t.location, 'location', where, 32),
    fieldPath,
    evidence: ctx.redactor.evidence(optionalString(t.evidence, 'evidence', where, 1_000_000), fieldPath),
    score: optionalNumber(t.score, 'score', where),
    blocked: t.blocked ? 1 : 0,
    modelVersion: optionalString(t.modelVersion, 'modelVersion', where, 128),
  };
}

/** Inserts threat rows inside the caller's transaction, in multi-row statements under the parameter limit. */
export async function insertThreatRows(
  trx: Transaction<Database>,
  rows: readonly Insertable<ThreatTable>[],
  maxParameters: number,
): Promise<void> {
  for (const chunk of chunkRows(rows, COLUMNS, maxParameters))
    await trx.insertInto('threats').values(chunk).execute();
}

export function createThreatRepository(ctx: RepositoryContext): ThreatRepository {
  return {
    async insertMany(threats) {
      if (!Array.isArray(threats)) invalidArgument('threats.insertMany() takes an array of threats.');
      if (threats.length === 0) return 0;
      const rows = threats.map((t, i) => toThreatRow(t, `threats.insertMany(): threat ${i}`, ctx));
      await ctx.db.transaction().execute((trx) => insertThreatRows(trx, rows, ctx.dialect.maxParameters));
      return rows.length;
    },

    async list(query) {
      checkRange(query, 'threats.list');
      const limit = pageSize(query.limit, 'threats.list');
      let select = ctx.db
        .selectFrom('threats')
        .selectAll()
        .where('time', '>=', query.from)
        .where('time', '<', query.to);
      if (query.type !== undefined) select = select.where('type', '=', query.type);
      if (query.ip !== undefined) select = select.where('ip', '=', query.ip);
      if (query.cursor) {
        select = select.where(afterCursor('threats', query.cursor, 'time'));
      }
      const rows = await select
        .orderBy('time', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const items = rows
        .slice(0, limit)
        .map((r) => ({ ...r, severity: r.severity as ThreatSeverity, blocked: r.blocked === 1 }));
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          rows.length > limit && last ? encodeCursor('threats', { key: last.time, id: last.id }) : null,
      };
    },

    async byClassPerBucket(query) {
      checkBuckets(query, query.bucketMs, 'threats.byClassPerBucket');
      const buckets = new Map<number, { start: number; total: number; byClass: Record<string, number> }>(
        bucketStarts(query, query.bucketMs).map((start) => [start, { start, total: 0, byClass: {} }]),
      );
      const rows = await ctx.db
        .selectFrom('threats')
        .select((eb) => [
          bucketOf('time', query.bucketMs).as('start'),
          'type',
          eb.fn.countAll<number>().as('count'),
        ])
        .where('time', '>=', query.from)
        .where('time', '<', query.to)
        .groupBy([sql.raw('1'), 'type'])
        .execute();
      for (const row of rows) {
        const bucket = buckets.get(row.start);
        if (!bucket) continue;
        bucket.total += Number(row.count);
        bucket.byClass[row.type] = Number(row.count);
      }
      return [...buckets.values()];
    },

    async topClasses(query) {
      checkRange(query, 'threats.topClasses');
      const limit = query.limit === undefined ? 10 : pageSize(query.limit, 'threats.topClasses');
      const rows = await ctx.db
        .selectFrom('threats')
        .select((eb) => [
          'type',
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number>('blocked').as('blocked'),
        ])
        .where('time', '>=', query.from)
        .where('time', '<', query.to)
        .groupBy('type')
        .orderBy('count', 'desc')
        .orderBy('type')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ type: r.type, count: Number(r.count), blocked: Number(r.blocked) }));
    },

    async topSources(query) {
      checkRange(query, 'threats.topSources');
      const limit = query.limit === undefined ? 10 : pageSize(query.limit, 'threats.topSources');
      const rows = await ctx.db
        .selectFrom('threats')
        .select((eb) => [
          'ip',
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number>('blocked').as('blocked'),
        ])
        .where('time', '>=', query.from)
        .where('time', '<', query.to)
        .groupBy('ip')
        .orderBy('count', 'desc')
        .orderBy('ip')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ip: r.ip, count: Number(r.count), blocked: Number(r.blocked) }));
    },
  };
}
