import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkEnd, DIGIT_RUN, MAX_CHUNK_LENGTH, preTokenize } from './pre-tokenize.js';

const chunks = (text: string): string[] => preTokenize(text).map(([start, end]) => text.slice(start, end));

describe('preTokenize', () => {
  it('splits letters, digits, whitespace and punctuation runs', () => {
    expect(chunks("1' or 1=1--")).toEqual(['1', "'", ' ', 'or', ' ', '1', '=', '1', '--']);
    expect(chunks('../../etc/passwd')).toEqual(['../../', 'etc', '/', 'passwd']);
    expect(chunks('<script>alert(1)</script>')).toEqual([
      '<',
      'script',
      '>',
      'alert',
      '(',
      '1',
      ')</',
      'script',
      '>',
    ]);
    expect(chunks('${jndi:ldap://x}')).toEqual(['${', 'jndi', ':', 'ldap', '://', 'x', '}']);
    expect(chunks('a /* b */')).toEqual(['a', ' ', '/*', ' ', 'b', ' ', '*/']);
  });

  it('keeps letters of any script together, with their combining marks', () => {
    expect(chunks('東京 café')).toEqual(['東京', ' ', 'café']);
    expect(chunks('cafe\u0301!')).toEqual(['cafe\u0301', '!']);
    expect(chunks('\u0301a')).toEqual(['\u0301a']); // a leading mark starts a letter run
    expect(chunks('❤\ufe0f!')).toEqual(['❤\ufe0f!']); // U+FE0F stays with its emoji
  });

  it('cuts digit runs into pieces of DIGIT_RUN', () => {
    expect(DIGIT_RUN).toBe(4);
    expect(chunks('1700000000123')).toEqual(['1700', '0000', '0012', '3']);
    expect(chunks('id12345')).toEqual(['id', '1234', '5']);
  });

  it('makes every line break a chunk of its own, and a whitespace run one chunk', () => {
    expect(chunks('a\r\n\nset-cookie:')).toEqual(['a', '\r', '\n', '\n', 'set', '-', 'cookie', ':']);
    expect(chunks('a \t b')).toEqual(['a', ' \t ', 'b']);
  });

  it('cuts runs longer than MAX_CHUNK_LENGTH, never inside a surrogate pair', () => {
    expect(chunks('a'.repeat(70)).map((c) => c.length)).toEqual([32, 32, 6]);
    expect(chunks('-'.repeat(33)).map((c) => c.length)).toEqual([32, 1]);
    const emoji = 'x' + '😀'.repeat(20); // 'x' then a 40-unit symbol run
    expect(chunks(emoji).map((c) => c.length)).toEqual([1, 32, 8]);
    const odd = '!' + '😀'.repeat(20); // pair would straddle unit 32: the cut moves before it
    expect(chunks(odd).map((c) => c.length)).toEqual([31, 10]);
  });

  it('handles lone surrogates and empty text', () => {
    expect(chunks('a\ud800b')).toEqual(['a', '\ud800', 'b']);
    expect(chunks('\udc00\ud800')).toEqual(['\udc00\ud800']); // low-then-high is not a pair
    expect(preTokenize('')).toEqual([]);
  });

  it('covers any text exactly, in order, with bounded chunks that never split a pair', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
        let at = 0;
        for (const [start, end] of preTokenize(text)) {
          expect(start).toBe(at);
          expect(end).toBeGreaterThan(start);
          expect(end - start).toBeLessThanOrEqual(MAX_CHUNK_LENGTH);
          const last = text.charCodeAt(end - 1);
          const next = text.charCodeAt(end);
          expect(last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff).toBe(false);
          at = end;
        }
        expect(at).toBe(text.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same chunk from any chunk boundary (chunkEnd is stateless)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const [start, end] of preTokenize(text)) expect(chunkEnd(text, start)).toBe(end);
      }),
    );
  });
});
