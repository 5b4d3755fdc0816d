import { describe, expect, it } from 'vitest';
import type { WaferStorageError } from '../errors.js';
import { bucketStart, bucketStarts, checkBuckets, checkRange, MAX_BUCKETS, splitRange } from './buckets.js';

describe('bucket helpers', () => {
  it('aligns buckets to the epoch, not to the range', () => {
    expect(bucketStart(3_599_999, 3_600_000)).toBe(0);
    expect(bucketStart(3_600_000, 3_600_000)).toBe(3_600_000);
    expect(bucketStarts({ from: 1_800_000, to: 7_200_001 }, 3_600_000)).toEqual([0, 3_600_000, 7_200_000]);
    expect(bucketStarts({ from: 3_600_000, to: 7_200_000 }, 3_600_000)).toEqual([3_600_000]);
  });

  it('splits a range into whole rollup intervals and raw edges', () => {
    expect(splitRange({ from: 0, to: 900 }, 300)).toEqual({ rollup: { from: 0, to: 900 }, raw: [] });
    expect(splitRange({ from: 50, to: 950 }, 300)).toEqual({
      rollup: { from: 300, to: 900 },
      raw: [
        { from: 50, to: 300 },
        { from: 900, to: 950 },
      ],
    });
    expect(splitRange({ from: 310, to: 590 }, 300)).toEqual({
      rollup: undefined,
      raw: [{ from: 310, to: 590 }],
    });
    expect(splitRange({ from: 290, to: 310 }, 300)).toEqual({
      rollup: undefined,
      raw: [{ from: 290, to: 310 }],
    });
  });

  it('rejects bad ranges and too many buckets', () => {
    const code = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return (error as WaferStorageError).code;
      }
      return undefined;
    };
    expect(code(() => checkRange({ from: 5, to: 5 }, 'x'))).toBe('WAFER_ERR_STORAGE_INVALID_ARGUMENT');
    expect(code(() => checkRange({ from: 1.5, to: 5 }, 'x'))).toBe('WAFER_ERR_STORAGE_INVALID_ARGUMENT');
    expect(code(() => checkRange({ from: new Date(0) as unknown as number, to: 5 }, 'x'))).toBe(
      'WAFER_ERR_STORAGE_INVALID_ARGUMENT',
    );
    expect(code(() => checkBuckets({ from: 0, to: 10_000 }, 999, 'x'))).toBe(
      'WAFER_ERR_STORAGE_INVALID_ARGUMENT',
    );
    expect(code(() => checkBuckets({ from: 0, to: (MAX_BUCKETS + 1) * 1000 }, 1000, 'x'))).toBe(
      'WAFER_ERR_STORAGE_INVALID_ARGUMENT',
    );
    expect(code(() => checkBuckets({ from: 0, to: MAX_BUCKETS * 1000 }, 1000, 'x'))).toBeUndefined();
  });
});
