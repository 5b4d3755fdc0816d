import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { SERIES_ROLLUP_MS, TOP_ROLLUP_MS, type Database, type TrafficTable } from '../schema/database.js';
import {
  bucketStart,
  bucketStarts,
  checkBuckets,
  checkRange,
  splitRange,
  type TimeRange,
} from '../util/buckets.js';
import { chunkRows } from '../util/chunk.js';
import { decodeCursor, encodeCursor } from '../util/cursor.js';
import { histogramPercentiles, latencyBin } from '../util/latency-histogram.js';
import {
  invalidArgument,
  jsonText,
  optionalNumber,
  optionalString,
  type Page,
  pageSize,
  type RepositoryContext,
  requireOneOf,
  requireString,
  requireTime,
} from './context.js';
import { rollupPercentiles } from './latency-rollup-percentiles.js';
import { afterCursor, bucketOf, countWhere } from './sql-helpers.js';

/** What the WAF did with a request (`@wafer/core`'s `Decision.action`). */
export type TrafficAction = 'allow' | 'monitor' | 'block';
const ACTIONS: readonly TrafficAction[] = ['allow', 'monitor', 'block'];

/** One inspected request, as the middleware hands it over. */
export interface TrafficEvent {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly requestId: string;
  readonly appId?: string | null;
  readonly instanceId?: string | null;
  readonly ip: string;
  readonly method: string;
  readonly path: string;
  /** The raw query string (with or without `?`); stored redacted. */
  readonly query?: string | null;
  readonly status?: number | null;
  readonly responseSize?: number | null;
  readonly latencyMs?: number | null;
  readonly userAgent?: string | null;
  readonly action: TrafficAction;
  /** Request attack score 0–1. */
  readonly score?: number | null;
  readonly attackClasses?: readonly string[] | null;
}

/** A stored request. */
export interface TrafficRecord {
  readonly id: number;
  readonly time: number;
  readonly requestId: string;
  readonly appId: string | null;
  readonly instanceId: string | null;
  readonly ip: string;
  readonly method: string;
  readonly path: string;
  /** Redacted at write time. */
  readonly query: string | null;
  readonly status: number | null;
  readonly responseSize: number | null;
  readonly latencyMs: number | null;
  readonly userAgent: string | null;
  readonly action: TrafficAction;
  readonly score: number | null;
  readonly attackClasses: string[];
}

/** Filters of {@link TrafficRepository.list}. */
export interface TrafficListQuery extends TimeRange {
  /** Page size, 1–1,000; default 50. */
  readonly limit?: number;
  readonly cursor?: string | null;
  readonly ip?: string;
  readonly action?: TrafficAction;
  readonly path?: string;
}

/** Requests in one bucket of a chart. `allowed` counts `allow` only; `monitored` attacks seen but let through. */
export interface RequestBucket {
  readonly start: number;
  readonly requests: number;
  readonly blocked: number;
  readonly monitored: number;
  readonly allowed: number;
}

