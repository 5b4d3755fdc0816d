/**
 * One request read from a web server access log. Only what logs carry: no body, and of the headers
 * only `Referer` and `User-Agent` when the format has them.
 *
 * @example
 * ```ts
 * const entry: AccessLogEntry = {
 *   lineNumber: 1,
 *   remoteAddress: '192.0.2.10',
 *   time: new Date('2015-05-17T10:05:03Z'),
 *   timeText: '17/May/2015:10:05:03 +0000',
 *   method: 'GET',
 *   target: '/blog/?page=2',
 *   httpVersion: '1.1',
 *   status: 200,
 *   bytes: 5123,
 *   userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
 *   raw: '192.0.2.10 - - [17/May/2015:10:05:03 +0000] "GET /blog/?page=2 HTTP/1.1" 200 5123 "-" "Mozilla/5.0 (X11; Linux x86_64)"',
 * };
 * ```
 */
export interface AccessLogEntry {
  /** 1-based line number in the log. */
  readonly lineNumber: number;
  /** Client address as logged (`%h` / `$remote_addr`): IPv4, IPv6 or a host name. */
  readonly remoteAddress: string;
  /** Authenticated user (`%u` / `$remote_user`), absent when logged as `-`. */
  readonly remoteUser?: string;
  /** Request time; `undefined` only when the log has no time at all (some JSON formats). */
  readonly time: Date | undefined;
  /** The time exactly as logged (`''` when absent). */
  readonly timeText: string;
  readonly method: string;
  /** Request target as logged, with the log's escapes (`\"`, `\xHH`) undone; `\xHH` gives the byte as a latin1 character. */
  readonly target: string;
  /** Without the `HTTP/` prefix. `0.9` for a request line without a version, `1.1` when the format does not log it. */
  readonly httpVersion: string;
  readonly status?: number;
  /** Response body size; absent when logged as `-`. */
  readonly bytes?: number;
  readonly referer?: string;
  readonly userAgent?: string;
  /** The whole line as read. */
  readonly raw: string;
}

/**
 * Why a line could not be read:
 * `empty` (blank line), `bad_format` (not the expected layout), `bad_request_line` (the request field is
 * not `METHOD target [HTTP/x.y]`: TLS or garbage probes, `-`), `bad_json`, `missing_field` (a required
 * JSON property is absent) or `bad_time` (a time that does not parse).
 *
 * @example
 * ```ts
 * const reason: AccessLogErrorReason = 'bad_request_line';
 * ```
 */
export type AccessLogErrorReason =
  'empty' | 'bad_format' | 'bad_request_line' | 'bad_json' | 'missing_field' | 'bad_time';

/**
 * A line that could not be read, with enough context to show it to a person.
 *
 * @example
 * ```ts
 * const error: AccessLogError = {
 *   lineNumber: 7,
 *   line: '192.0.2.7 - - [17/May/2015:10:05:03 +0000] "\\x16\\x03\\x01" 400 226 "-" "-"',
 *   reason: 'bad_request_line',
 *   message: 'line 7: request "\\x16\\x03\\x01" is not `METHOD target [HTTP/x.y]` (method is not a token)',
 * };
 * ```
 */
export interface AccessLogError {
  readonly lineNumber: number;
  /** The offending line, cut to its first 500 characters. */
  readonly line: string;
  readonly reason: AccessLogErrorReason;
  /** Starts with `line N:`; for `bad_request_line` it quotes the raw request text, so the target stays recoverable. */
  readonly message: string;
}

/**
 * Outcome of reading one access-log line. Parsers never throw, whatever the line.
 *
 * @example
 * ```ts
 * const result: AccessLogResult = parseAccessLogLine(line, 1);
 * if (result.ok) console.log(result.entry.target);
 * else console.warn(result.error.message);
 * ```
 */
export type AccessLogResult =
  | { readonly ok: true; readonly entry: AccessLogEntry }
  | { readonly ok: false; readonly error: AccessLogError };

/**
 * A parser for one access-log line, the shape every parser in this folder has.
 *
 * @example
 * ```ts
 * const parse: AccessLogLineParser = parseCombinedLogLine;
 * ```
 */
export type AccessLogLineParser = (line: string, lineNumber: number) => AccessLogResult;

const MAX_ERROR_LINE = 500;

/**
 * Builds the `{ ok: false }` result, cutting the line to 500 characters (without splitting a surrogate pair).
 *
 * @example
 * ```ts
 * accessLogFailure('', 3, 'empty', 'blank line');
 * // { ok: false, error: { lineNumber: 3, line: '', reason: 'empty', message: 'line 3: blank line' } }
 * ```
 */
export function accessLogFailure(
  line: string,
  lineNumber: number,
  reason: AccessLogErrorReason,
  message: string,
): AccessLogResult {
  let cut = line;
  if (line.length > MAX_ERROR_LINE) {
    const code = line.charCodeAt(MAX_ERROR_LINE - 1);
    const end = code >= 0xd800 && code <= 0xdbff ? MAX_ERROR_LINE - 1 : MAX_ERROR_LINE;
    cut = line.slice(0, end);
  }
  return { ok: false, error: { lineNumber, line: cut, reason, message: `line ${lineNumber}: ${message}` } };
}
