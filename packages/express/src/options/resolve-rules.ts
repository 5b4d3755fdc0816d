import { compileRoutePattern } from '../routes/route-pattern.js';
import type { CompiledRoute, CompiledThresholds } from '../routes/route-table.js';
import type { BanPolicy, RateRule } from '../store/store.js';
import { didYouMean } from '@wafer/core';
import {
  bool,
  checkKeys,
  describe,
  fail,
  integer,
  isPlainObject,
  oneOf,
  probability,
} from './option-checks.js';
import { DEFAULT_OPTIONS } from './options.js';

const W = 'waf()';
const DAY_MS = 86_400_000;

/** Validates `thresholds` (global or a route's); class names are checked against the model when known. */
export function resolveThresholds(
  name: string,
  value: unknown,
  labels: readonly string[] | undefined,
): CompiledThresholds | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value))
    fail(W, `\`${name}\` must be { attack?: number, classes?: { [class]: number } }.`);
  checkKeys(W, `${name}.`, value, ['attack', 'classes']);
  const attack = value.attack === undefined ? undefined : probability(W, `${name}.attack`, value.attack);
  let classes: Map<string, number> | undefined;
  if (value.classes !== undefined) {
    if (!isPlainObject(value.classes))
      fail(W, `\`${name}.classes\` must be an object such as { xss: 0.9999 }.`);
    classes = new Map();
    for (const [cls, threshold] of Object.entries(value.classes)) {
      if (labels !== undefined && !labels.includes(cls)) {
        const hint = didYouMean(cls, labels);
        fail(
          W,
          `\`${name}.classes.${cls}\` is not a class of the model.${hint ? ` Did you mean \`${hint}\`?` : ''} Classes: ${labels.join(', ')}.`,
        );
      }
      classes.set(cls, probability(W, `${name}.classes.${cls}`, threshold));
    }
    if (classes.size === 0) classes = undefined;
  }
  if (attack === undefined && classes === undefined) return undefined;
  return { attack, classes };
}

/** Validates a rate-limit rule. */
export function resolveRateLimit(name: string, value: unknown): RateRule | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value))
    fail(W, `\`${name}\` must be { limit, windowMs, algorithm? }, e.g. { limit: 100, windowMs: 60_000 }.`);
  checkKeys(W, `${name}.`, value, ['limit', 'windowMs', 'algorithm']);
  if (value.limit === undefined || value.windowMs === undefined)
    fail(W, `\`${name}\` needs both \`limit\` and \`windowMs\`, e.g. { limit: 100, windowMs: 60_000 }.`);
  return {
    limit: integer(W, `${name}.limit`, value.limit, 0, 1, 1_000_000_000),
    windowMs: integer(W, `${name}.windowMs`, value.windowMs, 0, 1, DAY_MS),
    algorithm: oneOf(
      W,
      `${name}.algorithm`,
      value.algorithm,
      ['sliding-window', 'token-bucket'] as const,
      'sliding-window',
    ),
  };
}

/** Validates `bans` (`true` for the defaults). */
export function resolveBans(value: unknown): BanPolicy | undefined {
  if (value === undefined || value === false) return undefined;
  const d = DEFAULT_OPTIONS.bans;
  if (value === true) return d;
  if (!isPlainObject(value)) fail(W, '`bans` must be true, false or { threshold?, windowMs?, durationMs? }.');
  checkKeys(W, 'bans.', value, ['threshold', 'windowMs', 'durationMs']);
  return {
    threshold: integer(W, 'bans.threshold', value.threshold, d.threshold, 1, 1_000_000),
    windowMs: integer(W, 'bans.windowMs', value.windowMs, d.windowMs, 1, DAY_MS),
    durationMs: integer(W, 'bans.durationMs', value.durationMs, d.durationMs, 1, 30 * DAY_MS),
  };
}

const ROUTE_KEYS = ['path', 'methods', 'skip', 'mode', 'thresholds', 'onError', 'rateLimit'];

function compilePath(name: string, value: unknown): { patterns: RegExp[]; label: string } {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) fail(W, `\`${name}\` must not be empty.`);
  const patterns: RegExp[] = [];
  const labels: string[] = [];
  for (const item of items) {
    if (item instanceof RegExp) {
      // A global or sticky RegExp keeps state between test() calls: match with a stateless copy.
      patterns.push(new RegExp(item.source, item.flags.replace(/[gy]/g, '')));
      labels.push(String(item));
    } else if (typeof item === 'string' && item.startsWith('/')) {
      patterns.push(compileRoutePattern(item));
      labels.push(item);
    } else {
      fail(
        W,
        `\`${name}\` must be a path pattern starting with '/' (e.g. '/api/**'), a RegExp, or an array of them; got ${describe(item)}.`,
      );
    }
  }
  return { patterns, label: labels.join(', ') };
}

/** Validates and compiles `routes`; refuses rules that contradict themselves or can never match. */
export function resolveRoutes(value: unknown, labels: readonly string[] | undefined): CompiledRoute[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    fail(W, "`routes` must be an array of rules, e.g. [{ path: '/healthz', skip: true }].");
  const seen = new Map<string, number>();
  return value.map((rule: unknown, index): CompiledRoute => {
    const name = `routes[${index}]`;
    if (!isPlainObject(rule))
      fail(W, `\`${name}\` must be an object such as { path: '/api/**', mode: 'block' }.`);
    checkKeys(W, `${name}.`, rule, ROUTE_KEYS);
    if (rule.path === undefined) fail(W, `\`${name}.path\` is required, e.g. '/api/**'.`);
    const { patterns, label } = compilePath(`${name}.path`, rule.path);
    let methods: Set<string> | undefined;
    if (rule.methods !== undefined) {
      if (
        !Array.isArray(rule.methods) ||
        rule.methods.length === 0 ||
        rule.methods.some((m) => typeof m !== 'string' || !/^[A-Za-z]+$/.test(m))
      )
        fail(W, `\`${name}.methods\` must be a non-empty array of method names, e.g. ['POST', 'PUT'].`);
      methods = new Set((rule.methods as string[]).map((m) => m.toUpperCase()));
    }
    const key = `${label} ${methods ? [...methods].sort().join(',') : '*'}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      fail(
        W,
        `\`${name}\` repeats the path and methods of \`routes[${earlier}]\`; the first match wins, so it would never apply. Merge the two.`,
      );
    seen.set(key, index);
    const skip = bool(W, `${name}.skip`, rule.skip, false);
    if (skip) {
      const extra = ['mode', 'thresholds', 'onError', 'rateLimit'].filter((k) => rule[k] !== undefined);
      if (extra.length > 0)
        fail(
          W,
          `\`${name}\` has \`skip: true\`, which turns the WAF off there, and also \`${extra.join('`, `')}\`, which would never apply. Keep one.`,
        );
    }
    return {
      index,
      label,
      patterns,
      methods,
      skip,
      mode:
        rule.mode === undefined
          ? undefined
          : oneOf(W, `${name}.mode`, rule.mode, ['monitor', 'block'] as const, 'monitor'),
      thresholds: resolveThresholds(`${name}.thresholds`, rule.thresholds, labels),
      onError:
        rule.onError === undefined
          ? undefined
          : oneOf(W, `${name}.onError`, rule.onError, ['allow', 'block'] as const, 'allow'),
      rateLimit: resolveRateLimit(`${name}.rateLimit`, rule.rateLimit),
    };
  });
}
