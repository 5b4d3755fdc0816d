import { Type } from '@sinclair/typebox';
import { threatItem } from '../format/shapes.js';
import { route, type RouteSpec } from '../http/route.js';
import { LimitQuery, RangeLimitQuery, RangeQuery, Threat } from '../http/schemas.js';
import type { RouteDeps } from './deps.js';

export const ThreatStats = Type.Object({
  total: Type.Integer(),
  blocked: Type.Integer(),
  byType: Type.Record(Type.String(), Type.Integer(), { description: 'Threats per attack class.' }),
});

export function threatRoutes(deps: RouteDeps): RouteSpec[] {
  const list = async (query: { from: number; to: number; limit: number; type?: string }) => {
    const page = await deps.storage.threats.list(query);
    const now = deps.now();
    return page.items.map((t) => threatItem(t, now));
  };
  return [
    route({
      method: 'get',
      path: '/api/threats/recent',
      tag: 'threats',
      summary: 'The newest threats (attack findings and floods).',
      scope: 'read',
      query: LimitQuery,
      response: Type.Array(Threat),
      handler: ({ query }) => list({ from: 0, to: deps.now() + 1, limit: query.limit }),
    }),
    route({
      method: 'get',
      path: '/api/threats',
      tag: 'threats',
      summary: 'Threats within the range, newest first.',
      scope: 'read',
      query: RangeLimitQuery,
      response: Type.Array(Threat),
      handler: ({ query }) => list({ ...deps.range(query.range), limit: query.limit }),
    }),
    route({
      method: 'get',
      path: '/api/threats/type/:type',
      tag: 'threats',
      summary: 'Threats of one attack class within the range.',
      scope: 'read',
      params: Type.Object({
        type: Type.String({
          pattern: '^[a-z0-9_]{1,64}$',
          description: 'sqli, xss, path_traversal, …, ddos',
        }),
      }),
      query: RangeLimitQuery,
      response: Type.Array(Threat),
      handler: ({ params, query }) =>
        list({ ...deps.range(query.range), limit: query.limit, type: params.type }),
    }),
    route({
      method: 'get',
      path: '/api/threats/stats',
      tag: 'threats',
      summary: 'Threat counts by attack class within the range.',
      scope: 'read',
      query: RangeQuery,
      response: ThreatStats,
      handler: async ({ query }) => {
        const { from, to } = deps.range(query.range);
        const top = await deps.storage.threats.topClasses({ from, to, limit: 1_000 });
        return {
          total: top.reduce((n, t) => n + t.count, 0),
          blocked: top.reduce((n, t) => n + t.blocked, 0),
          byType: Object.fromEntries(top.map((t) => [t.type, t.count])),
        };
      },
    }),
  ];
}
