import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PathSegment, RawParam } from '../raw-param.js';
import { scanJson } from './json-scanner.js';

const opts = { maxDepth: 64, maxEntries: 10_000 };

/** Reference: the params a correct scanner emits for an already-parsed JSON value. */
function reference(value: unknown, path: PathSegment[] = [], out: RawParam[] = []): RawParam[] {
  if (typeof value === 'string') {
    const name = [...path].reverse().find((s): s is string => typeof s === 'string') ?? '';
    out.push({ segments: path, kind: 'value', name, raw: value });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => reference(item, [...path, index], out));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push({ segments: [...path, key], kind: 'key', name: key, raw: key });
      reference((value as Record<string, unknown>)[key], [...path, key], out);
    }
  }
  return out;
}

describe('scanJson', () => {
  it('locates NoSQL operator keys and nested string values', () => {
    expect(scanJson('{"user":{"$ne":null}}', opts)).toEqual({
      params: [
        { kind: 'key', name: 'user', segments: ['user'], raw: 'user' },
        { kind: 'key', name: '$ne', segments: ['user', '$ne'], raw: '$ne' },
      ],
      truncated: false,
    });
    const { params } = scanJson('{"a":[{"b":"<script>"}]}', opts);
    expect(params.at(-1)).toEqual({ kind: 'value', name: 'b', segments: ['a', 0, 'b'], raw: '<script>' });
  });

  it('names array elements after the nearest key and numbers them', () => {
    const { params } = scanJson('{"tags":["x",1,["y"]],"n":null}', opts);
    expect(params.filter((p) => p.kind === 'value')).toEqual([
      { kind: 'value', name: 'tags', segments: ['tags', 0], raw: 'x' },
      { kind: 'value', name: 'tags', segments: ['tags', 2, 0], raw: 'y' },
    ]);
  });

  it('emits prototype-pollution keys without polluting anything', () => {
    const { params } = scanJson('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":"1"}}}', opts);
    expect(params.filter((p) => p.kind === 'key').map((p) => p.segments)).toEqual([
      ['__proto__'],
      ['__proto__', 'isAdmin'],
      ['constructor'],
      ['constructor', 'prototype'],
      ['constructor', 'prototype', 'x'],
    ]);
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('unescapes RFC 8259 escapes, surrogate pairs, and keeps lone surrogates', () => {
    const { params } = scanJson(
      String.raw`["a\"b\\c\/d\b\f\n\r\t", "\u00e9\ud83d\ude00", "\ud800x", "\u003cscript\u003e"]`,
      opts,
    );
    expect(params.map((p) => p.raw)).toEqual(['a"b\\c/d\b\f\n\r\t', 'é😀', '\ud800x', '<script>']);
  });

  it('keeps the character of invalid escapes without an error', () => {
    const result = scanJson(String.raw`["\q\u12", "\x41"]`, opts);
    expect(result.params.map((p) => p.raw)).toEqual(['qu12', 'x41']);
    expect(result.error).toBeUndefined();
  });

  it('accepts top-level scalars and a BOM', () => {
    expect(scanJson('"hi"', opts).params).toEqual([{ kind: 'value', name: '', segments: [], raw: 'hi' }]);
    expect(scanJson(' -1.5e+3 ', opts)).toEqual({ params: [], truncated: false });
    expect(scanJson('\uFEFF{"a":"b"}', opts).params).toHaveLength(2);
    for (const literal of ['true', 'false', 'null', '0', '[]', '{}'])
      expect(scanJson(literal, opts).error).toBeUndefined();
  });

  it('reports structural errors with an offset, after what was emitted', () => {
    const cases: Array<[string, number, string]> = [
      ['', 0, 'unexpected end of input'],
      ['{"a":"b"', 8, 'unexpected end of input'],
      ['{"a":"b"} x', 10, 'unexpected data after the JSON value'],
      ['{"a" "b"}', 5, "expected ':'"],
      ['{a:1}', 1, 'expected a string key'],
      ['[1 2]', 3, "expected ',' or ']'"],
      ['{"a":1]', 6, "expected ',' or '}'"],
      ['[1,]', 3, 'unexpected character'],
      ['[01]', 2, "expected ',' or ']'"],
      ['[-]', 1, 'invalid number'],
      ['[1.]', 1, 'invalid number'],
      ['[tru]', 1, 'unexpected character'],
    ];
    for (const [text, offset, message] of cases) {
      expect(scanJson(text, opts).error, text).toEqual({ offset, message });
    }
    const broken = scanJson('{"ok":"yes","bad":}', opts);
    expect(broken.params.map((p) => p.raw)).toEqual(['ok', 'yes', 'bad']);
    expect(broken.error?.offset).toBe(18);
  });

  it('emits an unterminated string (it may be the payload)', () => {
    const result = scanJson('{"q":"\' OR 1=1 --', opts);
    expect(result.params.at(-1)).toEqual({ kind: 'value', name: 'q', segments: ['q'], raw: "' OR 1=1 --" });
    expect(result.error).toEqual({ offset: 5, message: 'unterminated string' });
    expect(scanJson('["ab\\', opts).params[0]?.raw).toBe('ab');
    expect(scanJson('{"unterminated key', opts).params[0]).toMatchObject({
      kind: 'key',
      raw: 'unterminated key',
    });
  });

  it('skips content deeper than maxDepth and keeps scanning shallower content', () => {
    const result = scanJson('{"a":{"b":{"c":"deep","d":["x"]}},"e":"shallow"}', {
      maxDepth: 2,
      maxEntries: 100,
    });
    expect(result.params.map((p) => p.segments)).toEqual([['a'], ['a', 'b'], ['e'], ['e']]);
    expect(result.depthExceeded).toBe(4);
    expect(result.error).toBeUndefined();
    expect(scanJson('["a"]', { maxDepth: 0, maxEntries: 100 })).toEqual({
      params: [],
      depthExceeded: 1,
      truncated: false,
    });
  });

  it('stops at maxEntries and says so', () => {
    const result = scanJson('{"a":"1","b":"2","c":"3"}', { maxDepth: 10, maxEntries: 3 });
    expect(result.params.map((p) => p.raw)).toEqual(['a', '1', 'b']);
    expect(result.truncated).toBe(true);
    expect(result.error).toBeUndefined();
    expect(scanJson('"x"', { maxDepth: 10, maxEntries: 0 }).truncated).toBe(true);
  });

  it('gives every param its own segments array', () => {
    const { params } = scanJson('{"a":{"b":"1","c":"2"}}', opts);
    const segments = params.map((p) => p.segments);
    expect(new Set(segments).size).toBe(segments.length);
    expect(segments).toEqual([['a'], ['a', 'b'], ['a', 'b'], ['a', 'c'], ['a', 'c']]);
  });

  it('scans a realistic sign-up body', () => {
    const body = JSON.stringify({
      email: 'ana@example.com',
      password: 'correct horse battery staple',
      profile: { firstName: 'Ana', lastName: "O'Brien", age: 31, newsletter: true },
      addresses: [{ street: '1 Main St', city: 'Springfield', zip: '12345' }],
    });
    const result = scanJson(body, opts);
    expect(result.error).toBeUndefined();
    expect(result.params).toEqual(reference(JSON.parse(body)));
    expect(result.params.find((p) => p.raw === "O'Brien")?.segments).toEqual(['profile', 'lastName']);
    expect(result.params.find((p) => p.raw === 'Springfield')?.segments).toEqual(['addresses', 0, 'city']);
  });

  it('agrees with JSON.parse on every valid document (compact and indented)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, indent) => {
        const text = JSON.stringify(value, null, indent ? 2 : undefined);
        const result = scanJson(text, { maxDepth: 1000, maxEntries: 1_000_000 });
        expect(result.error).toBeUndefined();
        expect(result.params).toEqual(reference(JSON.parse(text)));
      }),
    );
  });

  it('round-trips any string through JSON.stringify', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(scanJson(JSON.stringify(text), opts).params[0]?.raw).toBe(text);
        expect(scanJson(JSON.stringify({ [text]: text }), opts).params.map((p) => p.raw)).toEqual([
          text,
          text,
        ]);
      }),
    );
  });

  it('never throws on arbitrary strings and JSON-ish garbage', () => {
    const jsonish = fc.array(
      fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', 'u', '1', 'true', ' ', 'a'),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          jsonish.map((p) => p.join('')),
        ),
        fc.nat(5),
        (text, maxDepth) => {
          const result = scanJson(text, { maxDepth, maxEntries: 50 });
          expect(result.params.length).toBeLessThanOrEqual(50);
          for (const p of result.params) expect(p.segments.length).toBeLessThanOrEqual(maxDepth);
        },
      ),
    );
  });

  it('handles 100,000-deep arrays and objects without recursion, quickly', () => {
    const n = 100_000;
    let start = performance.now();
    const arrays = scanJson('['.repeat(n) + '"x"' + ']'.repeat(n), opts);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(arrays).toEqual({ params: [], depthExceeded: n, truncated: false });

    start = performance.now();
    const objects = scanJson('{"a":'.repeat(n) + '"x"' + '}'.repeat(n), opts);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(objects.params).toHaveLength(64);
    expect(objects.depthExceeded).toBe(n);
    expect(objects.error).toBeUndefined();

    const unclosed = scanJson('['.repeat(n), opts);
    expect(unclosed.error).toEqual({ offset: n, message: 'unexpected end of input' });

    const sibling = scanJson(`{"deep":${'['.repeat(n)}${']'.repeat(n)},"after":"seen"}`, opts);
    expect(sibling.params.at(-1)).toEqual({ kind: 'value', name: 'after', segments: ['after'], raw: 'seen' });
  });

  it('scans a 100 KB body with many escapes in linear time', () => {
    const value = '\\"'.repeat(50_000);
    const start = performance.now();
    const result = scanJson(`["${value}"]`, opts);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.params[0]?.raw).toBe('"'.repeat(50_000));
  });
});
