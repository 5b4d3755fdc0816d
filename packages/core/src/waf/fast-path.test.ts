import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAST_PATH_MAX_LENGTH, FAST_PATH_MAX_PATH_LENGTH, isInertField } from './fast-path.js';

const field = (raw: string, value = raw.toLowerCase()) => ({ raw, value });

describe('isInertField (the fast path)', () => {
  it('skips numbers, dates, versions, dotted quads and plain words', () => {
    for (const raw of [
      '42',
      '3.14',
      '2026-11-21',
      '10.0.0.1',
      'en-US',
      'running_shoes',
      'desc',
      '',
      'ABCDEF0123',
    ])
      expect(isInertField(field(raw)), raw).toBe(true);
  });

  it('scores anything with syntax, dunder names, Base64-like runs and long values', () => {
    for (const raw of [
      "1'",
      '1 or 1=1',
      'document.write', // a dot after letters: JavaScript member access
      '__proto__',
      'KikpJTAw', // Base64 of an LDAP injection, too short for the extractor's decoded variant
      'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA', // a serialized Java object, Base64
      '../etc',
      'a;id',
      '${x}',
      'x'.repeat(FAST_PATH_MAX_LENGTH + 1),
    ])
      expect(isInertField(field(raw)), raw).toBe(false);
  });

  it('checks the raw text too: a value that normalized into a word still goes to the model', () => {
    expect(isInertField({ raw: 'sel%00ect', value: 'select' })).toBe(false);
    expect(isInertField({ raw: 'abc', value: 'abc' })).toBe(true);
  });

  it('never skips a value containing a character outside [A-Za-z0-9_.-]', () => {
    const special = fc.constantFrom(...` '"<>()[]{};:,/\\|&$%=+*!?#@~^\`\n\r\t`.split(''));
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), special, fc.string({ maxLength: 20 }), (a, c, b) => {
        const raw = `${a}${c}${b}`;
        return !isInertField({ raw, value: raw.toLowerCase() });
      }),
    );
  });

  describe('the request path', () => {
    const path = (raw: string, value = raw.toLowerCase()) => ({ location: 'path' as const, raw, value });

    it('skips the paths of static assets made of plain words', () => {
      for (const raw of [
        '/presentations/logstash-monitorama-2013/images/kibana-search.png',
        '/static/js/jquery-1.10.2.min.js',
        '/favicon.ico',
        '/fonts/inter-regular.woff2',
        '/assets/IMG_2041.JPG',
      ])
        expect(isInertField(path(raw)), raw).toBe(true);
    });

    it('scores every other path: no asset, scripts, traversal, empty or hidden segments, any other character', () => {
      for (const raw of [
        '/',
        '/blog/2026/11/hello-world', // no extension: "/0x2e0x2e0x2fetc/passwd" has none either
        '/etc/passwd',
        '/includes/class_template.php', // listed as a remote-file-inclusion target in the attack data
        '/index.html',
        '/backup.zip',
        '/a/../logo.png',
        '/../x.css',
        '//evil.example/x.js',
        '/a//b.png',
        '/fonts/Inter-Regular.woff2', // a mixed-case name of 8+ characters may be Base64
        '/.env',
        '/.git/config',
        '/document.write', // code, not a file
        '/v1.2/logo.png', // a dot before the last segment
        '/img/logo..png',
        '/a;jsessionid=1.png',
        '/a%2fb.png',
        '/x/${jndi:ldap}.js',
        '/api/rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA.png', // Base64-like name
        '/__proto__/x.js',
        `/${'a'.repeat(FAST_PATH_MAX_PATH_LENGTH)}.png`,
      ])
        expect(isInertField(path(raw)), raw).toBe(false);
    });

    it('checks the raw path too, and applies only to the path (a path-like query value is scored)', () => {
      expect(isInertField({ location: 'path', raw: '/a%2Fb.png', value: '/a/b.png' })).toBe(false);
      expect(isInertField({ location: 'query', raw: '/img/a.png', value: '/img/a.png' })).toBe(false);
      expect(isInertField({ location: 'path', raw: '/img/a.png', value: '/img/a.png' })).toBe(true);
    });

    it('never skips a path containing a character outside [A-Za-z0-9_./-]', () => {
      const special = fc.constantFrom(...` '"<>()[]{};:,\\|&$%=+*!?#@~^\`\n\r\t`.split(''));
      fc.assert(
        fc.property(fc.string({ maxLength: 20 }), special, fc.string({ maxLength: 20 }), (a, c, b) => {
          const raw = `/${a}${c}${b}.png`;
          return !isInertField({ location: 'path', raw, value: raw.toLowerCase() });
        }),
      );
    });
  });
});
