import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createWaf, type Waf } from '@wafer/core';
import {
  createStorage,
  DEFAULT_OPTIONS as STORAGE_DEFAULTS,
  type IngestRecord,
  type Storage,
  type StorageOptions,
} from '@wafer/storage';
import type { Hono } from 'hono';
import { WaferDashboardError } from './errors.js';
import { resolveRange, type RangeName } from './format/range.js';
import { activityItem, alertItem, threatItem, trafficItem } from './format/shapes.js';
import {
  allows,
  createKeyVerifier,
  isLoopback,
  secretFrom,
  type Principal,
  type Scope,
} from './http/auth.js';
import { HttpError } from './http/envelope.js';
import { openApiDocument } from './http/openapi.js';
import { dashboardMetrics } from './http/dashboard-metrics.js';
import type { NodeEnv, RouteSpec } from './http/route.js';
import { buildApp } from './http/build-app.js';
import { failureOf } from './ingest/from-wire.js';
import { createWriteQueue, type WriteQueue } from './ingest/write-queue.js';
import { createLiveCounters } from './live/live-counters.js';
import { createLiveHub, type LiveHub } from './live/live-hub.js';
import {
  isStorage,
  isWaf,
  resolveDashboardOptions,
  type DashboardApiOptions,
  type ResolvedDashboardOptions,
} from './options.js';
import { activityRoutes } from './routes/activities.js';
import { alertRoutes } from './routes/alerts.js';
import { analyticsRoutes } from './routes/analytics.js';
import { chartRoutes } from './routes/charts.js';
import { checkRoutes } from './routes/check.js';
import type { RouteDeps } from './routes/deps.js';
import { eventRoutes } from './routes/events.js';
import { metricsRoutes } from './routes/metrics.js';
import { realtimeMetrics } from './routes/realtime.js';
import { checkItem, securityRoutes } from './routes/security.js';
import { healthRoutes } from './routes/system.js';
import { threatRoutes } from './routes/threats.js';
import { trafficRoutes } from './routes/traffic.js';
import { securityChecks, type SecurityCheckDefinition } from './security/security-checks.js';
import { createAlertRules } from './workers/alert-rules.js';
import { intervalWorker, type IntervalWorker } from './workers/interval-worker.js';
import { createLogWorker, type LogProcessor } from './workers/log-worker.js';
import { processSampler, snapshot } from './workers/metrics-aggregator.js';
import { PACKAGE_VERSION } from './version.js';

/** A running dashboard API: the app and server (not listening until `listen()`), its storage and engine. */
export interface DashboardApi {
  /** The Hono app (`app.fetch` / `app.request` work without a server). */
  readonly app: Hono<NodeEnv>;
  /** The Node HTTP server, WebSocket upgrades wired; not listening yet. */
  readonly server: Server;
  readonly storage: Storage;
  /** The detection engine; `null` with `waf: false`. */
  readonly waf: Waf | null;
  /**
   * Starts listening. Default `127.0.0.1:3001`. With `auth.insecureLocal`, any host but loopback is refused.
   * @throws {WaferDashboardError} `WAFER_ERR_DASHBOARD_INSECURE_BIND`
   */
  listen(options?: { port?: number; host?: string }): Promise<{ host: string; port: number; url: string }>;
  /**
   * Graceful shutdown: stops taking new work (ingest answers 503), stops the workers, writes everything queued,
   * closes WebSocket clients and the server, then the engine and storage it opened. Idempotent.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
  /** Every REST route with its schemas (what `GET /api/openapi.json` describes). */
  readonly routes: readonly RouteSpec[];
  /** Counters of every part, also exported on `GET /metrics`. */
  stats(): DashboardStats;
  /** The background workers, e.g. to run one now (`api.workers.metrics.runNow()`). */
  readonly workers: {
    readonly metrics: IntervalWorker;
    readonly alerts: IntervalWorker;
    readonly cleanup: IntervalWorker;
    readonly security: IntervalWorker;
    readonly logs: LogProcessor | null;
  };
}

export interface DashboardStats {
  readonly ingest: WriteQueue['stats'];
  readonly live: LiveHub['stats'];
  readonly http: { requests: number; errors: number; rateLimited: number };
  readonly alertsRaised: number;
  readonly logs: ReturnType<LogProcessor['stats']> | null;
}

/**
 * Creates the dashboard API: opens storage (migrating it) and the detection engine, builds the REST app and
 * the WebSocket feed, and starts the background workers. Does not listen: call `listen()`, or hand `server`
 * / `app` to your own setup (tests use an ephemeral port).
 *
 * @example
 * ```ts
 * import { createDashboardApi } from '@wafer/dashboard-api';
 *
 * const api = await createDashboardApi({ storage: { sqlite: { path: './data/wafer.db' } } });
 * const { url } = await api.listen({ port: 3001 });
 * process.on('SIGTERM', () => api.close());
 * ```
 */
