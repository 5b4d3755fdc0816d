const SEMICOLON = 0x3b; // ;
const EQUALS = 0x3d; // =
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Parses `; name=value; name="quoted value"` header parameters (RFC 9110 §5.6.6 `parameters`, also used by
 * `Content-Disposition`, RFC 6266 §4.1), starting at `start` (typically the first `;`). Lenient:
 *
 * - names are trimmed and lower-cased (parameter names are case-insensitive, RFC 9110 §5.6.6); values
 *   keep their case (a multipart `boundary` is case-sensitive);
 * - quoted values (RFC 9110 §5.6.4) lose their quotes; inside them only `\"` and `\\` are unescaped:
 *   browsers do not escape backslashes in multipart filenames (WHATWG HTML form-data encoding
 *   percent-encodes `"` instead), so `filename="C:\dir\a.txt"` must keep its backslashes;
 * - an unterminated quoted value runs to the end; text after a closing quote up to the next `;` is ignored;
 * - a parameter without `=` is skipped; for duplicate names the FIRST one wins (the ambiguity itself is
 *   a known firewall-evasion trick, callers that care can look at the raw header);
 * - the result has no prototype, so names like `__proto__` are plain keys.
 *
 * @example
 * ```ts
 * parseHeaderParams('text/html; Charset="utf-8"; q=1', 9); // { charset: 'utf-8', q: '1' }
 * ```
 */
export function parseHeaderParams(text: string, start: number): Record<string, string> {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const length = text.length;
  let i = start;
  while (i < length) {
    // Skip separators and whitespace before a name.
    let c = text.charCodeAt(i);
    if (c === SEMICOLON || isSpace(c)) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < length) {
      c = text.charCodeAt(i);
      if (c === EQUALS || c === SEMICOLON) break;
      i++;
    }
    let nameEnd = i;
    while (nameEnd > nameStart && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
    if (i >= length || c === SEMICOLON) continue; // no `=`: not a parameter
    i++; // past '='
    while (i < length && isSpace(text.charCodeAt(i))) i++;

    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      value = '';
      let chunkStart = i;
      while (i < length) {
        c = text.charCodeAt(i);
        if (c === QUOTE) break;
        if (c === BACKSLASH) {
          const next = text.charCodeAt(i + 1);
          if (next === QUOTE || next === BACKSLASH) {
            value += text.slice(chunkStart, i);
            chunkStart = i + 1; // keep the escaped char, drop the backslash
            i += 2;
            continue;
          }
        }
        i++;
      }
      value += text.slice(chunkStart, i);
      // Skip the closing quote and anything up to the next ';'.
      while (i < length && text.charCodeAt(i) !== SEMICOLON) i++;
    } else {
      const valueStart = i;
      while (i < length && text.charCodeAt(i) !== SEMICOLON) i++;
      let valueEnd = i;
      while (valueEnd > valueStart && isSpace(text.charCodeAt(valueEnd - 1))) valueEnd--;
      value = text.slice(valueStart, valueEnd);
    }
    const name = text.slice(nameStart, nameEnd).toLowerCase();
    if (name.length > 0 && !(name in params)) params[name] = value;
  }
  return params;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
