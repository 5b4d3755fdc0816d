/**
 * An open-addressing hash table from a token pair `(left, right)` to its merge rank, in one
 * `Int32Array`. BPE looks up a pair rank for every adjacent pair of every new chunk: a plain
 * `Map` costs several times more per lookup than this probe over flat memory.
 */
export class PairRankTable {
  /** Slots of three ints: left id (-1 = empty), right id, rank. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * @param capacity Most pairs that will be added.
   * @example
   * ```ts
   * const table = new PairRankTable(2);
   * table.add(5, 7, 0);
   * table.get(5, 7); // 0
   * table.get(7, 5); // -1
   * ```
   */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2; // at most half full: probes stay short
    this.mask = size - 1;
    this.slots = new Int32Array(size * 3).fill(-1);
  }

  /** Adds a pair; a pair already present keeps its first (lowest) rank. */
  add(left: number, right: number, rank: number): void {
    for (let slot = this.hash(left, right); ; slot = (slot + 1) & this.mask) {
      const at = slot * 3;
      const l = this.slots[at]!;
      if (l === -1) {
        this.slots[at] = left;
        this.slots[at + 1] = right;
        this.slots[at + 2] = rank;
        return;
      }
      if (l === left && this.slots[at + 1] === right) return;
    }
  }

  /** Rank of the pair, or -1 when it has no merge. Ids must be non-negative. */
  get(left: number, right: number): number {
    for (let slot = this.hash(left, right); ; slot = (slot + 1) & this.mask) {
      const at = slot * 3;
      const l = this.slots[at]!;
      if (l === -1) return -1;
      if (l === left && this.slots[at + 1] === right) return this.slots[at + 2]!;
    }
  }

  private hash(left: number, right: number): number {
    return ((Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca6b)) >>> 7) & this.mask;
  }
}
