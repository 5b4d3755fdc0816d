import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';
import type { TimeRange } from '../../util/buckets.js';
import type { ExactPercentileRow } from '../storage-dialect.js';

/** Exact percentiles per bucket with PostgreSQL's ordered-set aggregate `percentile_cont`. */
export async function postgresExactLatencyPercentiles(
  db: Kysely<Database>,
  range: TimeRange,
  bucketMs: number,
  percentiles: readonly number[],
): Promise<ExactPercentileRow[]> {
  const width = sql`cast(${bucketMs} as bigint)`;
  const { rows } = await sql<{ start: number; n: number; ps: Array<number | null> }>`
    select (time / ${width}) * ${width} as start,
           count(*) as n,
           percentile_cont(cast(${[...percentiles]} as float8[])) within group (order by latency_ms) as ps
    from traffic
    where time >= ${range.from} and time < ${range.to} and latency_ms is not null
    group by 1
    order by 1`.execute(db);
  return rows.map((row) => ({ start: row.start, count: row.n, values: row.ps }));
}