/** Latency percentiles of one bucket (ms); `null` when the bucket has no latency. */
export interface LatencyBucket {
  readonly start: number;
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

export interface TopIp {
  readonly ip: string;
  readonly requests: number;
  readonly blocked: number;
}

export interface TopEndpoint {
  readonly method: string;
  readonly path: string;
  readonly requests: number;
  readonly blocked: number;
}

/** Bucketed series query. */
export interface SeriesQuery extends TimeRange {
  /** Bucket width in ms (≥ 1,000). Multiples of 5 minutes are answered from rollups. */
  readonly bucketMs: number;
}

/** Latency series query. */
export interface LatencyQuery extends SeriesQuery {
  /**
   * `histogram` (default): from the latency rollups, within 2% of the exact value, fast on any range.
   * `exact`: `percentile_cont` over raw rows on both dialects; cost grows with the rows in range.
   */
  readonly method?: 'histogram' | 'exact';
}

/** Top-N query. */
export interface TopQuery extends TimeRange {
  /** 1–1,000; default 10. */
  readonly limit?: number;
}

/**
 * Requests: batch inserts, the dashboard's charts and top lists, and the request log.
 *
 * @example
 * ```ts
 * await storage.traffic.insertMany(events); // one transaction
 * const day = { from: Date.now() - 86_400_000, to: Date.now() };
 * const chart = await storage.traffic.requestsPerBucket({ ...day, bucketMs: 3_600_000 });
 * const page = await storage.traffic.list({ ...day, limit: 50 });
 * const next = await storage.traffic.list({ ...day, limit: 50, cursor: page.nextCursor });
 * ```
 */
export interface TrafficRepository {
  /**
   * Writes a batch in one transaction, with the rollups that serve the charts; returns the number written.
   * The query string is redacted and long fields are cut before anything is written.
   */
  insertMany(events: readonly TrafficEvent[]): Promise<number>;
  /** Newest first, keyset-paginated. */
  list(query: TrafficListQuery): Promise<Page<TrafficRecord>>;
  /**
   * The request with this id, recorded within a minute of `time` (a threat carries both: pass
   * `threat.requestId, threat.time`). `undefined` when there is none.
   */
  findByRequestId(requestId: string, time: number): Promise<TrafficRecord | undefined>;
  /** Requests, blocked, monitored and allowed per bucket; every bucket of the range, zeros included. */
  requestsPerBucket(query: SeriesQuery): Promise<RequestBucket[]>;
  /** Latency p50/p95/p99 per bucket; every bucket of the range. */
  latencyPercentiles(query: LatencyQuery): Promise<LatencyBucket[]>;
  /** Busiest client IPs. */
  topIps(query: TopQuery): Promise<TopIp[]>;
  /** Busiest endpoints (method + path). */
  topEndpoints(query: TopQuery): Promise<TopEndpoint[]>;
}

const PERCENTILES = [0.5, 0.95, 0.99] as const;
const REQUEST_LOOKUP_WINDOW_MS = 60_000;
const TRAFFIC_COLUMNS = 15;
// Column caps: a hostile request must not be able to make one row megabytes long.
const MAX_PATH = 2_048;
const MAX_QUERY = 4_096;
const MAX_USER_AGENT = 512;
const MAX_ID = 256;

/** A validated, redacted, capped traffic row, ready to insert. */
export type TrafficRow = Insertable<TrafficTable>;

interface SeriesDelta {
  requests: number;
  blocked: number;
  monitored: number;
  allowed: number;
  latencyCount: number;
  latencySumMs: number;
}

/**
 * Checks one event and builds its row: the query redacted, long fields cut. Throws
 * `WAFER_ERR_STORAGE_INVALID_ARGUMENT` with `where` (e.g. `traffic.insertMany(): event 3`) in the message.
 * Shared with `ingest.write()`, so both write paths store exactly the same row for the same event.
 */
export function toTrafficRow(event: TrafficEvent, where: string, ctx: RepositoryContext): TrafficRow {
  if (event === null || typeof event !== 'object') invalidArgument(`${where} must be an object.`);
  const classes = event.attackClasses;
  if (classes !== undefined && classes !== null && !Array.isArray(classes))
    invalidArgument(`${where}: \`attackClasses\` must be an array of strings.`);
  const query = optionalString(event.query, 'query', where, MAX_QUERY);
  return {
    time: requireTime(event.time, 'time', where),
    requestId: requireString(event.requestId, 'requestId', where).slice(0, MAX_ID),
    appId: optionalString(event.appId, 'appId', where, MAX_ID),
    instanceId: optionalString(event.instanceId, 'instanceId', where, MAX_ID),
    ip: requireString(event.ip, 'ip', where).slice(0, 64),
    method: requireString(event.method, 'method', where).slice(0, 16).toUpperCase(),
    path: requireString(event.path, 'path', where).slice(0, MAX_PATH),
    query: ctx.redactor.query(query),
    status: optionalNumber(event.status, 'status', where),
    responseSize: optionalNumber(event.responseSize, 'responseSize', where),
    latencyMs: optionalNumber(event.latencyMs, 'latencyMs', where),
    userAgent: optionalString(event.userAgent, 'userAgent', where, MAX_USER_AGENT),
    action: requireOneOf(event.action, ACTIONS, 'action', where),
    score: optionalNumber(event.score, 'score', where),
    attackClasses: classes && classes.length > 0 ? jsonText(classes) : null,
  };
}

function toRecord(row: Record<string, unknown>, ctx: RepositoryContext): TrafficRecord {
  return {
    ...(row as unknown as Omit<TrafficRecord, 'attackClasses'>),
    attackClasses: (ctx.dialect.readJson(row.attackClasses) as string[] | null) ?? [],
  };
}

/** Sorted by key so concurrent writers (PostgreSQL) lock rollup rows in one order and cannot deadlock. */
function sortedValues<T>(map: Map<string, T>): T[] {
  return [...map.keys()].sort().map((k) => map.get(k)!);
}

/**
 * Inserts traffic rows and updates the rollups that serve the charts, inside the caller's transaction: the raw
 * rows and their counts commit together or not at all.
 */
export async function insertTrafficRows(
  trx: Transaction<Database>,
  rows: readonly TrafficRow[],
  maxParameters: number,
): Promise<void> {
  for (const chunk of chunkRows(rows, TRAFFIC_COLUMNS, maxParameters))
    await trx.insertInto('traffic').values(chunk).execute();
  await writeRollups(trx, rows, maxParameters);
}

async function writeRollups(trx: Transaction<Database>, rows: readonly TrafficRow[], maxParameters: number) {
  const series = new Map<string, SeriesDelta & { bucket: number }>();
  const latency = new Map<string, { bucket: number; bin: number; count: number }>();
  const ips = new Map<string, { bucket: number; ip: string; requests: number; blocked: number }>();
  const endpoints = new Map<
    string,
    { bucket: number; method: string; path: string; requests: number; blocked: number }
  >();
  for (const row of rows) {
    const blocked = row.action === 'block' ? 1 : 0;
    const seriesBucket = bucketStart(row.time, SERIES_ROLLUP_MS);
    const key = String(seriesBucket).padStart(16, '0');
    let s = series.get(key);
    if (!s)
      series.set(
        key,
        (s = {
          bucket: seriesBucket,
          requests: 0,
          blocked: 0,
          monitored: 0,
          allowed: 0,
          latencyCount: 0,
          latencySumMs: 0,
        }),
      );
    s.requests++;
    s.blocked += blocked;
    if (row.action === 'monitor') s.monitored++;
    else if (row.action === 'allow') s.allowed++;
    if (row.latencyMs !== null && row.latencyMs !== undefined) {
      s.latencyCount++;
      s.latencySumMs += row.latencyMs;
      const bin = latencyBin(row.latencyMs);
      const binKey = `${key}:${String(bin + 40_000).padStart(6, '0')}`;
      const b = latency.get(binKey);
      if (b) b.count++;
      else latency.set(binKey, { bucket: seriesBucket, bin, count: 1 });
    }
    const topBucket = bucketStart(row.time, TOP_ROLLUP_MS);
    const topKey = String(topBucket).padStart(16, '0');
    const ipKey = `${topKey}\u0000${row.ip}`;
    const ip = ips.get(ipKey);
    if (ip) {
      ip.requests++;
      ip.blocked += blocked;
    } else ips.set(ipKey, { bucket: topBucket, ip: row.ip, requests: 1, blocked });
    const endpointKey = `${topKey}\u0000${row.method}\u0000${row.path}`;
    const endpoint = endpoints.get(endpointKey);
    if (endpoint) {
      endpoint.requests++;
      endpoint.blocked += blocked;
    } else
      endpoints.set(endpointKey, {
        bucket: topBucket,
        method: row.method,
        path: row.path,
        requests: 1,
        blocked,
      });
  }
  // Additive upserts: correct with several writers at once, whatever order their batches commit in.
  for (const chunk of chunkRows(sortedValues(series), 7, maxParameters))
    await trx
      .insertInto('trafficRollups')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('bucket').doUpdateSet((eb) => ({
          requests: eb('trafficRollups.requests', '+', eb.ref('excluded.requests')),
          blocked: eb('trafficRollups.blocked', '+', eb.ref('excluded.blocked')),
          monitored: eb('trafficRollups.monitored', '+', eb.ref('excluded.monitored')),
          allowed: eb('trafficRollups.allowed', '+', eb.ref('excluded.allowed')),
          latencyCount: eb('trafficRollups.latencyCount', '+', eb.ref('excluded.latencyCount')),
          latencySumMs: eb('trafficRollups.latencySumMs', '+', eb.ref('excluded.latencySumMs')),
        })),
      )
      .execute();
  for (const chunk of chunkRows(sortedValues(latency), 3, maxParameters))
    await trx
      .insertInto('latencyRollups')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['bucket', 'bin'])
          .doUpdateSet((eb) => ({ count: eb('latencyRollups.count', '+', eb.ref('excluded.count')) })),
      )
      .execute();
  for (const chunk of chunkRows(sortedValues(ips), 4, maxParameters))
    await trx
      .insertInto('ipRollups')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['ip', 'bucket']).doUpdateSet((eb) => ({
          requests: eb('ipRollups.requests', '+', eb.ref('excluded.requests')),
          blocked: eb('ipRollups.blocked', '+', eb.ref('excluded.blocked')),
        })),
      )
      .execute();
  for (const chunk of chunkRows(sortedValues(endpoints), 5, maxParameters))
    await trx
      .insertInto('endpointRollups')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['bucket', 'method', 'path']).doUpdateSet((eb) => ({
          requests: eb('endpointRollups.requests', '+', eb.ref('excluded.requests')),
          blocked: eb('endpointRollups.blocked', '+', eb.ref('excluded.blocked')),
        })),
      )
      .execute();
}

