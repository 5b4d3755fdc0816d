import { describe, expect, it } from 'vitest';
import { WaferError } from '../errors.js';
import { createNormalizer, normalize, type NormalizerOptions } from './pipeline.js';

const value = (raw: string, options?: NormalizerOptions) => normalize(raw, options).value;

describe('normalize: attack evasions', () => {
  it('decodes encoded traversal', () => {
    expect(value('%252e%252e%252fetc%252fpasswd')).toBe('../etc/passwd');
    expect(value('%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd')).toBe('../../etc/passwd');
    expect(value('/static/%2e%2e/%2e%2e/etc/passwd', { pathNormalize: true })).toBe('/../etc/passwd');
    expect(value('..%5c..%5cwindows%5cwin.ini', { pathNormalize: true })).toBe('../../windows/win.ini');
    expect(value('..%c0%af..%c0%afetc/passwd', { pathNormalize: true })).toBe('../../etc/passwd');
  });

  it('decodes XSS in every encoding', () => {
    expect(value('%3Cscript%3Ealert(1)%3C%2Fscript%3E')).toBe('<script>alert(1)</script>');
    expect(value('&#x3C;script&#x3E;')).toBe('<script>');
    expect(value('\\u003cimg src=x onerror=alert(1)\\u003e')).toBe('<img src=x onerror=alert(1)>');
    expect(value('＜script＞')).toBe('<script>');
    expect(value('%EF%BC%9Cscript%EF%BC%9E')).toBe('<script>');
    expect(value('%26lt%3BSCRIPT%26gt%3B')).toBe('<script>');
    expect(value('&#x25;3Csvg/onload=alert(1)&#x25;3E')).toBe('<svg/onload=alert(1)>');
    expect(value('<a href="&#x6A;avascript&colon;alert(1)">')).toBe('<a href="javascript:alert(1)">');
    expect(value('%u003Cscript%u003E')).toBe('<script>');
    expect(value('\\x253Cscript\\x253E')).toBe('<script>');
  });

  it('decodes SQL injection evasions', () => {
    expect(value('SEL/**/ECT')).toBe('sel ect');
    expect(value('UNION/**/SELECT')).toBe('union select');
    expect(value('1/*!50000UNION*//*!50000SELECT*/password')).toBe('1 union select password');
    expect(value('un%00ion sel%00ect')).toBe('union select');
    expect(value('1%09UNION%0BSELECT')).toBe('1 union select');
    expect(value("1'%20OR%20'1'='1'--")).toBe("1' or '1'='1'--");
    expect(value('ＵＮＩＯＮ　ＳＥＬＥＣＴ')).toBe('union select');
    expect(value('1+UNION+SELECT+%2B1', { plusAsSpace: true })).toBe('1 union select +1');
    expect(value('1%2F**%2FUNION%2F**%2FSELECT')).toBe('1 union select');
  });

  it('keeps CRLF injection evidence as a line break', () => {
    const r = normalize('%0d%0aSet-Cookie:%20admin=1');
    expect(r.value).toBe('\nset-cookie: admin=1');
    expect(r.transforms).toEqual(['url-decode', 'whitespace', 'case-fold']);
  });

  it('decodes Log4Shell and SSTI obfuscations', () => {
    expect(value('%24%7Bjndi:ldap://x/a%7D')).toBe('${jndi:ldap://x/a}');
    expect(value('$%7BJNDI:LDAP://x%7D')).toBe('${jndi:ldap://x}');
    expect(value('&#123;&#123;7*7&#125;&#125;')).toBe('{{7*7}}');
  });
});

describe('normalize: benign input stays readable', () => {
  it.each([
    ["O'Brien", "o'brien"],
    ['50% off', '50% off'],
    ['C:\\users\\xavier', 'c:\\users\\xavier'],
    ['a+b=c', 'a+b=c'],
    ['Grüße', 'grüße'],
    ['東京', '東京'],
    ['😀 👍🏽 👨‍👩‍👧', '😀 👍🏽 👨‍👩‍👧'],
    ['3 < 5 && 6 > 2', '3 < 5 && 6 > 2'],
    ['Fish &amp; Chips', 'fish & chips'],
    ['AT&T', 'at&t'],
    ['caf%C3%A9', 'café'],
    ['caf%E9', 'café'],
    ['text/html,application/xhtml+xml,*/*;q=0.8', 'text/html,application/xhtml+xml,*/*;q=0.8'],
  ])('%j → %j', (raw, expected) => {
    expect(value(raw)).toBe(expected);
  });

  it('reads + as a space only in the query/form profile', () => {
    expect(value('a+b=c', { plusAsSpace: true })).toBe('a b=c');
    expect(value('a%2Bb', { plusAsSpace: true })).toBe('a+b');
  });

  it('keeps case when asked', () => {
    expect(value('%3CScript%3E', { caseFold: false })).toBe('<Script>');
  });
});

