import type { Waf } from '@wafer/core';
import type { Storage } from '@wafer/storage';
import type { ResolvedRange, RangeName } from '../format/range.js';
import type { WriteQueue } from '../ingest/write-queue.js';
import type { LiveCounters } from '../live/live-counters.js';
import type { LiveHub } from '../live/live-hub.js';
import type { ResolvedDashboardOptions } from '../options.js';
import type { SecurityCheckDefinition } from '../security/security-checks.js';

/** What route handlers work with, built once by `createDashboardApi`. */
export interface RouteDeps {
  readonly storage: Storage;
  readonly waf: Waf | null;
  readonly options: ResolvedDashboardOptions;
  readonly queue: WriteQueue;
  readonly counters: LiveCounters;
  readonly hub: LiveHub;
  readonly checks: readonly SecurityCheckDefinition[];
  readonly now: () => number;
  readonly startedAt: number;
  readonly range: (name: RangeName) => ResolvedRange;
  readonly activeConnections: () => number;
  /** Runs one security check now and stores its result. */
  readonly runCheck: (check: SecurityCheckDefinition) => Promise<unknown>;
  /** `false` once `close()` began: ingest answers 503, `/health` reports `stopping`. */
  readonly ready: () => boolean;
}