export async function createDashboardApi(options: DashboardApiOptions = {}): Promise<DashboardApi> {
  const o: ResolvedDashboardOptions = resolveDashboardOptions(options);
  const now = o.now;
  const startedAt = now();
  const ownsStorage = !isStorage(o.storage);
  const storage = isStorage(o.storage) ? o.storage : await createStorage(o.storage);
  let waf: Waf | null = null;
  let ownsWaf = false;
  try {
    if (o.waf !== false) {
      ownsWaf = !isWaf(o.waf);
      waf = isWaf(o.waf) ? o.waf : await createWaf(o.waf);
    }
  } catch (error) {
    if (ownsStorage) await storage.close().catch(() => {});
    throw error;
  }

  let accepting = true;
  let address: { host: string; port: number } | null = null;
  const connections = new Set<Socket>();
  const httpStats = { requests: 0, errors: 0, rateLimited: 0 };
  const routeCounts = new Map<string, number>();
  let alertsRaised = 0;
  const pendingAlerts = new Set<Promise<unknown>>();

  const counters = createLiveCounters(now);
  const activeConnections = () => connections.size;
  const realtime = () => realtimeMetrics({ counters, now, startedAt, activeConnections });
  const rules = createAlertRules(o.alerts, counters, now);
  const verifier = createKeyVerifier(storage, o.auth.cacheMs, now);

  const hub = createLiveHub({
    ...o.websocket,
    now,
    greeting: async () => realtime(),
    authorize: async (request: IncomingMessage) => {
      try {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const principal = await authenticate(
          (n) => headerOf(request, n),
          request.socket.remoteAddress,
          'read',
          url.searchParams.get('access_token'),
        );
        return allows(principal, 'read')
          ? null
          : { status: 403, message: 'This API key lacks the `read` scope.' };
      } catch (error) {
        if (error instanceof HttpError) return { status: error.status, message: error.message };
        throw error;
      }
    },
  });

  /** Stores and publishes alerts in the background; the promise settles when these (and earlier ones) are stored. */
  function raise(alerts: ReturnType<typeof rules.onRecords>): Promise<unknown> {
    for (const alert of alerts) {
      const p = storage.alerts
        .raise(alert)
        .then((record) => {
          alertsRaised++;
          hub.publish('alert', alertItem(record, now()));
        })
        .catch((error: unknown) => o.onError(error, 'raising an alert'))
        .finally(() => pendingAlerts.delete(p));
      pendingAlerts.add(p);
    }
    return Promise.allSettled([...pendingAlerts]);
  }

  function onCommitted(records: readonly IngestRecord[]): void {
    counters.add(records, (r) => failureOf.has(r));
    const time = now();
    for (const record of records) {
      hub.publish('traffic', trafficItem(record.traffic, time));
      record.threats?.forEach((t, i) =>
        hub.publish('threat', threatItem(t, time, `${record.traffic.requestId}#${i}`)),
      );
      if (record.activity)
        hub.publish('activity', activityItem(record.activity, time, record.traffic.requestId));
    }
    void raise(rules.onRecords(records));
  }

  const queue = createWriteQueue({
    storage,
    maxQueuedEvents: o.ingest.maxQueuedEvents,
    maxWriteEvents: o.ingest.maxWriteEvents,
    onCommitted,
    onError: (error) => o.onError(error, 'writing ingested events'),
  });

  async function authenticate(
    header: (name: string) => string | undefined,
    peer: string | undefined,
    scope: Scope,
    queryToken?: string | null,
  ): Promise<Principal> {
    const secret = secretFrom(header, queryToken);
    if (!secret) {
      if (o.auth.insecureLocal && scope !== 'ingest' && isLoopback(peer))
        return { key: null, scopes: ['read', 'admin'] };
      throw new HttpError(
        401,
        'Send an API key: `Authorization: Bearer <key>` (create one with `wafer-dashboard keys create`).',
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
    }
    const key = await verifier.verify(secret);
    if (!key)
      throw new HttpError(401, 'Unknown, revoked or expired API key.', {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    return { key, scopes: key.scopes as Scope[] };
  }

  const retentionDays = ownsStorage
    ? () => {
        const { batchSize: _ignored, ...days } = {
          ...STORAGE_DEFAULTS.retention,
          ...((o.storage as StorageOptions).retention ?? {}),
        };
        return days as Record<string, number>;
      }
    : () => null;
  const checks: SecurityCheckDefinition[] = securityChecks({
    storage,
    waf,
    options: o,
    address: () => address,
    now,
    retentionDays,
    recent: () => counters.window(15 * 60),
  });

  async function runCheck(check: SecurityCheckDefinition) {
    let result;
    try {
      result = await check.run();
    } catch (error) {
      result = {
        status: 'fail' as const,
        message: `The check failed to run: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const record = await storage.securityChecks.upsert({
      name: check.id,
      status: result.status,
      message: result.message,
      details: result.details ?? null,
      lastChecked: now(),
    });
    return checkItem(check, record);
  }

  const deps: RouteDeps = {
    storage,
    waf,
    options: o,
    queue,
    counters,
    hub,
    checks,
    now,
    startedAt,
    range: (name: RangeName) => resolveRange(name, now()),
    activeConnections,
    runCheck,
    ready: () => accepting,
  };

  const routes: RouteSpec[] = [
    ...healthRoutes(deps),
    ...metricsRoutes(deps),
    ...alertRoutes(deps),
    ...activityRoutes(deps),
    ...chartRoutes(deps),
    ...trafficRoutes(deps),
    ...threatRoutes(deps),
    ...securityRoutes(deps),
    ...analyticsRoutes(deps),
    ...checkRoutes(deps),
    ...eventRoutes(deps),
  ];
  const openapi = openApiDocument(routes, PACKAGE_VERSION);

  const app = buildApp({
    options: o,
    routes,
    openapi,
    httpStats,
    routeCounts,
    authenticate,
    metricsText: () => prometheus(),
  });

  const server = createServer(getRequestListener(app.fetch));
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  server.on('upgrade', (request, socket, head) => hub.handleUpgrade(request, socket, head));
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  // Background workers.
  const sampler = processSampler();
  const onWorkerError = (name: string, error: unknown) => o.onError(error, `worker ${name}`);
  const metricsWorker = intervalWorker(
    'metrics',
    o.workers.metricsIntervalMs,
    async () => {
      await storage.metrics.insertMany([
        snapshot({
          counters,
          sampler,
          intervalMs: o.workers.metricsIntervalMs,
          startedAt,
          now,
          activeConnections,
        }),
      ]);
      hub.publish('metrics', realtime());
    },
    onWorkerError,
  );
  const alertWorker = intervalWorker(
    'alerts',
    o.workers.alertIntervalMs,
    // Awaits every pending alert write too: `runNow()` returns with the alerts stored.
    async () => void (await raise(rules.evaluate(await storage.ingest.instances()))),
    onWorkerError,
  );
  const cleanupWorker = intervalWorker(
    'cleanup',
    o.workers.cleanupIntervalMs,
    async () => void (await storage.retention.prune({ now: now() })),
    onWorkerError,
  );
  const securityWorker = intervalWorker(
    'security',
    o.workers.securityIntervalMs,
    async () => {
      for (const check of checks) await runCheck(check);
    },
    onWorkerError,
  );

  let logs: LogProcessor | null = null;
  if (o.logs.length > 0) {
    if (!waf)
      throw new WaferDashboardError(
        'WAFER_ERR_DASHBOARD_INVALID_OPTION',
        'Option `logs` needs a detection engine to score the lines: remove `waf: false`.',
      );
    logs = createLogWorker({
      files: o.logs,
      startAt: o.logStartAt,
      waf,
      storage,
      queue,
      pollIntervalMs: o.logPollIntervalMs,
      now,
      onError: o.onError,
    });
    await logs.start();
  }

  const prometheus = () =>
    dashboardMetrics({
      routeCounts,
      ingest: queue.stats,
      live: hub.stats,
      alertsRaised,
      workers: {
        metrics: metricsWorker,
        alerts: alertWorker,
        cleanup: cleanupWorker,
        security: securityWorker,
      },
      uptimeS: Math.round((now() - startedAt) / 1000),
    });

  let closing: Promise<void> | null = null;
  async function close({ timeoutMs = 10_000 } = {}): Promise<void> {
    if (closing) return closing;
    closing = (async () => {
      accepting = false;
      const deadline = Date.now() + timeoutMs;
      await logs?.close();
      await Promise.all([
        metricsWorker.close(),
        alertWorker.close(),
        cleanupWorker.close(),
        securityWorker.close(),
      ]);
      await queue.drain();
      await Promise.allSettled([...pendingAlerts]);
      hub.close();
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(
          () => {
            server.closeAllConnections();
            resolve();
          },
          Math.max(0, deadline - Date.now()),
        ).unref();
      });
      if (ownsWaf && waf) await waf.close();
      if (ownsStorage) await storage.close();
    })();
    return closing;
  }

  return {
    app,
    server,
    storage,
    waf,
    routes,
    workers: {
      metrics: metricsWorker,
      alerts: alertWorker,
      cleanup: cleanupWorker,
      security: securityWorker,
      logs,
    },
    async listen({ port = 3001, host = '127.0.0.1' } = {}) {
      if (closing) throw new WaferDashboardError('WAFER_ERR_DASHBOARD_CLOSED', 'listen() after close().');
      if (o.auth.insecureLocal && !isLoopback(host) && host !== 'localhost')
        throw new WaferDashboardError(
          'WAFER_ERR_DASHBOARD_INSECURE_BIND',
          `auth.insecureLocal serves reads without a key, so it only listens on loopback (127.0.0.1 or ::1), not ${host}. Create keys (wafer-dashboard keys create) to listen elsewhere.`,
        );
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const bound = server.address() as AddressInfo;
      address = { host: bound.address, port: bound.port };
      void securityWorker.runNow();
      const shownHost = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
      return { host: bound.address, port: bound.port, url: `http://${shownHost}:${bound.port}` };
    },
    close,
    stats: () => ({
      ingest: queue.stats,
      live: hub.stats,
      http: httpStats,
      alertsRaised,
      logs: logs?.stats() ?? null,
    }),
  };
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
