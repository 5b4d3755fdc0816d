import { Type } from '@sinclair/typebox';
import { HttpError } from '../http/envelope.js';
import { route, type RouteSpec } from '../http/route.js';
import { ChartPoint, Nullable, RangeQuery } from '../http/schemas.js';
import type { RouteDeps } from './deps.js';
import { metricBuckets } from './metric-buckets.js';

const TREND_METRICS = [
  'requests',
  'blocked',
  'allowed',
  'threats',
  'attackRate',
  'latency',
  'cpu',
  'memory',
] as const;
type TrendMetric = (typeof TREND_METRICS)[number];

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : 0);
const iso = (t: number) => new Date(t).toISOString();

const Totals = Type.Object({
  requests: Type.Integer(),
  blocked: Type.Integer(),
  monitored: Type.Integer({
    description: 'Attacks seen and let through (monitor mode, dry run, access logs).',
  }),
  allowed: Type.Integer(),
  threats: Type.Integer(),
  blockRate: Type.Number({ description: 'Percent of requests blocked.' }),
  attackRate: Type.Number({ description: 'Percent of requests blocked or monitored as attacks.' }),
});

export function analyticsRoutes(deps: RouteDeps): RouteSpec[] {
  const { storage } = deps;
  async function totals(range: { from: number; to: number; bucketMs: number }) {
    const [buckets, classes] = await Promise.all([
      storage.traffic.requestsPerBucket(range),
      storage.threats.topClasses({ from: range.from, to: range.to, limit: 1_000 }),
    ]);
    const sum = (k: 'requests' | 'blocked' | 'monitored' | 'allowed') =>
      buckets.reduce((n, b) => n + b[k], 0);
    const requests = sum('requests');
    const blocked = sum('blocked');
    const monitored = sum('monitored');
    return {
      totals: {
        requests,
        blocked,
        monitored,
        allowed: sum('allowed'),
        threats: classes.reduce((n, c) => n + c.count, 0),
        blockRate: pct(blocked, requests),
        attackRate: pct(blocked + monitored, requests),
      },
      classes,
      buckets,
    };
  }

  return [
    route({
      method: 'get',
      path: '/api/analytics/overview',
      tag: 'analytics',
      summary: 'Totals and rates over the range, the top attack class, open alerts and reporting instances.',
      scope: 'read',
      query: RangeQuery,
      response: Type.Composite([
        Totals,
        Type.Object({
          topAttackClass: Nullable(Type.String()),
          openAlerts: Type.Integer(),
          instances: Type.Integer({ description: 'Instances that reported within the range.' }),
          range: Type.String(),
        }),
      ]),
      handler: async ({ query }) => {
        const range = deps.range(query.range);
        const [{ totals: t, classes }, alerts, instances] = await Promise.all([
          totals(range),
          storage.alerts.countByStatus(),
          storage.ingest.instances(),
        ]);
        return {
          ...t,
          topAttackClass: classes[0]?.type ?? null,
          openAlerts: alerts.active + alerts.acknowledged,
          instances: instances.filter((i) => i.lastSeen >= range.from).length,
          range: range.name,
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/analytics/trends/:metric',
      tag: 'analytics',
      summary: `One metric per bucket over the range: ${TREND_METRICS.join(', ')}.`,
      scope: 'read',
      params: Type.Object({ metric: Type.String({ maxLength: 32, description: TREND_METRICS.join(' | ') }) }),
      query: RangeQuery,
      response: Type.Array(ChartPoint),
      errors: [404],
      handler: async ({ params, query }) => {
        const metric = params.metric as TrendMetric;
        if (!TREND_METRICS.includes(metric))
          throw new HttpError(
            404,
            `Unknown metric \`${params.metric}\`; use one of ${TREND_METRICS.join(', ')}.`,
          );
        const range = deps.range(query.range);
        if (metric === 'latency')
          return (await storage.traffic.latencyPercentiles(range)).map((b) => ({
            time: iso(b.start),
            value: b.p50,
          }));
        if (metric === 'cpu' || metric === 'memory')
          return (await metricBuckets(storage, range)).map((b) => ({ time: iso(b.start), value: b[metric] }));
        if (metric === 'threats')
          return (await storage.threats.byClassPerBucket(range)).map((b) => ({
            time: iso(b.start),
            value: b.total,
          }));
        return (await storage.traffic.requestsPerBucket(range)).map((b) => ({
          time: iso(b.start),
          value:
            metric === 'attackRate'
              ? pct(b.blocked + b.monitored, b.requests)
              : metric === 'allowed'
                ? b.allowed + b.monitored
                : b[metric],
        }));
      },
    }),
    route({
      method: 'get',
      path: '/api/analytics/summary',
      tag: 'analytics',
      summary:
        'Totals, rates, top attack classes, top attacking IPs, busiest IPs and endpoints over the range.',
      scope: 'read',
      query: RangeQuery,
      response: Type.Object({
        range: Type.String(),
        totals: Totals,
        topAttackClasses: Type.Array(
          Type.Object({ type: Type.String(), count: Type.Integer(), blocked: Type.Integer() }),
        ),
        topAttackers: Type.Array(
          Type.Object({ ip: Type.String(), count: Type.Integer(), blocked: Type.Integer() }),
        ),
        topIps: Type.Array(
          Type.Object({ ip: Type.String(), requests: Type.Integer(), blocked: Type.Integer() }),
        ),
        topEndpoints: Type.Array(
          Type.Object({
            method: Type.String(),
            path: Type.String(),
            requests: Type.Integer(),
            blocked: Type.Integer(),
          }),
        ),
      }),
      handler: async ({ query }) => {
        const range = deps.range(query.range);
        const top = { from: range.from, to: range.to, limit: 10 };
        const [{ totals: t, classes }, attackers, ips, endpoints] = await Promise.all([
          totals(range),
          storage.threats.topSources(top),
          storage.traffic.topIps(top),
          storage.traffic.topEndpoints(top),
        ]);
        return {
          range: range.name,
          totals: t,
          topAttackClasses: classes.slice(0, 10),
          topAttackers: attackers,
          topIps: ips,
          topEndpoints: endpoints,
        };
      },
    }),
  ];
}
