import { describe, expect, it } from 'vitest';
import { mapOrdered } from './map-ordered.js';
import { pause } from './test-support.js';

describe('mapOrdered', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapOrdered([50, 10, 30, 5, 20, 1, 15], 3, async (ms, index) => {
      running += 1;
      peak = Math.max(peak, running);
      await pause(ms);
      running -= 1;
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:50', '1:10', '2:30', '3:5', '4:20', '5:1', '6:15']);
    expect(peak).toBe(3);
  });

  it('handles an empty list', async () => {
    expect(await mapOrdered([], 8, async () => 1)).toEqual([]);
  });
});
