import type { IngestRecord } from '@wafer/storage';

const SLOTS = 1_024; // seconds kept: enough for the 16 minutes the spike rule compares against

interface Slot {
  second: number;
  requests: number;
  blocked: number;
  attacks: number;
  threats: number;
  failures: number;
  latencyCount: number;
  latencySumMs: number;
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

/**
 * Per-second counters of what was ingested in the last ~17 minutes, by event time, in a fixed ring (no
 * allocation per event). They feed the realtime metrics and the alert rules without a database query; they
 * start empty after a restart and, with several API replicas, each counts what it ingested itself.
 */
export function createLiveCounters(now: () => number) {
  const ring: Slot[] = Array.from({ length: SLOTS }, () => ({
    second: -1,
    requests: 0,
    blocked: 0,
    attacks: 0,
    threats: 0,
    failures: 0,
    latencyCount: 0,
    latencySumMs: 0,
  }));

  function slot(second: number): Slot {
    const s = ring[second % SLOTS]!;
    if (s.second !== second) {
      s.second = second;
      s.requests = s.blocked = s.attacks = s.threats = s.failures = s.latencyCount = s.latencySumMs = 0;
    }
    return s;
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
    /** Totals of the seconds in `[now - fromAgoS, now - toAgoS)`. */
    window(fromAgoS: number, toAgoS = 0): WindowTotals {
      const current = Math.floor(now() / 1000);
      const totals = {
        requests: 0,
        blocked: 0,
        attacks: 0,
        threats: 0,
        failures: 0,
        latencyCount: 0,
        latencySumMs: 0,
      };
      for (let second = current - fromAgoS + 1; second <= current - toAgoS; second++) {
        const s = ring[((second % SLOTS) + SLOTS) % SLOTS]!;
        if (s.second !== second) continue;
        totals.requests += s.requests;
        totals.blocked += s.blocked;
        totals.attacks += s.attacks;
        totals.threats += s.threats;
        totals.failures += s.failures;
        totals.latencyCount += s.latencyCount;
        totals.latencySumMs += s.latencySumMs;
      }
      const { latencyCount, latencySumMs, ...rest } = totals;
      return { ...rest, latencyMs: latencyCount > 0 ? latencySumMs / latencyCount : null };
    },
  };
}

export type LiveCounters = ReturnType<typeof createLiveCounters>;
