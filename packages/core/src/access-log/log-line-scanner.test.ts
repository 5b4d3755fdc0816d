import { describe, expect, it } from 'vitest';
import { LogLineScanner } from './log-line-scanner.js';

describe('LogLineScanner', () => {
  it('reads words, a bracketed field and quoted fields in order', () => {
    const scanner = new LogLineScanner('  2001:db8::1 -  [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 ');
    expect(scanner.word()).toBe('2001:db8::1');
    expect(scanner.word()).toBe('-');
    expect(scanner.bracketed()).toBe('17/May/2015:10:05:03 +0000');
    expect(scanner.quoted()).toEqual({ text: 'GET / HTTP/1.1', raw: 'GET / HTTP/1.1' });
    expect(scanner.word()).toBe('200');
    expect(scanner.atEnd).toBe(true);
    expect(scanner.word()).toBeUndefined();
  });

  it('undoes Apache and nginx escapes and keeps unknown ones', () => {
    const scanner = new LogLineScanner(String.raw`"a\"b\\c\x41\xe9\n\t\q\x4" ""`);
    expect(scanner.quoted()).toEqual({
      text: 'a"b\\cA\u00e9\n\t\\q\\x4',
      raw: String.raw`a\"b\\c\x41\xe9\n\t\q\x4`,
    });
    expect(scanner.quoted()).toEqual({ text: '', raw: '' });
  });

  it('keeps an unescaped quote that is not followed by a space (old Apache)', () => {
    const scanner = new LogLineScanner('"GET /a"b HTTP/1.0" 200');
    expect(scanner.quoted()?.text).toBe('GET /a"b HTTP/1.0');
    expect(scanner.word()).toBe('200');
  });

  it('gives undefined for a missing or unterminated field', () => {
    expect(new LogLineScanner('x').bracketed()).toBeUndefined();
    expect(new LogLineScanner('[never closed').bracketed()).toBeUndefined();
    expect(new LogLineScanner('x').quoted()).toBeUndefined();
    expect(new LogLineScanner('"never closed').quoted()).toBeUndefined();
    expect(new LogLineScanner('"ends in backslash\\').quoted()).toBeUndefined();
  });
});
