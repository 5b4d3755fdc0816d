import { hash53 } from './hash.js';

/**
 * Seeded pseudo-random number generator (xoshiro128**, seeded through splitmix32).
 *
 * Everything in the corpus builder draws randomness from an `Rng` so that a build is a pure
 * function of `--seed`. `fork(label)` derives an independent stream from the ROOT seed and a
 * label, not from the current state: adding a draw in one generator never shifts the output
 * of another, which keeps corpus diffs small when one generator changes.
 *
 * @example
 * ```ts
 * const rng = new Rng(1);
 * const benign = rng.fork('benign/json');
 * benign.pick(['a', 'b']);
 * ```
 */
export class Rng {
  /** The seed material this stream was created from (kept so forks are order-independent). */
  readonly seedLabel: string;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number | string) {
    this.seedLabel = String(seed);
    let x = hash53(this.seedLabel) >>> 0;
    // splitmix32 expands one 32-bit seed into four well-mixed state words.
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // all-zero state is a fixed point
  }

  /** Next unsigned 32-bit integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform float in `[0, 1)`. */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in `[min, max]` (both inclusive). */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): max < min`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. Throws on an empty array (a generator bug, not bad input). */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty array');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One value, with probability proportional to its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of entries) total += Math.max(0, w);
    if (total <= 0) throw new RangeError('weighted() needs a positive total weight');
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= Math.max(0, w);
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** Fisher–Yates shuffle, in place; returns the same array for chaining. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** `n` distinct elements (or all of them when `n >= items.length`), in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle([...items]).slice(0, Math.max(0, n));
  }

  /** An independent stream derived from this stream's seed and `label` (order-independent). */
  fork(label: string): Rng {
    return new Rng(`${this.seedLabel}/${label}`);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