/** Raw-row counts per bucket over one range (chart edges that rollups do not cover, or small buckets). */
function rawSeries(db: Kysely<Database>, range: TimeRange, bucketMs: number) {
  return db
    .selectFrom('traffic')
    .select((eb) => [
      bucketOf('time', bucketMs).as('start'),
      eb.fn.countAll<number>().as('requests'),
      eb.fn.sum<number>(countWhere('action', 'block')).as('blocked'),
      eb.fn.sum<number>(countWhere('action', 'monitor')).as('monitored'),
      eb.fn.sum<number>(countWhere('action', 'allow')).as('allowed'),
    ])
    .where('time', '>=', range.from)
    .where('time', '<', range.to)
    .groupBy(sql.raw('1'))
    .execute();
}

function topLimit(limit: number | undefined, method: string): number {
  return limit === undefined ? 10 : pageSize(limit, method);
}

type IpCount = { requests: number; blocked: number };

/** Adds `rows` of per-IP counts into `into`. */
function addCounts(
  into: Map<string, IpCount>,
  rows: Array<{ ip: string; requests: number; blocked: number }>,
) {
  for (const row of rows) {
    const current = into.get(row.ip);
    if (current) {
      current.requests += Number(row.requests);
      current.blocked += Number(row.blocked);
    } else into.set(row.ip, { requests: Number(row.requests), blocked: Number(row.blocked) });
  }
}

