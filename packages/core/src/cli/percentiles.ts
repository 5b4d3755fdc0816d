/**
 * The `p`-th percentile (0–100) of ascending `sorted` values by the nearest-rank method: the
 * smallest value with at least `p`% of the values at or below it. `undefined` for no values.
 *
 * @example
 * ```ts
 * percentile([1, 2, 3, 4], 50); // 2
 * percentile([1, 2, 3, 4], 99); // 4
 * ```
 */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * sorted.length);
  return sorted[Math.max(rank, 1) - 1];
}

/** Relative width of a histogram bucket: percentiles are exact to within 1%. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);

/**
 * Percentiles of a stream of non-negative values in bounded memory (a scan can inspect millions
 * of lines): values go into buckets 1% wide on a log scale, so a percentile is off by at most 1%.
 * Values below 1 share one bucket; the reported value never exceeds the largest value added.
 *
 * @example
 * ```ts
 * const latency = new Histogram();
 * for (const d of decisions) latency.add(d.timings.totalUs);
 * latency.percentile(99); // ≈ p99 in µs
 * ```
 */
export class Histogram {
  readonly #counts = new Map<number, number>();
  #count = 0;
  #max = 0;
  #min = Number.POSITIVE_INFINITY;

  /** Values added. */
  get count(): number {
    return this.#count;
  }

  add(value: number): void {
    if (!(value >= 0)) return;
    const bucket = value < 1 ? 0 : Math.ceil(Math.log(value) / LOG_GROWTH);
    this.#counts.set(bucket, (this.#counts.get(bucket) ?? 0) + 1);
    this.#count++;
    if (value > this.#max) this.#max = value;
    if (value < this.#min) this.#min = value;
  }

  /** Nearest-rank percentile (0–100), as {@link percentile} but to within 1%; `undefined` when empty. */
  percentile(p: number): number | undefined {
    if (this.#count === 0) return undefined;
    const rank = Math.max(1, Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * this.#count));
    const buckets = [...this.#counts.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const bucket of buckets) {
      seen += this.#counts.get(bucket)!;
      if (seen >= rank) {
        const upper = bucket === 0 ? 1 : GROWTH ** bucket;
        return Math.max(this.#min, Math.min(upper, this.#max));
      }
    }
    return this.#max;
  }
}
