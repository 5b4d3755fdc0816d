import type { ErrorPolicy, WafMode } from '../options/options.js';
import type { RateRule } from '../store/store.js';

/** Per-route thresholds after validation: `classes` is `undefined` when none are set. */
export interface CompiledThresholds {
  readonly attack: number | undefined;
  readonly classes: ReadonlyMap<string, number> | undefined;
}

/** A validated route rule, ready for matching. */
export interface CompiledRoute {
  /** Position in `routes`, used to key its rate limit. */
  readonly index: number;
  /** The pattern(s) as written, for reports: `/api/**`, `/^\/v\d+\//i`. */
  readonly label: string;
  readonly patterns: readonly RegExp[];
  /** Upper-case method names; `undefined` for any. */
  readonly methods: ReadonlySet<string> | undefined;
  readonly skip: boolean;
  readonly mode: WafMode | undefined;
  readonly thresholds: CompiledThresholds | undefined;
  readonly onError: ErrorPolicy | undefined;
  readonly rateLimit: RateRule | undefined;
}

/** Finds the first rule matching a request; with no rules it costs one length check. */
export interface RouteTable {
  readonly size: number;
  match(method: string, path: string): CompiledRoute | undefined;
}

/**
 * @example
 * ```ts
 * const table = createRouteTable(compiled);
 * table.match('GET', '/healthz')?.skip; // true
 * ```
 */
export function createRouteTable(routes: readonly CompiledRoute[]): RouteTable {
  return {
    size: routes.length,
    match(method, path) {
      if (routes.length === 0) return undefined;
      const upper = method.toUpperCase();
      for (const route of routes) {
        // Express answers HEAD with the GET route, so a GET rule covers HEAD too.
        if (
          route.methods !== undefined &&
          !route.methods.has(upper) &&
          !(upper === 'HEAD' && route.methods.has('GET'))
        )
          continue;
        for (const pattern of route.patterns) if (pattern.test(path)) return route;
      }
      return undefined;
    },
  };
}
