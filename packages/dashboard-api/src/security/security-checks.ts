import { access, constants } from 'node:fs/promises';
import type { Waf } from '@wafer/core';
import type { SecurityCheckStatus, Storage } from '@wafer/storage';
import { isLoopback } from '../http/auth.js';
import type { ResolvedDashboardOptions } from '../options.js';

/** The result of one check, before it is stored. */
export interface CheckResult {
  readonly status: SecurityCheckStatus;
  readonly message: string;
  readonly details?: unknown;
}

/** A check of this deployment: id (stable, used in `POST /api/security/checks/:id/run`), name, how to run it. */
export interface SecurityCheckDefinition {
  readonly id: string;
  readonly name: string;
  run(): Promise<CheckResult>;
}

export interface SecurityCheckDeps {
  readonly storage: Storage;
  readonly waf: Waf | null;
  readonly options: ResolvedDashboardOptions;
  /** Where the server listens (the bound address), once it does. */
  readonly address: () => { readonly host: string; readonly port: number } | null;
  readonly now: () => number;
  readonly retentionDays: () => Record<string, number> | null;
  /** Requests and inspection failures ingested in the last 15 minutes. */
  readonly recent: () => { requests: number; failures: number };
}

const HOUR = 3_600_000;

/**
 * The checks behind `GET /api/security/checks`: each inspects this deployment as it runs now — nothing is a
 * constant. A check that throws is reported as `fail` with the error.
 */
