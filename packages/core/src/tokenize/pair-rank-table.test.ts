import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairRankTable } from './pair-rank-table.js';

describe('PairRankTable', () => {
  it('finds every pair added, with its first rank, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(300), fc.nat(300))),
        fc.tuple(fc.nat(300), fc.nat(300)),
        (pairs, probe) => {
          const table = new PairRankTable(pairs.length);
          const expected = new Map<string, number>();
          pairs.forEach(([left, right], rank) => {
            table.add(left, right, rank);
            const key = `${left},${right}`;
            if (!expected.has(key)) expected.set(key, rank);
          });
          for (const [left, right] of pairs)
            expect(table.get(left, right)).toBe(expected.get(`${left},${right}`));
          expect(table.get(...probe)).toBe(expected.get(`${probe[0]},${probe[1]}`) ?? -1);
        },
      ),
    );
  });

  it('handles an empty table', () => {
    expect(new PairRankTable(0).get(1, 2)).toBe(-1);
  });
});
