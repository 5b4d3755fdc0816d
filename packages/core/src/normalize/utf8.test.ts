import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Lenient, decodeUtf8Strict, HEX_VALUE, writeUtf8CodePoint } from './utf8.js';

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

function lenient(b: Uint8Array) {
  const flags = { invalid: false, overlong: false };
  return { text: decodeUtf8Lenient(b, b.length, flags), flags };
}

describe('utf8', () => {
  it('maps hex digits of both cases', () => {
    expect(HEX_VALUE[0x30]).toBe(0);
    expect(HEX_VALUE[0x39]).toBe(9);
    expect(HEX_VALUE[0x41]).toBe(10);
    expect(HEX_VALUE[0x66]).toBe(15);
    expect(HEX_VALUE[0x67]).toBe(-1);
    expect(HEX_VALUE[0x25]).toBe(-1);
  });

  it('decodes well-formed UTF-8 like TextDecoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const encoded = new TextEncoder().encode(text);
        const r = lenient(encoded);
        expect(r.text).toBe(text);
        expect(r.flags).toEqual({ invalid: false, overlong: false });
        expect(decodeUtf8Strict(encoded, encoded.length)).toBe(text);
      }),
    );
  });

  it('accepts overlong forms and flags them', () => {
    expect(lenient(bytes(0xc0, 0xaf))).toEqual({ text: '/', flags: { invalid: false, overlong: true } });
    expect(lenient(bytes(0xc1, 0x9c)).text).toBe('\\');
    expect(lenient(bytes(0xe0, 0x80, 0xae)).text).toBe('.');
    expect(lenient(bytes(0xf0, 0x80, 0x80, 0xbc)).text).toBe('<');
    expect(lenient(bytes(0xf0, 0x82, 0x82, 0xac)).text).toBe('€');
    expect(decodeUtf8Strict(bytes(0xc0, 0xaf), 2)).toBeUndefined();
  });

  it('reads invalid sequences byte by byte as Latin-1', () => {
    expect(lenient(bytes(0xe9, 0x74, 0xe9))).toEqual({
      text: 'été',
      flags: { invalid: true, overlong: false },
    });
    expect(lenient(bytes(0xe2, 0x82)).text).toBe('\u00e2\u0082');
    expect(lenient(bytes(0xe2, 0x82, 0xe2, 0x82, 0xac)).text).toBe('\u00e2\u0082€');
    expect(lenient(bytes(0xed, 0xb0, 0x80)).text).toBe('\u00ed\u00b0\u0080');
    expect(lenient(bytes(0xf5, 0x80, 0x80, 0x80)).text).toBe('\u00f5\u0080\u0080\u0080');
    expect(decodeUtf8Strict(bytes(0xe9), 1)).toBeUndefined();
  });

  it('never throws and yields at most one unit per byte (two for four bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const r = lenient(b);
        expect(r.text.length).toBeLessThanOrEqual(b.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes code points as UTF-8', () => {
    const buffer = new Uint8Array(4);
    for (const cp of [0x41, 0xe9, 0x20ac, 0x1f600]) {
      const end = writeUtf8CodePoint(buffer, 0, cp);
      expect([...buffer.subarray(0, end)]).toEqual([...new TextEncoder().encode(String.fromCodePoint(cp))]);
    }
  });

  it('decodes long inputs in chunks, including a pair across a chunk boundary', () => {
    const text = `${'a'.repeat(8191)}😀${'é'.repeat(10_000)}`;
    const encoded = new TextEncoder().encode(text);
    expect(lenient(encoded).text).toBe(text);
  });
});
