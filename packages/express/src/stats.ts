import type { WafStats } from '@wafer/core';
import type { EventQueueStats } from './report/event-queue.js';
import type { FailureKind, VerdictReason } from './verdict.js';

/**
 * Counters since the middleware was created: `middleware.stats()`.
 *
 * @example
 * ```ts
 * app.get('/metrics/waf', (_req, res) => res.json(middleware.stats()));
 * ```
 */
export interface WafMiddlewareStats {
  /** Requests that reached the middleware. */
  readonly requests: number;
  /** Requests the engine decided about. */
  readonly inspected: number;
  /** Requests on `skip` routes. */
  readonly skipped: number;
  /** Requests from `ip.allow` addresses (not inspected). */
  readonly allowListed: number;
  readonly allowed: number;
  /** Let through although something was found (monitor mode, dry run). */
  readonly monitored: number;
  /** Stopped with 403 or 429. */
  readonly blocked: number;
  /** Verdicts by reason, stopped or not. */
  readonly reasons: Readonly<Record<VerdictReason, number>>;
  /** Incomplete inspections by kind (each followed the `onError` policy). */
  readonly failures: Readonly<Record<FailureKind, number>>;
  /** Store calls that failed or timed out (the check was skipped). */
  readonly storeErrors: number;
  /** Clients banned by this instance. */
  readonly bans: number;
  /** `onBlock` handlers that threw or sent nothing (the default response was sent instead). */
  readonly onBlockErrors: number;
  /** Requests passed through after `close()`. */
  readonly afterClose: number;
  readonly reporting: EventQueueStats;
  /** Each reporter's own counters (`dashboard`: sent, dropped, failed, …). */
  readonly reporters: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The engine's counters (`@wafer/core`'s `WafStats`); `undefined` until it is loaded. */
  readonly engine: WafStats | undefined;
}

/** The mutable counters behind {@link WafMiddlewareStats}. */
export function createCounters() {
  return {
    requests: 0,
    inspected: 0,
    skipped: 0,
    allowListed: 0,
    allowed: 0,
    monitored: 0,
    blocked: 0,
    reasons: { attack: 0, 'ip-deny': 0, banned: 0, 'rate-limit': 0, error: 0 } as Record<
      VerdictReason,
      number
    >,
    failures: {
      model_error: 0,
      budget_exceeded: 0,
      limit_exceeded: 0,
      engine_unavailable: 0,
      internal_error: 0,
    } as Record<FailureKind, number>,
    storeErrors: 0,
    bans: 0,
    onBlockErrors: 0,
    afterClose: 0,
  };
}

export type Counters = ReturnType<typeof createCounters>;
