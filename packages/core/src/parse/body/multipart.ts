import { bodyKind, parseContentType } from '../content-type.js';
import { parseContentDisposition } from './content-disposition.js';
import { compileLineSearch } from './line-search.js';
import { looksLikeText } from './text-bytes.js';

/**
 * Options of {@link parseMultipart}.
 *
 * @example
 * ```ts
 * parseMultipart(body, boundary, { maxParts: 64, maxTextBytes: 65536 } satisfies MultipartOptions);
 * ```
 */
export interface MultipartOptions {
  /** Most parts returned; when the body has more, `truncatedParts` is set and the rest is not parsed. */
  maxParts: number;
  /** Bytes of each part's content kept in `content` (`totalBytes` still counts them all). */
  maxTextBytes: number;
}

/**
 * One body part of a multipart body.
 *
 * @example
 * ```ts
 * const part: MultipartPart = {
 *   name: 'photo', filename: 'a.png', contentType: 'image/png',
 *   headers: [['content-disposition', 'form-data; name="photo"; filename="a.png"'], ['content-type', 'image/png']],
 *   content: new Uint8Array([0x89, 0x50]), totalBytes: 2, isText: false,
 * };
 * ```
 */
export interface MultipartPart {
  /** `name` of its `Content-Disposition` (`''` when missing). */
  name: string;
  /** `filename` (or decoded `filename*`) of its `Content-Disposition`, when present (may be `''`). */
  filename?: string;
  /** Its `Content-Type` header value, trimmed, parameters included. */
  contentType?: string;
  /** Its header fields in order: names lower-cased, values trimmed (folded lines joined). */
  headers: Array<[string, string]>;
  /** The first `maxTextBytes` bytes of its content: a view into the body, not a copy. */
  content: Uint8Array;
  /** Full length of its content in bytes. */
  totalBytes: number;
  /** True when it has no or a text-like content type AND its first bytes look like text. */
  isText: boolean;
}

/**
 * Result of {@link parseMultipart}.
 *
 * @example
 * ```ts
 * const { parts, malformed, truncatedParts }: MultipartResult = parseMultipart(body, 'xyz', options);
 * if (malformed !== undefined) console.warn('odd multipart body:', malformed);
 * ```
 */
