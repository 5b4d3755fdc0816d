import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, decodeBase64Text } from './base64.js';
import { anyInput, itHonoursTheTransformContract, run } from './contract.test-support.js';

function b64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

describe('base64-decode', () => {
  itHonoursTheTransformContract(base64Decode, [
    'shoes',
    'internationalization',
    'ACCESS_TOKEN_EXPIRED',
    'user12345678',
    '123456789012345',
    'd41d8cd98f00b204e9800998ecf8427e',
    '123e4567-e89b-12d3-a456-426614174000',
    'camelCaseIdentifier',
    'not base64 at all!',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
    '/api/v1/users/42',
  ]);

  it('decodes Basic credentials and base64 payloads', () => {
    expect(decodeBase64Text('Basic dXNlcjonIE9SIDE9MS0t')).toBe("user:' OR 1=1--");
    expect(decodeBase64Text('dXNlcjonIE9SIDE9MS0t')).toBe("user:' OR 1=1--");
    expect(run(base64Decode, b64('<script>alert(1)</script>'))).toBe('<script>alert(1)</script>');
    expect(decodeBase64Text(`  ${b64('../../etc/passwd')}\n`)).toBe('../../etc/passwd');
    expect(decodeBase64Text(b64('Grüße aus 東京'))).toBe('Grüße aus 東京');
  });

  it('accepts URL-safe base64 and missing padding', () => {
    const standard = b64('?a=>>?b<<<script>');
    expect(standard).toMatch(/[+/]/);
    const urlSafe = standard.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    expect(decodeBase64Text(urlSafe)).toBe('?a=>>?b<<<script>');
    expect(decodeBase64Text(standard.replace(/=+$/, ''))).toBe('?a=>>?b<<<script>');
  });

  it('rejects words, ids, hashes, binary and mixed alphabets', () => {
    for (const value of [
      'internationalization',
      'Internationalization',
      'ACCESS_TOKEN_EXPIRED',
      'abcdefghijklmnop',
      'user12345678',
      '0123456789012345',
      'DEADBEEFCAFEBABE',
      'd41d8cd98f00b204e9800998ecf8427e',
      'AAAAAAAAAAAAAAAA',
      'dXNlcj+-IE9SIDE9',
      'dXNlcjon=IE9SIDE9MS0t',
      'dXNlcjonIE9SIDE9MS0t===',
      'dXNlcjonIE9SIDE9MS0tA',
      'short',
      b64('\u0000\u0001\u0002\u0003binary\u0004\u0005\u0006\u0007'),
    ]) {
      expect(decodeBase64Text(value), value).toBeUndefined();
    }
    // random bytes are not text
    expect(
      decodeBase64Text(btoa(String.fromCharCode(0xff, 0xfe, 0x00, 0x81, 0x9c, 0xe3, 0x01, 0x7f, 0xc0))),
    ).toBe(undefined);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const out = decodeBase64Text(input);
        expect(out === undefined || typeof out === 'string').toBe(true);
      }),
    );
  });

  it('decodes any base64-encoded printable text that passes the shape rule', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', minLength: 9 }), (text) => {
        const encoded = b64(text);
        const out = decodeBase64Text(encoded);
        const printable = /^[\x20-\x7e]*$/.test(text);
        const shaped = /[A-Z]/.test(encoded) && /[a-z]/.test(encoded) && /[0-9+/=]/.test(encoded);
        if (printable && shaped && !/^[0-9a-fA-F]+$/.test(encoded)) expect(out).toBe(text);
      }),
    );
  });
});
