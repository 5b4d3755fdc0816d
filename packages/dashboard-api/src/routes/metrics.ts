import { Type } from '@sinclair/typebox';
import { route, type RouteSpec } from '../http/route.js';
import { HistoricalMetrics, RangeQuery, RealtimeMetrics } from '../http/schemas.js';
import type { RouteDeps } from './deps.js';
import { metricBuckets } from './metric-buckets.js';
import { realtimeMetrics } from './realtime.js';

export function metricsRoutes(deps: RouteDeps): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/metrics/realtime',
      tag: 'metrics',
      summary:
        'The last minute: requests, blocked, attack rate, latency, threats per minute, uptime, connections.',
      scope: 'read',
      response: RealtimeMetrics,
      handler: () => realtimeMetrics(deps),
    }),
    route({
      method: 'get',
      path: '/api/metrics/historical',
      tag: 'metrics',
      summary:
        'Metrics over a range, one entry per chart bucket (snapshots combined: counts summed, rates and CPU averaged, peak memory), oldest first.',
      scope: 'read',
      query: RangeQuery,
      response: Type.Array(HistoricalMetrics),
      handler: async ({ query }) => {
        const buckets = await metricBuckets(deps.storage, deps.range(query.range));
        return buckets.map((b) => ({
          requests: b.requests,
          blocked: b.blocked,
          attackRate: b.attackRate ?? 0,
          responseTime: b.responseTime,
          threatsPerMinute: b.threatsPerMinute ?? 0,
          uptime: b.uptime,
          activeConnections: b.activeConnections === null ? null : Math.round(b.activeConnections),
          cpu: b.cpu,
          memory: b.memory,
          timestamp: new Date(b.start).toISOString(),
        }));
      },
    }),
  ];
}
