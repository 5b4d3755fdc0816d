/** A rate-limit rule with its defaults applied. */
export interface RateRule {
  readonly limit: number;
  readonly windowMs: number;
  readonly algorithm: 'sliding-window' | 'token-bucket';
}

/** A ban rule with its defaults applied. */
export interface BanPolicy {
  readonly threshold: number;
  readonly windowMs: number;
  readonly durationMs: number;
}

/** The answer to one rate-limited request. */
export interface RateResult {
  readonly allowed: boolean;
  /** Requests left after this one (0 when refused). */
  readonly remaining: number;
  /** When refused: milliseconds until a request would be allowed again; 0 when allowed. */
  readonly retryAfterMs: number;
}

/** The answer to one recorded attack. */
export interface StrikeResult {
  /** Attacks counted in the current window, this one included. */
  readonly count: number;
  /** This attack reached the threshold: the client is now banned for `durationMs`. */
  readonly banned: boolean;
}

/**
 * Where rate-limit and ban state lives. Three operations, each atomic per key, so several app instances can
 * share one store (the Redis store runs each as one Lua script). Keys are built by the middleware
 * (`rl:g:203.0.113.7`, `rl:r2:2001:db8:1:2::/64`, `ban:203.0.113.7`); a store only namespaces them.
 *
 * Implementations must never throw synchronously; a rejected promise (or one slower than the middleware's
 * `storeTimeoutMs`) makes the middleware skip the check for that request and count a store error.
 *
 * @example
 * ```ts
 * const store: WafStore = memoryStore();
 * const { allowed, retryAfterMs } = await store.hit('rl:g:203.0.113.7', { limit: 10, windowMs: 1000, algorithm: 'token-bucket' });
 * ```
 */
export interface WafStore {
  /** `memory`, `redis`, … (reported in stats). */
  readonly name: string;
  /** Counts one request against `rule` and says whether it is allowed. Refused requests are not counted. */
  hit(key: string, rule: RateRule): Promise<RateResult>;
  /** Records one attack; bans `key` for `durationMs` when `threshold` attacks fall in one window. */
  strike(key: string, policy: BanPolicy): Promise<StrikeResult>;
  /** Milliseconds left on `key`'s ban; 0 when it is not banned. */
  bannedFor(key: string): Promise<number>;
  /** Releases what the store itself created (timers, connections it opened). */
  close?(): Promise<void>;
}