function rank(counts: Map<string, IpCount>, limit: number): TopIp[] {
  return [...counts.entries()]
    .map(([ip, c]) => ({ ip, requests: c.requests, blocked: c.blocked }))
    .sort((a, b) => b.requests - a.requests || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0))
    .slice(0, limit);
}

/** Most candidates the pruned top-IP query checks before it falls back to aggregating every IP. */
const MAX_IP_CANDIDATES = 5_000;

/**
 * Top IPs, exactly, without aggregating every (hour, IP) rollup row: a day of traffic from a long tail of
 * clients has tens of thousands per hour, and summing them all is what made this the slowest dashboard query.
 *
 * 1. Seeds: the heaviest IPs of a few hours give a lower bound `L` on the `limit`-th best total.
 * 2. Pigeonhole: an IP whose total over `P` parts (hourly buckets and raw edges) reaches `L` has at least
 *    `⌈L / P⌉` requests in one part, so only IPs with such a part can be in the answer.
 * 3. Exact totals for those candidates only; ties are broken by IP as in the full query.
 * When the bound prunes too little (flat traffic) it falls back to the plain aggregation.
 */
async function topIps(db: Kysely<Database>, range: TimeRange, limit: number): Promise<TopIp[]> {
  const { rollup, raw } = splitRange(range, TOP_ROLLUP_MS);
  const edges: Array<Map<string, IpCount>> = [];
  for (const edge of raw) {
    const counts = new Map<string, IpCount>();
    addCounts(
      counts,
      await db
        .selectFrom('traffic')
        .select((eb) => [
          'ip',
          eb.fn.countAll<number>().as('requests'),
          eb.fn.sum<number>(countWhere('action', 'block')).as('blocked'),
        ])
        .where('time', '>=', edge.from)
        .where('time', '<', edge.to)
        .groupBy('ip')
        .execute(),
    );
    edges.push(counts);
  }
  const withEdges = (counts: Map<string, IpCount>) => {
    for (const edge of edges)
      addCounts(
        counts,
        [...edge].map(([ip, c]) => ({ ip, ...c })),
      );
    return counts;
  };
  if (!rollup) return rank(withEdges(new Map()), limit);

  const totalsFor = async (ips: string[]) => {
    const counts = new Map<string, IpCount>();
    for (const chunk of chunkRows(ips, 1, 5_000))
      addCounts(
        counts,
        await db
          .selectFrom('ipRollups')
          .select((eb) => [
            'ip',
            eb.fn.sum<number>('requests').as('requests'),
            eb.fn.sum<number>('blocked').as('blocked'),
          ])
          .where('bucket', '>=', rollup.from)
          .where('bucket', '<', rollup.to)
          .where('ip', 'in', chunk)
          .groupBy('ip')
          .execute(),
      );
    for (const edge of edges)
      for (const ip of ips) {
        const c = edge.get(ip);
        if (c) addCounts(counts, [{ ip, ...c }]);
      }
    return counts;
  };

  const hours = (rollup.to - rollup.from) / TOP_ROLLUP_MS;
  const pruning = hours <= MAX_IP_CANDIDATES;
  const seedHours = [
    ...new Set([rollup.to - TOP_ROLLUP_MS, rollup.from, rollup.from + Math.floor(hours / 2) * TOP_ROLLUP_MS]),
  ];
  const seeds = new Set<string>();
  for (const bucket of seedHours)
    for (const row of await db
      .selectFrom('ipRollups')
      .select('ip')
      .where('bucket', '=', bucket)
      .orderBy('requests', 'desc')
      .limit(limit)
      .execute())
      seeds.add(row.ip);
  for (const edge of edges) for (const top of rank(edge, limit)) seeds.add(top.ip);
  const seedTotals = rank(await totalsFor([...seeds]), limit);
  if (pruning && seedTotals.length === limit) {
    const bound = seedTotals[limit - 1]!.requests;
    const threshold = Math.ceil(bound / (hours + edges.length));
    const candidates = new Set<string>();
    const buckets = Array.from({ length: hours }, (_, i) => rollup.from + i * TOP_ROLLUP_MS);
    // `bucket in (…)` rather than a range: one index seek per hour on (bucket, requests).
    for (const row of await db
      .selectFrom('ipRollups')
      .select('ip')
      .distinct()
      .where('bucket', 'in', buckets)
      .where('requests', '>=', threshold)
      .limit(MAX_IP_CANDIDATES + 1)
      .execute())
      candidates.add(row.ip);
    for (const edge of edges) for (const [ip, c] of edge) if (c.requests >= threshold) candidates.add(ip);
    if (candidates.size <= MAX_IP_CANDIDATES) return rank(await totalsFor([...candidates]), limit);
  }
  // Fallback: every IP of the range.
  const all = new Map<string, IpCount>();
  addCounts(
    all,
    await db
      .selectFrom('ipRollups')
      .select((eb) => [
        'ip',
        eb.fn.sum<number>('requests').as('requests'),
        eb.fn.sum<number>('blocked').as('blocked'),
      ])
      .where('bucket', '>=', rollup.from)
      .where('bucket', '<', rollup.to)
      .groupBy('ip')
      .execute(),
  );
  return rank(withEdges(all), limit);
}

