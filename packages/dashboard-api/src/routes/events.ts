import { WaferStorageError } from '@wafer/storage';
import { IngestReply, WireBatch } from '../ingest/batch-schema.js';
import { fromWireBatch } from '../ingest/from-wire.js';
import { HttpError } from '../http/envelope.js';
import { route, type RouteSpec } from '../http/route.js';
import type { RouteDeps } from './deps.js';

export function eventRoutes(deps: RouteDeps): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/events',
      tag: 'ingest',
      summary:
        'Ingests a batch of decisions from waf() reporters (wire format: @wafer/express README). 202 means stored; idempotent by instance and event id; 429 + Retry-After when the write queue is full; 413 when the batch is too large (split it).',
      scope: 'ingest',
      body: WireBatch,
      response: IngestReply,
      status: 202,
      errors: [413, 415, 503],
      handler: async ({ body }) => {
        if (!deps.ready())
          throw new HttpError(503, 'Shutting down; retry against another instance or later.', {
            'Retry-After': '5',
          });
        const limit = deps.options.limits.ingestEvents;
        if (body.events.length > limit)
          throw new HttpError(
            413,
            `A batch holds at most ${limit} events; got ${body.events.length}. Split it.`,
          );
        const { records, instance } = fromWireBatch(body, deps.now());
        const pending = deps.queue.submit(records, { instances: [instance] });
        if ('full' in pending)
          throw new HttpError(429, 'The write queue is full; retry after the delay in Retry-After.', {
            'Retry-After': String(pending.retryAfterS),
          });
        try {
          return await pending;
        } catch (error) {
          if (error instanceof WaferStorageError && error.code === 'WAFER_ERR_STORAGE_INVALID_ARGUMENT')
            throw new HttpError(400, error.message);
          throw new HttpError(503, 'The batch could not be stored (nothing of it was kept); retry.', {
            'Retry-After': '2',
          });
        }
      },
    }),
  ];
}
