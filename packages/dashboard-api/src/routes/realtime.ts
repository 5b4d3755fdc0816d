import type { RouteDeps } from './deps.js';

/** `GET /api/metrics/realtime`: the last minute from the live counters, plus server uptime and connections. */
export function realtimeMetrics(
  deps: Pick<RouteDeps, 'counters' | 'now' | 'startedAt' | 'activeConnections'>,
) {
  const { responseTimeMs, ...minute } = deps.counters.summary(60);
  const now = deps.now();
  return {
    ...minute,
    responseTime: responseTimeMs,
    uptime: Math.round((now - deps.startedAt) / 1000),
    activeConnections: deps.activeConnections(),
    timestamp: new Date(now).toISOString(),
  };
}
