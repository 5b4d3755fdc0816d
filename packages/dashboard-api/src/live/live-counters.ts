import type { IngestRecord } from '@wafer/storage';

const SLOTS = 1_024; // seconds kept: enough for the 16 minutes the spike rule compares against

/** What is counted per second (and summed over a window). */
interface Counts {
  requests: number;
  blocked: number;
  attacks: number;
  threats: number;
  failures: number;
  latencyCount: number;
  latencySumMs: number;
}

interface Slot extends Counts {
  second: number;
}

const COUNTS = [
  'requests',
  'blocked',
  'attacks',
  'threats',
  'failures',
  'latencyCount',
  'latencySumMs',
] as const;

function zero(): Counts {
  return { requests: 0, blocked: 0, attacks: 0, threats: 0, failures: 0, latencyCount: 0, latencySumMs: 0 };
}

/** Totals over a window of seconds. */
export interface WindowTotals {
  requests: number;
  blocked: number;
  attacks: number;
  threats: number;
  failures: number;
  /** Mean latency in ms, `null` without latency data. */
  latencyMs: number | null;
}

/** A window as the metrics report it (realtime endpoint, snapshots): rates rounded for display. */
export interface WindowSummary {
  readonly requests: number;
  readonly blocked: number;
  /** Percent of requests that were attacks, 2 decimals. */
  readonly attackRate: number;
  /** Mean latency in ms, 3 decimals; `null` without latency data. */
  readonly responseTimeMs: number | null;
  readonly threatsPerMinute: number;
}

/**
 * Per-second counters of what was ingested in the last ~17 minutes, by event time, in a fixed ring (no
 * allocation per event). They feed the realtime metrics and the alert rules without a database query; they
 * start empty after a restart and, with several API replicas, each counts what it ingested itself.
 */
export function createLiveCounters(now: () => number) {
  const ring: Slot[] = Array.from({ length: SLOTS }, () => ({ second: -1, ...zero() }));

  function slot(second: number): Slot {
    const s = ring[second % SLOTS]!;
    if (s.second !== second) Object.assign(s, zero(), { second });
    return s;
  }

  /** Totals of the seconds in `[now - fromAgoS, now - toAgoS)`. */
  function window(fromAgoS: number, toAgoS = 0): WindowTotals {
    const current = Math.floor(now() / 1000);
    const totals = zero();
    for (let second = current - fromAgoS + 1; second <= current - toAgoS; second++) {
      const s = ring[((second % SLOTS) + SLOTS) % SLOTS]!;
      if (s.second !== second) continue;
      for (const key of COUNTS) totals[key] += s[key];
    }
    const { latencyCount, latencySumMs, ...rest } = totals;
    return { ...rest, latencyMs: latencyCount > 0 ? latencySumMs / latencyCount : null };
  }

  return {
    /** Counts committed records; `failed` says whether an event reported an inspection failure. */
    add(records: readonly IngestRecord[], failed: (record: IngestRecord) => boolean = () => false): void {
      const oldest = Math.floor(now() / 1000) - SLOTS + 1;
      for (const record of records) {
        const t = record.traffic;
        const second = Math.floor(t.time / 1000);
        if (second < oldest) continue;
        const s = slot(second);
        s.requests++;
        if (t.action === 'block') s.blocked++;
        if ((t.attackClasses?.length ?? 0) > 0) s.attacks++;
        s.threats += record.threats?.length ?? 0;
        if (failed(record)) s.failures++;
        if (typeof t.latencyMs === 'number') {
          s.latencyCount++;
          s.latencySumMs += t.latencyMs;
        }
      }
    },
    window,
    /** The last `seconds` as metrics: what `/api/metrics/realtime` and the stored snapshots report. */
    summary(seconds: number): WindowSummary {
      const w = window(seconds);
      return {
        requests: w.requests,
        blocked: w.blocked,
        attackRate: w.requests > 0 ? Math.round((w.attacks / w.requests) * 10_000) / 100 : 0,
        responseTimeMs: w.latencyMs === null ? null : Math.round(w.latencyMs * 1000) / 1000,
        threatsPerMinute: Math.round((w.threats / seconds) * 60 * 100) / 100,
      };
    },
  };
}

export type LiveCounters = ReturnType<typeof createLiveCounters>;
