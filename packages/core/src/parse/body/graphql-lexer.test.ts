import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphqlLexer, TOKEN, blockStringValue, skipIgnored } from './graphql-lexer.js';

function tokens(source: string): Array<[number, string]> {
  const lexer = new GraphqlLexer(source);
  const out: Array<[number, string]> = [];
  while (lexer.next() !== TOKEN.EOF) {
    out.push([lexer.kind, lexer.kind === TOKEN.PUNCTUATOR ? String.fromCharCode(lexer.code) : lexer.value]);
  }
  return out;
}

describe('GraphqlLexer', () => {
  it('reads punctuators, names, numbers, spreads and skips ignored tokens', () => {
    expect(tokens('\uFEFF query Q($n: Int = -1.5e3) , # comment\n { ...F a: b }')).toEqual([
      [TOKEN.NAME, 'query'],
      [TOKEN.NAME, 'Q'],
      [TOKEN.PUNCTUATOR, '('],
      [TOKEN.PUNCTUATOR, '$'],
      [TOKEN.NAME, 'n'],
      [TOKEN.PUNCTUATOR, ':'],
      [TOKEN.NAME, 'Int'],
      [TOKEN.PUNCTUATOR, '='],
      [TOKEN.NUMBER, ''],
      [TOKEN.PUNCTUATOR, ')'],
      [TOKEN.PUNCTUATOR, '{'],
      [TOKEN.SPREAD, ''],
      [TOKEN.NAME, 'F'],
      [TOKEN.NAME, 'a'],
      [TOKEN.PUNCTUATOR, ':'],
      [TOKEN.NAME, 'b'],
      [TOKEN.PUNCTUATOR, '}'],
    ]);
  });

  it('decodes string escapes and keeps offsets of the literal', () => {
    const lexer = new GraphqlLexer(String.raw`x("a\"b\\c\/\n\t\u00e9\u{1F600}\q")`);
    lexer.next();
    lexer.next();
    expect(lexer.next()).toBe(TOKEN.STRING);
    expect(lexer.value).toBe('a"b\\c/\n\té😀q');
    expect(lexer.start).toBe(2);
    expect(lexer.end).toBe(34);
  });

  it('ends an unterminated string at the line end, a block string at the end of input', () => {
    expect(tokens('"abc\nd')).toEqual([
      [TOKEN.STRING, 'abc'],
      [TOKEN.NAME, 'd'],
    ]);
    expect(tokens('"ab\\')).toEqual([[TOKEN.STRING, 'ab\\']]);
    expect(tokens('"""open\n  block')).toEqual([[TOKEN.STRING, 'open\nblock']]);
  });

  it('reads block strings with \\""" escapes and indentation removal', () => {
    expect(tokens('"""\n    Hello,\n      World!\n    \\"""quoted\\"""\n  """')).toEqual([
      [TOKEN.STRING, 'Hello,\n  World!\n"""quoted"""'],
    ]);
    expect(tokens('""""""')).toEqual([[TOKEN.STRING, '']]);
    expect(tokens('"" x')).toEqual([
      [TOKEN.STRING, ''],
      [TOKEN.NAME, 'x'],
    ]);
  });

  it('marks unknown characters', () => {
    expect(tokens('a ; b . %')).toEqual([
      [TOKEN.NAME, 'a'],
      [TOKEN.UNKNOWN, ''],
      [TOKEN.NAME, 'b'],
      [TOKEN.UNKNOWN, ''],
      [TOKEN.UNKNOWN, ''],
    ]);
  });

  it('always advances and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (source) => {
        const lexer = new GraphqlLexer(source);
        let count = 0;
        let last = -1;
        while (lexer.next() !== TOKEN.EOF) {
          expect(lexer.end).toBeGreaterThan(lexer.start);
          expect(lexer.start).toBeGreaterThanOrEqual(last);
          last = lexer.end;
          count++;
        }
        expect(count).toBeLessThanOrEqual(source.length);
      }),
    );
  });
});

describe('blockStringValue', () => {
  it('follows the spec example', () => {
    expect(blockStringValue('\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  ')).toBe(
      'Hello,\n  World!\n\nYours,\n  GraphQL.',
    );
    expect(blockStringValue('  first\n    second')).toBe('  first\nsecond');
  });
});

describe('skipIgnored', () => {
  it('skips whitespace, commas, BOM and comments', () => {
    expect(skipIgnored(' ,\t\r\n# c\n\uFEFFx', 0)).toBe(10);
  });
});
