import type { WafRequest } from '../request/waf-request.js';
import type { AccessLogEntry } from './access-log-entry.js';

/**
 * Turns a logged request into a {@link WafRequest}, so logs can be replayed through the WAF (to
 * measure false positives on real traffic, or to find attacks after the fact). A log carries no
 * body and, of the headers, at most `User-Agent` and `Referer`; those are added when present.
 *
 * @example
 * ```ts
 * const result = parseAccessLogLine(line, 1);
 * if (result.ok) {
 *   const request = accessLogEntryToRequest(result.entry);
 *   // request.headers: [['User-Agent', '…'], ['Referer', '…']]
 * }
 * ```
 */
export function accessLogEntryToRequest(entry: AccessLogEntry): WafRequest {
  const headers: Array<readonly [string, string]> = [];
  if (entry.userAgent !== undefined) headers.push(['User-Agent', entry.userAgent]);
  if (entry.referer !== undefined) headers.push(['Referer', entry.referer]);
  return {
    method: entry.method,
    target: entry.target,
    httpVersion: entry.httpVersion,
    headers,
    remoteAddress: entry.remoteAddress,
  };
}
