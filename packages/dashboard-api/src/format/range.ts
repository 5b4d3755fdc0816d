/** The time ranges the dashboard offers. */
export type RangeName = '1h' | '6h' | '24h' | '7d' | '30d';

export const RANGE_NAMES: readonly RangeName[] = ['1h', '6h', '24h', '7d', '30d'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Length and chart bucket of each range. Buckets from 5 minutes up are multiples of storage's rollup width,
 * so long charts are read from the rollups, not from raw rows; each range gives 28–72 points.
 */
const RANGES: Readonly<Record<RangeName, { readonly ms: number; readonly bucketMs: number }>> = {
  '1h': { ms: HOUR, bucketMs: MINUTE },
  '6h': { ms: 6 * HOUR, bucketMs: 5 * MINUTE },
  '24h': { ms: DAY, bucketMs: 30 * MINUTE },
  '7d': { ms: 7 * DAY, bucketMs: 6 * HOUR },
  '30d': { ms: 30 * DAY, bucketMs: DAY },
};

/** A resolved range: `[from, to)` in epoch ms and the chart bucket width. */
export interface ResolvedRange {
  readonly name: RangeName;
  readonly from: number;
  readonly to: number;
  readonly bucketMs: number;
}

/**
 * `[now - range, now]`, with `from` aligned down to a bucket edge so every chart point covers a whole bucket.
 *
 * @example
 * ```ts
 * resolveRange('24h', Date.now()); // { name: '24h', from, to, bucketMs: 1_800_000 }
 * ```
 */
export function resolveRange(name: RangeName, now: number): ResolvedRange {
  const { ms, bucketMs } = RANGES[name];
  const to = now + 1; // `to` is exclusive: include what happened this millisecond
  const from = Math.floor((now - ms) / bucketMs) * bucketMs + bucketMs;
  return { name, from, to, bucketMs };
}
