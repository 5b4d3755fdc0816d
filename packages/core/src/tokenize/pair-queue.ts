/**
 * A binary max-heap of `(count, pair)` entries for the BPE trainer: highest count first, ties
 * broken by a caller-given order so training is deterministic.
 *
 * It holds stale entries on purpose (lazy invalidation): updating an entry in place would need an
 * index from pair to heap slot; instead the trainer pushes a fresh entry when a count grows and
 * checks an entry against the live count when it pops it.
 */
export class PairQueue {
  private readonly counts: number[] = [];
  private readonly pairs: number[] = [];
  private readonly before: (pairA: number, pairB: number) => number;

  /** Count of the entry {@link pop} returned last. */
  topCount = 0;
  /** Pair of the entry {@link pop} returned last. */
  topPair = -1;

  /**
   * @param before Tie-break between two pairs with equal counts: negative when `pairA` must come first.
   * @example
   * ```ts
   * const queue = new PairQueue((a, b) => a - b);
   * queue.push(5, 7); queue.push(9, 2);
   * queue.pop(); // true; queue.topCount === 9, queue.topPair === 2
   * ```
   */
  constructor(before: (pairA: number, pairB: number) => number) {
    this.before = before;
  }

  get size(): number {
    return this.counts.length;
  }

  /** Adds entries without ordering them; call {@link heapify} before the next {@link pop}. */
  pushUnordered(count: number, pair: number): void {
    this.counts.push(count);
    this.pairs.push(pair);
  }

  /** Restores heap order after {@link pushUnordered} calls, in linear time. */
  heapify(): void {
    for (let i = (this.counts.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  push(count: number, pair: number): void {
    this.counts.push(count);
    this.pairs.push(pair);
    this.siftUp(this.counts.length - 1);
  }

  /** Removes the best entry into {@link topCount}/{@link topPair}; false when empty. */
  pop(): boolean {
    const n = this.counts.length;
    if (n === 0) return false;
    this.topCount = this.counts[0]!;
    this.topPair = this.pairs[0]!;
    const lastCount = this.counts.pop()!;
    const lastPair = this.pairs.pop()!;
    if (n > 1) {
      this.counts[0] = lastCount;
      this.pairs[0] = lastPair;
      this.siftDown(0);
    }
    return true;
  }

  /** True when slot `i` must come before slot `j`. */
  private higher(i: number, j: number): boolean {
    const ci = this.counts[i]!;
    const cj = this.counts[j]!;
    return ci > cj || (ci === cj && this.before(this.pairs[i]!, this.pairs[j]!) < 0);
  }

  private swap(i: number, j: number): void {
    const c = this.counts[i]!;
    this.counts[i] = this.counts[j]!;
    this.counts[j] = c;
    const p = this.pairs[i]!;
    this.pairs[i] = this.pairs[j]!;
    this.pairs[j] = p;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.higher(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.counts.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) return;
      const right = left + 1;
      const best = right < n && this.higher(right, left) ? right : left;
      if (!this.higher(best, i)) return;
      this.swap(i, best);
      i = best;
    }
  }
}
