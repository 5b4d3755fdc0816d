import { WaferStorageError } from '../errors.js';

/** A half-open time range `[from, to)` in epoch milliseconds. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** The most buckets one series query may ask for: enough for a week by the minute, small enough for a chart. */
export const MAX_BUCKETS = 20_000;

const invalid = (message: string): never => {
  throw new WaferStorageError('WAFER_ERR_STORAGE_INVALID_ARGUMENT', message);
};

/** Throws unless `from`/`to` are epoch-millisecond integers with `from < to`. */
export function checkRange(range: TimeRange, method: string): void {
  if (range === null || typeof range !== 'object')
    invalid(`${method}() takes { from, to } in epoch milliseconds.`);
  const { from, to } = range;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to))
    invalid(
      `${method}(): \`from\` and \`to\` must be integers (epoch milliseconds, e.g. Date.now()), got ${String(from)} and ${String(to)}.`,
    );
  if (from >= to) invalid(`${method}(): \`from\` (${from}) must be before \`to\` (${to}).`);
}

/** Throws unless `bucketMs` is a positive integer giving at most {@link MAX_BUCKETS} buckets over the range. */
export function checkBuckets(range: TimeRange, bucketMs: number, method: string): void {
  checkRange(range, method);
  if (!Number.isSafeInteger(bucketMs) || bucketMs < 1000)
    invalid(`${method}(): \`bucketMs\` must be an integer ≥ 1000 (ms), got ${String(bucketMs)}.`);
  const count = Math.ceil((range.to - bucketStart(range.from, bucketMs)) / bucketMs);
  if (count > MAX_BUCKETS)
    invalid(`${method}(): ${count} buckets asked for; at most ${MAX_BUCKETS}. Use a larger \`bucketMs\`.`);
}

/**
 * Start of the bucket holding `time`. Buckets are aligned to the epoch (UTC), not to `from`, so a bucket covers
 * the same wall-clock span whatever range asked for it and each rollup interval falls into exactly one bucket.
 */
export function bucketStart(time: number, bucketMs: number): number {
  return Math.floor(time / bucketMs) * bucketMs;
}

/** Every bucket start overlapping `[from, to)`, in order: the x axis of a chart, zero-filled by the callers. */
export function bucketStarts(range: TimeRange, bucketMs: number): number[] {
  const starts: number[] = [];
  for (let t = bucketStart(range.from, bucketMs); t < range.to; t += bucketMs) starts.push(t);
  return starts;
}

/**
 * Splits `[from, to)` into the part covered by whole rollup intervals of `granularity` ms and the edges
 * outside it, which must be read from raw rows. Either part may be empty.
 */
export function splitRange(
  range: TimeRange,
  granularity: number,
): { rollup: TimeRange | undefined; raw: TimeRange[] } {
  const first = Math.ceil(range.from / granularity) * granularity;
  const last = Math.floor(range.to / granularity) * granularity;
  if (first >= last) return { rollup: undefined, raw: [range] };
  const raw: TimeRange[] = [];
  if (range.from < first) raw.push({ from: range.from, to: first });
  if (last < range.to) raw.push({ from: last, to: range.to });
  return { rollup: { from: first, to: last }, raw };
}
