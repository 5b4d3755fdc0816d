import { describe, expect, it } from 'vitest';
import { encodeParsedBody } from './encode-parsed-body.js';

const decode = (r: ReturnType<typeof encodeParsedBody>) =>
  r && { text: Buffer.from(r.bytes).toString(), contentType: r.contentType };

describe('encodeParsedBody', () => {
  it('re-encodes JSON objects as JSON, keeping keys a parser would drop from objects', () => {
    const body = JSON.parse('{"__proto__":{"admin":true},"q":"x"}');
    expect(decode(encodeParsedBody(body, 'application/json', 512))).toEqual({
      text: '{"__proto__":{"admin":true},"q":"x"}',
      contentType: 'application/json',
    });
  });

  it('re-encodes urlencoded and multer fields as a form with bracketed keys', () => {
    expect(
      decode(
        encodeParsedBody(
          { user: { name: "o'brien", langs: ['de', 'fr'] }, empty: null },
          'application/x-www-form-urlencoded',
          512,
        ),
      ),
    ).toEqual({
      text: "user%5Bname%5D=o'brien&user%5Blangs%5D%5B0%5D=de&user%5Blangs%5D%5B1%5D=fr&empty=",
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(
      decode(encodeParsedBody({ caption: 'hi' }, 'multipart/form-data; boundary=x', 512))?.contentType,
    ).toBe('application/x-www-form-urlencoded');
  });

  it('passes strings and bytes through', () => {
    expect(decode(encodeParsedBody('hello', 'text/plain', 512))).toEqual({
      text: 'hello',
      contentType: 'text/plain',
    });
    expect(decode(encodeParsedBody(Buffer.from([1, 2]), 'application/octet-stream', 512))?.text).toBe(
      '\u0001\u0002',
    );
  });

  it('returns nothing for empty bodies', () => {
    for (const body of [undefined, null, '', {}, Buffer.alloc(0)])
      expect(encodeParsedBody(body, 'application/json', 512)).toBeUndefined();
  });

  it('survives cycles and BigInts, bounded by the field limit', () => {
    const cyclic: Record<string, unknown> = { a: 'x', big: 10n };
    cyclic.self = cyclic;
    cyclic.again = cyclic;
    const r = decode(encodeParsedBody(cyclic, 'application/json', 8));
    expect(r?.contentType).toBe('application/x-www-form-urlencoded');
    expect(r!.text.split('&').length).toBeLessThanOrEqual(16);
    expect(r!.text).toContain('a=x');
  });
});
