import { Type } from '@sinclair/typebox';
import { route, type RouteSpec } from '../http/route.js';
import type { RouteDeps } from './deps.js';

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('stopping')]),
  live: Type.Boolean(),
  ready: Type.Boolean(),
  uptime: Type.Number(),
  storage: Type.Object({
    ok: Type.Boolean(),
    dialect: Type.String(),
    latencyMs: Type.Union([Type.Number(), Type.Null()]),
    error: Type.Optional(Type.String()),
  }),
  model: Type.Object({
    loaded: Type.Boolean(),
    name: Type.Union([Type.String(), Type.Null()]),
    version: Type.Union([Type.String(), Type.Null()]),
    sha256: Type.Union([Type.String(), Type.Null()]),
    verified: Type.Boolean(),
  }),
  ingest: Type.Object({ queuedEvents: Type.Integer(), writeErrors: Type.Integer() }),
});

/** `GET /health`: liveness (the process answers) and readiness (storage answers a query, not shutting down). */
export function healthRoutes(deps: RouteDeps): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/health',
      tag: 'system',
      summary: 'Liveness and readiness, with storage and model status. 503 when not ready.',
      scope: 'public',
      response: Health,
      errors: [503],
      handler: async ({ c }) => {
        const started = performance.now();
        let storage: { ok: boolean; dialect: string; latencyMs: number | null; error?: string };
        try {
          await deps.storage.metrics.latest();
          storage = {
            ok: true,
            dialect: deps.storage.dialect,
            latencyMs: Math.round((performance.now() - started) * 100) / 100,
          };
        } catch (error) {
          storage = {
            ok: false,
            dialect: deps.storage.dialect,
            latencyMs: null,
            error: error instanceof Error ? error.message : String(error),
          };
        }
        const waf = deps.waf;
        const accepting = deps.ready();
        const ready = accepting && storage.ok;
        const data = {
          status: !accepting ? ('stopping' as const) : ready ? ('ok' as const) : ('degraded' as const),
          live: true,
          ready,
          uptime: Math.round((deps.now() - deps.startedAt) / 1000),
          storage,
          model: {
            loaded: waf !== null,
            name: waf?.model.name ?? null,
            version: waf?.model.version ?? null,
            sha256: waf?.model.sha256 ?? null,
            // createWaf() refuses a model whose checksum does not match its manifest.
            verified: waf !== null,
          },
          ingest: { queuedEvents: deps.queue.stats.queuedEvents, writeErrors: deps.queue.stats.writeErrors },
        };
        return c.json(
          {
            success: ready,
            data,
            ...(ready ? {} : { message: storage.ok ? 'Shutting down.' : 'Storage is not answering.' }),
            timestamp: new Date(deps.now()).toISOString(),
          },
          ready ? 200 : 503,
        );
      },
    }),
  ];
}
