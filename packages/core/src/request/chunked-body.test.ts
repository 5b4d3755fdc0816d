import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChunkedBody } from './chunked-body.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('decodeChunkedBody', () => {
  it('decodes chunks, extensions and trailers', () => {
    const result = decodeChunkedBody(
      bytes('4\r\nWiki\r\n5;name=val\r\npedia\r\n0\r\nExpires: never\r\n\r\nNEXT'),
    );
    expect(text(result.data)).toBe('Wikipedia');
    expect(result.trailers).toEqual([['Expires', 'never']]);
    expect(text(result.rest)).toBe('NEXT');
    expect(result.error).toBeUndefined();
  });

  it('reports where and why it stopped, keeping the bad chunk in rest', () => {
    const cases: Array<[string, RegExp, string]> = [
      ['3\r\nabc\r\nzz\r\nxyz', /not hexadecimal/, 'zz\r\nxyz'],
      ['3\r\nabc\r\n10\r\nshort', /only 5 remain/, '10\r\nshort'],
      ['3\r\nabcd\r\n0\r\n\r\n', /not followed by CRLF/, '3\r\nabcd\r\n0\r\n\r\n'],
      ['3\r\nabc\r\n', /before the last chunk/, ''],
      ['3', /no line end/, '3'],
      ['fffffffffffffffffff\r\n', /too large/, 'fffffffffffffffffff\r\n'],
    ];
    for (const [input, error, rest] of cases) {
      const result = decodeChunkedBody(bytes(input));
      expect(result.error).toMatch(error);
      expect(text(result.rest)).toBe(rest);
    }
  });

  it('decodes what any chunking of any data encodes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 50 }), { maxLength: 10 }), (chunks) => {
        const encoded: number[] = [];
        for (const chunk of chunks)
          encoded.push(...bytes(`${chunk.length.toString(16)}\r\n`), ...chunk, 13, 10);
        encoded.push(...bytes('0\r\n\r\n'));
        const result = decodeChunkedBody(new Uint8Array(encoded));
        expect(result.error).toBeUndefined();
        expect(result.data).toEqual(new Uint8Array(chunks.flatMap((chunk) => [...chunk])));
      }),
    );
  });
});
