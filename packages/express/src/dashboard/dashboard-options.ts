import { hostname } from 'node:os';
import { parseIp, isIpv4 } from '../access/ip-address.js';
import { bool, checkKeys, fail, integer, isPlainObject, oneOf } from '../options/option-checks.js';
import { INGEST_PATH } from './ingest-batch.js';

/**
 * Options of {@link dashboardReporter}.
 *
 * @example
 * ```ts
 * dashboardReporter({ url: 'https://wafer.example.com', apiKey: process.env.WAFER_API_KEY!, app: 'shop' });
 * ```
 */
export interface DashboardReporterOptions {
  /** Base URL of `@wafer/dashboard-api`; batches go to `{url}/api/events`. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  readonly apiKey: string;
  /** The app's name on the dashboard. */
  readonly app?: string;
  /** This process's name on the dashboard. Default `hostname:pid`. */
  readonly instanceId?: string;
  /** `all` (default: the dashboard's traffic views need every request) or `threats` (only what was not a plain allow). */
  readonly events?: 'all' | 'threats';
  /** Events per request. Default 100. */
  readonly batchSize?: number;
  /** Longest an event waits for a batch to fill, in ms. Default 1,000. */
  readonly flushIntervalMs?: number;
  /** Events held while the dashboard is slow or down; past it the oldest are dropped. Default 10,000. */
  readonly maxQueue?: number;
  /** Time limit of one HTTP attempt, in ms. Default 5,000. */
  readonly timeoutMs?: number;
  /** Retries of a batch after its first attempt (then it is dropped and counted). Default 5. */
  readonly maxRetries?: number;
  /** Exponential backoff between retries, with jitter. Defaults 500 ms doubling up to 30 s. */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  /**
   * Allow `http://` to a host that is not this machine. Default false: the API key and the reports would
   * cross the network in clear text.
   */
  readonly allowInsecureHttp?: boolean;
}

export interface ResolvedDashboardOptions {
  readonly endpoint: URL;
  readonly apiKey: string;
  readonly app: string | null;
  readonly instanceId: string;
  readonly events: 'all' | 'threats';
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  readonly maxQueue: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
}

const KEYS = [
  'url',
  'apiKey',
  'app',
  'instanceId',
  'events',
  'batchSize',
  'flushIntervalMs',
  'maxQueue',
  'timeoutMs',
  'maxRetries',
  'backoff',
  'allowInsecureHttp',
];

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const bytes = parseIp(host.replace(/^\[|\]$/g, ''));
  if (bytes === undefined) return false;
  if (isIpv4(bytes)) return bytes[12] === 127;
  return bytes.every((b, i) => (i === 15 ? b === 1 : b === 0));
}

function text(where: string, name: string, value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0) fail(where, `\`${name}\` must be a non-empty string.`);
  return value;
}

/** Validates once, at construction; `WAFER_ERR_INVALID_OPTION` with a fix otherwise. */
export function resolveDashboardOptions(options: DashboardReporterOptions): ResolvedDashboardOptions {
  const where = 'dashboardReporter()';
  if (!isPlainObject(options))
    fail(
      where,
      "options must be an object, e.g. `dashboardReporter({ url: 'https://wafer.example.com', apiKey })`.",
    );
  checkKeys(where, '', options, KEYS);
  const o = options as unknown as Record<string, unknown>;
  const url = text(where, 'url', o.url, true)!;
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    fail(
      where,
      `\`url\` must be an absolute URL such as 'https://wafer.example.com', got ${JSON.stringify(url)}.`,
    );
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    fail(where, `\`url\` must be http(s), got ${JSON.stringify(base.protocol)}.`);
  if (
    base.protocol === 'http:' &&
    !isLoopback(base.hostname) &&
    !bool(where, 'allowInsecureHttp', o.allowInsecureHttp, false)
  )
    fail(
      where,
      `\`url\` uses http:// to ${base.hostname}: the API key and the reports would travel in clear text. Use https://, or set \`allowInsecureHttp: true\` on a network you trust.`,
    );
  bool(where, 'allowInsecureHttp', o.allowInsecureHttp, false);
  const endpoint = new URL(`${base.pathname.replace(/\/+$/, '')}${INGEST_PATH}`, base);
  const apiKey = text(where, 'apiKey', o.apiKey, true)!;
  if (/[\r\n]/.test(apiKey)) fail(where, '`apiKey` must not contain line breaks.');
  let backoff = { initialMs: 500, maxMs: 30_000 };
  if (o.backoff !== undefined) {
    if (!isPlainObject(o.backoff)) fail(where, '`backoff` must be { initialMs?, maxMs? }.');
    checkKeys(where, 'backoff.', o.backoff, ['initialMs', 'maxMs']);
    backoff = {
      initialMs: integer(where, 'backoff.initialMs', o.backoff.initialMs, 500, 1, 600_000),
      maxMs: integer(where, 'backoff.maxMs', o.backoff.maxMs, 30_000, 1, 3_600_000),
    };
    if (backoff.maxMs < backoff.initialMs)
      fail(where, '`backoff.maxMs` must be at least `backoff.initialMs`.');
  }
  return {
    endpoint,
    apiKey,
    app: text(where, 'app', o.app, false) ?? null,
    instanceId: text(where, 'instanceId', o.instanceId, false) ?? `${hostname()}:${process.pid}`,
    events: oneOf(where, 'events', o.events, ['all', 'threats'] as const, 'all'),
    batchSize: integer(where, 'batchSize', o.batchSize, 100, 1, 10_000),
    flushIntervalMs: integer(where, 'flushIntervalMs', o.flushIntervalMs, 1000, 1, 600_000),
    maxQueue: integer(where, 'maxQueue', o.maxQueue, 10_000, 1, 10_000_000),
    timeoutMs: integer(where, 'timeoutMs', o.timeoutMs, 5000, 1, 600_000),
    maxRetries: integer(where, 'maxRetries', o.maxRetries, 5, 0, 100),
    backoff,
  };
}