export function securityChecks(deps: SecurityCheckDeps): SecurityCheckDefinition[] {
  const { storage, waf, options } = deps;
  return [
    {
      id: 'model',
      name: 'Detection model loaded and verified',
      async run() {
        if (!waf)
          return {
            status: 'warning',
            message: 'Started without a detection engine (`waf: false`): /api/check and log scoring are off.',
          };
        // createWaf() refuses a model whose sha256 differs from its manifest: loaded means verified.
        return {
          status: 'pass',
          message: `${waf.model.name}@${waf.model.version} loaded on ${waf.backend}; sha256 verified against its manifest.`,
          details: {
            sha256: waf.model.sha256,
            labels: waf.model.labels.length,
            attackThreshold: waf.model.thresholds.attack,
          },
        };
      },
    },
    {
      id: 'storage-writable',
      name: 'Storage writable',
      async run() {
        const started = performance.now();
        const record = await storage.securityChecks.upsert({
          name: 'storage-probe',
          status: 'pass',
          message: 'write probe',
        });
        const ms = performance.now() - started;
        return {
          status: ms > 1_000 ? 'warning' : 'pass',
          message: `${storage.dialect} accepted a write in ${ms.toFixed(1)} ms${ms > 1_000 ? ' (slow: ingest will back up)' : ''}.`,
          details: {
            dialect: storage.dialect,
            writeMs: Math.round(ms * 10) / 10,
            probeAt: record.lastChecked,
          },
        };
      },
    },
    {
      id: 'retention',
      name: 'Data retention configured',
      async run() {
        const days = deps.retentionDays();
        if (!days)
          return {
            status: 'warning',
            message: 'Storage was passed in open: its retention is managed by the caller.',
          };
        const longest = Math.max(...Object.values(days));
        return {
          status: longest > 400 ? 'warning' : 'pass',
          message: `Traffic kept ${days.traffic} days, threats ${days.threats}, rollups ${days.rollups}; pruned hourly.`,
          details: days,
        };
      },
    },
    {
      id: 'api-keys',
      name: 'API keys',
      async run() {
        const now = deps.now();
        const keys = (await storage.apiKeys.list()).filter(
          (k) => k.revokedAt === null && (k.expiresAt === null || k.expiresAt > now),
        );
        const has = (scope: string) =>
          keys.some((k) => k.scopes.includes(scope) || k.scopes.includes('admin'));
        const missing = ['ingest', 'read'].filter((s) => !has(s));
        if (options.auth.insecureLocal)
          return {
            status: 'warning',
            message: 'Insecure local mode: reads need no key (loopback only). Do not use in production.',
            details: { keys: keys.length },
          };
        if (keys.length === 0)
          return {
            status: 'fail',
            message: 'No API key: create one with `wafer-dashboard keys create --scopes ingest`.',
          };
        return missing.length > 0
          ? {
              status: 'warning',
              message: `No active key with scope ${missing.join(' or ')}.`,
              details: { keys: keys.length },
            }
          : {
              status: 'pass',
              message: `${keys.length} active key(s); secrets are stored hashed.`,
              details: { keys: keys.length },
            };
      },
    },
    {
      id: 'instances',
      name: 'Instances reporting',
      async run() {
        const now = deps.now();
        const instances = await storage.ingest.instances();
        const recent = instances.filter((i) => now - i.lastSeen < options.alerts.silentAfterMs);
        const silent = instances.filter(
          (i) => now - i.lastSeen >= options.alerts.silentAfterMs && now - i.lastSeen < 24 * HOUR,
        );
        const modes = Object.fromEntries(recent.map((i) => [i.id, i.mode ?? 'unknown']));
        const monitoring = recent.filter((i) => i.mode !== 'block').map((i) => i.id);
        const details = { reporting: recent.length, silent: silent.map((i) => i.id), modes };
        if (recent.length === 0)
          return {
            status: 'warning',
            message:
              instances.length === 0
                ? 'No waf() instance has reported yet.'
                : 'No instance reported recently.',
            details,
          };
        if (silent.length > 0)
          return {
            status: 'warning',
            message: `${silent.length} instance(s) stopped reporting: ${details.silent.join(', ')}.`,
            details,
          };
        return {
          status: 'pass',
          message: `${recent.length} instance(s) reporting; ${recent.length - monitoring.length} blocking, ${monitoring.length} in monitor/dry-run mode.`,
          details,
        };
      },
    },
    {
      id: 'inspection-failures',
      name: 'Model errors and timeouts',
      async run() {
        // Recent: what this server ingested in the last ~15 minutes (its live counters); all-time totals per
        // instance are in the details.
        const recent = deps.recent();
        const instances = await storage.ingest.instances();
        const engine = waf?.stats();
        const rate = recent.requests > 0 ? recent.failures / recent.requests : 0;
        const details = {
          window: '15 min',
          requests: recent.requests,
          failures: recent.failures,
          rate,
          allTime: Object.fromEntries(
            instances.map((i) => [i.id, { events: i.events, failures: i.failures }]),
          ),
          engine: engine ? { modelErrors: engine.modelErrors, budgetExceeded: engine.budgetExceeded } : null,
        };
        if (rate > 0.01)
          return {
            status: 'fail',
            message: `${(rate * 100).toFixed(2)}% of the requests reported in the last 15 minutes were not fully inspected (model error or time budget).`,
            details,
          };
        if (recent.failures > 0)
          return {
            status: 'warning',
            message: `${recent.failures} of ${recent.requests} requests reported in the last 15 minutes were not fully inspected.`,
            details,
          };
        return {
          status: 'pass',
          message: `No model errors or timeouts in the ${recent.requests} requests reported in the last 15 minutes.`,
          details,
        };
      },
    },
    {
      id: 'exposure',
      name: 'Network exposure and CORS',
      async run() {
        const bound = deps.address();
        const address = bound && `${bound.host}:${bound.port}`;
        const wildcard = options.cors.origins.includes('*');
        const loopback = bound !== null && isLoopback(bound.host);
        const details = {
          address,
          cors: options.cors.origins,
          rateLimitPerMinute: options.rateLimit.requestsPerMinute,
        };
        if (wildcard)
          return {
            status: 'warning',
            message: 'CORS allows every origin: any web page can call this API with a user’s key.',
            details,
          };
        if (!loopback && address !== null)
          return {
            status: 'warning',
            message: `Listening on ${address} over plain HTTP: put it behind a TLS-terminating proxy.`,
            details,
          };
        return {
          status: 'pass',
          message: `Listening on ${address ?? '(not listening)'}; CORS ${options.cors.origins.length === 0 ? 'off' : 'limited to ' + options.cors.origins.join(', ')}.`,
          details,
        };
      },
    },
    {
      id: 'log-files',
      name: 'Access logs readable',
      async run() {
        if (options.logs.length === 0) return { status: 'pass', message: 'No access logs configured.' };
        const problems: string[] = [];
        for (const log of options.logs)
          await access(log.path, constants.R_OK).catch((e: NodeJS.ErrnoException) =>
            problems.push(`${log.path}: ${e.code ?? e.message}`),
          );
        return problems.length > 0
          ? { status: 'fail', message: `Cannot read ${problems.join('; ')}.`, details: { problems } }
          : { status: 'pass', message: `${options.logs.length} access log(s) readable.` };
      },
    },
  ];
}
