// Non-fatal: invalid UTF-8 becomes U+FFFD, and a BOM is kept (ignoreBOM), as the WHATWG URL Standard's
// "UTF-8 decode without BOM" does.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

const PERCENT = 0x25; // %
const PLUS = 0x2b; // +

/**
 * Lenient percent-decoding (RFC 3986 §2.1, WHATWG URL "percent-decode"): each run of `%XX` sequences is
 * turned into bytes and decoded as UTF-8 (invalid UTF-8 → U+FFFD); a `%` not followed by two hex digits
 * is kept as is; with `plusAsSpace` a `+` becomes a space (WHATWG `application/x-www-form-urlencoded`
 * parsing). Returns the very same string when there is nothing to decode (no allocation). Never throws,
 * unlike `decodeURIComponent`.
 *
 * Used for names only (query/form parameter names, RFC 5987 `filename*`): values stay encoded because
 * URL decoding is a recorded normalization step downstream.
 *
 * @example
 * ```ts
 * percentDecode('a%5Bb%5D+c', true);  // 'a[b] c'
 * percentDecode('100%+sure', false);  // '100%+sure'
 * percentDecode('%E2%82%AC', false);  // '€'
 * ```
 */
export function percentDecode(text: string, plusAsSpace: boolean): string {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === PERCENT || (plusAsSpace && c === PLUS)) break;
    i++;
  }
  if (i === length) return text;

  let out = text.slice(0, i);
  let chunkStart = i;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === PLUS && plusAsSpace) {
      out += text.slice(chunkStart, i) + ' ';
      i++;
      chunkStart = i;
      continue;
    }
    if (c !== PERCENT || hexValue(text.charCodeAt(i + 1)) < 0 || hexValue(text.charCodeAt(i + 2)) < 0) {
      i++;
      continue;
    }
    out += text.slice(chunkStart, i);
    let runEnd = i;
    let count = 0;
    while (
      text.charCodeAt(runEnd) === PERCENT &&
      hexValue(text.charCodeAt(runEnd + 1)) >= 0 &&
      hexValue(text.charCodeAt(runEnd + 2)) >= 0
    ) {
      runEnd += 3;
      count++;
    }
    const bytes = new Uint8Array(count);
    for (let k = 0; k < count; k++) {
      const at = i + k * 3;
      bytes[k] = (hexValue(text.charCodeAt(at + 1)) << 4) | hexValue(text.charCodeAt(at + 2));
    }
    out += utf8.decode(bytes);
    i = runEnd;
    chunkStart = i;
  }
  return out + text.slice(chunkStart, length);
}

/**
 * Value of one hex digit's char code, or -1 (also for `NaN`, i.e. past the end of a string, so callers
 * can read `charCodeAt(i + 2)` without a bounds check).
 *
 * @example
 * ```ts
 * hexValue('f'.charCodeAt(0)); // 15
 * hexValue('g'.charCodeAt(0)); // -1
 * hexValue(''.charCodeAt(0));  // -1
 * ```
 */
export function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}
