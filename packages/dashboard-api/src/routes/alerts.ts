import { Type } from '@sinclair/typebox';
import type { AlertRecord } from '@wafer/storage';
import { alertItem } from '../format/shapes.js';
import { HttpError } from '../http/envelope.js';
import { route, type RouteSpec } from '../http/route.js';
import { Alert, IdParams, RangeLimitQuery } from '../http/schemas.js';
import type { RouteDeps } from './deps.js';

export function alertRoutes(deps: RouteDeps): RouteSpec[] {
  const { storage } = deps;
  const change = (action: 'dismiss' | 'acknowledge') =>
    route({
      method: 'post',
      path: `/api/alerts/:id/${action}`,
      tag: 'alerts',
      summary:
        action === 'dismiss'
          ? 'Dismiss an alert (a new occurrence of its campaign opens a new alert).'
          : 'Acknowledge an active alert (it stays open and keeps counting).',
      scope: 'admin',
      params: IdParams,
      response: Alert,
      errors: [404, 409],
      handler: async ({ params }) => {
        const existing = await storage.alerts.get(params.id);
        if (!existing) throw new HttpError(404, `No alert ${params.id}.`);
        if (action === 'acknowledge' && existing.status !== 'active')
          throw new HttpError(
            409,
            `Alert ${params.id} is ${existing.status}; only active alerts can be acknowledged.`,
          );
        const updated =
          action === 'dismiss'
            ? await storage.alerts.dismiss(params.id, deps.now())
            : await storage.alerts.acknowledge(params.id, deps.now());
        const item = alertItem(updated ?? existing, deps.now());
        deps.hub.publish('alert', item);
        return item;
      },
    });
  return [
    route({
      method: 'get',
      path: '/api/alerts/active',
      tag: 'alerts',
      summary: 'Open alerts (active and acknowledged), most recently seen first.',
      scope: 'read',
      response: Type.Array(Alert),
      handler: async () => {
        const [active, acknowledged] = await Promise.all([
          storage.alerts.list({ status: 'active', limit: 500 }),
          storage.alerts.list({ status: 'acknowledged', limit: 500 }),
        ]);
        const now = deps.now();
        return [...active.items, ...acknowledged.items]
          .sort((a: AlertRecord, b: AlertRecord) => b.lastSeen - a.lastSeen || b.id - a.id)
          .map((a) => alertItem(a, now));
      },
    }),
    route({
      method: 'get',
      path: '/api/alerts/history',
      tag: 'alerts',
      summary: 'Alerts seen within the range, any status, most recent first.',
      scope: 'read',
      query: RangeLimitQuery,
      response: Type.Array(Alert),
      handler: async ({ query }) => {
        const { from, to } = deps.range(query.range);
        const page = await storage.alerts.list({ from, to, limit: query.limit });
        const now = deps.now();
        return page.items.map((a) => alertItem(a, now));
      },
    }),
    change('dismiss'),
    change('acknowledge'),
  ];
}
