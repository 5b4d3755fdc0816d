import type { WriteQueueStats } from '../ingest/write-queue.js';
import type { LiveStats } from '../live/live-hub.js';
import type { IntervalWorker } from '../workers/interval-worker.js';
import { prometheusText, type MetricFamily } from './prometheus.js';

/** What `GET /metrics` reports. */
export interface DashboardMetricsInput {
  /** `METHOD routePattern status` → count. */
  readonly routeCounts: ReadonlyMap<string, number>;
  readonly ingest: WriteQueueStats;
  readonly live: LiveStats;
  readonly alertsRaised: number;
  readonly workers: Readonly<Record<string, IntervalWorker>>;
  readonly uptimeS: number;
}

const one = (name: string, help: string, type: MetricFamily['type'], value: number): MetricFamily => ({
  name,
  help,
  type,
  samples: [{ value }],
});

/** The dashboard's counters and gauges in Prometheus text format. */
export function dashboardMetrics(input: DashboardMetricsInput): string {
  const { ingest: q, live } = input;
  const memory = process.memoryUsage();
  return prometheusText([
    {
      name: 'wafer_dashboard_http_requests_total',
      help: 'HTTP requests by method, route and status.',
      type: 'counter',
      samples: [...input.routeCounts].map(([key, value]) => {
        const [method = '', route = '', status = ''] = key.split(' ');
        return { labels: { method, route, status }, value };
      }),
    },
    {
      name: 'wafer_dashboard_ingest_events_total',
      help: 'Ingested events by outcome.',
      type: 'counter',
      samples: [
        { labels: { outcome: 'written' }, value: q.writtenEvents },
        { labels: { outcome: 'duplicate' }, value: q.duplicateEvents },
      ],
    },
    one(
      'wafer_dashboard_ingest_rejected_full_total',
      'Ingest submissions refused with 429 (queue full).',
      'counter',
      q.rejectedFull,
    ),
    one('wafer_dashboard_ingest_write_errors_total', 'Failed ingest transactions.', 'counter', q.writeErrors),
    one(
      'wafer_dashboard_ingest_transactions_total',
      'Ingest transactions committed.',
      'counter',
      q.transactions,
    ),
    one('wafer_dashboard_ingest_queued_events', 'Events waiting to be written.', 'gauge', q.queuedEvents),
    one('wafer_dashboard_ws_clients', 'Connected WebSocket clients.', 'gauge', live.clients),
    one('wafer_dashboard_ws_messages_sent_total', 'WebSocket messages written.', 'counter', live.sent),
    {
      name: 'wafer_dashboard_ws_dropped_clients_total',
      help: 'WebSocket clients dropped.',
      type: 'counter',
      samples: [
        { labels: { reason: 'slow' }, value: live.droppedSlow },
        { labels: { reason: 'dead' }, value: live.droppedDead },
      ],
    },
    one('wafer_dashboard_alerts_raised_total', 'Alert occurrences raised.', 'counter', input.alertsRaised),
    {
      name: 'wafer_dashboard_worker_failures_total',
      help: 'Failed background worker runs.',
      type: 'counter',
      samples: Object.entries(input.workers).map(([worker, w]) => ({
        labels: { worker },
        value: w.stats.failures,
      })),
    },
    one('process_resident_memory_bytes', 'Resident memory.', 'gauge', memory.rss),
    one('process_heap_used_bytes', 'V8 heap used.', 'gauge', memory.heapUsed),
    one('process_uptime_seconds', 'Seconds since start.', 'gauge', input.uptimeS),
  ]);
}
