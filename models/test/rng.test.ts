import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.js';

describe('Rng', () => {
  it('is deterministic for a seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(Array.from({ length: 50 }, () => a.uint32())).toEqual(
      Array.from({ length: 50 }, () => b.uint32()),
    );
  });

  it('differs between seeds (numeric and string seeds are distinct)', () => {
    expect(new Rng(1).uint32()).not.toBe(new Rng(2).uint32());
    expect(new Rng('1').next()).toBe(new Rng(1).next()); // same seed material
    expect(new Rng('a').next()).not.toBe(new Rng('b').next());
  });

  it('forks from the root seed, independently of how much the parent was used', () => {
    const fresh = new Rng(7).fork('benign');
    const used = new Rng(7);
    for (let i = 0; i < 100; i++) used.next();
    const late = used.fork('benign');
    expect(fresh.uint32()).toBe(late.uint32());
    expect(new Rng(7).fork('a').uint32()).not.toBe(new Rng(7).fork('b').uint32());
  });

  it('keeps int() within bounds and next() in [0, 1)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (seed, min, span) => {
          const r = new Rng(seed);
          for (let i = 0; i < 20; i++) {
            const v = r.int(min, min + span);
            expect(v).toBeGreaterThanOrEqual(min);
            expect(v).toBeLessThanOrEqual(min + span);
            const f = r.next();
            expect(f).toBeGreaterThanOrEqual(0);
            expect(f).toBeLessThan(1);
          }
        },
      ),
    );
  });

  it('shuffles into a permutation and samples distinct items', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer(), { maxLength: 50 }), (seed, items) => {
        const r = new Rng(seed);
        expect([...r.shuffle([...items])].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
        const unique = [...new Set(items)];
        const s = r.sample(unique, 5);
        expect(new Set(s).size).toBe(s.length);
      }),
    );
  });

  it('weighted() never returns a zero-weight entry and roughly follows weights', () => {
    const r = new Rng(3);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        r.weighted<'a' | 'b' | 'c'>([
          ['a', 1],
          ['b', 3],
          ['c', 0],
        ])
      ]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.5);
    expect(counts.b / counts.a).toBeLessThan(3.5);
  });

  it('rejects empty picks and inverted ranges', () => {
    const r = new Rng(1);
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => r.int(5, 1)).toThrow(RangeError);
  });
});
