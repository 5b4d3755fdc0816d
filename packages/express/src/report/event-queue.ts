import type { WafEvent } from './event.js';
import type { Reporter } from './reporter.js';

/** Counters of the middleware's report queue. */
export interface EventQueueStats {
  /** Waiting to be handed to `onDecision` and reporters. */
  readonly queued: number;
  /** Handed over. */
  readonly delivered: number;
  /** Discarded because the queue was full. */
  readonly dropped: number;
  /** `onDecision` callbacks or reporters that threw. */
  readonly errors: number;
}

/** Events handed over per drain; the rest wait for the next turn so one drain never hogs the loop. */
const DRAIN_BATCH = 1000;

/**
 * A bounded in-memory queue between the request path and the consumers of decisions. `push` is O(1) and
 * never waits: when the queue is full the event is dropped and counted (back-pressure must never reach the
 * request). A `setImmediate` drain hands batches to `onDecision` callbacks (one call per event) and reporters
 * (one call per batch); what they throw is caught and counted.
 *
 * @example
 * ```ts
 * const queue = new EventQueue(10_000, [(e) => console.log(e.action)], []);
 * queue.push(event); // delivered on a later turn of the event loop
 * ```
 */
export class EventQueue {
  #items: WafEvent[] = [];
  #scheduled: ReturnType<typeof setImmediate> | undefined;
  #delivered = 0;
  #dropped = 0;
  #errors = 0;
  readonly #capacity: number;
  readonly #callbacks: readonly ((event: WafEvent) => void)[];
  readonly #reporters: readonly Reporter[];

  constructor(
    capacity: number,
    callbacks: readonly ((event: WafEvent) => void)[],
    reporters: readonly Reporter[],
  ) {
    this.#capacity = capacity;
    this.#callbacks = callbacks;
    this.#reporters = reporters;
  }

  get length(): number {
    return this.#items.length;
  }

  push(event: WafEvent): void {
    if (this.length >= this.#capacity) {
      this.#dropped++;
      return;
    }
    this.#items.push(event);
    this.#scheduled ??= setImmediate(() => this.#drain());
  }

  /** Hands over everything queued now, synchronously (used by `close()`). */
  flush(): void {
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    while (this.length > 0) this.#deliver();
  }

  stats(): EventQueueStats {
    return { queued: this.length, delivered: this.#delivered, dropped: this.#dropped, errors: this.#errors };
  }

  #drain(): void {
    this.#scheduled = undefined;
    this.#deliver();
    if (this.length > 0) this.#scheduled = setImmediate(() => this.#drain());
  }

  #deliver(): void {
    // splice copies at most `capacity` references per drain; it keeps nothing delivered reachable.
    const batch = this.#items.length <= DRAIN_BATCH ? this.#items : this.#items.splice(0, DRAIN_BATCH);
    if (batch === this.#items) this.#items = [];
    for (const callback of this.#callbacks) {
      for (const event of batch) {
        try {
          callback(event);
        } catch {
          this.#errors++;
        }
      }
    }
    for (const reporter of this.#reporters) {
      try {
        reporter.report(batch);
      } catch {
        this.#errors++;
      }
    }
    this.#delivered += batch.length;
  }
}
