import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentDecode } from './percent-decode.js';
import { parseQueryString } from './query-string.js';

const opts = { maxPairs: 1000 };

describe('parseQueryString', () => {
  it('emits value params for plain names and no key params', () => {
    expect(parseQueryString('q=shoes&page=2', opts)).toEqual({
      params: [
        { kind: 'value', name: 'q', segments: ['q'], raw: 'shoes' },
        { kind: 'value', name: 'page', segments: ['page'], raw: '2' },
      ],
      truncated: false,
      totalPairs: 2,
    });
  });

  it('keeps values percent-encoded and decodes unusual names into key params', () => {
    const { params } = parseQueryString('x%24=%3Cb%3E&a+b=1', opts);
    expect(params).toEqual([
      { kind: 'key', name: 'x$', segments: ['x$'], raw: 'x%24' },
      { kind: 'value', name: 'x$', segments: ['x$'], raw: '%3Cb%3E' },
      { kind: 'key', name: 'a b', segments: ['a b'], raw: 'a+b' },
      { kind: 'value', name: 'a b', segments: ['a b'], raw: '1' },
    ]);
  });

  it('keeps bracket and dot names verbatim as one segment', () => {
    const { params } = parseQueryString('a[b]=1&a[]=2&a.b=3&user[$ne]=x', opts);
    expect(params.map((p) => [p.kind, p.segments])).toEqual([
      ['value', ['a[b]']],
      ['value', ['a[]']],
      ['value', ['a.b']],
      ['key', ['user[$ne]']],
      ['value', ['user[$ne]']],
    ]);
  });

  it('treats a pair without `=` as an empty value, splits at the first `=`, keeps duplicates', () => {
    const { params } = parseQueryString('flag&a=b=c&a=2&a', opts);
    expect(params.map((p) => [p.name, p.raw])).toEqual([
      ['flag', ''],
      ['a', 'b=c'],
      ['a', '2'],
      ['a', ''],
    ]);
  });

  it('skips empty pairs, does not split on `;`, emits no key for an empty name', () => {
    const result = parseQueryString('&&a=1;b=2&&=x&', opts);
    expect(result.totalPairs).toBe(2);
    expect(result.params).toEqual([
      { kind: 'value', name: 'a', segments: ['a'], raw: '1;b=2' },
      { kind: 'value', name: '', segments: [''], raw: 'x' },
    ]);
  });

  it('treats names longer than 64 characters as unusual', () => {
    const long = 'a'.repeat(65);
    expect(parseQueryString(`${'a'.repeat(64)}=1`, opts).params).toHaveLength(1);
    expect(parseQueryString(`${long}=1`, opts).params.map((p) => p.kind)).toEqual(['key', 'value']);
  });

  it('parses an analytics-style benign query', () => {
    const query =
      'utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale-2024&utm_content=hero%20banner' +
      '&gclid=Cj0KCQjw9_SnBhCsARIsAHDd8J&fbclid=IwAR2x&_ga=2.1234.5678&ref=https%3A%2F%2Fexample.com%2F';
    const { params, truncated, totalPairs } = parseQueryString(query, opts);
    expect(truncated).toBe(false);
    expect(totalPairs).toBe(8);
    expect(params.every((p) => p.kind === 'value')).toBe(true);
    expect(params.find((p) => p.name === 'ref')?.raw).toBe('https%3A%2F%2Fexample.com%2F');
  });

  it('respects maxPairs and still counts every pair', () => {
    const result = parseQueryString('a=1&b=2&&c=3&d', { maxPairs: 2 });
    expect(result.truncated).toBe(true);
    expect(result.totalPairs).toBe(4);
    expect(result.params.map((p) => p.name)).toEqual(['a', 'b']);
    expect(parseQueryString('a=1', { maxPairs: 0 })).toEqual({ params: [], truncated: true, totalPairs: 1 });
    expect(parseQueryString('', { maxPairs: 0 })).toEqual({ params: [], truncated: false, totalPairs: 0 });
    expect(parseQueryString('a=1', { maxPairs: Number.NaN }).truncated).toBe(true);
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(20), (query, maxPairs) => {
        const result = parseQueryString(query, { maxPairs });
        expect(result.params.filter((p) => p.kind === 'value').length).toBeLessThanOrEqual(maxPairs);
      }),
    );
  });

  it('finds the same pairs as URLSearchParams (ASCII input: Node 20 mis-decodes literal non-ASCII)', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      '=',
      '&',
      '+',
      '%',
      '%41',
      '%zz',
      '%C3%A9',
      '[',
      ']',
      '$',
      ';',
      '',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const query = pieces.join('');
        const values = parseQueryString(query, opts).params.filter((p) => p.kind === 'value');
        const expected = [...new URLSearchParams(query)];
        expect(values.map((p) => [p.name, percentDecode(p.raw, true)])).toEqual(expected);
      }),
    );
  });

  it('handles 10,000 pairs and a 1 MB `%25%25…` body quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `k${i}=v${i}`).join('&');
    let start = performance.now();
    const result = parseQueryString(many, { maxPairs: 20_000 });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.totalPairs).toBe(10_000);
    expect(result.params).toHaveLength(10_000);

    const truncated = parseQueryString(many, { maxPairs: 100 });
    expect(truncated.totalPairs).toBe(10_000);
    expect(truncated.params).toHaveLength(100);

    const percent = '%25'.repeat(350_000);
    start = performance.now();
    const big = parseQueryString(percent, opts);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(big.params).toHaveLength(2);
    expect(big.params[0]?.name).toBe('%'.repeat(350_000));
    expect(big.params[1]?.raw).toBe('');
  });
});
