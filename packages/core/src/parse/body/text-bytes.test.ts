import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryScore, looksLikeText } from './text-bytes.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('binaryScore', () => {
  it('is 0 for well-formed UTF-8 text and -1 with a NUL', () => {
    const text = bytes('héllo wörld € 😀\t\r\n');
    expect(binaryScore(text, 0, text.length)).toBe(0);
    expect(binaryScore(new Uint8Array([0x41, 0, 0x41]), 0, 3)).toBe(-1);
  });

  it('counts controls and ill-formed UTF-8', () => {
    expect(binaryScore(new Uint8Array([0x01, 0x7f, 0x1b]), 0, 3)).toBe(3);
    expect(binaryScore(new Uint8Array([0xc0, 0xaf]), 0, 2)).toBe(2); // overlong: lead and orphan
    expect(binaryScore(new Uint8Array([0xed, 0xa0, 0x80]), 0, 3)).toBe(3); // surrogate
    expect(binaryScore(new Uint8Array([0xf4, 0x90, 0x80, 0x80]), 0, 4)).toBe(4); // > U+10FFFF
  });

  it('does not count a character cut off by the window', () => {
    const euro = bytes('a€');
    expect(binaryScore(euro, 0, 3)).toBe(0);
  });

  it('agrees with TextDecoder fatal mode on whether text is well-formed', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        const noControls = data.map((b) => (b < 0x20 || b === 0x7f ? 0x41 : b));
        let wellFormed = true;
        try {
          decoder.decode(noControls);
        } catch {
          wellFormed = false;
        }
        const score = binaryScore(noControls, 0, noControls.length);
        if (wellFormed) expect(score).toBe(0);
        else if (score === 0) {
          // only a truncated final character may go uncounted
          expect(noControls[noControls.length - 1]).toBeGreaterThanOrEqual(0x80);
        }
      }),
    );
  });
});

describe('looksLikeText', () => {
  it('accepts text and rejects binary', () => {
    expect(looksLikeText(bytes('{"a":1}'))).toBe(true);
    expect(looksLikeText(new Uint8Array(0))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0xff, 0xfe, 0x41, 0x42]))).toBe(false); // 50% invalid
    expect(looksLikeText(bytes('a'.repeat(9) + '\x01'))).toBe(true); // exactly 10%
  });

  it('never throws on arbitrary bytes and ranges', () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.nat(100), fc.nat(100), (data, a, b) => {
        expect(typeof looksLikeText(data, Math.min(a, b), Math.max(a, b))).toBe('boolean');
      }),
    );
  });
});
