/**
 * Counts occurrences of keys and lists the most frequent, ties broken by first appearance
 * (so the output does not change from run to run).
 *
 * @example
 * ```ts
 * const ips = new Tally();
 * ips.add('192.0.2.1');
 * ips.add('192.0.2.1');
 * ips.add('192.0.2.9');
 * ips.top(1); // [['192.0.2.1', 2]]
 * ```
 */
export class Tally {
  readonly #counts = new Map<string, number>();

  add(key: string, by = 1): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + by);
  }

  /** Distinct keys. */
  get size(): number {
    return this.#counts.size;
  }

  get(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  /** The `n` most frequent keys with their counts, most frequent first; all of them without `n`. */
  top(n = Number.POSITIVE_INFINITY): [string, number][] {
    // Array.prototype.sort is stable: equal counts keep insertion (first-seen) order.
    return [...this.#counts].sort((a, b) => b[1] - a[1]).slice(0, n);
  }

  /** As a plain object, most frequent first. */
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.top());
  }
}
