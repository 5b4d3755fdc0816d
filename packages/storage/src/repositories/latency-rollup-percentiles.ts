import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';
import type { TimeRange } from '../util/buckets.js';
import { binValue } from '../util/latency-histogram.js';

/**
 * Percentiles per chart bucket from the latency rollups, with the rank search done in SQL: a cumulative sum
 * over each bucket's bins (a window function, portable to SQLite ≥ 3.25 and PostgreSQL) keeps only the bins
 * around each rank, so a day of 5-minute buckets returns a few rows per bucket instead of every
 * (interval, bin) pair — the transfer and parsing of those rows was most of this query's time.
 * `range` must be made of whole rollup intervals. Semantics are `histogramPercentiles`' (percentile_cont).
 */
export async function rollupPercentiles(
  db: Kysely<Database>,
  range: TimeRange,
  bucketMs: number,
  percentiles: readonly number[],
): Promise<Map<number, { count: number; values: Array<number | null> }>> {
  const width = sql`cast(${bucketMs} as bigint)`;
  // One rank on either side of floor(p·(n − 1)) and its successor, in case the database rounds p·(n − 1)
  // differently from JavaScript. Counts are cast to bigint and p to double: PostgreSQL's sums are numeric,
  // and numeric arithmetic on every row was a good part of this query's time there.
  const near = percentiles.map(
    (p) =>
      sql`(upto - c <= floor(cast(${p} as double precision) * (n - 1)) + 2 and upto > floor(cast(${p} as double precision) * (n - 1)) - 1)`,
  );
  const { rows } = await sql<{ start: number; bin: number; below: number; upto: number; n: number }>`
    with h as (
      select (bucket / ${width}) * ${width} as start, bin, cast(sum(count) as bigint) as c
      from latency_rollups
      where bucket >= ${range.from} and bucket < ${range.to}
      group by 1, 2
    ), cumulative as (
      select start, bin, c,
             cast(sum(c) over (partition by start order by bin rows between unbounded preceding and current row) as bigint) as upto,
             cast(sum(c) over (partition by start) as bigint) as n
      from h
    )
    select start, bin, upto - c as below, upto, n from cumulative
    where ${sql.join(near, sql` or `)}
    order by start, bin`.execute(db);

  const byStart = new Map<number, Array<{ bin: number; below: number; upto: number; n: number }>>();
  for (const row of rows) {
    const start = Number(row.start);
    let list = byStart.get(start);
    if (!list) byStart.set(start, (list = []));
    list.push({ bin: row.bin, below: Number(row.below), upto: Number(row.upto), n: Number(row.n) });
  }
  const result = new Map<number, { count: number; values: Array<number | null> }>();
  for (const [start, bins] of byStart) {
    const n = bins[0]!.n;
    const valueAt = (rank: number) => {
      const hit = bins.find((b) => b.below <= rank && rank < b.upto);
      return hit === undefined ? undefined : binValue(hit.bin);
    };
    result.set(start, {
      count: n,
      values: percentiles.map((p) => {
        const h = p * (n - 1);
        const lo = Math.floor(h);
        const low = valueAt(lo);
        if (low === undefined) return null;
        if (lo === h) return low;
        const high = valueAt(lo + 1);
        return high === undefined ? null : low + (high - low) * (h - lo);
      }),
    });
  }
  return result;
}
