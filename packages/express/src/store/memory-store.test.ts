import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';

// The arithmetic with a controlled clock; the same behaviours in real time, for every store, are in
// test/support/store-conformance.ts.
function clocked() {
  let now = 1_000_000;
  const store = createMemoryStore({ maxKeys: 3 }, () => now);
  return { store, advance: (ms: number) => (now += ms), at: (ms: number) => (now = ms) };
}

describe('memory store arithmetic', () => {
  it('sliding window: weighs the previous window by its overlap, and the retry time is exact', async () => {
    const { store, at } = clocked();
    const rule = { limit: 10, windowMs: 1000, algorithm: 'sliding-window' as const };
    at(5000);
    for (let i = 0; i < 10; i++) expect((await store.hit('k', rule)).allowed).toBe(true);
    const refused = await store.hit('k', rule);
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1100 });
    // At 6100 the previous window (10) weighs 0.9: 9 + 0 + 1 ≤ 10.
    at(6099);
    expect((await store.hit('k', rule)).allowed).toBe(false);
    at(6100);
    expect(await store.hit('k', rule)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    // A window with no traffic in between resets the weight.
    at(8500);
    expect((await store.hit('k', rule)).remaining).toBe(9);
  });

  it('token bucket: refills at limit/windowMs and answers the exact wait', async () => {
    const { store, advance } = clocked();
    const rule = { limit: 4, windowMs: 1000, algorithm: 'token-bucket' as const };
    for (let i = 0; i < 4; i++) expect((await store.hit('b', rule)).remaining).toBe(3 - i);
    expect(await store.hit('b', rule)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 250 });
    advance(249);
    expect((await store.hit('b', rule)).allowed).toBe(false);
    advance(1);
    expect((await store.hit('b', rule)).allowed).toBe(true);
    advance(10_000);
    expect((await store.hit('b', rule)).remaining).toBe(3); // never more than `limit`
  });

  it('bans for exactly durationMs', async () => {
    const { store, advance } = clocked();
    const policy = { threshold: 2, windowMs: 1000, durationMs: 5000 };
    await store.strike('c', policy);
    expect((await store.strike('c', policy)).banned).toBe(true);
    expect(await store.bannedFor('c')).toBe(5000);
    advance(4999);
    expect(await store.bannedFor('c')).toBe(1);
    advance(1);
    expect(await store.bannedFor('c')).toBe(0);
  });

  it('stays within maxKeys under an address-spraying flood, expired entries first', async () => {
    const { store, advance } = clocked();
    const rule = { limit: 1, windowMs: 1000, algorithm: 'sliding-window' as const };
    await store.hit('old', rule);
    advance(5000); // 'old' has expired
    await store.hit('a', rule);
    await store.hit('b', rule);
    await store.hit('c', rule); // evicts 'old' (expired), not 'a'
    expect((await store.hit('a', rule)).allowed).toBe(false);
    for (let i = 0; i < 1000; i++) await store.hit(`spray-${i}`, rule);
    // 'a' was evicted by the flood: its count starts over (the documented cost of a bounded store).
    expect((await store.hit('a', rule)).allowed).toBe(true);
  });

  it('validates its options', () => {
    expect(() => createMemoryStore({ maxKey: 5 } as never, Date.now)).toThrow(/Did you mean `maxKeys`/);
    expect(() => createMemoryStore({ maxKeys: 0 }, Date.now)).toThrow(/maxKeys/);
  });
});
