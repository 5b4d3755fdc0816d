import { accessLogFailure } from './access-log-entry.js';
import type { AccessLogEntry, AccessLogResult } from './access-log-entry.js';
import { parseClfTime } from './clf-time.js';
import { LogLineScanner } from './log-line-scanner.js';
import { parseLogRequestLine } from './log-request-line.js';

type Layout = 'common' | 'combined' | 'auto';

/**
 * Parses one line of the NCSA Combined Log Format, the default of nginx (`combined`) and Apache
 * (`LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"" combined`):
 *
 * `192.0.2.1 - ann [17/May/2015:10:05:03 +0000] "GET /a?b=1 HTTP/1.1" 200 512 "https://example.com/" "curl/8.5.0"`
 *
 * `-` means "none" for the user, size, Referer and User-Agent. Escapes inside quoted fields (`\"`,
 * `\\`, `\xHH`, as nginx and Apache write them) are undone. Fields after the User-Agent (request time,
 * upstream address… that many setups append) are allowed and ignored. A request field that is not a
 * request line (TLS probes, `-`) gives `bad_request_line`, a bad time `bad_time`; never throws.
 *
 * @example
 * ```ts
 * const result = parseCombinedLogLine(
 *   '192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET /a?b=1 HTTP/1.1" 200 512 "-" "curl/8.5.0"',
 *   1,
 * );
 * // result.ok && result.entry.target === '/a?b=1' && result.entry.userAgent === 'curl/8.5.0'
 * ```
 */
export function parseCombinedLogLine(line: string, lineNumber: number): AccessLogResult {
  return parseNcsaLine(line, lineNumber, 'combined');
}

/**
 * Parses one line of the Common Log Format (`%h %l %u %t "%r" %>s %b`), the combined format without
 * Referer and User-Agent. Anything after the size is ignored. Same rules as {@link parseCombinedLogLine}.
 *
 * @example
 * ```ts
 * const result = parseCommonLogLine('192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.0" 304 -', 1);
 * // result.ok && result.entry.status === 304 && result.entry.bytes === undefined
 * ```
 */
export function parseCommonLogLine(line: string, lineNumber: number): AccessLogResult {
  return parseNcsaLine(line, lineNumber, 'common');
}

/**
 * Parses a Common or Combined Log Format line, telling them apart per line: two quoted fields after
 * the size make it combined, anything else common (with extra fields ignored). A quoted field there
 * that never closes (a truncated line) is a `bad_format` error rather than a silently shorter entry.
 *
 * @example
 * ```ts
 * parseAccessLogLine('2001:db8::7 - - [17/May/2015:10:05:03 +0000] "HEAD / HTTP/1.1" 200 -', 2).ok; // true
 * ```
 */
export function parseAccessLogLine(line: string, lineNumber: number): AccessLogResult {
  return parseNcsaLine(line, lineNumber, 'auto');
}

const LAYOUT_HINT = 'expected `host ident user [time] "request" status size`';

function parseNcsaLine(line: string, lineNumber: number, layout: Layout): AccessLogResult {
  const fail = (reason: Parameters<typeof accessLogFailure>[2], message: string) =>
    accessLogFailure(line, lineNumber, reason, message);
  if (typeof line !== 'string') return fail('bad_format', 'the line is not a string');
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (text.trim() === '') return fail('empty', 'blank line');

  const scanner = new LogLineScanner(text);
  const remoteAddress = scanner.word();
  scanner.word(); // %l, the identd user: always `-` in practice and useless to a WAF.
  const remoteUser = scanner.word();
  if (remoteAddress === undefined || remoteUser === undefined) return fail('bad_format', LAYOUT_HINT);
  const timeText = scanner.bracketed();
  if (timeText === undefined) return fail('bad_format', `${LAYOUT_HINT}: no [time] as the 4th field`);
  const request = scanner.quoted();
  if (request === undefined) {
    return fail('bad_format', `${LAYOUT_HINT}: no complete "request" as the 5th field`);
  }
  const statusText = scanner.word();
  const bytesText = scanner.word();
  if (statusText === undefined || !/^(?:\d{3}|-)$/.test(statusText)) {
    return fail('bad_format', `${LAYOUT_HINT}: status ${JSON.stringify(statusText ?? '')} is not 3 digits`);
  }
  if (bytesText === undefined || !/^(?:\d{1,15}|-)$/.test(bytesText)) {
    return fail('bad_format', `${LAYOUT_HINT}: size ${JSON.stringify(bytesText ?? '')} is not a number or -`);
  }

  let referer: string | undefined;
  let userAgent: string | undefined;
  if (layout === 'combined' || (layout === 'auto' && scanner.peek() === '"')) {
    const missingFields = 'expected quoted Referer and User-Agent after the size (combined format)';
    const unterminated = 'a quoted field after the size never closes (truncated line?)';
    if (scanner.peek() !== '"') return fail('bad_format', missingFields);
    const first = scanner.quoted();
    if (first === undefined) return fail('bad_format', unterminated);
    if (scanner.peek() === '"') {
      const second = scanner.quoted();
      if (second === undefined) return fail('bad_format', unterminated);
      referer = orNone(first.text);
      userAgent = orNone(second.text);
    } else if (layout === 'combined') {
      return fail('bad_format', missingFields);
    }
    // Otherwise: common format followed by one extra quoted field, which is ignored.
  }

  const requestLine = parseLogRequestLine(request.text);
  if (!requestLine.ok) {
    const shown = request.raw.length > 300 ? `${request.raw.slice(0, 300)}…` : request.raw;
    return fail(
      'bad_request_line',
      `request "${shown}" is not \`METHOD target [HTTP/x.y]\` (${requestLine.reason})`,
    );
  }
  const time = parseClfTime(timeText);
  if (time === undefined)
    return fail('bad_time', `time [${timeText.slice(0, 100)}] is not dd/Mon/yyyy:hh:mm:ss ±zzzz`);

  const user = orNone(remoteUser);
  const entry: AccessLogEntry = {
    lineNumber,
    remoteAddress,
    ...(user !== undefined && { remoteUser: user }),
    time,
    timeText,
    ...requestLine.value,
    ...(statusText !== '-' && { status: Number(statusText) }),
    ...(bytesText !== '-' && { bytes: Number(bytesText) }),
    ...(referer !== undefined && { referer }),
    ...(userAgent !== undefined && { userAgent }),
    raw: line,
  };
  return { ok: true, entry };
}

function orNone(value: string): string | undefined {
  return value === '-' ? undefined : value;
}
