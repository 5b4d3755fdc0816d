import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyInput, itHonoursTheTransformContract } from './contract.test-support.js';
import { createTransformContext } from './transform.js';
import { decodePercentEncoding, urlDecode } from './url-decode.js';

function decode(input: string) {
  const context = createTransformContext();
  return { value: decodePercentEncoding(input, context), context };
}

describe('url-decode', () => {
  itHonoursTheTransformContract(urlDecode, [
    'shoes',
    "O'Brien",
    '50% off',
    'a+b=c',
    'Grüße',
    '東京',
    '😀',
    '/api/v1/users/42',
    '100%',
    '%zz',
  ]);

  it('is named url-decode', () => {
    expect(urlDecode.name).toBe('url-decode');
  });

  it('decodes single encoding, keeping + as is', () => {
    expect(decode('%3Cscript%3Ealert(1)%3C%2Fscript%3E').value).toBe('<script>alert(1)</script>');
    expect(decode('a+b%20c').value).toBe('a+b c');
    expect(decode('a%2Bb').value).toBe('a+b');
    expect(decode('caf%C3%A9').value).toBe('café');
    expect(decode('%E6%9D%B1%E4%BA%AC').value).toBe('東京');
    expect(decode('%F0%9F%98%80').value).toBe('😀');
  });

  it('decodes double and triple encoding to a fixed point in one pass', () => {
    expect(decode('%252e%252e%252f').value).toBe('../');
    expect(decode('%2541').value).toBe('A');
    expect(decode('%%341').value).toBe('A');
    expect(decode('%252525253C').value).toBe('<');
    expect(decode('%25%32%35%33%43').value).toBe('<'); // %25 %32 %35 %33 %43 → %253C → %3C → <
    expect(decode('..%255c..%255cwindows').value).toBe('..\\..\\windows');
  });

  it('decodes CRLF and NUL (later steps keep or remove them)', () => {
    expect(decode('%0d%0aSet-Cookie:%20admin=1').value).toBe('\r\nSet-Cookie: admin=1');
    expect(decode('un%00ion').value).toBe('un\0ion');
  });

  it('decodes overlong UTF-8 and flags it', () => {
    const r = decode('%c0%ae%c0%ae/%c0%afetc');
    expect(r.value).toBe('..//etc');
    expect(r.context.overlongUtf8).toBe(true);
    expect(r.context.invalidUtf8).toBe(false);
    expect(decode('%c0%af').value).toBe('/');
    expect(decode('%e0%80%af').value).toBe('/');
    expect(decode('%f0%80%80%af').value).toBe('/');
    expect(decode('%f8%80%80%80%af').value).toBe('/'); // obsolete 5-byte form
    expect(decode('%fc%80%80%80%80%af').value).toBe('/'); // obsolete 6-byte form
    expect(decode('%c0%80').value).toBe('\0');
  });

  it('re-decodes when an overlong form spells a percent sign', () => {
    const r = decode('%C0%A541');
    expect(r.value).toBe('A');
    expect(r.context.overlongUtf8).toBe(true);
  });

  it('reads invalid UTF-8 bytes as Latin-1 and flags it', () => {
    const r = decode('caf%E9');
    expect(r.value).toBe('café');
    expect(r.context.invalidUtf8).toBe(true);
    expect(decode('%E2%82').value).toBe('\u00e2\u0082'); // truncated sequence
    expect(decode('%80').value).toBe('\u0080'); // lone continuation byte
    expect(decode('%ED%A0%80').value).toBe('\u00ed\u00a0\u0080'); // encoded surrogate
    expect(decode('%F4%90%80%80').value).toBe('\u00f4\u0090\u0080\u0080'); // above U+10FFFF
    expect(decode('%FF%FE').value).toBe('\u00ff\u00fe');
    expect(decode('%C3%28').value).toBe('\u00c3('); // lead byte followed by ASCII
  });

  it('keeps malformed escapes and flags them', () => {
    for (const input of ['%zz', '%4', 'abc%', '50% off', '%u0041', '%%']) {
      const r = decode(input);
      expect(r.value, input).toBe(input);
      expect(r.context.badPercentEncoding, input).toBe(true);
    }
    const mixed = decode('%41%zz%4');
    expect(mixed.value).toBe('A%zz%4');
    expect(mixed.context.badPercentEncoding).toBe(true);
    expect(decode('%41').context.badPercentEncoding).toBe(false);
  });

  it('never lets a decoded byte join a raw non-ASCII character', () => {
    expect(decode('%C3é').value).toBe('\u00c3é');
    expect(decode('é%A9').value).toBe('é\u00a9');
  });

  it('does not crash on lone surrogates, which become U+FFFD once decoded', () => {
    expect(decode('\ud800').value).toBe('\ud800'); // no escape: untouched
    expect(decode('\ud800%41').value).toBe('\ufffdA');
    expect(decode('%41\udc00x').value).toBe('A\ufffdx');
    expect(decode('\ud83d\ude00%21').value).toBe('😀!');
  });

  it('leaves no decodable %XX and is idempotent', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const once = decode(input).value;
        expect(once).not.toMatch(/%[0-9A-Fa-f]{2}/);
        expect(decode(once).value).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips encodeURIComponent for well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const r = decode(encodeURIComponent(text));
        expect(r.value).toBe(text);
        expect(r.context.invalidUtf8).toBe(false);
        expect(r.context.overlongUtf8).toBe(false);
      }),
    );
  });
});
