import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffBody } from './sniff.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('sniffBody', () => {
  it.each([
    ['{"user":"a"}', 'json'],
    ['\uFEFF \n [1,2]', 'json'],
    ['<?xml version="1.0"?><a/>', 'xml'],
    ['  <html><body>hi</body></html>', 'xml'],
    ['a=1&b=2', 'form'],
    ['q=<script>alert(1)</script>', 'form'],
    ['user%5Bname%5D=x', 'form'],
    ['hello world', 'text'],
    ['=value', 'text'],
    ['&a=1', 'text'],
    ['a b=1', 'text'],
    ['SELECT * FROM users', 'text'],
    ['', 'text'],
    ['   ', 'text'],
  ] as const)('%j → %s', (body, kind) => {
    expect(sniffBody(bytes(body))).toBe(kind);
  });

  it('sees binary: NUL bytes or more than 10% controls / invalid UTF-8', () => {
    expect(sniffBody(new Uint8Array([0x7b, 0x00, 0x7d]))).toBe('binary');
    expect(sniffBody(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x41, 0x42]))).toBe('binary');
    expect(sniffBody(bytes('{"a":"12\x01"}'))).toBe('json'); // 1 control in 11 bytes
    expect(sniffBody(bytes('{"a":"\x01"}'))).toBe('binary'); // 1 control in 9 bytes
  });

  it('only looks at the first 2 KB', () => {
    const body = new Uint8Array(10_000).fill(0x41);
    body[5000] = 0;
    expect(sniffBody(body)).toBe('text');
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (data) => {
        expect(['json', 'form', 'xml', 'text', 'binary']).toContain(sniffBody(data));
      }),
    );
  });
});
