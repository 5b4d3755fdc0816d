import {
  resolveExtractorOptions,
  resolveWafOptions,
  WaferError,
  type ModelSource,
  type Waf,
  type WafOptions,
} from '@wafer/core';
import { compileIpList, type IpList } from '../access/ip-list.js';
import { createRedactor, type Redactor } from '../report/redact.js';
import type { Reporter } from '../report/reporter.js';
import type { WafEvent } from '../report/event.js';
import {
  createRouteTable,
  type CompiledRoute,
  type CompiledThresholds,
  type RouteTable,
} from '../routes/route-table.js';
import type { BanPolicy, RateRule, WafStore } from '../store/store.js';
import { modelLabels } from './model-labels.js';
import {
  bool,
  checkKeys,
  describe,
  fail,
  integer,
  isPlainObject,
  oneOf,
  stringList,
} from './option-checks.js';
import {
  DEFAULT_OPTIONS,
  ENGINE_KEYS,
  OPTION_KEYS,
  type BlockHandler,
  type ErrorPolicy,
  type WafMiddlewareOptions,
  type WafMode,
} from './options.js';
import { resolveBans, resolveRateLimit, resolveRoutes, resolveThresholds } from './resolve-rules.js';

const W = 'waf()';

/** Everything the middleware needs, validated once. */
export interface ResolvedOptions {
  readonly mode: WafMode;
  readonly dryRun: boolean;
  readonly onError: ErrorPolicy;
  readonly awaitInMonitor: boolean;
  readonly routes: RouteTable;
  /** A caller-owned engine, or the options to create one with. */
  readonly engine: Waf | undefined;
  readonly engineOptions: WafOptions;
  /**
   * Global thresholds to judge requests with when no route sets its own: only when they name classes (the
   * engine applies a global `attack` threshold itself).
   */
  readonly thresholds: CompiledThresholds | undefined;
  readonly maxBodyBytes: number;
  readonly maxFields: number;
  readonly allowList: IpList | undefined;
  readonly denyList: IpList | undefined;
  readonly rateLimit: RateRule | undefined;
  readonly bans: BanPolicy | undefined;
  /** A caller-supplied store; `undefined` means the middleware creates a memory store when it needs one. */
  readonly store: WafStore | undefined;
  readonly storeTimeoutMs: number;
  readonly ipv6Subnet: number;
  readonly onBlock: BlockHandler | undefined;
  readonly onDecision: readonly ((event: WafEvent) => void)[];
  readonly reporters: readonly Reporter[];
  readonly queueSize: number;
  readonly redactor: Redactor;
  readonly needsStore: boolean;
}

/** Node's request objects, recognised without importing `node:http` types at run time. */
export function looksLikeRequest(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { method?: unknown }).method === 'string' &&
    typeof (value as { headers?: unknown }).headers === 'object' &&
    ('socket' in value || 'url' in value)
  );
}

function isEngine(value: unknown): value is Waf {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Waf).inspect === 'function' &&
    typeof (value as Waf).stats === 'function' &&
    typeof (value as Waf).model === 'object'
  );
}

