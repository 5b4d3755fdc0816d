import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyInput, itHonoursTheTransformContract, run } from './contract.test-support.js';
import { normalizePath, pathNormalize } from './path-normalize.js';

describe('path-normalize', () => {
  itHonoursTheTransformContract(pathNormalize, [
    '/api/v1/users/42',
    '/',
    'report.pdf',
    '/static/app.js',
    '/.well-known/security.txt',
    '../../etc/passwd',
    '/../etc/passwd',
    '..',
    '/a/b/',
    '.../x',
    '/東京/😀',
  ]);

  it('keeps .. that climbs above the start: the escape is the evidence', () => {
    expect(run(pathNormalize, '/static/../../etc/passwd')).toBe('/../etc/passwd');
    expect(normalizePath('../../etc/passwd')).toBe('../../etc/passwd');
    expect(normalizePath('a/../../b')).toBe('../b');
    expect(normalizePath('/..')).toBe('/..');
  });

  it('resolves segment/.. pairs and . segments', () => {
    expect(normalizePath('a/b/../c')).toBe('a/c');
    expect(normalizePath('/static/x/../../../etc/passwd')).toBe('/../etc/passwd');
    expect(normalizePath('/./a/./b')).toBe('/a/b');
    expect(normalizePath('./a')).toBe('a');
    expect(normalizePath('/a/..')).toBe('/');
    expect(normalizePath('a/..')).toBe('');
    expect(normalizePath('a/b/..')).toBe('a/');
    expect(normalizePath('a/.')).toBe('a/');
  });

  it('turns backslashes into slashes and collapses runs of slashes', () => {
    expect(normalizePath('..\\..\\windows\\win.ini')).toBe('../../windows/win.ini');
    expect(normalizePath('//etc//passwd')).toBe('/etc/passwd');
    expect(normalizePath('C:\\users\\xavier\\file.txt')).toBe('C:/users/xavier/file.txt');
  });

  it('keeps a trailing slash', () => {
    expect(normalizePath('/a//b/')).toBe('/a/b/');
    expect(normalizePath('/../')).toBe('/../');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const once = normalizePath(input);
        expect(normalizePath(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
