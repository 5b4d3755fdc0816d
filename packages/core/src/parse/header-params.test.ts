import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHeaderParams } from './header-params.js';

describe('parseHeaderParams', () => {
  it('parses tokens and quoted strings, lower-casing names only', () => {
    expect({ ...parseHeaderParams('; Charset=UTF-8; Boundary="A b;c"', 0) }).toEqual({
      charset: 'UTF-8',
      boundary: 'A b;c',
    });
  });

  it('unescapes only \\" and \\\\ inside quotes (Windows paths keep their backslashes)', () => {
    expect(parseHeaderParams('; a="x\\"y\\\\z"; b="C:\\dir\\f.txt"', 0)).toEqual(
      Object.assign(Object.create(null), { a: 'x"y\\z', b: 'C:\\dir\\f.txt' }),
    );
  });

  it('is lenient: unterminated quotes, junk after quotes, params without `=`, first duplicate wins', () => {
    const params = parseHeaderParams(';flag; a="open; b=1', 0);
    expect({ ...params }).toEqual({ a: 'open; b=1' });
    expect({ ...parseHeaderParams('; a="x"junk; b = 2 ; a=3; =4', 0) }).toEqual({ a: 'x', b: '2' });
  });

  it('has no prototype, so `__proto__` is a plain key', () => {
    const params = parseHeaderParams('; __proto__=x; constructor=y', 0);
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(params['__proto__']).toBe('x');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(5), (text, start) => {
        for (const value of Object.values(parseHeaderParams(text, start)))
          expect(typeof value).toBe('string');
      }),
    );
  });
});
