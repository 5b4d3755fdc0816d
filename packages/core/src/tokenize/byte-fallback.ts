/**
 * Byte fallback: a character the vocabulary lacks is spelled as its UTF-8 bytes, one `<0xNN>`
 * token per byte, so no input is ever lost or mapped to `[UNK]`.
 *
 * Lone surrogates (which JavaScript strings can hold and JS-escape decoding can produce) are
 * spelled in WTF-8, the generalized UTF-8 that encodes a surrogate code point like any other
 * 3-byte character (`\uD800` → `ED A0 80`). That keeps encoding lossless for every string —
 * `decode(encode(x)) === x` — and gives the model a distinctive `<0xED> <0xA0..0xBF>` signal for
 * malformed text instead of hiding it behind U+FFFD.
 */

/** Number of byte-fallback tokens: one per byte value. */
export const BYTE_TOKEN_COUNT = 256;

/**
 * The byte-fallback token strings, `<0x00>` … `<0xFF>`, indexed by byte value.
 *
 * @example
 * ```ts
 * BYTE_TOKENS[0x0a] === '<0x0A>'
 * ```
 */
export const BYTE_TOKENS: readonly string[] = Array.from(
  { length: BYTE_TOKEN_COUNT },
  (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`,
);

/**
 * Appends the (generalized) UTF-8 bytes of one code point to `out`. Surrogate code points get
 * the 3-byte form (WTF-8) instead of U+FFFD.
 *
 * @example
 * ```ts
 * const bytes: number[] = [];
 * pushUtf8Bytes(0xe9, bytes); // bytes = [0xc3, 0xa9]
 * ```
 */
export function pushUtf8Bytes(cp: number, out: number[]): void {
  if (cp < 0x80) {
    out.push(cp);
  } else if (cp < 0x800) {
    out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  } else {
    out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
}

function isContinuation(b: number | undefined): b is number {
  return b !== undefined && (b & 0xc0) === 0x80;
}

/**
 * Decodes WTF-8 bytes (UTF-8 that may also encode lone surrogates) back to text: the inverse of
 * {@link pushUtf8Bytes}. Bytes that do not form a sequence (possible only for id sequences that
 * `encode` never produces) become U+FFFD, one per offending byte; it never throws.
 *
 * @example
 * ```ts
 * decodeWtf8([0xc3, 0xa9]) === 'é'; decodeWtf8([0xed, 0xa0, 0x80]) === '\uD800'
 * ```
 */
export function decodeWtf8(bytes: ArrayLike<number>): string {
  let out = '';
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const b3 = bytes[i + 3];
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i += 1;
    } else if (b0 >= 0xc2 && b0 <= 0xdf && isContinuation(b1)) {
      out += String.fromCharCode(((b0 & 0x1f) << 6) | (b1 & 0x3f));
      i += 2;
    } else if (
      b0 >= 0xe0 &&
      b0 <= 0xef &&
      isContinuation(b1) &&
      isContinuation(b2) &&
      (b0 !== 0xe0 || b1 >= 0xa0) // not overlong
    ) {
      out += String.fromCharCode(((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f));
      i += 3;
    } else if (
      b0 >= 0xf0 &&
      b0 <= 0xf4 &&
      isContinuation(b1) &&
      isContinuation(b2) &&
      isContinuation(b3) &&
      (b0 !== 0xf0 || b1 >= 0x90) && // not overlong
      (b0 !== 0xf4 || b1 < 0x90) // not above U+10FFFF
    ) {
      out += String.fromCodePoint(
        ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f),
      );
      i += 4;
    } else {
      out += '\ufffd';
      i += 1;
    }
  }
  return out;
}
