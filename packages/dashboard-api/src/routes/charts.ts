import { Type } from '@sinclair/typebox';
import { ATTACK_CLASS_SEVERITY } from '@wafer/core';
import { route, type RouteSpec } from '../http/route.js';
import { Nullable, RangeQuery } from '../http/schemas.js';
import type { RouteDeps } from './deps.js';
import { metricBuckets } from './metric-buckets.js';

const iso = (t: number) => new Date(t).toISOString();

/** The engine's attack classes; without an engine, the classes core rates (every class of the shipped model). */
export function attackClasses(deps: Pick<RouteDeps, 'waf'>): string[] {
  return deps.waf ? deps.waf.model.labels.filter((l) => l !== 'benign') : Object.keys(ATTACK_CLASS_SEVERITY);
}

export function chartRoutes(deps: RouteDeps): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/charts/requests',
      tag: 'charts',
      summary: 'Requests, blocked and allowed per bucket (allowed includes monitored: let through).',
      scope: 'read',
      query: RangeQuery,
      response: Type.Array(
        Type.Object({
          time: Type.String(),
          requests: Type.Integer(),
          blocked: Type.Integer(),
          allowed: Type.Integer(),
          monitored: Type.Integer(),
        }),
      ),
      handler: async ({ query }) => {
        const buckets = await deps.storage.traffic.requestsPerBucket(deps.range(query.range));
        return buckets.map((b) => ({
          time: iso(b.start),
          requests: b.requests,
          blocked: b.blocked,
          allowed: b.allowed + b.monitored,
          monitored: b.monitored,
        }));
      },
    }),
    route({
      method: 'get',
      path: '/api/charts/threats',
      tag: 'charts',
      summary:
        'Threats per bucket, one key per attack class (zero-filled), `ddos` for rate-limited or banned clients, `other` for classes the model does not name, and `sql` (= sqli) for dashboards that expect it.',
      scope: 'read',
      query: RangeQuery,
      response: Type.Array(
        Type.Object({ time: Type.String(), total: Type.Integer() }, { additionalProperties: Type.Integer() }),
      ),
      handler: async ({ query }) => {
        const classes = attackClasses(deps);
        const known = new Set([...classes, 'ddos']);
        const buckets = await deps.storage.threats.byClassPerBucket(deps.range(query.range));
        return buckets.map((b) => {
          const point: Record<string, number | string> = { time: iso(b.start), total: b.total };
          for (const c of classes) point[c] = b.byClass[c] ?? 0;
          point.ddos = b.byClass.ddos ?? 0;
          point.other = Object.entries(b.byClass).reduce((n, [c, v]) => (known.has(c) ? n : n + v), 0);
          point.sql = b.byClass.sqli ?? 0;
          return point;
        });
      },
    }),
    route({
      method: 'get',
      path: '/api/charts/performance',
      tag: 'charts',
      summary:
        'Per bucket: median latency added by the WAF (ms, from ingested requests), this server’s CPU (%) and memory (bytes).',
      scope: 'read',
      query: RangeQuery,
      response: Type.Array(
        Type.Object({
          time: Type.String(),
          latency: Nullable(Type.Number()),
          p95: Nullable(Type.Number()),
          cpu: Nullable(Type.Number()),
          memory: Nullable(Type.Number()),
        }),
      ),
      handler: async ({ query }) => {
        const range = deps.range(query.range);
        const [latency, metrics] = await Promise.all([
          deps.storage.traffic.latencyPercentiles(range),
          metricBuckets(deps.storage, range),
        ]);
        const byStart = new Map(metrics.map((m) => [m.start, m]));
        return latency.map((l) => ({
          time: iso(l.start),
          latency: l.p50,
          p95: l.p95,
          cpu: byStart.get(l.start)?.cpu ?? null,
          memory: byStart.get(l.start)?.memory ?? null,
        }));
      },
    }),
  ];
}
