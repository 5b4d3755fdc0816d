import { parseHeaderParams } from '../header-params.js';
import { percentDecode } from '../percent-decode.js';

/**
 * A parsed `Content-Disposition` header value.
 *
 * @example
 * ```ts
 * const { type, params }: ContentDisposition = parseContentDisposition('form-data; name="q"');
 * // type: 'form-data', params: { name: 'q' }
 * ```
 */
export interface ContentDisposition {
  /** Disposition type, lower-cased: `form-data` in multipart/form-data (RFC 7578 §4.2). */
  type: string;
  /** Parameters (names lower-cased). An `x*` extended value, decoded, replaces `x`. No prototype. */
  params: Record<string, string>;
}

/**
 * Parses `form-data; name="field"; filename="a.png"` (RFC 6266 §4.1, RFC 7578 §4.2), leniently:
 * quoted strings with `\"` escapes, unquoted values, and RFC 5987 / RFC 8187 extended values
 * (`filename*=UTF-8''%E2%82%AC.txt`), which take precedence over the plain parameter (RFC 6266 §4.3).
 * RFC 7578 §4.2 forbids `filename*` in form-data, but clients send it and some servers honour it, so it
 * is decoded rather than ignored; the raw header stays available to callers for the plain `filename`.
 *
 * @example
 * ```ts
 * parseContentDisposition(`form-data; name="doc"; filename*=UTF-8''%E2%82%AC.txt`);
 * // { type: 'form-data', params: { name: 'doc', filename: '€.txt' } }
 * ```
 */
export function parseContentDisposition(value: string): ContentDisposition {
  const semicolon = value.indexOf(';');
  const type = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  const parsed = semicolon < 0 ? undefined : parseHeaderParams(value, semicolon);
  const params = Object.create(null) as Record<string, string>;
  if (parsed === undefined) return { type, params };
  for (const name in parsed) {
    if (!name.endsWith('*')) {
      if (!(name in params)) params[name] = parsed[name]!;
      continue;
    }
    const decoded = decodeExtValue(parsed[name]!);
    if (decoded !== undefined && name.length > 1) params[name.slice(0, -1)] = decoded;
  }
  return { type, params };
}

/**
 * Decodes an RFC 8187 §3.2 `ext-value` (`charset'language'percent-encoded`); `undefined` when it has no
 * two `'`. UTF-8 and unknown charsets are decoded as UTF-8 (invalid bytes → U+FFFD); ISO-8859-1 maps each
 * byte to one character.
 *
 * @example
 * ```ts
 * decodeExtValue("UTF-8''%E2%82%AC%20rates"); // '€ rates'
 * decodeExtValue("iso-8859-1'en'%A3");        // '£'
 * ```
 */
export function decodeExtValue(value: string): string | undefined {
  const first = value.indexOf("'");
  if (first < 0) return undefined;
  const second = value.indexOf("'", first + 1);
  if (second < 0) return undefined;
  const charset = value.slice(0, first).trim().toLowerCase();
  const encoded = value.slice(second + 1);
  if (charset === 'iso-8859-1' || charset === 'latin1') {
    return encoded.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
  return percentDecode(encoded, false);
}
