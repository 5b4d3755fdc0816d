/**
 * Log-scale latency histogram (the DDSketch layout): bin `i` holds values in `(γ^(i-1), γ^i]` and answers
 * with `2γ^i / (γ + 1)`, which is within {@link RELATIVE_ACCURACY} of every value in the bin. The rollup
 * tables keep one count per (interval, bin); percentiles over any range are then a merge of small counts.
 */
export const RELATIVE_ACCURACY = 0.02;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** Latencies at or below 1 µs, zero included: answered as 0. */
export const ZERO_BIN = -32_768;
const MIN_MS = 0.001;

/** The bin a latency in milliseconds falls into. */
export function latencyBin(ms: number): number {
  if (!(ms > MIN_MS)) return ZERO_BIN;
  return Math.ceil(Math.log(ms) / LOG_GAMMA);
}

/** The value a bin stands for. */
export function binValue(bin: number): number {
  return bin === ZERO_BIN ? 0 : (2 * GAMMA ** bin) / (GAMMA + 1);
}

/**
 * Percentiles (`p` in 0–1) of a histogram with `percentile_cont` semantics: rank `p·(n − 1)`, linear
 * interpolation between the two neighbouring order statistics. `null` for an empty histogram.
 */
export function histogramPercentiles(
  counts: ReadonlyMap<number, number>,
  percentiles: readonly number[],
): Array<number | null> {
  const bins = [...counts.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return percentiles.map(() => null);
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (const [bin, count] of bins) {
      seen += count;
      if (rank < seen) return binValue(bin);
    }
    return binValue(bins[bins.length - 1]![0]);
  };
  return percentiles.map((p) => {
    const h = p * (total - 1);
    const lo = Math.floor(h);
    const low = valueAt(lo);
    return lo === h ? low : low + (valueAt(lo + 1) - low) * (h - lo);
  });
}

/** Exact `percentile_cont` of sorted values: the reference the histogram and the SQL are tested against. */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = p * (sorted.length - 1);
  const lo = Math.floor(h);
  const low = sorted[lo]!;
  return lo === h ? low : low + (sorted[lo + 1]! - low) * (h - lo);
}
