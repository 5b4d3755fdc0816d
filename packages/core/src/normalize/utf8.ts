/**
 * Byte-level UTF-8 helpers for the decoders. They never throw: every byte sequence maps to
 * *some* string, and what was odd about it is reported through flags, because attackers send
 * malformed bytes on purpose and the rest of the value must still be inspected.
 */

/** What {@link decodeUtf8Lenient} noticed while decoding. */
export interface Utf8DecodeFlags {
  /** A byte sequence was not UTF-8 at all; its bytes were read as Latin-1. */
  invalid: boolean;
  /** An overlong form (e.g. `C0 AF` for `/`) was accepted and decoded to its code point. */
  overlong: boolean;
}

/**
 * Hex digit value of each byte, `-1` for non-hex bytes. Indexed by byte, so any number 0–255 is
 * a valid index.
 */
export const HEX_VALUE: Int8Array = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) table[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    table[0x41 + i] = 10 + i;
    table[0x61 + i] = 10 + i;
  }
  return table;
})();

/** Largest number of UTF-8 bytes one UTF-16 code unit can need (a BMP char needs at most 3). */
export const MAX_UTF8_BYTES_PER_UNIT = 3;

/**
 * Writes the UTF-8 encoding of one code point at `bytes[at]` and returns the new end.
 * The caller guarantees room for 4 bytes.
 */
export function writeUtf8CodePoint(bytes: Uint8Array, at: number, cp: number): number {
  if (cp < 0x80) {
    bytes[at] = cp;
    return at + 1;
  }
  if (cp < 0x800) {
    bytes[at] = 0xc0 | (cp >> 6);
    bytes[at + 1] = 0x80 | (cp & 0x3f);
    return at + 2;
  }
  if (cp < 0x10000) {
    bytes[at] = 0xe0 | (cp >> 12);
    bytes[at + 1] = 0x80 | ((cp >> 6) & 0x3f);
    bytes[at + 2] = 0x80 | (cp & 0x3f);
    return at + 3;
  }
  bytes[at] = 0xf0 | (cp >> 18);
  bytes[at + 1] = 0x80 | ((cp >> 12) & 0x3f);
  bytes[at + 2] = 0x80 | ((cp >> 6) & 0x3f);
  bytes[at + 3] = 0x80 | (cp & 0x3f);
  return at + 4;
}

// `decodeUtf8Lenient` turns code units into text this many at a time: `String.fromCharCode.apply`
// with a huge array would overflow the call stack.
const CHUNK = 8192;

/** Number of continuation bytes a lead byte announces, or -1 when it cannot start a sequence. */
function continuationCount(lead: number): number {
  if (lead < 0xc0) return -1; // ASCII is handled by the caller; 80–BF are lone continuations
  if (lead < 0xe0) return 1;
  if (lead < 0xf0) return 2;
  if (lead < 0xf8) return 3;
  // 5- and 6-byte forms were dropped from UTF-8 in 2003, but old decoders (the IIS and
  // Apache Tomcat traversal bugs) still read them, so an overlong `/` can hide there too.
  if (lead < 0xfc) return 4;
  if (lead < 0xfe) return 5;
  return -1;
}

/** Smallest code point that needs `1 + count` bytes: anything below it is an overlong form. */
const MIN_FOR_COUNT = [0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000];

/**
 * Decodes `bytes[0..length)` as *lenient* UTF-8:
 * - well-formed sequences decode normally;
 * - overlong forms (`C0 AF`, `E0 80 AF`, `F0 80 80 AF`, and the obsolete 5/6-byte forms) decode
 *   to the code point they spell, and set `flags.overlong` — legacy servers decoded them that
 *   way, which made them a classic path-traversal bypass (`%c0%ae%c0%ae/`);
 * - anything else (lone continuation bytes, truncated sequences, encoded surrogates, values
 *   above U+10FFFF, bytes FE/FF) is read byte by byte as Latin-1 (U+0080–U+00FF), the way a
 *   legacy ISO-8859-1 form would be read, and sets `flags.invalid`.
 *
 * Work is linear in `length`; nothing throws.
 */
export function decodeUtf8Lenient(bytes: Uint8Array, length: number, flags: Utf8DecodeFlags): string {
  // Code units are collected in a plain array (which `String.fromCharCode.apply` reads about
  // twice as fast as a typed array) and turned into text CHUNK units at a time, so a huge value
  // neither builds a huge argument list nor needs a second code path.
  let units = new Array<number>(Math.min(length, CHUNK) + 2);
  let text = '';
  let n = 0;
  let i = 0;
  while (i < length) {
    if (n >= CHUNK) {
      units.length = n;
      text += String.fromCharCode.apply(null, units);
      units = new Array<number>(Math.min(length - i, CHUNK) + 2);
      n = 0;
    }
    const lead = bytes[i]!;
    if (lead < 0x80) {
      units[n++] = lead;
      i++;
      continue;
    }
    const count = continuationCount(lead);
    let cp = -1;
    if (count > 0 && i + count < length) {
      // Payload bits of the lead byte: 0x1f for 2-byte, 0x0f for 3-byte, ... 0x01 for 6-byte.
      let value = lead & (0x7f >> (count + 1));
      let ok = true;
      for (let k = 1; k <= count; k++) {
        const b = bytes[i + k]!;
        if ((b & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        value = value * 64 + (b & 0x3f);
      }
      // Encoded surrogates (CESU-8) and values past U+10FFFF are not characters: treat them as
      // invalid rather than producing lone surrogates or out-of-range code points.
      if (ok && value <= 0x10ffff && (value < 0xd800 || value > 0xdfff)) {
        cp = value;
        if (value < MIN_FOR_COUNT[count]!) flags.overlong = true;
      }
    }
    if (cp < 0) {
      // Not a decodable sequence: this one byte becomes the Latin-1 char of the same value and
      // decoding resumes at the next byte (which may start a valid sequence).
      flags.invalid = true;
      units[n++] = lead;
      i++;
      continue;
    }
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      units[n++] = 0xd800 | (v >> 10);
      units[n++] = 0xdc00 | (v & 0x3ff);
    } else {
      units[n++] = cp;
    }
    i += count + 1;
  }
  if (units.length !== n) units.length = n;
  return text + String.fromCharCode.apply(null, units);
}

/**
 * Decodes `bytes[0..length)` as *strict* UTF-8 (no overlong forms, no surrogates, nothing above
 * U+10FFFF). Returns `undefined` instead of throwing when the bytes are not valid UTF-8.
 */
export function decodeUtf8Strict(bytes: Uint8Array, length: number): string | undefined {
  const flags: Utf8DecodeFlags = { invalid: false, overlong: false };
  const text = decodeUtf8Lenient(bytes, length, flags);
  // The obsolete 5/6-byte forms are always overlong, so "no flag" means strictly valid.
  return flags.invalid || flags.overlong ? undefined : text;
}
