import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EncodingName } from '../src/encodings.js';
import { decodeChain, encodeChain, rawEscape, urlEncodeAll } from '../src/encodings.js';
import { Rng } from '../src/rng.js';
import { percentDecode } from '../src/text/percent.js';

/** Encodings whose decoder inverts them exactly. */
const EXACT: EncodingName[][] = [
  ['url'],
  ['url-plus'],
  ['double-url'],
  ['partial-url'],
  ['percent-u'],
  ['html-entities'],
  ['js-unicode'],
  ['base64'],
  ['xml-escape'],
  ['multipart-quote'],
  ['html-entities', 'url'],
  ['js-unicode', 'url'],
];

describe('encodings', () => {
  it.each(EXACT.map((c) => [c.join('+'), c] as const))('%s decodes back exactly', (_name, chain) => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer(), (payload, seed) => {
        const wire = encodeChain(chain, payload, new Rng(seed));
        expect(decodeChain(chain, wire)).toBe(payload);
      }),
    );
  });

  it('raw keeps the payload as written, recoverable up to one URL decoding, and URL-safe', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (payload) => {
        const wire = rawEscape(payload);
        expect(percentDecode(wire)).toBe(percentDecode(payload.replace(/%(?![0-9a-fA-F]{2})/g, '%25')));
        expect(wire).not.toMatch(/[\s\x00-\x1f\x7f&#]|[^\x00-\x7f]/);
      }),
    );
    expect(rawEscape("' OR 1=1 --")).toBe("'%20OR%201=1%20--");
    expect(rawEscape('..%2f..%2fetc')).toBe('..%2f..%2fetc'); // already-encoded payloads stay as sent
    expect(rawEscape('a/b?c', { inPath: true })).toBe('a/b%3Fc');
  });

  it('url encoding leaves only unreserved characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(urlEncodeAll(s)).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
      }),
    );
  });
});
