import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCookieHeader } from './cookies.js';

describe('parseCookieHeader', () => {
  it('splits pairs, trims, strips quotes', () => {
    expect(parseCookieHeader('sid=abc123; theme="dark" ;  lang = en ')).toEqual([
      { kind: 'value', name: 'sid', segments: ['sid'], raw: 'abc123' },
      { kind: 'value', name: 'theme', segments: ['theme'], raw: 'dark' },
      { kind: 'value', name: 'lang', segments: ['lang'], raw: 'en' },
    ]);
  });

  it('gives a pair without `=` an empty name, like browsers', () => {
    expect(parseCookieHeader('flag; a=1')).toEqual([
      { kind: 'value', name: '', segments: [''], raw: 'flag' },
      { kind: 'value', name: 'a', segments: ['a'], raw: '1' },
    ]);
  });

  it('keeps duplicates, `=` inside values, unbalanced quotes, and encoded text as is', () => {
    const params = parseCookieHeader('a=1;a=2;b=x=y;c="open;d=%3Cscript%3E;;e=""');
    expect(params.map((p) => [p.name, p.raw])).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['b', 'x=y'],
      ['c', '"open'],
      ['d', '%3Cscript%3E'],
      ['e', ''],
    ]);
  });

  it('returns nothing for empty headers', () => {
    expect(parseCookieHeader('')).toEqual([]);
    expect(parseCookieHeader(' ; ;\t')).toEqual([]);
  });

  it('parses a realistic analytics cookie header', () => {
    const header =
      '_ga=GA1.2.1234567890.1700000000; _gid=GA1.2.987654321.1700000000; ' +
      'session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig; consent={"ads":false}';
    const params = parseCookieHeader(header);
    expect(params.map((p) => p.name)).toEqual(['_ga', '_gid', 'session', 'consent']);
    expect(params[3]?.raw).toBe('{"ads":false}');
  });

  it('never throws and only emits value params', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (header) => {
        for (const p of parseCookieHeader(header)) {
          expect(p.kind).toBe('value');
          expect(p.segments).toEqual([p.name]);
        }
      }),
    );
  });
});
