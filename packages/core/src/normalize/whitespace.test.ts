import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyInput, itHonoursTheTransformContract, run } from './contract.test-support.js';
import { canonicalizeWhitespace, INVISIBLE_CHARACTERS, whitespace } from './whitespace.js';

describe('whitespace', () => {
  itHonoursTheTransformContract(whitespace, [
    'shoes',
    'a b c',
    ' leading and trailing ',
    'line\nbreak',
    'a \n b',
    "O'Brien",
    '👨‍👩‍👧',
    'می‌خواهم',
    '東京',
  ]);

  it('collapses runs of spaces and tabs to one space', () => {
    expect(run(whitespace, 'UNION\t\tSELECT')).toBe('UNION SELECT');
    expect(canonicalizeWhitespace('UNION \u00a0\u2003\u3000 SELECT')).toBe('UNION SELECT');
    expect(canonicalizeWhitespace('a\v\fb')).toBe('a b');
    expect(canonicalizeWhitespace('a\u1680\u202f\u205fb')).toBe('a b');
  });

  it('keeps line breaks, collapsing each run to one \\n', () => {
    expect(canonicalizeWhitespace('\r\nSet-Cookie: a=1')).toBe('\nSet-Cookie: a=1');
    expect(canonicalizeWhitespace('a\r\n\r\n\nb')).toBe('a\nb');
    expect(canonicalizeWhitespace('a\rb')).toBe('a\nb');
    expect(canonicalizeWhitespace('a\u2028b\u2029\u0085c')).toBe('a\nb\nc');
    expect(canonicalizeWhitespace('a \n b')).toBe('a \n b');
  });

  it('removes zero-width and invisible characters', () => {
    expect(canonicalizeWhitespace('sel\u200bect')).toBe('select');
    expect(canonicalizeWhitespace('\ufeffun\u00adion\u2060')).toBe('union');
    expect(canonicalizeWhitespace('a \u200b b')).toBe('a b');
    expect(canonicalizeWhitespace('a\n\u200b\nb')).toBe('a\nb');
  });

  it('exports exactly the set of characters it removes (the pipeline relies on it)', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const removed = canonicalizeWhitespace(`a${ch}b`) === 'ab';
      if (removed !== INVISIBLE_CHARACTERS.test(ch)) expect.fail(`U+${c.toString(16)}`);
    }
  });

  it('keeps ZWJ and ZWNJ, which carry meaning', () => {
    expect(canonicalizeWhitespace('👨\u200d👩')).toBe('👨\u200d👩');
    expect(canonicalizeWhitespace('می\u200cخواهم')).toBe('می\u200cخواهم');
  });

  it('does not trim', () => {
    expect(canonicalizeWhitespace("  ' OR 1=1  ")).toBe(" ' OR 1=1 ");
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const once = canonicalizeWhitespace(input);
        expect(canonicalizeWhitespace(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
