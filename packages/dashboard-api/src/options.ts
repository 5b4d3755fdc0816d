import type { Waf, WafOptions } from '@wafer/core';
import { didYouMean } from '@wafer/core';
import type { Storage, StorageOptions } from '@wafer/storage';
import { WaferDashboardError } from './errors.js';

/** An access log the log processor tails. */
export interface LogFileOptions {
  readonly path: string;
  /** `auto` (default) recognises combined, common and JSON lines. */
  readonly format?: 'auto' | 'combined' | 'common' | 'json';
  /** App name the log's traffic is filed under. */
  readonly app?: string;
}

/**
 * Options of {@link createDashboardApi}: one object, validated once; every field has a documented default.
 *
 * @example
 * ```ts
 * const api = await createDashboardApi({
 *   storage: { sqlite: { path: './data/wafer.db' } },
 *   cors: { origins: ['https://dashboard.example.com'] },
 *   logs: [{ path: '/var/log/nginx/access.log', app: 'shop' }],
 * });
 * await api.listen({ port: 3001 });
 * ```
 */
export interface DashboardApiOptions {
  /** Storage options (default: SQLite at `./data/wafer.db`), or an open `Storage` (not closed by `close()`). */
  readonly storage?: StorageOptions | Storage;
  /**
   * The detection engine behind `POST /api/check` and the log processor: `createWaf()` options (default: the
   * shipped model), an open `Waf` (not closed by `close()`), or `false` to run without one (no scoring).
   */
  readonly waf?: WafOptions | Waf | false;
  readonly auth?: {
    /**
     * Serve reads and admin actions without an API key. Only allowed when listening on loopback (127.0.0.1,
     * ::1) and enforced per request on the peer address. Ingest always needs a key. Default `false`.
     */
    readonly insecureLocal?: boolean;
    /** How long a verified key is trusted before storage is asked again (revocation delay). Default 30,000 ms. */
    readonly cacheMs?: number;
  };
  /** Origins allowed to call the API from a browser. Default: none (same-origin only). `['*']` allows all. */
  readonly cors?: { readonly origins?: readonly string[] };
  readonly limits?: {
    /** Largest request body (bytes) outside ingest. Default 1 MiB. */
    readonly bodyBytes?: number;
    /** Largest `POST /api/events` body (bytes); larger gets 413 (the reporter then splits). Default 8 MiB. */
    readonly ingestBodyBytes?: number;
    /** Most events in one ingest batch. Default 5,000. */
    readonly ingestEvents?: number;
    /** Most records in one `POST /api/check/batch`. Default 100. */
    readonly checkBatch?: number;
  };
  /** Requests per client IP per minute (ingest excluded: it has its own back-pressure). Default 1,200; 0 disables. */
  readonly rateLimit?: { readonly requestsPerMinute?: number };
  readonly ingest?: {
    /** Events waiting to be written before `POST /api/events` answers 429. Default 50,000. */
    readonly maxQueuedEvents?: number;
    /** Most events written in one transaction. Default 5,000. */
    readonly maxWriteEvents?: number;
  };
  readonly websocket?: {
    /** Ping interval; a client that has not answered the previous ping is dropped. Default 30,000 ms. */
    readonly heartbeatMs?: number;
    /** Bytes queued to one client before it is dropped as too slow. Default 1 MiB. */
    readonly maxBufferedBytes?: number;
    readonly maxClients?: number;
    /** Most `traffic` messages per second (threats, alerts, activities and metrics are never thinned). Default 200. */
    readonly maxTrafficPerSecond?: number;
  };
  readonly workers?: {
    /** Metrics snapshot interval. Default 60,000 ms. */
    readonly metricsIntervalMs?: number;
    /** Alert rules evaluation interval. Default 10,000 ms. */
    readonly alertIntervalMs?: number;
    /** Retention run interval. Default 3,600,000 ms (hourly). */
    readonly cleanupIntervalMs?: number;
    /** Security checks re-run interval. Default 300,000 ms. */
    readonly securityIntervalMs?: number;
  };
  readonly alerts?: {
    /** Attacks in one minute that make a spike, at least. Default 50. */
    readonly spikeMinAttacks?: number;
    /** …and this many times the previous 15 minutes' per-minute average. Default 3. */
    readonly spikeFactor?: number;
    /** Attacks from one IP within 5 minutes that raise a "repeated attacker" alert. Default 20. */
    readonly attackerThreshold?: number;
    /** An instance silent this long is reported. Default 300,000 ms. */
    readonly silentAfterMs?: number;
  };
  /** Access logs to tail. Default none. */
  readonly logs?: readonly LogFileOptions[];
  /** Log processor poll interval. Default 1,000 ms. */
  readonly logPollIntervalMs?: number;
  /**
   * Where to start in a log file never read before: `end` (default: a first start on a months-old log should
   * not flood the dashboard with history) or `beginning`. Files read before resume from their saved offset.
   */
  readonly logStartAt?: 'beginning' | 'end';
  /** Where background failures (a worker run, a failed write, an unexpected handler error) are reported. Default: `console.error`. */
  readonly onError?: (error: unknown, context: string) => void;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/** Options with every default applied. */
export interface ResolvedDashboardOptions {
  readonly storage: StorageOptions | Storage;
  readonly waf: WafOptions | Waf | false;
  readonly auth: Required<NonNullable<DashboardApiOptions['auth']>>;
  readonly cors: { readonly origins: readonly string[] };
  readonly limits: Required<NonNullable<DashboardApiOptions['limits']>>;
  readonly rateLimit: Required<NonNullable<DashboardApiOptions['rateLimit']>>;
  readonly ingest: Required<NonNullable<DashboardApiOptions['ingest']>>;
  readonly websocket: Required<NonNullable<DashboardApiOptions['websocket']>>;
  readonly workers: Required<NonNullable<DashboardApiOptions['workers']>>;
  readonly alerts: Required<NonNullable<DashboardApiOptions['alerts']>>;
  readonly logs: readonly Required<LogFileOptions>[];
  readonly logPollIntervalMs: number;
  readonly logStartAt: 'beginning' | 'end';
  readonly onError: (error: unknown, context: string) => void;
  readonly now: () => number;
}

/** Every default in one place (docs/security-defaults.md lists the security-relevant ones). */
export const DEFAULT_DASHBOARD_OPTIONS = {
  auth: { insecureLocal: false, cacheMs: 30_000 },
  cors: { origins: [] as string[] },
  limits: { bodyBytes: 1 << 20, ingestBodyBytes: 8 << 20, ingestEvents: 5_000, checkBatch: 100 },
  rateLimit: { requestsPerMinute: 1_200 },
  ingest: { maxQueuedEvents: 50_000, maxWriteEvents: 5_000 },
  websocket: { heartbeatMs: 30_000, maxBufferedBytes: 1 << 20, maxClients: 1_000, maxTrafficPerSecond: 200 },
  workers: {
    metricsIntervalMs: 60_000,
    alertIntervalMs: 10_000,
    cleanupIntervalMs: 3_600_000,
    securityIntervalMs: 300_000,
  },
  alerts: { spikeMinAttacks: 50, spikeFactor: 3, attackerThreshold: 20, silentAfterMs: 300_000 },
  logPollIntervalMs: 1_000,
  logStartAt: 'end',
} as const;

/** The option names `createDashboardApi` knows (the config file reads the same names). */
export const OPTION_NAMES = [
  'storage',
  'waf',
  'auth',
  'cors',
  'limits',
  'rateLimit',
  'ingest',
  'websocket',
  'workers',
  'alerts',
  'logs',
  'logPollIntervalMs',
  'logStartAt',
  'onError',
  'now',
] as const;

function defaultOnError(error: unknown, context: string): void {
  console.error(`[wafer-dashboard] ${context}:`, error instanceof Error ? error.message : error);
}

function invalid(message: string): never {
  throw new WaferDashboardError('WAFER_ERR_DASHBOARD_INVALID_OPTION', message);
}

function checkKeys(value: object, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean(key, allowed);
    invalid(
      `Unknown option \`${where}${key}\`.${hint ? ` Did you mean \`${where}${hint}\`?` : ''} Known: ${allowed.map((k) => `\`${k}\``).join(', ')}.`,
    );
  }
}

function section<T extends Record<string, unknown>>(
  value: unknown,
  defaults: T,
  name: string,
  check: (key: string, v: unknown) => void,
): T {
  if (value === undefined) return { ...defaults };
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    invalid(`Option \`${name}\` must be an object, got ${JSON.stringify(value)}.`);
  checkKeys(value, Object.keys(defaults), `${name}.`);
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    check(key, v);
    out[key] = v;
  }
  return out as T;
}

