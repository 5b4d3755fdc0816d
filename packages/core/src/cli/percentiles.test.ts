import { describe, expect, it } from 'vitest';
import { Histogram, percentile } from './percentiles.js';

describe('percentile (nearest rank)', () => {
  it('picks the smallest value with p% of values at or below it', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
  });

  it('is undefined without values and exact for one', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([42], 99)).toBe(42);
  });
});

describe('Histogram', () => {
  it('agrees with the exact percentile to within 1%', () => {
    const values = Array.from({ length: 5000 }, (_, i) => 50 + ((i * 7919) % 20000));
    const histogram = new Histogram();
    for (const value of values) histogram.add(value);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [1, 50, 90, 99, 99.9]) {
      const exact = percentile(sorted, p)!;
      expect(Math.abs(histogram.percentile(p)! - exact) / exact).toBeLessThanOrEqual(0.01);
    }
    expect(histogram.count).toBe(5000);
  });

  it('never reports beyond the values seen, and handles zero and bad values', () => {
    const histogram = new Histogram();
    expect(histogram.percentile(50)).toBeUndefined();
    histogram.add(0);
    histogram.add(Number.NaN);
    histogram.add(-5);
    histogram.add(1234);
    expect(histogram.count).toBe(2);
    expect(histogram.percentile(50)).toBeLessThanOrEqual(1); // values below 1 share one bucket
    expect(histogram.percentile(99)).toBe(1234);
  });
});
