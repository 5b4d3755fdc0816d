import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLineSearch } from './line-search.js';

/** Naive reference: first LF at or after `from` followed by `prefix`. */
function naive(haystack: Uint8Array, prefix: Uint8Array, from: number): number {
  outer: for (let i = Math.max(from, 0); i + prefix.length < haystack.length; i++) {
    if (haystack[i] !== 0x0a) continue;
    for (let j = 0; j < prefix.length; j++) if (haystack[i + 1 + j] !== prefix[j]) continue outer;
    return i;
  }
  return -1;
}

describe('compileLineSearch', () => {
  const enc = new TextEncoder();

  it('finds a prefix at line starts only', () => {
    const find = compileLineSearch(enc.encode('--xyz'));
    const hay = enc.encode('ab --xyz\n--xyz\r\n--xyz--');
    expect(find(hay, 0)).toBe(8);
    expect(find(hay, 9)).toBe(15);
    expect(find(hay, 16)).toBe(-1);
    expect(find(enc.encode('--xyz'), 0)).toBe(-1);
    expect(find(enc.encode('\n--xy'), 0)).toBe(-1);
  });

  it('agrees with a naive search', () => {
    const hay = fc
      .array(fc.constantFrom(0x0a, 0x2d, 0x61, 0x62), { maxLength: 60 })
      .map((a) => Uint8Array.from(a));
    const prefix = fc
      .array(fc.constantFrom(0x2d, 0x61, 0x62), { maxLength: 4 })
      .map((a) => Uint8Array.from(a));
    fc.assert(
      fc.property(hay, prefix, fc.integer({ min: -2, max: 65 }), (h, p, from) => {
        expect(compileLineSearch(p)(h, from)).toBe(naive(h, p, from));
      }),
    );
  });

  it('stays linear on adversarial input (long boundary, body of near-matches) and still finds matches', () => {
    const boundary = enc.encode('--' + 'a'.repeat(10_000));
    const body = new Uint8Array(1 << 20).fill(0x61);
    for (let i = 0; i < body.length; i += 5000) body.set(enc.encode('\n--'), i);
    const find = compileLineSearch(boundary);
    let start = performance.now();
    expect(find(body, 0)).toBe(-1);
    expect(performance.now() - start).toBeLessThan(1000);

    const at = body.length - boundary.length - 100;
    body[at] = 0x0a;
    body.set(boundary, at + 1);
    start = performance.now();
    expect(find(body, 0)).toBe(at);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(find(body, at + 1)).toBe(-1);
  });

  it('agrees with a naive search after falling back to the linear pass', () => {
    const prefix = enc.encode('--' + 'a'.repeat(300));
    const find = compileLineSearch(prefix);
    fc.assert(
      fc.property(fc.array(fc.nat(20_000), { maxLength: 5 }), fc.nat(20_000), (positions, from) => {
        const hay = new Uint8Array(21_000).fill(0x61);
        for (const p of positions) hay.set(enc.encode('\n--a'), Math.min(p, hay.length - 4));
        if (positions[0] !== undefined && positions[0] + 1 + prefix.length < hay.length) {
          hay[positions[0]] = 0x0a;
          hay.set(prefix, positions[0] + 1);
        }
        expect(find(hay, from)).toBe(naive(hay, prefix, from));
      }),
      { numRuns: 50 },
    );
  });
});
