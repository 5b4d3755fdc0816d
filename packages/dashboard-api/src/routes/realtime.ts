import type { RouteDeps } from './deps.js';

/** `GET /api/metrics/realtime`: the last minute from the live counters, plus server uptime and connections. */
export function realtimeMetrics(
  deps: Pick<RouteDeps, 'counters' | 'now' | 'startedAt' | 'activeConnections'>,
) {
  const w = deps.counters.window(60);
  const now = deps.now();
  return {
    requests: w.requests,
    blocked: w.blocked,
    attackRate: w.requests > 0 ? Math.round((w.attacks / w.requests) * 10_000) / 100 : 0,
    responseTime: w.latencyMs === null ? null : Math.round(w.latencyMs * 1000) / 1000,
    threatsPerMinute: w.threats,
    uptime: Math.round((now - deps.startedAt) / 1000),
    activeConnections: deps.activeConnections(),
    timestamp: new Date(now).toISOString(),
  };
}
