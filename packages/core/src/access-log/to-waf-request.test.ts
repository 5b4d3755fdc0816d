import { describe, expect, it } from 'vitest';
import { parseAccessLogLine } from './combined-log.js';
import { accessLogEntryToRequest } from './to-waf-request.js';

describe('accessLogEntryToRequest', () => {
  it('carries method, target, version, client and the two logged headers', () => {
    const result = parseAccessLogLine(
      '192.0.2.5 - - [17/May/2015:10:05:03 +0000] "GET /a/../b?x=%zz HTTP/1.0" 200 5 "https://example.com/" "curl/8.5.0"',
      1,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(accessLogEntryToRequest(result.entry)).toEqual({
      method: 'GET',
      target: '/a/../b?x=%zz',
      httpVersion: '1.0',
      headers: [
        ['User-Agent', 'curl/8.5.0'],
        ['Referer', 'https://example.com/'],
      ],
      remoteAddress: '192.0.2.5',
    });
  });

  it('adds no headers when the log has none', () => {
    const result = parseAccessLogLine('192.0.2.5 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 5', 1);
    if (!result.ok) throw new Error(result.error.message);
    const request = accessLogEntryToRequest(result.entry);
    expect(request.headers).toEqual([]);
    expect(request.body).toBeUndefined();
  });
});
