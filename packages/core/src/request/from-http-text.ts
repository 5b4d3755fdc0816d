import { latin1Decode } from './latin1.js';
import { frameBody } from './message-framing.js';
import { trimOws, trimOwsEnd } from './ows.js';
import type { WafRequest } from './waf-request.js';

/**
 * Result of {@link parseHttpMessage}. Each warning starts with a stable snake_case code, optionally
 * followed by `: ` and a human-readable detail, e.g. `bad_chunked_encoding: chunk size "zz" is not hexadecimal`.
 *
 * Warning codes: `missing_http_version`, `whitespace_in_target`, `whitespace_before_first_header`,
 * `obs_fold`, `header_without_colon`, `empty_header_name`, `whitespace_before_colon`,
 * `whitespace_only_line`, `invalid_content_length`, `conflicting_content_length`,
 * `body_longer_than_content_length`, `body_shorter_than_content_length`,
 * `content_length_with_transfer_encoding`, `transfer_encoding_not_chunked`,
 * `unsupported_transfer_coding`, `bad_chunked_encoding`, `trailer_fields_ignored`,
 * `bytes_after_chunked_body`.
 *
 * @example
 * ```ts
 * const result: ParseHttpResult = parseHttpMessage('GET / HTTP/1.1\r\nHost: a.example\r\n\r\n');
 * if (result.ok) console.log(result.request.target, result.warnings);
 * else console.error(result.error);
 * ```
 */
export type ParseHttpResult =
  | { readonly ok: true; readonly request: WafRequest; readonly warnings: string[] }
  | { readonly ok: false; readonly error: string };

const LF = 0x0a;
// RFC 9110 §5.6.2: token = 1*tchar. A method is a token (RFC 9110 §9.1).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HTTP_VERSION = /^HTTP\/(\d+(?:\.\d+)?)$/i;

/**
 * Parses raw HTTP/1.1 request text, as found in a `.http` file or captured off the wire, into a
 * {@link WafRequest}. It never throws: a message it cannot make sense of gives `{ ok: false, error }`,
 * and anything odd but recoverable is accepted and reported in `warnings`.
 *
 * Leniency, on purpose, because attack samples are often malformed on purpose:
 * - blank lines and `#` / `//` comment lines (as in `.http` files) are skipped *before* the request
 *   line only (RFC 9112 §2.2 already asks servers to ignore leading empty lines);
 * - bare LF is accepted as a line end (RFC 9112 §2.2); the request line may use several spaces or
 *   tabs between parts (RFC 9112 §3) and may lack the version (then `1.1`);
 * - obsolete line folding is unfolded with one space (RFC 9112 §5.2); a field line without `:` is
 *   skipped with a warning;
 * - a chunked body is decoded (RFC 9112 §7.1); a bad chunk keeps what was decoded plus the
 *   remaining bytes raw;
 * - a body longer than `Content-Length` is **kept whole** (the extra bytes are where smuggled
 *   requests hide) and flagged.
 *
 * One request per input: a second request after the first one's body (as in a multi-request `.http`
 * file with `###` separators) is part of that body; split such files before parsing.
 *
 * The head is decoded as latin1, byte for byte, because field values are octets (RFC 9112 §5), which
 * is also what Node does; the body is kept as bytes, so a UTF-8 body survives exactly. A string
 * input is first encoded as UTF-8. An empty body gives `body: undefined`.
 *
 * @example
 * ```ts
 * const result = parseHttpMessage('POST /login HTTP/1.1\nHost: a.example\nContent-Type: application/json\n\n{"user":"ann"}');
 * // result.ok === true; result.request.method === 'POST'
 * // new TextDecoder().decode(result.request.body) === '{"user":"ann"}'
 * ```
 */