function isStore(value: unknown): value is WafStore {
  return (
    typeof value === 'object' &&
    value !== null &&
    ['hit', 'strike', 'bannedFor'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function')
  );
}

function checkEngineOptions(o: Record<string, unknown>): WafOptions {
  const given: Record<string, unknown> = {};
  for (const key of ENGINE_KEYS) if (o[key] !== undefined) given[key] = o[key];
  try {
    resolveWafOptions(given as WafOptions);
    resolveExtractorOptions(given.extractor as never);
  } catch (error) {
    // Core's message names `createWaf`; the user called `waf()`.
    if (error instanceof WaferError)
      throw new WaferError(error.code, `${W}: ${error.message.replace(/^createWaf: /, '')}`, {
        cause: error,
      });
    throw error;
  }
  return given as WafOptions;
}

/**
 * Applies defaults and validates every option once, at construction, with a message that says how to fix
 * it (`WaferError('WAFER_ERR_INVALID_OPTION')`): unknown or misspelled keys (with the closest name), values
 * of the wrong type, contradictions (an engine and engine options; `skip` with settings that would never
 * apply; an address both allowed and denied).
 */
export function resolveOptions(options: WafMiddlewareOptions | undefined): ResolvedOptions {
  const o = (options ?? {}) as Record<string, unknown>;
  if (!isPlainObject(o))
    fail(W, `options must be an object, e.g. waf({ mode: 'block' }); got ${describe(options)}.`);
  checkKeys(W, '', o, OPTION_KEYS);

  let engine: Waf | undefined;
  if (o.engine !== undefined) {
    if (!isEngine(o.engine))
      fail(W, '`engine` must be a Waf from `await createWaf(options)` of @wafer/core.');
    engine = o.engine;
    const twice = ENGINE_KEYS.filter((k) => o[k] !== undefined);
    if (twice.length > 0)
      fail(
        W,
        `\`${twice.join('`, `')}\` configure${twice.length === 1 ? 's' : ''} the engine waf() would create, but you passed your own \`engine\`: set ${twice.length === 1 ? 'it' : 'them'} in createWaf({ … }) instead.`,
      );
  }
  const engineOptions = engine === undefined ? checkEngineOptions(o) : {};
  const labels = modelLabels(engine, engineOptions.model as ModelSource | undefined);
  const thresholds = resolveThresholds('thresholds', o.thresholds, labels);
  const { limits } = resolveExtractorOptions(
    engine === undefined ? engineOptions.extractor : engine.options.extractor,
  );

  // A route's thresholds extend the global ones, class by class.
  const routes: CompiledRoute[] = resolveRoutes(o.routes, labels).map((route) => {
    if (route.thresholds === undefined || thresholds === undefined) return route;
    const classes = new Map([...(thresholds.classes ?? []), ...(route.thresholds.classes ?? [])]);
    return {
      ...route,
      thresholds: {
        attack: route.thresholds.attack ?? thresholds.attack,
        classes: classes.size > 0 ? classes : undefined,
      },
    };
  });

  let allowList: IpList | undefined;
  let denyList: IpList | undefined;
  if (o.ip !== undefined) {
    if (!isPlainObject(o.ip))
      fail(W, "`ip` must be { allow?: string[], deny?: string[] }, e.g. { deny: ['198.51.100.0/24'] }.");
    checkKeys(W, 'ip.', o.ip, ['allow', 'deny']);
    const allow = stringList(W, 'ip.allow', o.ip.allow, "['10.0.0.0/8']");
    const deny = stringList(W, 'ip.deny', o.ip.deny, "['198.51.100.0/24']");
    const both = allow.filter((a) => deny.includes(a));
    if (both.length > 0)
      fail(
        W,
        `${JSON.stringify(both[0])} is in both \`ip.allow\` and \`ip.deny\`; allow wins, so the deny entry would never apply. Keep one.`,
      );
    if (allow.length > 0) allowList = compileIpList(allow, 'ip.allow');
    if (deny.length > 0) denyList = compileIpList(deny, 'ip.deny');
  }

  const rateLimit = resolveRateLimit('rateLimit', o.rateLimit);
  const bans = resolveBans(o.bans);
  if (o.store !== undefined && !isStore(o.store))
    fail(
      W,
      '`store` must implement { hit, strike, bannedFor } — use memoryStore() or redisStore({ client }).',
    );

  if (o.onBlock !== undefined && typeof o.onBlock !== 'function')
    fail(W, '`onBlock` must be a function (req, res, verdict) that sends the response.');
  const onDecision =
    o.onDecision === undefined ? [] : Array.isArray(o.onDecision) ? o.onDecision : [o.onDecision];
  if (onDecision.some((f) => typeof f !== 'function'))
    fail(W, '`onDecision` must be a function (event) => void, or an array of them.');
  const reporters = o.reporters ?? [];
  if (
    !Array.isArray(reporters) ||
    reporters.some(
      (r) =>
        typeof r !== 'object' || r === null || typeof r.name !== 'string' || typeof r.report !== 'function',
    )
  )
    fail(
      W,
      '`reporters` must be an array of reporters ({ name, report(events) }), e.g. [dashboardReporter({ url, apiKey })].',
    );
  const names = (reporters as Reporter[]).map((r) => r.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined)
    fail(W, `two reporters are named ${JSON.stringify(dup)}; their counters would collide in stats().`);

  let redactor = createRedactor();
  if (o.redact !== undefined) {
    if (!isPlainObject(o.redact)) fail(W, '`redact` must be { headers?: string[], params?: string[] }.');
    checkKeys(W, 'redact.', o.redact, ['headers', 'params']);
    redactor = createRedactor({
      headers: stringList(W, 'redact.headers', o.redact.headers, "['x-tenant-secret']"),
      params: stringList(W, 'redact.params', o.redact.params, "['pin']"),
    });
  }

  const d = DEFAULT_OPTIONS;
  return {
    mode: oneOf(W, 'mode', o.mode, ['monitor', 'block'] as const, d.mode),
    dryRun: bool(W, 'dryRun', o.dryRun, d.dryRun),
    onError: oneOf(W, 'onError', o.onError, ['allow', 'block'] as const, d.onError),
    awaitInMonitor: bool(W, 'awaitInMonitor', o.awaitInMonitor, d.awaitInMonitor),
    routes: createRouteTable(routes),
    engine,
    engineOptions,
    thresholds: thresholds?.classes === undefined ? undefined : thresholds,
    maxBodyBytes: limits.maxBodyBytes,
    maxFields: limits.maxFields,
    allowList,
    denyList,
    rateLimit,
    bans,
    store: o.store as WafStore | undefined,
    storeTimeoutMs: integer(W, 'storeTimeoutMs', o.storeTimeoutMs, d.storeTimeoutMs, 1, 60_000),
    ipv6Subnet: integer(W, 'ipv6Subnet', o.ipv6Subnet, d.ipv6Subnet, 16, 128),
    onBlock: o.onBlock as BlockHandler | undefined,
    onDecision: onDecision as ((event: WafEvent) => void)[],
    reporters: reporters as Reporter[],
    queueSize: integer(W, 'queueSize', o.queueSize, d.queueSize, 1, 10_000_000),
    redactor,
    needsStore:
      rateLimit !== undefined || bans !== undefined || routes.some((r) => r.rateLimit !== undefined),
  };
}
