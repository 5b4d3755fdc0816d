/**
 * cyrb53: a fast, well-mixed 53-bit string hash. Used wherever the corpus needs a stable,
 * platform-independent number from a string (split assignment, RNG forks, record ids).
 * Not cryptographic: nothing here defends against an adversary choosing inputs.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** `hash53` as a zero-padded 14-digit hex string (stable ids). */
export function hashHex(text: string, seed = 0): string {
  return hash53(text, seed).toString(16).padStart(14, '0');
}

/** A uniform bucket in `[0, buckets)` for `text`; used for deterministic hash-based splits. */
export function hashBucket(text: string, buckets: number, seed = 0): number {
  return hash53(text, seed) % buckets;
}
