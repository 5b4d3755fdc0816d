import { describe, expect, it } from 'vitest';
import { humanSize, timeAgo } from './human.js';
import { RANGE_NAMES, resolveRange } from './range.js';

describe('timeAgo', () => {
  const now = 1_800_000_000_000;
  it.each([
    [0, 'just now'],
    [9_000, 'just now'],
    [42_000, '42 s ago'],
    [125_000, '2 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [86_400_000, '1 day ago'],
    [5 * 86_400_000, '5 days ago'],
    [-5_000, 'just now'],
  ])('%i ms ago → %s', (ago, text) => expect(timeAgo(now - ago, now)).toBe(text));
});

describe('humanSize', () => {
  it.each([
    [null, '-'],
    [-1, '-'],
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KB'],
    [10 * 1024 * 1024, '10 MB'],
    [3.4 * 1024 ** 3, '3.4 GB'],
  ])('%s → %s', (bytes, text) => expect(humanSize(bytes as number | null)).toBe(text));
});

describe('resolveRange', () => {
  it('covers the range with 28–72 whole buckets aligned to the epoch', () => {
    const now = Date.UTC(2026, 10, 21, 10, 17, 33);
    for (const name of RANGE_NAMES) {
      const r = resolveRange(name, now);
      expect(r.from % r.bucketMs).toBe(0);
      const buckets = Math.ceil((r.to - r.from) / r.bucketMs);
      expect(buckets).toBeGreaterThanOrEqual(24);
      expect(buckets).toBeLessThanOrEqual(72);
      expect(r.to).toBe(now + 1);
    }
    expect(resolveRange('1h', now).bucketMs).toBe(60_000);
  });
});
