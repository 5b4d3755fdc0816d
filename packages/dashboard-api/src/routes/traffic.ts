import { Type } from '@sinclair/typebox';
import { trafficItem } from '../format/shapes.js';
import { route, type RouteSpec } from '../http/route.js';
import { LimitQuery, RangeLimitQuery, Traffic } from '../http/schemas.js';
import type { RouteDeps } from './deps.js';

export function trafficRoutes(deps: RouteDeps): RouteSpec[] {
  const list = async (query: { from: number; to: number; limit: number; path?: string }) => {
    const page = await deps.storage.traffic.list(query);
    const now = deps.now();
    return page.items.map((t) => trafficItem(t, now));
  };
  return [
    route({
      method: 'get',
      path: '/api/traffic/recent',
      tag: 'traffic',
      summary: 'The newest requests.',
      scope: 'read',
      query: LimitQuery,
      response: Type.Array(Traffic),
      handler: ({ query }) => list({ from: 0, to: deps.now() + 1, limit: query.limit }),
    }),
    route({
      method: 'get',
      path: '/api/traffic',
      tag: 'traffic',
      summary: 'Requests within the range, newest first.',
      scope: 'read',
      query: RangeLimitQuery,
      response: Type.Array(Traffic),
      handler: ({ query }) => list({ ...deps.range(query.range), limit: query.limit }),
    }),
    route({
      method: 'get',
      path: '/api/traffic/endpoint/:endpoint',
      tag: 'traffic',
      summary: 'Requests to one path within the range (URL-encode the path: /api/login → %2Fapi%2Flogin).',
      scope: 'read',
      params: Type.Object({
        endpoint: Type.String({
          minLength: 1,
          maxLength: 2048,
          description: 'The request path, URL-encoded.',
        }),
      }),
      query: RangeLimitQuery,
      response: Type.Array(Traffic),
      handler: ({ params, query }) => {
        // Hono decodes the parameter; a path given without its leading slash is accepted too.
        const path = params.endpoint.startsWith('/') ? params.endpoint : `/${params.endpoint}`;
        return list({ ...deps.range(query.range), limit: query.limit, path });
      },
    }),
  ];
}
