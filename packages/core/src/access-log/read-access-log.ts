import { streamLines } from '../eval-record/text-lines.js';
import type { AccessLogLineParser, AccessLogResult } from './access-log-entry.js';
import { parseAccessLogLine } from './combined-log.js';
import { createJsonLogParser } from './json-log.js';

const parseDefaultJsonLine = createJsonLogParser();

/**
 * Parses a line of any supported format, deciding per line: a line starting with `{` is a JSON log
 * line with the default field names, anything else Common or Combined Log Format.
 *
 * @example
 * ```ts
 * parseAnyAccessLogLine('{"remote_addr":"192.0.2.1","request":"GET / HTTP/1.1","status":200}', 1).ok; // true
 * parseAnyAccessLogLine('192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 5', 2).ok; // true
 * ```
 */
export function parseAnyAccessLogLine(line: string, lineNumber: number): AccessLogResult {
  return line.trimStart().startsWith('{')
    ? parseDefaultJsonLine(line, lineNumber)
    : parseAccessLogLine(line, lineNumber);
}

/**
 * Reads an access log from a stream (a Node `Readable` such as a file stream or `process.stdin`, or
 * any async iterable of text or bytes) and yields one result per non-blank line, with the file's
 * 1-based line numbers. Lines split across chunks, CRLF and UTF-8 split mid-character are handled.
 * Blank lines are skipped rather than reported. Never throws on content (a failing source stream
 * still rejects, as it should).
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * let failed = 0;
 * for await (const result of streamAccessLog(createReadStream('/var/log/nginx/access.log'))) {
 *   if (result.ok) ingest(result.entry);
 *   else failed += 1;
 * }
 * // With a custom JSON layout:
 * streamAccessLog(process.stdin, createJsonLogParser({ fields: { target: 'request_uri' } }));
 * ```
 */
export async function* streamAccessLog(
  input: AsyncIterable<string | Uint8Array>,
  parse: AccessLogLineParser = parseAnyAccessLogLine,
): AsyncGenerator<AccessLogResult> {
  let lineNumber = 0;
  for await (const line of streamLines(input)) {
    lineNumber += 1;
    if (line.trim() !== '') yield parse(line, lineNumber);
  }
}
