import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { ResolvedDashboardOptions } from '../options.js';
import { allows, type Principal, type Scope } from './auth.js';
import { errorEnvelope, HttpError } from './envelope.js';
import { createRateLimiter } from './rate-limit.js';
import { registerRoutes, type NodeEnv, type RouteSpec } from './route.js';

/** What the app is built from. */
export interface AppDeps {
  readonly options: ResolvedDashboardOptions;
  readonly routes: readonly RouteSpec[];
  readonly openapi: Record<string, unknown>;
  readonly httpStats: { requests: number; errors: number; rateLimited: number };
  /** `METHOD routePattern status` → count, for `/metrics`. */
  readonly routeCounts: Map<string, number>;
  readonly authenticate: (
    header: (name: string) => string | undefined,
    peer: string | undefined,
    scope: Scope,
  ) => Promise<Principal>;
  readonly metricsText: () => string;
}

/**
 * The Hono app: error envelopes, request counting, CORS (only for listed origins), the per-IP rate limit, body
 * size limits, the routes, `/api/openapi.json` and `/metrics`. Order matters: the rate limit and size limits
 * run before any route reads a body or touches storage.
 */
export function buildApp(deps: AppDeps): Hono<NodeEnv> {
  const { options: o, httpStats, routeCounts } = deps;
  const now = o.now;
  const app = new Hono<NodeEnv>();
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(errorEnvelope(error.message, now()), error.status as 400);
    }
    httpStats.errors++;
    o.onError(error, `${c.req.method} ${c.req.path}`);
    return c.json(errorEnvelope('Internal error; the details are in the server log.', now()), 500);
  });
  app.notFound((c) =>
    c.json(errorEnvelope(`No route ${c.req.method} ${c.req.path}; see GET /api/openapi.json.`, now()), 404),
  );

  app.use('*', async (c, next) => {
    httpStats.requests++;
    await next();
    const key = `${c.req.method} ${c.req.routePath} ${c.res.status}`;
    routeCounts.set(key, (routeCounts.get(key) ?? 0) + 1);
  });
  if (o.cors.origins.length > 0)
    app.use(
      '*',
      cors({
        origin: o.cors.origins.includes('*') ? '*' : [...o.cors.origins],
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'X-Api-Key'],
        maxAge: 600,
      }),
    );
  const limiter = createRateLimiter(o.rateLimit.requestsPerMinute, now);
  app.use('*', async (c, next) => {
    // Ingest has its own back-pressure (429 from the write queue); health probes must never be refused.
    if (c.req.path === '/api/events' || c.req.path === '/health') return next();
    const wait = limiter.take(c.env.incoming.socket.remoteAddress ?? 'unknown');
    if (wait > 0) {
      httpStats.rateLimited++;
      c.header('Retry-After', String(wait));
      return c.json(errorEnvelope(`Too many requests; retry in ${wait} s.`, now()), 429);
    }
    return next();
  });
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => c.json(errorEnvelope(`The body is larger than ${maxSize} bytes.`, now()), 413),
    });
  const ingestLimit = limit(o.limits.ingestBodyBytes);
  const generalLimit = limit(o.limits.bodyBytes);
  app.use('*', (c, next) => (c.req.path === '/api/events' ? ingestLimit(c, next) : generalLimit(c, next)));

  app.get('/api/openapi.json', (c) => c.json(deps.openapi));
  registerRoutes(app, deps.routes, {
    now,
    authenticate: (c, scope) =>
      deps.authenticate((n) => c.req.header(n), c.env.incoming.socket.remoteAddress, scope),
  });
  app.get('/metrics', async (c) => {
    const principal = await deps.authenticate(
      (n) => c.req.header(n),
      c.env.incoming.socket.remoteAddress,
      'read',
    );
    if (!allows(principal, 'read')) throw new HttpError(403, 'This API key lacks the `read` scope.');
    return c.text(deps.metricsText(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return app;
}
