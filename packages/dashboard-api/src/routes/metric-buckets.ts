import type { MetricRecord, Storage } from '@wafer/storage';
import type { ResolvedRange } from '../format/range.js';

/** Snapshots of one chart bucket, combined: counts summed, rates and CPU averaged, memory at its peak. */
export interface MetricBucket {
  readonly start: number;
  readonly snapshots: number;
  readonly requests: number;
  readonly blocked: number;
  readonly attackRate: number | null;
  readonly responseTime: number | null;
  readonly threatsPerMinute: number | null;
  readonly uptime: number | null;
  readonly activeConnections: number | null;
  readonly cpu: number | null;
  readonly memory: number | null;
}

const PAGE = 10_000;

/** Every snapshot in the range, oldest first, read in pages (30 days at one a minute is 43,200). */
async function snapshotsIn(storage: Storage, from: number, to: number): Promise<MetricRecord[]> {
  const all: MetricRecord[] = [];
  for (let start = from; start < to;) {
    const page = await storage.metrics.list({ from: start, to, limit: PAGE });
    all.push(...page);
    if (page.length < PAGE) break;
    start = page[page.length - 1]!.time + 1;
  }
  return all;
}

function mean(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0
    ? null
    : Math.round((present.reduce((a, b) => a + b, 0) / present.length) * 1000) / 1000;
}

/** One entry per bucket of the range (empty buckets included, with nulls), oldest first. */
export async function metricBuckets(storage: Storage, range: ResolvedRange): Promise<MetricBucket[]> {
  const snapshots = await snapshotsIn(storage, range.from, range.to);
  const groups = new Map<number, MetricRecord[]>();
  for (const s of snapshots) {
    const start = range.from + Math.floor((s.time - range.from) / range.bucketMs) * range.bucketMs;
    let group = groups.get(start);
    if (!group) groups.set(start, (group = []));
    group.push(s);
  }
  const buckets: MetricBucket[] = [];
  for (let start = range.from; start < range.to; start += range.bucketMs) {
    const group = groups.get(start) ?? [];
    const memory = group.map((s) => s.memoryBytes).filter((v): v is number => v !== null);
    buckets.push({
      start,
      snapshots: group.length,
      requests: group.reduce((n, s) => n + s.requests, 0),
      blocked: group.reduce((n, s) => n + s.blocked, 0),
      attackRate: mean(group.map((s) => s.attackRate)),
      responseTime: mean(group.map((s) => s.responseTimeMs)),
      threatsPerMinute: mean(group.map((s) => s.threatsPerMinute)),
      uptime: group.length > 0 ? group[group.length - 1]!.uptimeS : null,
      activeConnections: mean(group.map((s) => s.activeConnections)),
      cpu: mean(group.map((s) => s.cpuPercent)),
      memory: memory.length > 0 ? Math.max(...memory) : null,
    });
  }
  return buckets;
}
