import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairQueue } from './pair-queue.js';

describe('PairQueue', () => {
  it('pops the highest count first, ties by the given order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(20), fc.nat(1000))), fc.boolean(), (entries, bulk) => {
        const queue = new PairQueue((a, b) => a - b);
        for (const [count, pair] of entries) {
          if (bulk) queue.pushUnordered(count, pair);
          else queue.push(count, pair);
        }
        if (bulk) queue.heapify();
        expect(queue.size).toBe(entries.length);
        const popped: Array<[number, number]> = [];
        while (queue.pop()) popped.push([queue.topCount, queue.topPair]);
        expect(popped).toEqual([...entries].sort((x, y) => y[0] - x[0] || x[1] - y[1]));
        expect(queue.pop()).toBe(false);
      }),
    );
  });
});
