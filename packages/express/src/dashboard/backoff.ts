/**
 * Exponential backoff with "equal jitter": half of the exponential step is kept, the other half is random.
 * The random half spreads the retries of many instances after a shared outage (no thundering herd when the
 * dashboard comes back); the fixed half guarantees each retry actually backs off.
 *
 * @param attempt 0 for the first retry.
 * @example
 * ```ts
 * backoffDelay(3, 500, 30_000); // between 2,000 and 4,000 ms
 * ```
 */
export function backoffDelay(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The wait a `Retry-After` header asks for (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), in ms;
 * `undefined` when absent or unreadable.
 *
 * @example
 * ```ts
 * retryAfterMs('120', Date.now()); // 120000
 * ```
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
