import type { Transform, TransformContext } from './transform.js';
import { HEX_VALUE, MAX_UTF8_BYTES_PER_UNIT, decodeUtf8Lenient, type Utf8DecodeFlags } from './utf8.js';

// Cheap pre-checks: no `%` at all means nothing to do; a `%` without any `%XX` means the value
// only holds malformed escapes (`50% off`), which are kept and flagged without decoding.
const HAS_ESCAPE = /%[0-9A-Fa-f]{2}/;

// Safety cap on re-decoding after overlong forms (see `decodePercentEncoding`).
const MAX_OVERLONG_LAYERS = 32;

// The byte buffer is reused between calls (the pipeline is synchronous, so there is no
// re-entrancy) to keep the common short value allocation-light; huge values get their own
// buffer so that one 1 MB request does not pin 3 MB for the life of the process.
const SCRATCH_LIMIT = 64 * 1024;
let scratch = new Uint8Array(1024);

function byteBuffer(size: number): Uint8Array {
  if (size > SCRATCH_LIMIT) return new Uint8Array(size);
  if (scratch.length < size) scratch = new Uint8Array(Math.max(size, scratch.length * 2));
  return scratch;
}

/**
 * Percent-decodes `input` to a fixed point in one pass over its UTF-8 bytes.
 *
 * Bytes are pushed to an output buffer; whenever its last three bytes are `%` hex hex they are
 * replaced by the byte they encode, and the check repeats, because that byte may complete
 * another escape with what precedes it: `%2541` → `%41` → `A`, `%%341` → `%41` → `A`,
 * `%252525253C` → `<`. Each replacement shrinks the buffer by two bytes, so any depth of double
 * encoding costs O(n), and the result never contains a decodable `%XX` (which is what makes the
 * transform idempotent).
 *
 * The bytes are then read as lenient UTF-8 (see {@link decodeUtf8Lenient}): overlong forms decode
 * (`%c0%ae` → `.`, sets `overlongUtf8`), invalid bytes become Latin-1 chars (`%E9` → `é`, sets
 * `invalidUtf8`). Should an overlong form spell `%` or a hex digit and so complete a new escape,
 * decoding repeats, so the result holds no decodable `%XX` whatever the input. Malformed escapes (`%zz`, `%4`, a trailing `%`) stay as they are and set
 * `badPercentEncoding`. A lone surrogate in the input string is encoded as U+FFFD, which is what
 * it would have been on the wire.
 *
 * Returns `input` itself when nothing was decoded.
 */
export function decodePercentEncoding(input: string, context: TransformContext): string {
  if (input.indexOf('%') === -1) return input;
  if (!HAS_ESCAPE.test(input)) {
    context.badPercentEncoding = true;
    return input;
  }
  let out = decodeOnce(input, context);
  // Only an overlong form can bring `%XX` back: `%C0%A541` → `%41` (C0 A5 is an overlong `%`).
  // Each such layer needs several times more input than it yields, so this runs O(log n) times;
  // the cap is a safety net.
  for (let round = 0; round < MAX_OVERLONG_LAYERS && HAS_ESCAPE.test(out); round++) {
    out = decodeOnce(out, context);
  }
  // No decodable escape is left, so any remaining `%` belongs to a malformed one.
  if (out.indexOf('%') !== -1) context.badPercentEncoding = true;
  return out === input ? input : out;
}

/** One byte-level fixed-point pass plus lenient UTF-8 decoding (see {@link decodePercentEncoding}). */
function decodeOnce(input: string, context: TransformContext): string {
  const length = input.length;
  const out = byteBuffer(length * MAX_UTF8_BYTES_PER_UNIT);
  let n = 0;
  for (let i = 0; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      // Only a hex digit can complete `%XX`; then collapse as long as the tail is an escape.
      if (HEX_VALUE[c]! >= 0) {
        while (n >= 3 && out[n - 3] === 0x25 /* % */) {
          const hi = HEX_VALUE[out[n - 2]!]!;
          const lo = HEX_VALUE[out[n - 1]!]!;
          if (hi < 0 || lo < 0) break;
          out[n - 3] = (hi << 4) | lo;
          n -= 2;
        }
      }
      continue;
    }
    // Non-ASCII chars contribute bytes >= 0x80, which are neither `%` nor hex digits, so they
    // can never take part in an escape.
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < length ? input.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out[n++] = 0xf0 | (cp >> 18);
        out[n++] = 0x80 | ((cp >> 12) & 0x3f);
        out[n++] = 0x80 | ((cp >> 6) & 0x3f);
        out[n++] = 0x80 | (cp & 0x3f);
        i++;
        continue;
      }
      // Lone surrogate: not encodable in UTF-8; U+FFFD (EF BF BD), as TextEncoder does.
      out[n++] = 0xef;
      out[n++] = 0xbf;
      out[n++] = 0xbd;
      continue;
    }
    out[n++] = 0xe0 | (c >> 12);
    out[n++] = 0x80 | ((c >> 6) & 0x3f);
    out[n++] = 0x80 | (c & 0x3f);
  }

  const flags: Utf8DecodeFlags = { invalid: false, overlong: false };
  const decoded = decodeUtf8Lenient(out, n, flags);
  if (flags.invalid) context.invalidUtf8 = true;
  if (flags.overlong) context.overlongUtf8 = true;
  return decoded;
}

/**
 * `url-decode`: percent-decoding to a fixed point, with lenient UTF-8 (see {@link decodePercentEncoding}).
 * The pipeline additionally records `overlong-utf8` when this step decoded an overlong form.
 */
export const urlDecode: Transform = {
  name: 'url-decode',
  apply: decodePercentEncoding,
};
