import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexValue, percentDecode } from './percent-decode.js';

describe('percentDecode', () => {
  it('decodes %XX runs as UTF-8 and + as space when asked', () => {
    expect(percentDecode('a%5Bb%5D+c', true)).toBe('a[b] c');
    expect(percentDecode('a+b', false)).toBe('a+b');
    expect(percentDecode('%E2%82%AC%20', false)).toBe('€ ');
    expect(percentDecode('%e2%82%ac', false)).toBe('€');
  });

  it('keeps invalid sequences and replaces invalid UTF-8 with U+FFFD', () => {
    expect(percentDecode('100%', true)).toBe('100%');
    expect(percentDecode('%zz%4', true)).toBe('%zz%4');
    expect(percentDecode('%%41', true)).toBe('%A');
    expect(percentDecode('%C0%AF', false)).toBe('\uFFFD\uFFFD'); // overlong `/`: not decoded to `/`
    expect(percentDecode('%FF', false)).toBe('\uFFFD');
    expect(percentDecode('%EF%BB%BFa', false)).toBe('\uFEFFa'); // a BOM is content, not stripped
  });

  it('returns the same string when there is nothing to decode', () => {
    const text = 'plain_name.value-1';
    expect(percentDecode(text, true)).toBe(text);
  });

  it('keeps literal non-ASCII characters next to percent sequences (WHATWG, not Node 20 URLSearchParams)', () => {
    // WHATWG UTF-8-encodes the string first, so `é` stays `é`; Node 20's URLSearchParams reads it as a
    // Latin-1 byte once a `%` is present and gives U+FFFD.
    expect(percentDecode('%41%zzé', true)).toBe('A%zzé');
    expect(percentDecode('%E2%82\u0080', false)).toBe('\uFFFD\u0080');
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (text, plus) => {
        expect(typeof percentDecode(text, plus)).toBe('string');
      }),
    );
  });

  it('matches URLSearchParams on ASCII form names', () => {
    const piece = fc.constantFrom(
      '%',
      '+',
      '%2',
      '%20',
      '%C3%A9',
      '%E2%82',
      '%FF',
      '%ef%bb%bf',
      '%00',
      'a',
      'Z',
      '~',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const expected = [...new URLSearchParams(text + '=').keys()][0] ?? '';
        expect(percentDecode(text, true)).toBe(expected);
      }),
    );
  });
});

describe('hexValue', () => {
  it('reads hex digits and rejects the rest', () => {
    expect(hexValue(0x30)).toBe(0);
    expect(hexValue('a'.charCodeAt(0))).toBe(10);
    expect(hexValue('F'.charCodeAt(0))).toBe(15);
    expect(hexValue('g'.charCodeAt(0))).toBe(-1);
    expect(hexValue(Number.NaN)).toBe(-1);
  });
});
