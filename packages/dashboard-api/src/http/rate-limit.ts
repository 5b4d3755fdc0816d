/**
 * A token bucket per client IP: `perMinute` requests a minute, bursts up to the same number. In memory: the
 * dashboard API is one process per database; a team running replicas behind a balancer sets it there.
 */
export function createRateLimiter(perMinute: number, now: () => number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const ratePerMs = perMinute / 60_000;
  let lastSweep = now();
  return {
    /** `0` when allowed, else the seconds to wait. */
    take(ip: string): number {
      if (perMinute === 0) return 0;
      const time = now();
      if (time - lastSweep > 60_000) {
        // Full buckets carry no information: drop them so a scan from many addresses cannot grow the map forever.
        for (const [key, b] of buckets)
          if (b.tokens + (time - b.at) * ratePerMs >= perMinute) buckets.delete(key);
        lastSweep = time;
      }
      const bucket = buckets.get(ip) ?? { tokens: perMinute, at: time };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (time - bucket.at) * ratePerMs);
      bucket.at = time;
      buckets.set(ip, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
    },
  };
}