export interface MultipartResult {
  parts: MultipartPart[];
  /** What was wrong with the body, when anything was (problems joined by `; `). */
  malformed?: string;
  /** True when the body had more than `maxParts` parts. */
  truncatedParts: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** Body kinds whose parts are worth inspecting as text. */
const TEXT_KINDS = new Set(['text', 'json', 'xml', 'form', 'graphql']);

/** A delimiter line found in the body. */
interface Delimiter {
  /** Where the content before it ends (its line break excluded). */
  contentEnd: number;
  /** Where the next part's headers start (after the delimiter line), or -1 for a close/EOF. */
  next: number;
  /** True for the close delimiter `--boundary--`. */
  close: boolean;
}

/**
 * Parses a `multipart/form-data` body (RFC 7578, syntax from RFC 2046 §5.1.1) into parts.
 *
 * - A delimiter is `--boundary` at the start of a line (the body's start or after LF), followed by
 *   optional spaces/tabs (transport padding) and a line break; CRLF is the standard, a bare LF is
 *   accepted. The line break before a delimiter belongs to it, not to the previous content.
 *   `--boundary` followed by other text is not a delimiter (it is content).
 * - `--boundary--` closes the body; the preamble before the first delimiter and the epilogue after the
 *   close are ignored.
 * - Part headers end at the first empty line; lines starting with a space or tab continue the previous
 *   header. Header bytes are decoded as UTF-8 (browsers send raw UTF-8 filenames).
 * - `name` / `filename` come from `Content-Disposition` (see `parseContentDisposition`: quoted strings,
 *   `\"` escapes, RFC 5987 `filename*`).
 * - Delimiters are found with `compileLineSearch` (Boyer-Moore-Horspool with a linear fallback), so a
 *   1 MB upload costs a few tens of thousands of byte comparisons and no boundary/body pair chosen by
 *   an attacker makes it quadratic; contents are `subarray` views, never copied.
 *
 * Lenient, never throws: a boundary not found in the body, a missing close delimiter, a part without
 * `Content-Disposition` or with unterminated headers still give every part that could be found, and
 * `malformed` says what was wrong. An empty boundary, or one with a line break, finds nothing.
 *
 * @example
 * ```ts
 * const body = new TextEncoder().encode(
 *   '--xyz\r\nContent-Disposition: form-data; name="q"\r\n\r\nshoes\r\n--xyz--\r\n',
 * );
 * const { parts } = parseMultipart(body, 'xyz', { maxParts: 100, maxTextBytes: 65536 });
 * parts[0]?.name; // 'q'
 * new TextDecoder().decode(parts[0]?.content); // 'shoes'
 * ```
 */
export function parseMultipart(
  body: Uint8Array,
  boundary: string,
  options: MultipartOptions,
): MultipartResult {
  const parts: MultipartPart[] = [];
  const problems = new Set<string>();
  const result = (truncatedParts: boolean): MultipartResult => {
    const out: MultipartResult = { parts, truncatedParts };
    if (problems.size > 0) out.malformed = [...problems].join('; ');
    return out;
  };
  if (boundary.length === 0) {
    problems.add('empty boundary');
    return result(false);
  }
  const maxParts = options.maxParts >= 0 ? options.maxParts : 0;
  const maxTextBytes = options.maxTextBytes >= 0 ? options.maxTextBytes : 0;
  // Impossible in a header (RFC 2046 bchars), and the line search relies on it.
  if (boundary.includes('\n') || boundary.includes('\r')) {
    problems.add('boundary contains a line break');
    return result(false);
  }
  const dashBoundary = encoder.encode('--' + boundary);
  const search = compileLineSearch(dashBoundary);

  /** The first valid delimiter whose line-break LF is at or after `from` (or at the body's start). */
  const findDelimiter = (from: number): Delimiter | undefined => {
    if (from <= 0 && startsWithAt(body, dashBoundary, 0)) {
      const found = delimiterAfter(body, dashBoundary.length, 0);
      if (found !== undefined) return found;
    }
    let at = from > 0 ? from : 0;
    for (;;) {
      const lf = search(body, at);
      if (lf < 0) return undefined;
      const contentEnd = lf > 0 && body[lf - 1] === CR ? lf - 1 : lf;
      const found = delimiterAfter(body, lf + 1 + dashBoundary.length, contentEnd);
      if (found !== undefined) return found;
      at = lf + 1;
    }
  };

  let delimiter = findDelimiter(0);
  if (delimiter === undefined) {
    problems.add('boundary not found in body');
    return result(false);
  }

  for (;;) {
    if (delimiter.close) return result(false);
    const headersStart = delimiter.next;
    if (headersStart < 0) {
      problems.add('no closing delimiter');
      return result(false);
    }
    if (parts.length >= maxParts) return result(true);

    // The LF ending the delimiter line may start the next delimiter when the part is empty.
    const next = findDelimiter(headersStart - 1);
    const regionEnd = next === undefined ? body.length : Math.max(next.contentEnd, headersStart);
    if (regionEnd === headersStart && next !== undefined) {
      problems.add('empty part');
    } else {
      parts.push(readPart(body, headersStart, regionEnd, maxTextBytes, problems));
    }
    if (next === undefined) {
      problems.add('no closing delimiter');
      return result(false);
    }
    delimiter = next;
  }
}

/** Validates what follows a `--boundary` ending at `end`; `undefined` when it is not a delimiter line. */
function delimiterAfter(body: Uint8Array, end: number, contentEnd: number): Delimiter | undefined {
  if (body[end] === DASH && body[end + 1] === DASH) return { contentEnd, next: -1, close: true };
  let i = end;
  while (body[i] === 0x20 || body[i] === 0x09) i++;
  if (i >= body.length) return { contentEnd, next: -1, close: false }; // EOF: no close delimiter
  if (body[i] === LF) return { contentEnd, next: i + 1, close: false };
  if (body[i] === CR && body[i + 1] === LF) return { contentEnd, next: i + 2, close: false };
  if (body[i] === CR && i + 1 >= body.length) return { contentEnd, next: -1, close: false };
  return undefined;
}

function readPart(
  body: Uint8Array,
  start: number,
  end: number,
  maxTextBytes: number,
  problems: Set<string>,
): MultipartPart {
  // Headers end at the first empty line: CRLF CRLF, or leniently LF LF / LF CRLF.
  let headersEnd = -1;
  let contentStart = end;
  if (body[start] === LF) {
    headersEnd = start;
    contentStart = start + 1;
  } else if (body[start] === CR && body[start + 1] === LF) {
    headersEnd = start;
    contentStart = start + 2;
  } else {
    let at = start;
    while (at < end) {
      const lf = body.indexOf(LF, at);
      if (lf < 0 || lf >= end) break;
      if (body[lf + 1] === LF) {
        headersEnd = lf;
        contentStart = lf + 2;
        break;
      }
      if (body[lf + 1] === CR && body[lf + 2] === LF) {
        headersEnd = lf;
        contentStart = lf + 3;
        break;
      }
      at = lf + 1;
    }
  }
  if (headersEnd < 0) {
    problems.add('part headers not terminated by an empty line');
    headersEnd = end;
  }
  if (contentStart > end) contentStart = end;

  const headers = parseHeaderLines(utf8.decode(body.subarray(start, headersEnd)), problems);
  let name = '';
  let filename: string | undefined;
  let contentType: string | undefined;
  let disposition = false;
  for (const [headerName, value] of headers) {
    if (headerName === 'content-disposition' && !disposition) {
      disposition = true;
      const parsed = parseContentDisposition(value);
      name = parsed.params['name'] ?? '';
      filename = parsed.params['filename'];
    } else if (headerName === 'content-type' && contentType === undefined) {
      contentType = value;
    }
  }
  if (!disposition) problems.add('part without Content-Disposition');

  const textType =
    contentType === undefined || TEXT_KINDS.has(bodyKind(parseContentType(contentType)?.mediaType));
  const part: MultipartPart = {
    name,
    headers,
    content: body.subarray(contentStart, Math.min(end, contentStart + maxTextBytes)),
    totalBytes: end - contentStart,
    isText: textType && looksLikeText(body, contentStart, end),
  };
  if (filename !== undefined) part.filename = filename;
  if (contentType !== undefined) part.contentType = contentType;
  return part;
}

/** Splits header text into `[lower-cased name, trimmed value]`; folded lines (RFC 5322 §2.2.3) are joined. */
function parseHeaderLines(text: string, problems: Set<string>): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  if (text.length === 0) return headers;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.length === 0) continue;
    const first = line.charCodeAt(0);
    const last = headers[headers.length - 1];
    if ((first === 0x20 || first === 0x09) && last !== undefined) {
      last[1] = (last[1] + ' ' + line.trim()).trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problems.add('invalid part header line');
      continue;
    }
    headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

function startsWithAt(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at + needle.length > haystack.length) return false;
  for (let i = 0; i < needle.length; i++) if (haystack[at + i] !== needle[i]) return false;
  return true;
}
