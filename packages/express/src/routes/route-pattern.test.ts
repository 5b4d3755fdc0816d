import { describe, expect, it } from 'vitest';
import { compileRoutePattern, pathOf } from './route-pattern.js';
import { createRouteTable, type CompiledRoute } from './route-table.js';

describe('compileRoutePattern', () => {
  it.each([
    ['/login', '/login', true],
    ['/login', '/LOGIN', true],
    ['/login', '/login/', true],
    ['/login', '/login/x', false],
    ['/login', '/loginx', false],
    ['/users/:id', '/users/42', true],
    ['/users/:id', '/users/', false],
    ['/users/:id', '/users/42/posts', false],
    ['/assets/*.js', '/assets/app.js', true],
    ['/assets/*.js', '/assets/a/app.js', false],
    ['/api/**', '/api', true],
    ['/api/**', '/api/', true],
    ['/api/**', '/api/v1/users/7', true],
    ['/api/**', '/apix', false],
    ['/a/**/z', '/a/z', true],
    ['/a/**/z', '/a/b/c/z', true],
    ['/a/**/z', '/a/b/c/y', false],
    ['/file.txt', '/fileXtxt', false],
    ['/static/**', '/static/../admin', true],
    ['/admin/**', '/static/../admin', false],
    ['/admin', '/%61dmin', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(compileRoutePattern(pattern).test(path)).toBe(expected);
  });

  it('takes the path out of origin-form and absolute-form targets', () => {
    expect(pathOf('/a/b?x=1#f')).toBe('/a/b');
    expect(pathOf('/a/b#f?x')).toBe('/a/b');
    expect(pathOf('http://example.com/a/b?x=1')).toBe('/a/b');
    expect(pathOf('http://example.com?x=1')).toBe('/');
    expect(pathOf('*')).toBe('*');
  });
});

describe('createRouteTable', () => {
  const route = (index: number, pattern: string, methods?: string[]): CompiledRoute => ({
    index,
    label: pattern,
    patterns: [compileRoutePattern(pattern)],
    methods: methods ? new Set(methods) : undefined,
    skip: false,
    mode: undefined,
    thresholds: undefined,
    onError: undefined,
    rateLimit: undefined,
  });

  it('returns the first match, honours methods, and lets GET rules cover HEAD', () => {
    const table = createRouteTable([
      route(0, '/api/**', ['POST']),
      route(1, '/api/**'),
      route(2, '/page', ['GET']),
    ]);
    expect(table.match('post', '/api/x')?.index).toBe(0);
    expect(table.match('GET', '/api/x')?.index).toBe(1);
    expect(table.match('HEAD', '/page')?.index).toBe(2);
    expect(table.match('DELETE', '/page')).toBeUndefined();
    expect(createRouteTable([]).match('GET', '/')).toBeUndefined();
  });
});
