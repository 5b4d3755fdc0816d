import { Type } from '@sinclair/typebox';
import { envelope } from '../http/envelope.js';
import { route, type RouteSpec } from '../http/route.js';
import { Nullable } from '../http/schemas.js';
import type { RouteDeps } from './deps.js';

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('stopping')]),
  live: Type.Boolean(),
  ready: Type.Boolean(),
  uptime: Type.Number(),
  storage: Type.Object({
    ok: Type.Boolean(),
    dialect: Type.String(),
    latencyMs: Nullable(Type.Number()),
    error: Type.Optional(Type.String()),
  }),
  model: Type.Object({
    loaded: Type.Boolean(),
    name: Nullable(Type.String()),
    version: Nullable(Type.String()),
    sha256: Nullable(Type.String()),
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
        // Not ready still carries the status data (what a probe or an operator needs), so the envelope is built
        // here rather than thrown as an error.
        const message = ready ? undefined : storage.ok ? 'Shutting down.' : 'Storage is not answering.';
        return c.json({ ...envelope(data, deps.now(), message), success: ready }, ready ? 200 : 503);
      },
    }),
  ];
}