describe('createNormalizer', () => {
  it('returns the same string and shared empty transforms when nothing applies', () => {
    const n = createNormalizer();
    for (const raw of ['shoes', '42', 'a-b_c.d', "o'brien", '', '3 < 5']) {
      const r = n(raw);
      expect(r.value).toBe(raw);
      expect(r.transforms).toHaveLength(0);
      expect(Object.isFrozen(r.transforms)).toBe(true);
      expect(r.roundsExhausted).toBe(false);
      expect(r.context).toEqual({ badPercentEncoding: false, invalidUtf8: false, overlongUtf8: false });
    }
    expect(createNormalizer({ pathNormalize: true })('/api/v1/users/42').transforms).toHaveLength(0);
  });

  it('returns the same string when the slow path changes nothing', () => {
    const r = normalize('東京 50% off');
    expect(r.value).toBe('東京 50% off');
    expect(r.transforms).toEqual([]);
    expect(r.context.badPercentEncoding).toBe(true);
  });

  it('lists transforms in first-applied order, without duplicates', () => {
    expect(normalize('%253Cscript%253E%u0041').transforms).toEqual(['url-decode', 'js-escapes', 'case-fold']);
    expect(normalize('a+%2B&lt;', { plusAsSpace: true }).transforms).toEqual([
      'plus-as-space',
      'url-decode',
      'html-entities',
    ]);
    expect(normalize('%c0%ae%c0%ae/').transforms).toEqual(['url-decode', 'overlong-utf8']);
    expect(normalize('/a/./b', { pathNormalize: true }).transforms).toEqual(['path-normalize']);
    expect(normalize('\\x41').transforms).toEqual(['js-escapes', 'case-fold']);
  });

  it('reports decoder flags', () => {
    expect(normalize('%zz').context.badPercentEncoding).toBe(true);
    expect(normalize('%E9').context.invalidUtf8).toBe(true);
    expect(normalize('%c0%af').context.overlongUtf8).toBe(true);
  });

  it('re-runs the decoders when a late step creates decodable text', () => {
    // whitespace removes the zero-width space, which creates %3C; the next round decodes it.
    expect(value('%\u200b3Cscript>')).toBe('<script>');
    expect(normalize('%\u200b3Cscript>').transforms).toEqual(['whitespace', 'case-fold', 'url-decode']);
    // lower-casing can undo NFKC: there is a precomposed small w with ring above, no capital.
    expect(value('W\u030a')).toBe('\u1e98');
    expect(value('J\u030c')).toBe('\u01f0');
    // path-normalize turns \ into /, creating a comment.
    expect(value('1\\*x*\\2', { pathNormalize: true })).toBe('1 2');
  });

  it('decodes layered encodings across schemes', () => {
    expect(value('&#x25;26#x25;3C')).toBe('<'); // html → url → html → url
    expect(normalize('&#x25;26#x25;3C').roundsExhausted).toBe(false);
  });

  it('sets roundsExhausted when maxRounds stops it', () => {
    const r = normalize('&#x25;26#x25;3C', { maxRounds: 1 });
    expect(r.roundsExhausted).toBe(true);
    expect(normalize('%3C', { maxRounds: 1 }).roundsExhausted).toBe(false);
  });

  it('rejects invalid options with WAFER_ERR_INVALID_OPTION', () => {
    const bad: unknown[] = [
      { maxRounds: 0 },
      { maxRounds: 1.5 },
      { maxRounds: 1000 },
      { caseFold: 'yes' },
      { plusAsSpcae: true },
      null,
      'plain',
    ];
    for (const options of bad) {
      expect(() => createNormalizer(options as NormalizerOptions)).toThrow(WaferError);
      try {
        createNormalizer(options as NormalizerOptions);
      } catch (error) {
        expect((error as WaferError).code).toBe('WAFER_ERR_INVALID_OPTION');
      }
    }
  });
});