export function parseHttpMessage(input: string | Uint8Array): ParseHttpResult {
  let bytes: Uint8Array;
  if (typeof input === 'string') bytes = new TextEncoder().encode(input);
  else if (input instanceof Uint8Array) bytes = input;
  else return { ok: false, error: 'input must be a string or a Uint8Array' };

  const warnings: string[] = [];
  const lines = new LineReader(bytes);

  let requestLine: string | undefined;
  for (let line = lines.next(); line !== undefined; line = lines.next()) {
    const trimmed = trimOws(line);
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) continue;
    requestLine = trimmed;
    break;
  }
  if (requestLine === undefined) return { ok: false, error: 'no request line found' };

  const start = parseRequestLine(requestLine, warnings);
  if (!start.ok) return start;

  const headers = readFieldLines(lines, warnings);
  const rest = lines.rest();
  const body = frameBody(rest, headers, warnings);

  return {
    ok: true,
    request: {
      method: start.method,
      target: start.target,
      httpVersion: start.httpVersion,
      headers,
      ...(body.length > 0 && { body }),
    },
    warnings,
  };
}

type RequestLine =
  { ok: true; method: string; target: string; httpVersion: string } | { ok: false; error: string };

function parseRequestLine(line: string, warnings: string[]): RequestLine {
  const shown = JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line);
  const parts = line.split(/[ \t]+/);
  const method = parts[0] ?? '';
  if (!TOKEN.test(method)) {
    return { ok: false, error: `request line ${shown}: the method is not a token (RFC 9110 §9.1)` };
  }
  if (parts.length < 2) return { ok: false, error: `request line ${shown} has no request target` };

  const versionMatch = parts.length >= 3 ? HTTP_VERSION.exec(parts[parts.length - 1] ?? '') : null;
  let httpVersion = '1.1';
  let targetParts: string[];
  if (versionMatch) {
    const version = versionMatch[1] ?? '1.1';
    httpVersion = version.includes('.') ? version : `${version}.0`;
    targetParts = parts.slice(1, -1);
  } else {
    warnings.push('missing_http_version: assuming HTTP/1.1');
    targetParts = parts.slice(1);
  }
  // RFC 9112 §3.2: the target contains no whitespace; a client that sends some is malformed or probing.
  if (targetParts.length > 1) warnings.push('whitespace_in_target: target parts joined with one space');
  return { ok: true, method, target: targetParts.join(' '), httpVersion };
}

function readFieldLines(lines: LineReader, warnings: string[]): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (let line = lines.next(); line !== undefined; line = lines.next()) {
    if (line === '') break;
    if (/^[ \t]+$/.test(line)) {
      // Strictly this is an (empty) folded line, but in a hand-edited file it is a separator with stray spaces.
      warnings.push(`whitespace_only_line: line ${lines.lineNumber} taken as the end of the header section`);
      break;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const previous = headers[headers.length - 1];
      if (previous === undefined) {
        // RFC 9112 §2.2: whitespace between the start line and the first field line must be rejected or ignored.
        warnings.push(`whitespace_before_first_header: line ${lines.lineNumber} ignored`);
      } else {
        // RFC 9112 §5.2: a recipient may replace each obs-fold with one or more SP before interpreting.
        previous[1] = `${previous[1]} ${trimOws(line)}`;
        warnings.push(`obs_fold: line ${lines.lineNumber} unfolded into ${previous[0]}`);
      }
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) {
      warnings.push(`header_without_colon: line ${lines.lineNumber} skipped`);
      continue;
    }
    if (colon === 0) {
      warnings.push(`empty_header_name: line ${lines.lineNumber} skipped`);
      continue;
    }
    let name = line.slice(0, colon);
    if (trimOwsEnd(name) !== name) {
      // RFC 9112 §5.1: servers must reject this (a classic smuggling trick); we keep it for inspection.
      name = trimOwsEnd(name);
      warnings.push(`whitespace_before_colon: in ${JSON.stringify(name)} on line ${lines.lineNumber}`);
    }
    headers.push([name, trimOws(line.slice(colon + 1))]);
  }
  return headers;
}

/** Reads LF-terminated lines (a trailing CR is dropped) and hands back the untouched bytes that remain. */
class LineReader {
  private pos = 0;
  lineNumber = 0;

  constructor(private readonly bytes: Uint8Array) {}

  next(): string | undefined {
    if (this.pos >= this.bytes.length) return undefined;
    const lf = this.bytes.indexOf(LF, this.pos);
    const end = lf < 0 ? this.bytes.length : lf;
    const line = latin1Decode(this.bytes, this.pos, end);
    this.pos = lf < 0 ? this.bytes.length : lf + 1;
    this.lineNumber += 1;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  rest(): Uint8Array {
    return this.bytes.subarray(this.pos);
  }
}
