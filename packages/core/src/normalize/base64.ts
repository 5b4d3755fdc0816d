import type { Transform } from './transform.js';
import { decodeUtf8Strict } from './utf8.js';

/** Shortest value (after trimming and dropping a `Basic ` scheme) considered for decoding. */
export const MIN_BASE64_LENGTH = 12;

/** Share of printable characters the decoded text needs to count as text. */
export const MIN_PRINTABLE_RATIO = 0.95;

// Sextet value of each base64 character, for both alphabets (`+/` standard, `-_` URL-safe).
const SEXTET: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table[0x2b] = 62; // +
  table[0x2f] = 63; // /
  table[0x2d] = 62; // -
  table[0x5f] = 63; // _
  return table;
})();

const BASIC_SCHEME = /^basic\s+/i;
const ONLY_HEX = /^[0-9a-fA-F-]+$/;
const PRINTABLE_NON_ASCII = /[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u;

/**
 * Whether `text` is at least {@link MIN_PRINTABLE_RATIO} printable: letters in any script, marks,
 * digits, punctuation, symbols, spaces, and `\t`, `\r`, `\n`.
 */
function isMostlyPrintable(text: string): boolean {
  let total = 0;
  let printable = 0;
  for (const ch of text) {
    total++;
    const c = ch.charCodeAt(0);
    if (c < 0x80) {
      if ((c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c === 0x0d) printable++;
    } else if (PRINTABLE_NON_ASCII.test(ch)) {
      printable++;
    }
  }
  return total > 0 && printable >= total * MIN_PRINTABLE_RATIO;
}

/**
 * Returns the text a value decodes to when the WHOLE value is base64 of readable text, else
 * `undefined`. Attackers base64-encode payloads that the application decodes (Basic auth,
 * "encoded" parameters, serialized state), so the extractor adds the decoded text as a variant of
 * the field; it is never a replacement for the field itself.
 *
 * The value is trimmed, and an HTTP `Basic ` scheme prefix is dropped
 * (`Basic dXNlcjonIE9SIDE9MS0t` → `user:' OR 1=1--`). Then the rule, chosen so that ordinary
 * words, numbers, hashes and identifiers are never decoded:
 * 1. at least {@link MIN_BASE64_LENGTH} characters, all from ONE alphabet — standard `A–Z a–z
 *    0–9 + /` or URL-safe `A–Z a–z 0–9 - _` — plus at most two `=` of padding at the end
 *    (padding is optional; when present the length must be a multiple of 4; unpadded, a length
 *    of 4k+1 is impossible and rejected);
 * 2. upper- AND lower-case letters, AND at least one digit or `+ / - _ =`: base64 of text
 *    almost always mixes all three, while words (`internationalization`), constants
 *    (`ACCESS_TOKEN_EXPIRED`), numbers and lower-case ids (`user12345678`) do not;
 * 3. not only hex digits and `-` (hashes, UUIDs);
 * 4. the bytes are valid UTF-8 (strict: no overlong forms) and at least 95% of the decoded
 *    characters are printable. Random tokens and binary data fail this; text passes.
 *
 * Never throws; linear in the length of the value.
 */
export function decodeBase64Text(value: string): string | undefined {
  if (value.length < MIN_BASE64_LENGTH) return undefined;
  let text = value.trim();
  if (BASIC_SCHEME.test(text)) text = text.replace(BASIC_SCHEME, '');
  let end = text.length;
  let padding = 0;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d /* = */) {
    end--;
    padding++;
  }
  if (text.length < MIN_BASE64_LENGTH || padding > 2) return undefined;
  if (padding > 0 ? text.length % 4 !== 0 : end % 4 === 1) return undefined;

  let upper = false;
  let lower = false;
  let other = padding > 0; // a digit or + / - _ =
  let standard = false;
  let urlSafe = false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || SEXTET[c]! < 0) return undefined;
    if (c >= 0x41 && c <= 0x5a) upper = true;
    else if (c >= 0x61 && c <= 0x7a) lower = true;
    else {
      other = true;
      if (c === 0x2b || c === 0x2f) standard = true;
      else if (c === 0x2d || c === 0x5f) urlSafe = true;
    }
  }
  if (!upper || !lower || !other || (standard && urlSafe)) return undefined;
  if (ONLY_HEX.test(text.slice(0, end))) return undefined;

  const bytes = new Uint8Array(Math.floor((end * 6) / 8));
  let n = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    buffer = ((buffer << 6) | SEXTET[text.charCodeAt(i)]!) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (buffer >> bits) & 0xff;
    }
  }
  const decoded = decodeUtf8Strict(bytes, n);
  if (decoded === undefined || !isMostlyPrintable(decoded)) return undefined;
  return decoded;
}

/**
 * `base64-decode`: the decoded text when the whole value is base64 text (see
 * {@link decodeBase64Text}), else the input itself. Not part of the replacing pipeline: it is
 * used to build a base64 *variant* of a field, from the raw (not case-folded) value.
 */
export const base64Decode: Transform = {
  name: 'base64-decode',
  apply: (input) => decodeBase64Text(input) ?? input,
};
