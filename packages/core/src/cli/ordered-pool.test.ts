import { describe, expect, it } from 'vitest';
import { mapOrdered } from './ordered-pool.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('mapOrdered', () => {
  it('yields results in input order even when later items finish first', async () => {
    const delays = [30, 1, 20, 0, 10, 5];
    const results = await collect(
      mapOrdered(delays, 4, async (ms) => {
        await sleep(ms);
        return ms;
      }),
    );
    expect(results).toEqual(delays);
  });

  it('never has more than `limit` calls in flight, and does reach it', async () => {
    let active = 0;
    let peak = 0;
    const results = await collect(
      mapOrdered(
        Array.from({ length: 20 }, (_, i) => i),
        3,
        async (i) => {
          active++;
          peak = Math.max(peak, active);
          await sleep(i % 4);
          active--;
          return i * 2;
        },
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(peak).toBe(3);
  });

  it('reads an async source lazily: at most `limit` items ahead of the consumer', async () => {
    let read = 0;
    async function* source() {
      for (let i = 0; i < 100; i++) {
        read++;
        yield i;
      }
    }
    const seen: number[] = [];
    for await (const value of mapOrdered(source(), 5, async (i) => i)) {
      seen.push(value);
      expect(read - seen.length).toBeLessThanOrEqual(5);
    }
    expect(seen).toHaveLength(100);
  });

  it('re-throws a failure at its turn, after the results before it', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const value of mapOrdered([1, 2, 3, 4], 2, async (i) => {
        if (i === 3) throw new Error('boom');
        return i;
      }))
        seen.push(value);
    };
    await expect(run()).rejects.toThrow('boom');
    expect(seen).toEqual([1, 2]);
  });

  it('handles an empty source and rejects a bad limit', async () => {
    expect(await collect(mapOrdered([], 4, async (x: number) => x))).toEqual([]);
    await expect(collect(mapOrdered([1], 0, async (x: number) => x))).rejects.toThrow(RangeError);
  });
});
