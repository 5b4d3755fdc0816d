import type { MetricSnapshot } from '@wafer/storage';
import type { LiveCounters } from '../live/live-counters.js';

export interface ProcessSampler {
  /** CPU used since the previous sample, percent of one core. */
  cpuPercent(): number;
  memoryBytes(): number;
}

/** Process CPU between calls, from `process.cpuUsage()` (user + system), and RSS. */
export function processSampler(): ProcessSampler {
  let lastCpu = process.cpuUsage();
  let lastAt = performance.now();
  return {
    cpuPercent() {
      const cpu = process.cpuUsage(lastCpu);
      const at = performance.now();
      const percent = ((cpu.user + cpu.system) / 1000 / Math.max(at - lastAt, 1)) * 100;
      lastCpu = process.cpuUsage();
      lastAt = at;
      return Math.round(percent * 10) / 10;
    },
    memoryBytes: () => process.memoryUsage.rss(),
  };
}

export interface MetricsAggregatorDeps {
  readonly counters: LiveCounters;
  readonly sampler: ProcessSampler;
  readonly intervalMs: number;
  readonly startedAt: number;
  readonly now: () => number;
  readonly activeConnections: () => number;
}

/**
 * One metrics snapshot of the last interval: requests, blocked, attack rate, mean latency, threats per
 * minute (from the live counters), uptime, connections, process CPU and memory. Written to storage by the
 * aggregator worker and pushed over WebSocket.
 */
export function snapshot(deps: MetricsAggregatorDeps): MetricSnapshot {
  const now = deps.now();
  return {
    time: now,
    intervalMs: deps.intervalMs,
    ...deps.counters.summary(Math.max(1, Math.round(deps.intervalMs / 1000))),
    uptimeS: Math.round((now - deps.startedAt) / 1000),
    activeConnections: deps.activeConnections(),
    cpuPercent: deps.sampler.cpuPercent(),
    memoryBytes: deps.sampler.memoryBytes(),
  };
}
