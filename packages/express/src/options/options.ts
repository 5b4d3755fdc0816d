import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtractorOptions, Waf, WafOptions } from '@wafer/core';
import type { Reporter } from '../report/reporter.js';
import type { WafEvent } from '../report/event.js';
import type { WafStore } from '../store/store.js';
import type { WafVerdict } from '../verdict.js';

/** `monitor` decides and reports but never blocks; `block` stops what it decides against. */
export type WafMode = 'monitor' | 'block';

/** What happens to a request whose inspection could not be completed. */
export type ErrorPolicy = 'allow' | 'block';

/**
 * Attack thresholds for one route. `attack` replaces the request-score threshold calibrated with the model;
 * each entry of `classes` judges that class by its own probability (see the README, "Per-route thresholds").
 *
 * @example
 * ```ts
 * const cms: RouteThresholds = { classes: { xss: 0.9999 } }; // editors post HTML here
 * ```
 */
export interface RouteThresholds {
  readonly attack?: number;
  readonly classes?: Readonly<Record<string, number>>;
}

/**
 * A rate limit per client (IP address, IPv6 by subnet).
 *
 * @example
 * ```ts
 * const rule: RateLimitRule = { limit: 100, windowMs: 60_000 }; // 100 requests a minute
 * ```
 */
export interface RateLimitRule {
  /** Requests allowed per window (the bucket's size for `token-bucket`). */
  readonly limit: number;
  /** Window length in ms (`token-bucket`: the time to refill `limit` tokens). */
  readonly windowMs: number;
  /**
   * `sliding-window` (default): at most `limit` requests in any `windowMs` (weighted two-window counter).
   * `token-bucket`: bursts up to `limit`, refilled continuously at `limit / windowMs`.
   */
  readonly algorithm?: 'sliding-window' | 'token-bucket';
}

/**
 * Temporary bans of clients that keep sending attacks.
 *
 * @example
 * ```ts
 * const bans: BanRule = { threshold: 5, windowMs: 60_000, durationMs: 15 * 60_000 };
 * ```
 */
export interface BanRule {
  /** Attacks (as judged for the route) that trigger a ban. Default 5. */
  readonly threshold?: number;
  /** Window in which they are counted, from the first one, in ms. Default 60,000. */
  readonly windowMs?: number;
  /** How long the ban lasts, in ms. Default 600,000 (10 minutes). */
  readonly durationMs?: number;
}

/** A path pattern: `/login`, `/users/:id`, `/static/*.js` (one segment), `/api/**` (any depth), or a RegExp. */
export type RoutePattern = string | RegExp;

/**
 * Settings for the paths a pattern matches. The first matching rule applies.
 *
 * @example
 * ```ts
 * const rules: RouteRule[] = [
 *   { path: '/healthz', skip: true },
 *   { path: '/api/**', methods: ['POST', 'PUT'], mode: 'block', rateLimit: { limit: 20, windowMs: 1000 } },
 *   { path: '/admin/pages/**', thresholds: { classes: { xss: 0.9999 } } },
 * ];
 * ```
 */
export interface RouteRule {
  readonly path: RoutePattern | readonly RoutePattern[];
  /** Methods the rule applies to (any when absent). */
  readonly methods?: readonly string[];
  /** Turn the WAF off for these paths: no inspection, no rate limit, no report. */
  readonly skip?: boolean;
  readonly mode?: WafMode;
  readonly thresholds?: RouteThresholds;
  readonly onError?: ErrorPolicy;
  /** A rate limit per client for this route, counted separately from the global one. */
  readonly rateLimit?: RateLimitRule;
}

/** The request type the middleware receives: Node's, plus what Express adds. */
export interface WafExpressRequest extends IncomingMessage {
  /** Express: the client address, honouring `trust proxy`. */
  ip?: string;
  /** Express: the URL before routers stripped their mount path. */
  originalUrl?: string;
  body?: unknown;
  /** Raw body bytes kept by a parser's `verify` hook (`req.rawBody = buf`), used when present. */
  rawBody?: unknown;
  waf?: WafVerdict;
}

/**
 * Sends the response for a request the middleware stops. It must send one (synchronously or before its
 * promise settles); if it does not, or throws, the default response is sent: a block never falls through.
 */
export type BlockHandler = (
  req: WafExpressRequest,
  res: ServerResponse,
  verdict: WafVerdict,
) => void | Promise<void>;

