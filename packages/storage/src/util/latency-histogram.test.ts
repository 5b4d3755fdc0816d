import { describe, expect, it } from 'vitest';
import {
  binValue,
  histogramPercentiles,
  latencyBin,
  percentileCont,
  RELATIVE_ACCURACY,
  ZERO_BIN,
} from './latency-histogram.js';

describe('latency histogram', () => {
  it('answers every value within the relative accuracy', () => {
    for (let v = 0.0011; v < 120_000; v *= 1.013) {
      const answer = binValue(latencyBin(v));
      expect(Math.abs(answer - v) / v).toBeLessThanOrEqual(RELATIVE_ACCURACY + 1e-12);
    }
  });

  it('puts zero, negatives and sub-microsecond values in the zero bin', () => {
    expect(latencyBin(0)).toBe(ZERO_BIN);
    expect(latencyBin(-1)).toBe(ZERO_BIN);
    expect(latencyBin(0.0005)).toBe(ZERO_BIN);
    expect(binValue(ZERO_BIN)).toBe(0);
  });

  it('gives percentile_cont answers within the bound on a skewed sample', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 20_000 }, () => Math.exp(random() * 8) / 10).sort((a, b) => a - b);
    const counts = new Map<number, number>();
    for (const v of values) counts.set(latencyBin(v), (counts.get(latencyBin(v)) ?? 0) + 1);
    const ps = [0, 0.5, 0.95, 0.99, 1];
    const approx = histogramPercentiles(counts, ps);
    for (const [i, p] of ps.entries()) {
      const exact = percentileCont(values, p)!;
      expect(Math.abs(approx[i]! - exact) / exact).toBeLessThanOrEqual(RELATIVE_ACCURACY);
    }
  });

  it('interpolates like percentile_cont and handles empty input', () => {
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileCont([10], 0.99)).toBe(10);
    expect(percentileCont([], 0.5)).toBeNull();
    expect(histogramPercentiles(new Map(), [0.5])).toEqual([null]);
  });
});
