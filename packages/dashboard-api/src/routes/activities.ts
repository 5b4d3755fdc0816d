import { Type } from '@sinclair/typebox';
import type { ActivityRecord, Page } from '@wafer/storage';
import { activityItem } from '../format/shapes.js';
import { route, type RouteSpec } from '../http/route.js';
import { Activity, LimitQuery, RangeLimitQuery } from '../http/schemas.js';
import type { RouteDeps } from './deps.js';

const ALL_TIME = 0;

export function activityRoutes(deps: RouteDeps): RouteSpec[] {
  const shape = (page: Page<ActivityRecord>) => {
    const now = deps.now();
    return page.items.filter((a) => a.kind !== 'system').map((a) => activityItem(a, now));
  };
  return [
    route({
      method: 'get',
      path: '/api/activities/recent',
      tag: 'activities',
      summary: 'The newest activities (blocked and allowed notable requests).',
      scope: 'read',
      query: LimitQuery,
      response: Type.Array(Activity),
      handler: async ({ query }) =>
        shape(await deps.storage.activities.list({ from: ALL_TIME, to: deps.now() + 1, limit: query.limit })),
    }),
    route({
      method: 'get',
      path: '/api/activities',
      tag: 'activities',
      summary: 'Activities within the range, newest first.',
      scope: 'read',
      query: RangeLimitQuery,
      response: Type.Array(Activity),
      handler: async ({ query }) =>
        shape(await deps.storage.activities.list({ ...deps.range(query.range), limit: query.limit })),
    }),
  ];
}
