import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathSegments, splitTarget } from './target.js';

describe('splitTarget', () => {
  it('splits origin-form path and query', () => {
    expect(splitTarget('/a/b?x=1&y=2')).toEqual({ path: '/a/b', query: 'x=1&y=2', fragment: false });
    expect(splitTarget('/a/b')).toEqual({ path: '/a/b', query: undefined, fragment: false });
    expect(splitTarget('/?')).toEqual({ path: '/', query: '', fragment: false });
  });

  it('cuts and flags a fragment, even one containing `?`', () => {
    expect(splitTarget('/a/b?x=1#frag')).toEqual({ path: '/a/b', query: 'x=1', fragment: true });
    expect(splitTarget('/a#frag?not=query')).toEqual({ path: '/a', query: undefined, fragment: true });
    expect(splitTarget('/a?q=1?2')).toEqual({ path: '/a', query: 'q=1?2', fragment: false });
  });

  it('does not decode anything', () => {
    expect(splitTarget('/%2e%2e/a%3Fb?c=%26')).toEqual({
      path: '/%2e%2e/a%3Fb',
      query: 'c=%26',
      fragment: false,
    });
  });

  it('keeps a `//` path in origin-form (it is a path, not an authority)', () => {
    expect(splitTarget('//evil.example/x').path).toBe('//evil.example/x');
    expect(splitTarget('//evil.example/x').absolute).toBeUndefined();
  });

  it('takes the path of an absolute-form target (RFC 9112 §3.2.2)', () => {
    expect(splitTarget('http://host.example:8080/a/b?c=1#f')).toEqual({
      path: '/a/b',
      query: 'c=1',
      fragment: true,
      absolute: { scheme: 'http', authority: 'host.example:8080' },
    });
    expect(splitTarget('HTTPS://user:pw@host')).toEqual({
      path: '/',
      query: undefined,
      fragment: false,
      absolute: { scheme: 'https', authority: 'user:pw@host' },
    });
    expect(splitTarget('http://host?x')).toMatchObject({ path: '/', query: 'x' });
  });

  it('recognises authority-form (CONNECT) and asterisk-form (OPTIONS)', () => {
    expect(splitTarget('example.com:443')).toEqual({
      path: '',
      query: undefined,
      fragment: false,
      absolute: { scheme: '', authority: 'example.com:443' },
    });
    expect(splitTarget('*')).toEqual({ path: '*', query: undefined, fragment: false });
  });

  it('splits anything else leniently', () => {
    expect(splitTarget('')).toEqual({ path: '', query: undefined, fragment: false });
    expect(splitTarget('a/b?c')).toEqual({ path: 'a/b', query: 'c', fragment: false });
    expect(splitTarget('?x=1')).toEqual({ path: '', query: 'x=1', fragment: false });
    expect(splitTarget('http:/x')).toEqual({ path: 'http:/x', query: undefined, fragment: false });
    expect(splitTarget('1http://x/').absolute).toBeUndefined();
  });

  it('never throws and keeps path + query inside the target', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (target) => {
        const { path, query } = splitTarget(target);
        expect(target.includes(path)).toBe(true);
        if (query !== undefined) expect(target.includes('?' + query)).toBe(true);
      }),
    );
  });

  it('agrees with the WHATWG URL parser on origin-form path and query', () => {
    // Characters the URL parser leaves as they are in paths and queries (no dots: it resolves `..`).
    const char = fc.constantFrom(...'abcXYZ019-_~!$&()*+,;=:@%/?#');
    fc.assert(
      fc.property(fc.string({ unit: char }), (rest) => {
        const target = '/' + rest;
        const url = new URL('http://h' + target);
        const split = splitTarget(target);
        expect(split.path).toBe(url.pathname);
        expect(split.query ?? '').toBe(url.search.slice(1));
        expect(split.fragment).toBe(target.includes('#'));
      }),
    );
  });
});

describe('pathSegments', () => {
  it('drops the leading empty segment and keeps the others', () => {
    expect(pathSegments('/a/b')).toEqual(['a', 'b']);
    expect(pathSegments('/a//b/')).toEqual(['a', '', 'b', '']);
    expect(pathSegments('/')).toEqual(['']);
    expect(pathSegments('')).toEqual([]);
    expect(pathSegments('*')).toEqual(['*']);
    expect(pathSegments('/%2e%2e/x;jsessionid=1')).toEqual(['%2e%2e', 'x;jsessionid=1']);
  });

  it('round-trips: joining the segments gives the path back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (rest) => {
        expect('/' + pathSegments('/' + rest).join('/')).toBe('/' + rest);
      }),
    );
  });
});
