import type { RateResult } from './store.js';

// The arithmetic of both algorithms, shared by the memory store; the Redis store's Lua scripts
// (redis-scripts.ts) are the same formulas line for line, and the conformance suite holds them to it.

/** State of a weighted two-window counter: the current fixed window's start and both windows' counts. */
export interface WindowState {
  start: number;
  current: number;
  previous: number;
}

/**
 * Sliding window counter (the approximation Cloudflare popularised): the previous fixed window's count,
 * weighted by how much of it still overlaps the sliding window, plus the current window's count. Exact when
 * traffic is even, never more than `limit` in one fixed window, and O(1) memory per client.
 */
export function slidingWindowHit(
  state: WindowState,
  limit: number,
  windowMs: number,
  now: number,
): RateResult {
  const start = now - (now % windowMs);
  if (state.start !== start) {
    state.previous = start - state.start === windowMs ? state.current : 0;
    state.current = 0;
    state.start = start;
  }
  const weight = 1 - (now - start) / windowMs;
  const estimated = state.previous * weight + state.current;
  if (estimated + 1 <= limit) {
    state.current++;
    return { allowed: true, remaining: Math.floor(limit - estimated - 1), retryAfterMs: 0 };
  }
  return { allowed: false, remaining: 0, retryAfterMs: slidingRetryAfter(state, limit, windowMs, now) };
}

/** When the weighted count first leaves room for one more request. */
function slidingRetryAfter(state: WindowState, limit: number, windowMs: number, now: number): number {
  if (state.current + 1 <= limit && state.previous > 0) {
    // Room appears in this window once the previous window's weight has decayed enough.
    const at = state.start + windowMs * (1 - (limit - 1 - state.current) / state.previous);
    return Math.max(1, Math.ceil(at - now));
  }
  // This window is full: in the next one, its count becomes the decaying "previous".
  const next = state.start + windowMs;
  const at = next + windowMs * Math.max(0, 1 - (limit - 1) / state.current);
  return Math.max(1, Math.ceil(at - now));
}

/** State of a token bucket. */
export interface BucketState {
  tokens: number;
  updatedAt: number;
}

/** Token bucket: holds up to `limit` tokens, refilled at `limit / windowMs` per ms; a request takes one. */
export function tokenBucketHit(state: BucketState, limit: number, windowMs: number, now: number): RateResult {
  const rate = limit / windowMs;
  state.tokens = Math.min(limit, state.tokens + Math.max(0, now - state.updatedAt) * rate);
  state.updatedAt = now;
  if (state.tokens >= 1) {
    state.tokens -= 1;
    return { allowed: true, remaining: Math.floor(state.tokens), retryAfterMs: 0 };
  }
  return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, Math.ceil((1 - state.tokens) / rate)) };
}