/**
 * Options of {@link waf}. All optional; defaults in {@link DEFAULT_OPTIONS}, reasons in the README.
 * The engine keys (`model`, `thresholds`, `timeBudgetMs`, `extractor`, `evidence`, `fastPath`, `cache`,
 * `batching`, `threads`, `worker`) are `@wafer/core`'s `createWaf` options, passed through.
 *
 * @example
 * ```ts
 * app.use(waf({ mode: 'block', routes: [{ path: '/healthz', skip: true }], rateLimit: { limit: 300, windowMs: 60_000 } }));
 * ```
 */
export interface WafMiddlewareOptions extends Omit<WafOptions, 'mode' | 'onTimeout' | 'onError'> {
  /** Default `monitor`: decide and report, never block. */
  readonly mode?: WafMode;
  /** Decide and report exactly as configured, but never block, whatever else says so. Default false. */
  readonly dryRun?: boolean;
  /** Model error, time budget exceeded, input over a limit, internal error: `allow` (default) or `block`. */
  readonly onError?: ErrorPolicy;
  /**
   * In monitor mode, wait for the decision before calling `next()` (so `req.waf` is set for your handlers).
   * Default false: monitor mode inspects in the background and adds no latency.
   */
  readonly awaitInMonitor?: boolean;
  readonly routes?: readonly RouteRule[];
  /** A detection engine you created (`createWaf`) and own, shared instead of loading another model. */
  readonly engine?: Waf;
  readonly extractor?: ExtractorOptions;
  /** IPv4/IPv6 addresses or CIDR ranges: `allow` skips the WAF entirely, `deny` is blocked (403). */
  readonly ip?: { readonly allow?: readonly string[]; readonly deny?: readonly string[] };
  /** A rate limit per client over all routes (429 with `Retry-After`). Default none. */
  readonly rateLimit?: RateLimitRule;
  /** Ban clients that keep sending attacks (`true`: the defaults). Default off. */
  readonly bans?: BanRule | boolean;
  /** Where rate-limit and ban state lives. Default: in this process (`memoryStore()`). */
  readonly store?: WafStore;
  /** Longest wait for the store per request, in ms; past it the check is skipped (fail open). Default 50. */
  readonly storeTimeoutMs?: number;
  /** IPv6 clients are rate-limited and banned by this prefix length (one host usually owns a /64). Default 64. */
  readonly ipv6Subnet?: number;
  readonly onBlock?: BlockHandler;
  /** Called off the request path with every decision (redacted), in order. */
  readonly onDecision?: ((event: WafEvent) => void) | readonly ((event: WafEvent) => void)[];
  /** Receive batches of decisions off the request path (e.g. {@link dashboardReporter}). */
  readonly reporters?: readonly Reporter[];
  /** Decisions waiting for `onDecision`/reporters; past it new ones are dropped and counted. Default 10,000. */
  readonly queueSize?: number;
  /** Extra header and parameter names to redact from reports (added to the built-in lists). */
  readonly redact?: { readonly headers?: readonly string[]; readonly params?: readonly string[] };
}

/** Every default of the middleware's own options, in one place (engine defaults are `@wafer/core`'s). */
export const DEFAULT_OPTIONS = Object.freeze({
  mode: 'monitor' as WafMode,
  dryRun: false,
  onError: 'allow' as ErrorPolicy,
  awaitInMonitor: false,
  storeTimeoutMs: 50,
  ipv6Subnet: 64,
  queueSize: 10_000,
  bans: Object.freeze({ threshold: 5, windowMs: 60_000, durationMs: 600_000 }),
});

/** Keys passed through to `createWaf`. */
export const ENGINE_KEYS = [
  'model',
  'thresholds',
  'timeBudgetMs',
  'extractor',
  'evidence',
  'fastPath',
  'cache',
  'batching',
  'threads',
  'worker',
] as const;

/** Every key `waf()` accepts. */
export const OPTION_KEYS = [
  'mode',
  'dryRun',
  'onError',
  'awaitInMonitor',
  'routes',
  'engine',
  ...ENGINE_KEYS,
  'ip',
  'rateLimit',
  'bans',
  'store',
  'storeTimeoutMs',
  'ipv6Subnet',
  'onBlock',
  'onDecision',
  'reporters',
  'queueSize',
  'redact',
] as const;
