// One suite for every WafStore implementation (memory, Redis): the middleware relies on exactly these
// behaviours, whatever holds the state. Real time throughout (the Redis store reads the server's clock).
import { describe, expect, it } from 'vitest';
import type { WafStore } from '../../src/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function storeConformance(
  name: string,
  make: () => WafStore | undefined,
  skipReason?: string | null,
): void {
  describe(`${name} (WafStore conformance)`, () => {
    if (skipReason) {
      it.skip(`skipped: ${skipReason}`, () => undefined);
      return;
    }
    let n = 0;
    const key = () => `conformance:${name}:${process.pid}:${Date.now()}:${n++}`;

    it('sliding window: allows `limit` per window, refuses the next with a usable retry time', async () => {
      const store = make()!;
      const k = key();
      const rule = { limit: 3, windowMs: 400, algorithm: 'sliding-window' as const };
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await store.hit(k, rule));
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
      expect(results.slice(0, 3).map((r) => r.remaining)).toEqual([2, 1, 0]);
      const refused = results[3]!;
      expect(refused.remaining).toBe(0);
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(2 * rule.windowMs);
      // Refused requests are not counted: after the announced wait, one more is allowed.
      await sleep(refused.retryAfterMs + 30);
      expect((await store.hit(k, rule)).allowed).toBe(true);
      await store.close?.();
    });

    it('token bucket: bursts to `limit`, then refills continuously', async () => {
      const store = make()!;
      const k = key();
      const rule = { limit: 2, windowMs: 300, algorithm: 'token-bucket' as const };
      const results = [await store.hit(k, rule), await store.hit(k, rule), await store.hit(k, rule)];
      expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
      expect(results[0]!.remaining).toBe(1);
      // One token takes windowMs / limit = 150 ms to come back.
      expect(results[2]!.retryAfterMs).toBeGreaterThan(0);
      expect(results[2]!.retryAfterMs).toBeLessThanOrEqual(150);
      await sleep(results[2]!.retryAfterMs + 30);
      expect((await store.hit(k, rule)).allowed).toBe(true);
      expect((await store.hit(k, rule)).allowed).toBe(false);
    });

    it('counts each key on its own', async () => {
      const store = make()!;
      const rule = { limit: 1, windowMs: 10_000, algorithm: 'sliding-window' as const };
      const [a, b] = [key(), key()];
      expect((await store.hit(a, rule)).allowed).toBe(true);
      expect((await store.hit(b, rule)).allowed).toBe(true);
      expect((await store.hit(a, rule)).allowed).toBe(false);
    });

    it('is atomic under concurrency: exactly `limit` of 40 simultaneous hits pass', async () => {
      const store = make()!;
      for (const algorithm of ['sliding-window', 'token-bucket'] as const) {
        const k = key();
        const results = await Promise.all(
          Array.from({ length: 40 }, () => store.hit(k, { limit: 10, windowMs: 60_000, algorithm })),
        );
        expect(results.filter((r) => r.allowed)).toHaveLength(10);
      }
    });

    it('bans a key when `threshold` attacks fall in one window, for `durationMs`', async () => {
      const store = make()!;
      const k = key();
      const policy = { threshold: 3, windowMs: 10_000, durationMs: 400 };
      expect(await store.bannedFor(k)).toBe(0);
      expect(await store.strike(k, policy)).toEqual({ count: 1, banned: false });
      expect(await store.strike(k, policy)).toEqual({ count: 2, banned: false });
      expect(await store.strike(k, policy)).toEqual({ count: 3, banned: true });
      const left = await store.bannedFor(k);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(400);
      await sleep(left + 30);
      expect(await store.bannedFor(k)).toBe(0);
      // The count started over with the ban.
      expect(await store.strike(k, policy)).toEqual({ count: 1, banned: false });
    });

    it('forgets attacks older than the window', async () => {
      const store = make()!;
      const k = key();
      const policy = { threshold: 2, windowMs: 200, durationMs: 10_000 };
      expect((await store.strike(k, policy)).count).toBe(1);
      await sleep(260);
      expect(await store.strike(k, policy)).toEqual({ count: 1, banned: false });
      expect(await store.bannedFor(k)).toBe(0);
    });

    it('records concurrent attacks exactly once each, and bans exactly once', async () => {
      const store = make()!;
      const k = key();
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          store.strike(k, { threshold: 5, windowMs: 60_000, durationMs: 60_000 }),
        ),
      );
      expect(results.filter((r) => r.banned)).toHaveLength(2); // the 5th and the 10th (count restarts)
      expect(await store.bannedFor(k)).toBeGreaterThan(0);
    });
  });
}
