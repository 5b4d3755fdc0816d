import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles, keeps half of each step, randomises the other half, and caps', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 500, 30_000, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 500, 30_000, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(1000, 500, 30_000, () => 0)).toBe(15_000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4, 500, 30_000)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

describe('retryAfterMs', () => {
  it('reads delay-seconds and HTTP-dates', () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sat, 21 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sat, 21 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
