import type { BanPolicy, RateResult, RateRule, WafStore } from '../store/store.js';

/** What the store said about one request. */
export interface AccessResult {
  /** Milliseconds left on the client's ban (0: not banned). */
  readonly bannedForMs: number;
  /** The first rate limit that refused the request. */
  readonly limited: RateResult | undefined;
  /** The store failed or was slower than the timeout: the checks were skipped (fail open). */
  readonly storeError: boolean;
}

const OPEN: AccessResult = { bannedForMs: 0, limited: undefined, storeError: true };

/** Keys of one client's state in the store. */
export const storeKeys = {
  ban: (client: string) => `ban:${client}`,
  globalRate: (client: string) => `rl:g:${client}`,
  routeRate: (route: number, client: string) => `rl:r${route}:${client}`,
};

/**
 * Asks the store, in parallel, whether the client is banned and whether its rate limits (global, then the
 * route's) allow one more request — within `timeoutMs`. A store that fails or answers late never blocks
 * and never hangs a request: the checks are skipped and `storeError` says so. Rate limiting protects
 * availability, and refusing all traffic because its store is down would defeat it. Never rejects.
 *
 * @example
 * ```ts
 * const access = await checkAccess(store, '203.0.113.7', { limit: 100, windowMs: 60_000, algorithm: 'sliding-window' }, undefined, 0, bans, 50);
 * if (access.limited) res.status(429).set('retry-after', String(Math.ceil(access.limited.retryAfterMs / 1000)));
 * ```
 */
export async function checkAccess(
  store: WafStore,
  client: string,
  globalRate: RateRule | undefined,
  routeRate: RateRule | undefined,
  routeIndex: number,
  bans: BanPolicy | undefined,
  timeoutMs: number,
): Promise<AccessResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const work = Promise.all([
      bans === undefined ? 0 : store.bannedFor(storeKeys.ban(client)),
      globalRate === undefined ? undefined : store.hit(storeKeys.globalRate(client), globalRate),
      routeRate === undefined ? undefined : store.hit(storeKeys.routeRate(routeIndex, client), routeRate),
    ]);
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, 'timeout');
    });
    const answer = await Promise.race([work, timeout]);
    if (answer === 'timeout') {
      work.catch(() => undefined);
      return OPEN;
    }
    const [bannedForMs, global, route] = answer;
    const limited =
      global !== undefined && !global.allowed
        ? global
        : route !== undefined && !route.allowed
          ? route
          : undefined;
    return { bannedForMs: Number(bannedForMs) || 0, limited, storeError: false };
  } catch {
    return OPEN;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