function positiveInteger(name: string, allowZero = false) {
  return (key: string, v: unknown) => {
    if (!Number.isSafeInteger(v) || (v as number) < (allowZero ? 0 : 1))
      invalid(
        `Option \`${name}.${key}\` must be ${allowZero ? 'a non-negative' : 'a positive'} integer, got ${JSON.stringify(v)}.`,
      );
  };
}

function isStorage(value: unknown): value is Storage {
  return (
    typeof value === 'object' && value !== null && 'traffic' in value && 'ingest' in value && 'close' in value
  );
}

function isWaf(value: unknown): value is Waf {
  return typeof value === 'object' && value !== null && typeof (value as Waf).inspect === 'function';
}

/**
 * Validates options once, with messages that name the option and how to fix it, and applies the defaults.
 * @throws {WaferDashboardError} `WAFER_ERR_DASHBOARD_INVALID_OPTION`
 */
export function resolveDashboardOptions(options: DashboardApiOptions = {}): ResolvedDashboardOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    invalid(`createDashboardApi() takes one options object, got ${JSON.stringify(options)}.`);
  checkKeys(options, OPTION_NAMES, '');
  const d = DEFAULT_DASHBOARD_OPTIONS;
  const storage = options.storage ?? {};
  if (typeof storage !== 'object' || storage === null)
    invalid('Option `storage` must be storage options ({ sqlite } or { postgres }) or an open Storage.');
  const waf = options.waf ?? {};
  if (waf !== false && (typeof waf !== 'object' || waf === null))
    invalid('Option `waf` must be createWaf() options, an open Waf, or false.');
  const auth = section(options.auth, d.auth as Record<string, unknown>, 'auth', (key, v) => {
    if (key === 'insecureLocal' && typeof v !== 'boolean')
      invalid('Option `auth.insecureLocal` must be true or false.');
    if (key === 'cacheMs') positiveInteger('auth', true)(key, v);
  });
  const cors = section(options.cors, { origins: [] } as Record<string, unknown>, 'cors', (_key, v) => {
    if (!Array.isArray(v) || v.some((o) => typeof o !== 'string' || !/^(\*|https?:\/\/[^/\s]+)$/.test(o)))
      invalid(
        `Option \`cors.origins\` must be a list of origins such as "https://dashboard.example.com" (scheme and host, no path), or ["*"]; got ${JSON.stringify(v)}.`,
      );
  });
  const logs = options.logs ?? [];
  if (!Array.isArray(logs)) invalid('Option `logs` must be a list of { path, format?, app? }.');
  const resolvedLogs = logs.map((log, i) => {
    if (log === null || typeof log !== 'object')
      invalid(`Option \`logs[${i}]\` must be an object { path, format?, app? }.`);
    checkKeys(log, ['path', 'format', 'app'], `logs[${i}].`);
    if (typeof log.path !== 'string' || log.path.length === 0)
      invalid(`Option \`logs[${i}].path\` must be a file path.`);
    const format = log.format ?? 'auto';
    if (!['auto', 'combined', 'common', 'json'].includes(format))
      invalid(
        `Option \`logs[${i}].format\` must be 'auto', 'combined', 'common' or 'json', got ${JSON.stringify(format)}.`,
      );
    if (log.app !== undefined && typeof log.app !== 'string')
      invalid(`Option \`logs[${i}].app\` must be a string.`);
    return { path: log.path, format, app: log.app ?? '' } as Required<LogFileOptions>;
  });
  const logPollIntervalMs = options.logPollIntervalMs ?? d.logPollIntervalMs;
  positiveInteger('')('logPollIntervalMs', logPollIntervalMs);
  if (options.logStartAt !== undefined && options.logStartAt !== 'beginning' && options.logStartAt !== 'end')
    invalid(`Option \`logStartAt\` must be 'beginning' or 'end', got ${JSON.stringify(options.logStartAt)}.`);
  if (options.onError !== undefined && typeof options.onError !== 'function')
    invalid('Option `onError` must be a function (error, context) => void.');
  if (options.now !== undefined && typeof options.now !== 'function')
    invalid('Option `now` must be a function returning epoch ms.');
  const alerts = section(options.alerts, d.alerts as Record<string, unknown>, 'alerts', (key, v) => {
    if (key === 'spikeFactor') {
      if (typeof v !== 'number' || !(v >= 1)) invalid('Option `alerts.spikeFactor` must be a number ≥ 1.');
    } else positiveInteger('alerts')(key, v);
  });
  return {
    storage: isStorage(storage) ? storage : (storage as StorageOptions),
    waf: waf === false ? false : isWaf(waf) ? waf : (waf as WafOptions),
    auth: auth as ResolvedDashboardOptions['auth'],
    cors: cors as ResolvedDashboardOptions['cors'],
    limits: section(options.limits, d.limits, 'limits', positiveInteger('limits')),
    rateLimit: section(options.rateLimit, d.rateLimit, 'rateLimit', positiveInteger('rateLimit', true)),
    ingest: section(options.ingest, d.ingest, 'ingest', positiveInteger('ingest')),
    websocket: section(options.websocket, d.websocket, 'websocket', positiveInteger('websocket')),
    workers: section(options.workers, d.workers, 'workers', positiveInteger('workers')),
    alerts: alerts as ResolvedDashboardOptions['alerts'],
    logs: resolvedLogs,
    logPollIntervalMs,
    logStartAt: options.logStartAt ?? d.logStartAt,
    onError: options.onError ?? defaultOnError,
    now: options.now ?? Date.now,
  };
}

export { isStorage, isWaf };