/** Builds the traffic repository. */
export function createTrafficRepository(ctx: RepositoryContext): TrafficRepository {
  return {
    async insertMany(events) {
      if (!Array.isArray(events)) invalidArgument('traffic.insertMany() takes an array of events.');
      if (events.length === 0) return 0;
      const rows = events.map((event, i) => toTrafficRow(event, `traffic.insertMany(): event ${i}`, ctx));
      await ctx.db.transaction().execute((trx) => insertTrafficRows(trx, rows, ctx.dialect.maxParameters));
      return rows.length;
    },

    async list(query) {
      checkRange(query, 'traffic.list');
      const limit = pageSize(query.limit, 'traffic.list');
      if (query.action !== undefined) requireOneOf(query.action, ACTIONS, 'action', 'traffic.list()');
      const cursor = query.cursor ? decodeCursor('traffic', query.cursor) : undefined;
      const page = (range: TimeRange, max: number) => {
        let select = ctx.db
          .selectFrom('traffic')
          .selectAll()
          .where('time', '>=', range.from)
          .where('time', '<', range.to);
        if (query.ip !== undefined) select = select.where('ip', '=', query.ip);
        if (query.action !== undefined) select = select.where('action', '=', query.action);
        if (query.path !== undefined) select = select.where('path', '=', query.path);
        if (query.cursor) select = select.where(afterCursor('traffic', query.cursor, 'time'));
        return select.orderBy('time', 'desc').orderBy('id', 'desc').limit(max).execute();
      };
      let rows: Awaited<ReturnType<typeof page>>;
      if (query.ip === undefined) rows = await page(query, limit + 1);
      else {
        // There is no (ip, time) index on traffic (it would cost a third of the insert rate): the hours in which
        // this IP was seen come from ip_rollups' (ip, bucket) key, and only those hours are read, newest first.
        rows = [];
        const hours = await ctx.db
          .selectFrom('ipRollups')
          .select('bucket')
          .where('ip', '=', query.ip)
          .where('bucket', '>=', bucketStart(query.from, TOP_ROLLUP_MS))
          .where('bucket', '<', query.to)
          .orderBy('bucket', 'desc')
          .execute();
        for (const { bucket } of hours) {
          const range = {
            from: Math.max(query.from, bucket),
            to: Math.min(query.to, bucket + TOP_ROLLUP_MS),
          };
          if (cursor && range.from > cursor.key) continue;
          rows.push(...(await page(range, limit + 1 - rows.length)));
          if (rows.length > limit) break;
        }
      }
      const items = rows.slice(0, limit).map((row) => toRecord(row, ctx));
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          rows.length > limit && last ? encodeCursor('traffic', { key: last.time, id: last.id }) : null,
      };
    },

    async findByRequestId(requestId, time) {
      requireString(requestId, 'requestId', 'traffic.findByRequestId()');
      requireTime(time, 'time', 'traffic.findByRequestId()');
      // Searched within a minute of `time` on the time index (request ids are not indexed, see the migration).
      const row = await ctx.db
        .selectFrom('traffic')
        .selectAll()
        .where('time', '>=', time - REQUEST_LOOKUP_WINDOW_MS)
        .where('time', '<=', time + REQUEST_LOOKUP_WINDOW_MS)
        .where('requestId', '=', requestId)
        .orderBy('time', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toRecord(row, ctx) : undefined;
    },

    async requestsPerBucket(query) {
      checkBuckets(query, query.bucketMs, 'traffic.requestsPerBucket');
      const { bucketMs } = query;
      const totals = new Map<
        number,
        { requests: number; blocked: number; monitored: number; allowed: number }
      >();
      for (const start of bucketStarts(query, bucketMs))
        totals.set(start, { requests: 0, blocked: 0, monitored: 0, allowed: 0 });
      const add = (
        rows: Array<{ start: number; requests: number; blocked: number; monitored: number; allowed: number }>,
      ) => {
        for (const row of rows) {
          const total = totals.get(row.start);
          if (!total) continue;
          total.requests += Number(row.requests);
          total.blocked += Number(row.blocked);
          total.monitored += Number(row.monitored);
          total.allowed += Number(row.allowed);
        }
      };
      const { rollup, raw } =
        bucketMs % SERIES_ROLLUP_MS === 0
          ? splitRange(query, SERIES_ROLLUP_MS)
          : { rollup: undefined, raw: [{ from: query.from, to: query.to }] };
      if (rollup)
        add(
          await ctx.db
            .selectFrom('trafficRollups')
            .select((eb) => [
              bucketOf('bucket', bucketMs).as('start'),
              eb.fn.sum<number>('requests').as('requests'),
              eb.fn.sum<number>('blocked').as('blocked'),
              eb.fn.sum<number>('monitored').as('monitored'),
              eb.fn.sum<number>('allowed').as('allowed'),
            ])
            .where('bucket', '>=', rollup.from)
            .where('bucket', '<', rollup.to)
            .groupBy(sql.raw('1'))
            .execute(),
        );
      for (const edge of raw) add(await rawSeries(ctx.db, edge, bucketMs));
      return [...totals.entries()].map(([start, t]) => ({ start, ...t }));
    },

    async latencyPercentiles(query) {
      checkBuckets(query, query.bucketMs, 'traffic.latencyPercentiles');
      const method = query.method ?? 'histogram';
      requireOneOf(method, ['histogram', 'exact'], 'method', 'traffic.latencyPercentiles()');
      const { bucketMs } = query;
      const starts = bucketStarts(query, bucketMs);
      if (method === 'exact') {
        const rows = await ctx.dialect.exactLatencyPercentiles(ctx.db, query, bucketMs, PERCENTILES);
        const byStart = new Map(rows.map((r) => [r.start, r]));
        return starts.map((start) => {
          const row = byStart.get(start);
          return {
            start,
            count: row?.count ?? 0,
            p50: row?.values[0] ?? null,
            p95: row?.values[1] ?? null,
            p99: row?.values[2] ?? null,
          };
        });
      }
      const histograms = new Map<number, Map<number, number>>();
      const addBin = (start: number, bin: number, count: number) => {
        let histogram = histograms.get(start);
        if (!histogram) histograms.set(start, (histogram = new Map()));
        histogram.set(bin, (histogram.get(bin) ?? 0) + count);
      };
      const { rollup, raw } =
        bucketMs % SERIES_ROLLUP_MS === 0
          ? splitRange(query, SERIES_ROLLUP_MS)
          : { rollup: undefined, raw: [{ from: query.from, to: query.to }] };
      const fromSql = new Map<number, { count: number; values: Array<number | null> }>();
      if (rollup) {
        // Chart buckets with no raw edge are answered by SQL; the (at most two) that a raw edge touches merge
        // their rollup counts with the raw rows here.
        const edgeStarts = new Set(
          raw.flatMap((e) => [bucketStart(e.from, bucketMs), bucketStart(e.to - 1, bucketMs)]),
        );
        for (const [start, value] of await rollupPercentiles(ctx.db, rollup, bucketMs, PERCENTILES))
          if (!edgeStarts.has(start)) fromSql.set(start, value);
        for (const start of edgeStarts) {
          const from = Math.max(rollup.from, start);
          const to = Math.min(rollup.to, start + bucketMs);
          if (from >= to) continue;
          const rows = await ctx.db
            .selectFrom('latencyRollups')
            .select(['bin', 'count'])
            .where('bucket', '>=', from)
            .where('bucket', '<', to)
            .execute();
          for (const row of rows) addBin(start, row.bin, Number(row.count));
        }
      }
      for (const edge of raw) {
        const rows = await ctx.db
          .selectFrom('traffic')
          .select(['time', 'latencyMs'])
          .where('time', '>=', edge.from)
          .where('time', '<', edge.to)
          .where('latencyMs', 'is not', null)
          .execute();
        for (const row of rows) addBin(bucketStart(row.time, bucketMs), latencyBin(row.latencyMs!), 1);
      }
      return starts.map((start) => {
        const computed = fromSql.get(start);
        if (computed) {
          const [p50, p95, p99] = computed.values;
          return { start, count: computed.count, p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null };
        }
        const histogram = histograms.get(start) ?? new Map<number, number>();
        let count = 0;
        for (const c of histogram.values()) count += c;
        const [p50, p95, p99] = histogramPercentiles(histogram, PERCENTILES);
        return { start, count, p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null };
      });
    },

    async topIps(query) {
      checkRange(query, 'traffic.topIps');
      return topIps(ctx.db, query, topLimit(query.limit, 'traffic.topIps'));
    },

    async topEndpoints(query) {
      checkRange(query, 'traffic.topEndpoints');
      const limit = topLimit(query.limit, 'traffic.topEndpoints');
      const { rollup, raw } = splitRange(query, TOP_ROLLUP_MS);
      const db = ctx.db;
      const parts = [
        ...(rollup
          ? [
              db
                .selectFrom('endpointRollups')
                .select(['method', 'path', 'requests', 'blocked'])
                .where('bucket', '>=', rollup.from)
                .where('bucket', '<', rollup.to),
            ]
          : []),
        ...raw.map((edge) =>
          db
            .selectFrom('traffic')
            .select((eb) => [
              'method',
              'path',
              eb.fn.countAll<number>().as('requests'),
              eb.fn.sum<number>(countWhere('action', 'block')).as('blocked'),
            ])
            .where('time', '>=', edge.from)
            .where('time', '<', edge.to)
            .groupBy(['method', 'path']),
        ),
      ];
      const union = parts.slice(1).reduce((all, part) => all.unionAll(part), parts[0]!);
      const rows = await db
        .selectFrom(union.as('u'))
        .select((eb) => [
          'u.method',
          'u.path',
          eb.fn.sum<number>('u.requests').as('requests'),
          eb.fn.sum<number>('u.blocked').as('blocked'),
        ])
        .groupBy(['u.method', 'u.path'])
        .orderBy('requests', 'desc')
        .orderBy('u.method')
        .orderBy('u.path')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        method: r.method,
        path: r.path,
        requests: Number(r.requests),
        blocked: Number(r.blocked),
      }));
    },
  };
}
