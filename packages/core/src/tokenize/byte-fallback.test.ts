import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BYTE_TOKENS, decodeWtf8, pushUtf8Bytes } from './byte-fallback.js';

function bytesOf(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    pushUtf8Bytes(cp, bytes);
    i += cp > 0xffff ? 2 : 1;
  }
  return bytes;
}

describe('byte fallback', () => {
  it('names the 256 byte tokens <0x00> … <0xFF>', () => {
    expect(BYTE_TOKENS).toHaveLength(256);
    expect(BYTE_TOKENS[0]).toBe('<0x00>');
    expect(BYTE_TOKENS[0x0a]).toBe('<0x0A>');
    expect(BYTE_TOKENS[255]).toBe('<0xFF>');
  });

  it('writes UTF-8, as TextEncoder does for well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(bytesOf(text)).toEqual([...new TextEncoder().encode(text)]);
      }),
    );
  });

  it('writes lone surrogates as WTF-8 and reads them back', () => {
    expect(bytesOf('\ud800')).toEqual([0xed, 0xa0, 0x80]);
    expect(bytesOf('\udfff')).toEqual([0xed, 0xbf, 0xbf]);
    expect(decodeWtf8([0xed, 0xa0, 0x80])).toBe('\ud800');
  });

  it('round-trips every string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(decodeWtf8(bytesOf(text))).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('turns bytes that form no character into U+FFFD, never throwing', () => {
    expect(decodeWtf8([0xff])).toBe('\ufffd');
    expect(decodeWtf8([0xc3])).toBe('\ufffd');
    expect(decodeWtf8([0xc0, 0xaf])).toBe('\ufffd\ufffd'); // overlong '/'
    expect(decodeWtf8([0xe0, 0x80, 0xaf])).toBe('\ufffd\ufffd\ufffd');
    expect(decodeWtf8([0xf4, 0x90, 0x80, 0x80])).toBe('\ufffd'.repeat(4)); // above U+10FFFF
    expect(decodeWtf8([0x41, 0x80, 0x42])).toBe('A\ufffdB');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 })), (bytes) => {
        expect(typeof decodeWtf8(bytes)).toBe('string');
      }),
    );
  });
});
