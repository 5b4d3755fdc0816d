import type { WafEvent } from './event.js';

/**
 * Receives decisions off the request path, in batches, from the middleware's queue. `report` is called from
 * a `setImmediate` callback, never while a request waits; it must return quickly (queue, then send in the
 * background) and must not throw — if it does, the error is counted and the batch is not retried.
 *
 * @example
 * ```ts
 * const logReporter: Reporter = {
 *   name: 'log',
 *   report: (events) => { for (const e of events) if (e.action === 'block') console.warn(e.requestId, e.reason) },
 * };
 * app.use(waf({ reporters: [logReporter] }));
 * ```
 */
export interface Reporter {
  /** Key of this reporter's counters in `middleware.stats().reporters`. */
  readonly name: string;
  report(events: readonly WafEvent[]): void;
  /** Counters for `middleware.stats()`. */
  stats?(): Readonly<Record<string, number>>;
  /** Delivers what it holds within `timeoutMs`, then stops. Called by `middleware.close()`. */
  close?(timeoutMs: number): Promise<void>;
}
