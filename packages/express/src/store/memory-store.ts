import { fail, checkKeys, integer, isPlainObject } from '../options/option-checks.js';
import { slidingWindowHit, tokenBucketHit, type BucketState, type WindowState } from './rate-math.js';
import type { BanPolicy, RateResult, RateRule, StrikeResult, WafStore } from './store.js';

/**
 * Options of {@link memoryStore}.
 *
 * @example
 * ```ts
 * memoryStore({ maxKeys: 50_000 });
 * ```
 */
export interface MemoryStoreOptions {
  /**
   * Clients tracked at most (per kind: rate limits, attack counts, bans). Past it, expired entries are swept
   * and then the oldest are evicted, so an address-spraying flood costs bounded memory (at worst a client's
   * count starts over). Default 100,000 (roughly 10–20 MB).
   */
  readonly maxKeys?: number;
}

interface RateEntry {
  readonly kind: 'window' | 'bucket';
  readonly state: WindowState & BucketState;
  /** When the entry no longer affects any answer. */
  expiresAt: number;
}

interface StrikeEntry {
  count: number;
  expiresAt: number;
}

/** Inserts with a bound: sweeps expired entries, then evicts the oldest inserted. */
function boundedSet<V extends { expiresAt: number }>(
  map: Map<string, V>,
  key: string,
  value: V,
  max: number,
  now: number,
) {
  if (map.size >= max) {
    for (const [k, v] of map) if (v.expiresAt <= now) map.delete(k);
    while (map.size >= max) {
      const oldest = map.keys().next();
      if (oldest.done) break;
      map.delete(oldest.value);
    }
  }
  map.set(key, value);
}

/**
 * The default store: state in this process's memory. Right for one instance; apps running several
 * instances behind a load balancer share state with {@link redisStore} instead (each instance would
 * otherwise allow `limit` requests of its own).
 *
 * @example
 * ```ts
 * app.use(waf({ rateLimit: { limit: 100, windowMs: 60_000 }, store: memoryStore({ maxKeys: 20_000 }) }));
 * ```
 */
export function memoryStore(options?: MemoryStoreOptions): WafStore {
  return createMemoryStore(options, Date.now);
}

/** {@link memoryStore} with an explicit clock (simulations and the store's own unit tests). */
export function createMemoryStore(options: MemoryStoreOptions | undefined, clock: () => number): WafStore {
  if (options !== undefined && !isPlainObject(options))
    fail('memoryStore()', 'options must be an object, e.g. `memoryStore({ maxKeys: 50_000 })`.');
  checkKeys('memoryStore()', '', options ?? {}, ['maxKeys']);
  const maxKeys = integer('memoryStore()', 'maxKeys', options?.maxKeys, 100_000, 1, 100_000_000);
  const rates = new Map<string, RateEntry>();
  const strikes = new Map<string, StrikeEntry>();
  const bans = new Map<string, { expiresAt: number }>();

  function hit(key: string, rule: RateRule): RateResult {
    const now = clock();
    const kind = rule.algorithm === 'token-bucket' ? 'bucket' : 'window';
    let entry = rates.get(key);
    if (entry === undefined || entry.kind !== kind) {
      entry = {
        kind,
        state: { start: -Infinity, current: 0, previous: 0, tokens: rule.limit, updatedAt: now },
        expiresAt: 0,
      };
      boundedSet(rates, key, entry, maxKeys, now);
    }
    if (kind === 'bucket') {
      const result = tokenBucketHit(entry.state, rule.limit, rule.windowMs, now);
      // A bucket left alone refills completely within `windowMs`: after that, a fresh entry is the same.
      entry.expiresAt = now + rule.windowMs;
      return result;
    }
    const result = slidingWindowHit(entry.state, rule.limit, rule.windowMs, now);
    entry.expiresAt = entry.state.start + 2 * rule.windowMs;
    return result;
  }

  function strike(key: string, policy: BanPolicy): StrikeResult {
    const now = clock();
    let entry = strikes.get(key);
    if (entry === undefined || entry.expiresAt <= now) {
      entry = { count: 0, expiresAt: now + policy.windowMs };
      boundedSet(strikes, key, entry, maxKeys, now);
    }
    entry.count++;
    if (entry.count < policy.threshold) return { count: entry.count, banned: false };
    strikes.delete(key);
    bans.delete(key);
    boundedSet(bans, key, { expiresAt: now + policy.durationMs }, maxKeys, now);
    return { count: entry.count, banned: true };
  }

  function bannedFor(key: string): number {
    const ban = bans.get(key);
    if (ban === undefined) return 0;
    const left = ban.expiresAt - clock();
    if (left > 0) return left;
    bans.delete(key);
    return 0;
  }

  return {
    name: 'memory',
    hit: (key, rule) => Promise.resolve(hit(key, rule)),
    strike: (key, policy) => Promise.resolve(strike(key, policy)),
    bannedFor: (key) => Promise.resolve(bannedFor(key)),
    async close() {
      rates.clear();
      strikes.clear();
      bans.clear();
    },
  };
}
