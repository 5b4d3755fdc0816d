import { describe, expect, it } from 'vitest';
import { itHonoursTheTransformContract, run } from './contract.test-support.js';
import { decodeJsEscapes, jsEscapes } from './js-escapes.js';

describe('js-escapes', () => {
  itHonoursTheTransformContract(jsEscapes, [
    'shoes',
    'C:\\users\\xavier',
    'C:\\Users\\Xavier\\x',
    '\\d+\\.\\w*',
    '50% off',
    '%41',
    '\\u12',
    '\\x4',
    '%u12',
    '\\u{110000}',
    '\\u{}',
    '\\u{41',
    'Grüße',
    '😀',
  ]);

  it('decodes \\uXXXX, \\xXX, \\u{…} and %uXXXX', () => {
    expect(run(jsEscapes, '\\u003cimg src=x onerror=alert(1)\\u003e')).toBe('<img src=x onerror=alert(1)>');
    expect(decodeJsEscapes('\\x3cscript\\x3e')).toBe('<script>');
    expect(decodeJsEscapes('\\u{3c}svg\\u{0000003E}')).toBe('<svg>');
    expect(decodeJsEscapes('\\u{1F600}')).toBe('😀');
    expect(decodeJsEscapes('%u003Cscript%u003E')).toBe('<script>');
    expect(decodeJsEscapes('%uFF1C')).toBe('\uff1c'); // NFKC later makes it <
  });

  it('accepts upper-case introducers with the same digit counts', () => {
    expect(decodeJsEscapes('\\U003C\\X3E%U0041\\U{42}')).toBe('<>AB');
  });

  it('combines surrogate pairs written as two escapes', () => {
    expect(decodeJsEscapes('\\uD83D\\uDE00')).toBe('😀');
    expect(decodeJsEscapes('%uD83D%uDE00')).toBe('😀');
  });

  it('decodes nested escapes in one pass', () => {
    expect(decodeJsEscapes('\\x5Cx3C')).toBe('<');
    expect(decodeJsEscapes('\\u005cu003c')).toBe('<');
    expect(decodeJsEscapes('\\u005c\\u005cu003c')).toBe('\\<');
    expect(decodeJsEscapes('\\x25u003C')).toBe('<');
    expect(decodeJsEscapes('\\x5c')).toBe('\\');
    expect(decodeJsEscapes('\\x5cz')).toBe('\\z');
  });

  it('leaves non-escapes alone', () => {
    expect(decodeJsEscapes('C:\\users\\xavier')).toBe('C:\\users\\xavier');
    expect(decodeJsEscapes('\\u00')).toBe('\\u00');
    expect(decodeJsEscapes('a\\x4g')).toBe('a\\x4g');
    expect(decodeJsEscapes('%x41')).toBe('%x41');
    expect(decodeJsEscapes('\\u{FFFFFFFF}')).toBe('\\u{FFFFFFFF}');
  });

  it('decodes around text and keeps the text', () => {
    expect(decodeJsEscapes("O\\x27Brien's")).toBe("O'Brien's");
    expect(decodeJsEscapes('Gr\\u00fc\\u00dfe')).toBe('Grüße');
  });
});
