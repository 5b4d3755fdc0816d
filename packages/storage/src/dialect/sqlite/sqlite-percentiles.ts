import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { TimeRange } from '../../util/buckets.js';
import type { ExactPercentileRow } from '../storage-dialect.js';

/**
 * Exact `percentile_cont` in SQLite, which has no ordered-set aggregates: number each bucket's latencies in
 * order with `row_number()`, keep only the two order statistics around each rank `p·(n − 1)`, and interpolate
 * here. Same answer as PostgreSQL's `percentile_cont`; the cost is a sort of the range's rows.
 */
export async function sqliteExactLatencyPercentiles(
  db: Kysely<Database>,
  range: TimeRange,
  bucketMs: number,
  percentiles: readonly number[],
): Promise<ExactPercentileRow[]> {
  // `cast(? as integer)`: better-sqlite3 binds JS numbers as REAL, which would turn `/` into float division.
  const width = sql`cast(${bucketMs} as integer)`;
  const wanted = percentiles.flatMap((p) => [
    sql`cast(${p} * (n - 1) as integer)`,
    sql`cast(${p} * (n - 1) as integer) + 1`,
  ]);
  const { rows } = await sql<{ start: number; n: number; i: number; v: number }>`
    with ranked as (
      select (time / ${width}) * ${width} as start,
             latency_ms as v,
             row_number() over (partition by time / ${width} order by latency_ms) - 1 as i,
             count(*) over (partition by time / ${width}) as n
      from traffic
      where time >= ${range.from} and time < ${range.to} and latency_ms is not null
    )
    select start, n, i, v from ranked where i in (${sql.join(wanted)}) order by start, i`.execute(db);
  const buckets = new Map<number, { n: number; values: Map<number, number> }>();
  for (const row of rows) {
    let bucket = buckets.get(row.start);
    if (!bucket) buckets.set(row.start, (bucket = { n: row.n, values: new Map() }));
    bucket.values.set(row.i, row.v);
  }
  return [...buckets.entries()].map(([start, { n, values }]) => ({
    start,
    count: n,
    values: percentiles.map((p) => {
      const h = p * (n - 1);
      const lo = Math.floor(h);
      const low = values.get(lo)!;
      return lo === h ? low : low + (values.get(lo + 1)! - low) * (h - lo);
    }),
  }));
}
