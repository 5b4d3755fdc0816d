import type { AccessLogError } from '../access-log/access-log-entry.js';
import type { Decision } from '../waf/decision.js';
import { Histogram } from './percentiles.js';
import type { ScanRecord } from './scan-record.js';
import { Tally } from './tally.js';

/** Failed lines quoted in the summary (the rest are counted by reason). */
const MAX_LISTED = 5;
/** IPs and paths listed. */
const TOP = 10;

/** What `wafer scan` reports at the end. */
export interface ScanSummary {
  /** Non-blank lines read. */
  readonly lines: number;
  /** Lines parsed and inspected. */
  readonly requests: number;
  readonly failed: {
    readonly count: number;
    readonly byReason: Record<string, number>;
    readonly first: readonly AccessLogError[];
  };
  readonly attacks: { readonly count: number; readonly byClass: Record<string, number> };
  /** Among flagged lines. */
  readonly topIps: [string, number][];
  /** Among flagged lines; paths without the query. */
  readonly topPaths: [string, number][];
  readonly latencyUs: { readonly p50: number | null; readonly p99: number | null };
  readonly decidedBy: Readonly<Record<Decision['decidedBy'], number>>;
}

/**
 * Accumulates what `wafer scan` saw, line by line, in bounded memory (except the distinct IPs and
 * paths of flagged lines).
 *
 * @example
 * ```ts
 * const stats = new ScanStats();
 * stats.addFailure(result.error);
 * stats.addInspected(decision, decision.attack ? scanRecordOf(entry, decision) : undefined);
 * stats.summary();
 * ```
 */
export class ScanStats {
  readonly #failedByReason = new Tally();
  readonly #failedFirst: AccessLogError[] = [];
  readonly #classes = new Tally();
  readonly #ips = new Tally();
  readonly #paths = new Tally();
  readonly #latency = new Histogram();
  readonly #decidedBy: Record<Decision['decidedBy'], number> = {
    'fast-path': 0,
    cache: 0,
    model: 0,
    failure: 0,
  };
  #requests = 0;
  #failed = 0;
  #attacks = 0;

  addFailure(error: AccessLogError): void {
    this.#failed++;
    this.#failedByReason.add(error.reason);
    if (this.#failedFirst.length < MAX_LISTED) this.#failedFirst.push(error);
  }

  /** An inspected line; `flagged` is its record when the decision is an attack. */
  addInspected(decision: Decision, flagged: ScanRecord | undefined): void {
    this.#requests++;
    this.#latency.add(decision.timings.totalUs);
    this.#decidedBy[decision.decidedBy]++;
    if (flagged === undefined) return;
    this.#attacks++;
    this.#classes.add(flagged.class ?? 'unknown');
    this.#ips.add(flagged.ip);
    this.#paths.add(flagged.path);
  }

  summary(): ScanSummary {
    const round = (value: number | undefined) => (value === undefined ? null : Math.round(value));
    return {
      lines: this.#requests + this.#failed,
      requests: this.#requests,
      failed: { count: this.#failed, byReason: this.#failedByReason.toJSON(), first: [...this.#failedFirst] },
      attacks: { count: this.#attacks, byClass: this.#classes.toJSON() },
      topIps: this.#ips.top(TOP),
      topPaths: this.#paths.top(TOP),
      latencyUs: { p50: round(this.#latency.percentile(50)), p99: round(this.#latency.percentile(99)) },
      decidedBy: { ...this.#decidedBy },
    };
  }
}
