import { describe, expect, it } from 'vitest';
import { frameBody } from './message-framing.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('frameBody', () => {
  it('keeps bytes past Content-Length and says how many', () => {
    const warnings: string[] = [];
    expect(text(frameBody(bytes('abcdef'), [['Content-Length', '3']], warnings))).toBe('abcdef');
    expect(warnings).toEqual([
      'body_longer_than_content_length: 3 bytes past Content-Length 3 kept in the body',
    ]);
  });

  it('has no opinion without framing headers (.http files usually omit Content-Length)', () => {
    const warnings: string[] = [];
    expect(text(frameBody(bytes('a=1'), [], warnings))).toBe('a=1');
    expect(warnings).toEqual([]);
  });

  it('decodes chunked when it is the final coding, matching header names case-insensitively', () => {
    const warnings: string[] = [];
    const body = frameBody(bytes('2\r\nok\r\n0\r\n\r\n'), [['transfer-ENCODING', ' Chunked ']], warnings);
    expect(text(body)).toBe('ok');
    expect(warnings).toEqual([]);
  });

  it('returns a copy, not a view of the input', () => {
    const input = bytes('abc');
    const body = frameBody(input, [], []);
    input[0] = 0x7a;
    expect(text(body)).toBe('abc');
  });
});
