import type { RawParam } from './raw-param.js';

const EQUALS = 0x3d; // =
const QUOTE = 0x22; // "

/**
 * Parses a `Cookie` request header into value params (RFC 6265 §5.4 as browsers and servers really do it,
 * leniently):
 *
 * - pairs are split on `;`; each is trimmed of spaces and tabs (RFC 6265 §5.2 WSP);
 * - `name=value` is split at the first `=`, name and value trimmed;
 * - a value wrapped in double quotes (`"..."`, RFC 6265 §4.1.1 allows them) loses the outer quotes;
 * - a pair without `=` is a cookie with an empty name and the whole text as value (RFC 6265bis §5.6,
 *   what browsers store for `document.cookie = 'abc'`);
 * - empty pairs are skipped; duplicates are kept in order; values are not decoded (cookie encoding is
 *   application-defined; URL decoding is a normalization step downstream).
 *
 * Every param is `kind: 'value'` with `segments: [name]`.
 *
 * @example
 * ```ts
 * parseCookieHeader('sid=abc123; theme="dark"; flag');
 * // [ { kind: 'value', name: 'sid',   segments: ['sid'],   raw: 'abc123' },
 * //   { kind: 'value', name: 'theme', segments: ['theme'], raw: 'dark' },
 * //   { kind: 'value', name: '',      segments: [''],      raw: 'flag' } ]
 * ```
 */
export function parseCookieHeader(header: string): RawParam[] {
  const params: RawParam[] = [];
  const length = header.length;
  let start = 0;
  while (start < length) {
    let end = header.indexOf(';', start);
    if (end < 0) end = length;
    emitCookie(header, start, end, params);
    start = end + 1;
  }
  return params;
}

function emitCookie(header: string, start: number, end: number, params: RawParam[]): void {
  // Trim the pair.
  while (start < end && isSpace(header.charCodeAt(start))) start++;
  while (end > start && isSpace(header.charCodeAt(end - 1))) end--;
  if (start === end) return;

  let equals = start;
  while (equals < end && header.charCodeAt(equals) !== EQUALS) equals++;
  if (equals === end) {
    params.push({ segments: [''], kind: 'value', name: '', raw: header.slice(start, end) });
    return;
  }

  let nameEnd = equals;
  while (nameEnd > start && isSpace(header.charCodeAt(nameEnd - 1))) nameEnd--;
  let valueStart = equals + 1;
  while (valueStart < end && isSpace(header.charCodeAt(valueStart))) valueStart++;
  let valueEnd = end;
  if (
    valueEnd - valueStart >= 2 &&
    header.charCodeAt(valueStart) === QUOTE &&
    header.charCodeAt(valueEnd - 1) === QUOTE
  ) {
    valueStart++;
    valueEnd--;
  }
  const name = header.slice(start, nameEnd);
  params.push({ segments: [name], kind: 'value', name, raw: header.slice(valueStart, valueEnd) });
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
