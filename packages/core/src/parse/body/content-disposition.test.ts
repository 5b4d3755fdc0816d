import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeExtValue, parseContentDisposition } from './content-disposition.js';

describe('parseContentDisposition', () => {
  it('parses form-data name and filename', () => {
    const parsed = parseContentDisposition('Form-Data; name="avatar"; filename="me.png"');
    expect(parsed.type).toBe('form-data');
    expect({ ...parsed.params }).toEqual({ name: 'avatar', filename: 'me.png' });
  });

  it('handles escaped quotes, unquoted values and Windows paths', () => {
    expect({ ...parseContentDisposition('form-data; name=plain; filename="a\\"b.txt"').params }).toEqual({
      name: 'plain',
      filename: 'a"b.txt',
    });
    expect(
      parseContentDisposition('form-data; name="f"; filename="C:\\Users\\x.txt"').params['filename'],
    ).toBe('C:\\Users\\x.txt');
  });

  it('prefers a decoded filename* (RFC 5987) over filename, in either order', () => {
    const a = parseContentDisposition(
      `form-data; name="d"; filename="euro.txt"; filename*=UTF-8''%E2%82%AC.txt`,
    );
    const b = parseContentDisposition(
      `form-data; filename*=UTF-8''%E2%82%AC.txt; name="d"; filename="euro.txt"`,
    );
    expect(a.params['filename']).toBe('€.txt');
    expect(b.params['filename']).toBe('€.txt');
    expect(parseContentDisposition(`form-data; filename*=broken; filename="x"`).params['filename']).toBe('x');
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(typeof parseContentDisposition(value).type).toBe('string');
      }),
    );
  });
});

describe('decodeExtValue', () => {
  it('decodes UTF-8 and ISO-8859-1 ext-values', () => {
    expect(decodeExtValue("UTF-8''%E2%82%AC%20rates")).toBe('€ rates');
    expect(decodeExtValue("utf-8'en'a+b")).toBe('a+b');
    expect(decodeExtValue("iso-8859-1'en'%A3")).toBe('£');
    expect(decodeExtValue('no-quotes')).toBeUndefined();
    expect(decodeExtValue("one'quote")).toBeUndefined();
  });
});
