import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/text/csv.js';
import { decodeView } from '../src/text/decode-view.js';
import { defaultKey } from '../src/text/normalize-key.js';
import { percentDecode } from '../src/text/percent.js';

describe('defaultKey', () => {
  it('trims, percent-decodes twice, lower-cases and collapses whitespace', () => {
    expect(defaultKey('  %2527%20OR%201=1  ')).toBe("' or 1=1");
    expect(defaultKey('<SCRIPT>\n\talert(1)</script>')).toBe('<script> alert(1)</script>');
    expect(defaultKey('A  B')).toBe(defaultKey('a b'));
  });

  it('ignores case and whitespace runs (never throws)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(defaultKey(s.toUpperCase())).toBe(defaultKey(s.toUpperCase().toLowerCase()));
        expect(defaultKey(` ${s.replace(/%/g, '')}  `)).toBe(defaultKey(s.replace(/%/g, '')));
      }),
    );
  });
});

describe('percentDecode', () => {
  it('never throws and leaves malformed escapes alone', () => {
    fc.assert(fc.property(fc.string(), (s) => void percentDecode(s)));
    expect(percentDecode('%zz%41%')).toBe('%zzA%');
    expect(percentDecode('%c0%ae')).toBe('\u00c0\u00ae'); // invalid UTF-8 falls back to Latin-1
  });
});

describe('decodeView', () => {
  it('decodes the encodings payload lists use', () => {
    expect(decodeView('%253Cscript%253E')).toBe('<script>');
    expect(decodeView('&#x3C;img src=x&#62;')).toBe('<img src=x>');
    expect(decodeView('\\u003csvg')).toBe('<svg');
    expect(decodeView('UNION/**/SELECT')).toBe('union select');
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes and multi-line fields', () => {
    expect(parseCsv('a,b\n"x, ""y""","multi\nline"\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'multi\nline'],
    ]);
  });
});
