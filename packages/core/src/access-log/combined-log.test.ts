import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessLogEntry, AccessLogError, AccessLogResult } from './access-log-entry.js';
import { parseAccessLogLine, parseCombinedLogLine, parseCommonLogLine } from './combined-log.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/access-logs/${name}`, import.meta.url), 'utf8').split('\n');

function entry(result: AccessLogResult): AccessLogEntry {
  if (!result.ok) throw new Error(result.error.message);
  return result.entry;
}
function error(result: AccessLogResult): AccessLogError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.entry)}`);
  return result.error;
}

describe('parseCombinedLogLine on the combined fixture', () => {
  const lines = fixture('combined.log');
  const results = lines.map((line, i) => parseCombinedLogLine(line, i + 1));

  it('reads an ordinary line completely', () => {
    expect(entry(results[0]!)).toEqual({
      lineNumber: 1,
      remoteAddress: '192.0.2.10',
      time: new Date('2015-05-17T10:05:03.000Z'),
      timeText: '17/May/2015:10:05:03 +0000',
      method: 'GET',
      target: '/presentations/slides/images/kibana-search.png',
      httpVersion: '1.1',
      status: 200,
      bytes: 203023,
      referer: 'http://www.example.com/presentations/slides/',
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36',
      raw: lines[0],
    });
  });

  it('treats - as none for user, size, referer and user agent, and applies the time zone', () => {
    const e = entry(results[1]!);
    expect(e.remoteUser).toBe('alice');
    expect(e.bytes).toBeUndefined();
    expect(e.referer).toBeUndefined();
    expect(e.userAgent).toBeUndefined();
    expect(e.httpVersion).toBe('1.0');
    expect(e.time?.toISOString()).toBe('2015-05-17T17:05:43.000Z');
    expect(e).not.toHaveProperty('remoteUser', undefined);
  });

  it('reads IPv6 clients and a +0530 zone', () => {
    const e = entry(results[2]!);
    expect(e.remoteAddress).toBe('2001:db8::1f');
    expect(e.method).toBe('HEAD');
    expect(e.bytes).toBe(0);
    expect(e.time?.toISOString()).toBe('2015-05-18T18:29:59.000Z');
  });

  it('undoes \\xHH (as latin1 characters), \\" and \\\\ escapes', () => {
    expect(entry(results[3]!).referer).toBe('http://\u00e4\u00e5\u00e3\u00f2.example/');
    const e = entry(results[4]!);
    expect(e.target).toBe('/search?q="quoted"+and+back\\slash');
    expect(e.referer).toBe('https://example.com/?a="b"');
  });

  it('allows extra trailing fields', () => {
    const e = entry(results[5]!);
    expect(e.target).toBe('/?id=1%27%20UNION%20SELECT%201,2--');
    expect(e.userAgent).toBe('sqlmap/1.0');
  });

  it('rejects TLS probes and "-" as bad_request_line, quoting the raw request', () => {
    const tls = error(results[6]!);
    expect(tls.reason).toBe('bad_request_line');
    expect(tls.message).toContain('"\\x16\\x03\\x01\\x02\\x00');
    expect(tls.message).toMatch(/^line 7: /);
    const dash = error(results[7]!);
    expect(dash.reason).toBe('bad_request_line');
    expect(dash.message).toContain('request "-" is not');
  });

  it('accepts a request line without version as HTTP/0.9', () => {
    const e = entry(results[8]!);
    expect(e.target).toBe('/robots.txt');
    expect(e.httpVersion).toBe('0.9');
  });

  it('reports an impossible date as bad_time', () => {
    expect(error(results[9]!).reason).toBe('bad_time');
  });

  it('reports a truncated line, a blank line and garbage', () => {
    const truncated = error(results[10]!);
    expect(truncated.reason).toBe('bad_format');
    expect(truncated.message).toMatch(/never closes/);
    expect(error(results[11]!).reason).toBe('empty');
    expect(error(results[12]!).reason).toBe('bad_format');
  });
});

describe('parseCommonLogLine and auto-detection', () => {
  const lines = fixture('common.log').filter((line) => line !== '');

  it('reads common lines, with the same results through parseAccessLogLine', () => {
    const results = lines.map((line, i) => entry(parseCommonLogLine(line, i + 1)));
    expect(results.map((e) => [e.remoteAddress, e.method, e.target, e.status, e.bytes])).toEqual([
      ['192.0.2.20', 'GET', '/apache_pb.gif', 200, 2326],
      ['192.0.2.21', 'GET', '/a%20b/c.html?x=1&y=%zz', 404, undefined],
      ['2001:db8:85a3::8a2e:370:7334', 'OPTIONS', '*', 200, 0],
    ]);
    expect(lines.map((line, i) => parseAccessLogLine(line, i + 1))).toEqual(
      lines.map((line, i) => parseCommonLogLine(line, i + 1)),
    );
  });

  it('the combined parser requires Referer and User-Agent; the common one ignores them', () => {
    expect(error(parseCombinedLogLine(lines[0]!, 1)).message).toMatch(/Referer and User-Agent/);
    const combined = '192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 5 "-" "UA"';
    expect(entry(parseCommonLogLine(combined, 1)).userAgent).toBeUndefined();
    expect(entry(parseAccessLogLine(combined, 1)).userAgent).toBe('UA');
  });

  it('auto-detection reads common with one extra quoted field as common', () => {
    const e = entry(
      parseAccessLogLine('192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 5 "vhost" 17', 1),
    );
    expect(e.referer).toBeUndefined();
    expect(e.status).toBe(200);
  });

  it('explains layout errors', () => {
    const cases: Array<[string, RegExp]> = [
      ['192.0.2.1', /expected `host ident user/],
      ['192.0.2.1 - - 10/Oct/2000 "GET / HTTP/1.0" 200 5', /no \[time\]/],
      ['192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] GET / 200 5', /no complete "request"/],
      ['192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" OK 5', /status "OK"/],
      ['192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 5kb', /size "5kb"/],
    ];
    for (const [line, message] of cases) {
      const e = error(parseAccessLogLine(line, 3));
      expect(e.reason).toBe('bad_format');
      expect(e.message).toMatch(message);
    }
  });

  it('keeps the CR out and truncates the echoed line to 500 characters', () => {
    expect(
      entry(parseAccessLogLine('192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 5\r', 1))
        .bytes,
    ).toBe(5);
    const long = `x ${'y'.repeat(10_000)}`;
    expect(error(parseAccessLogLine(long, 1)).line).toHaveLength(500);
  });
});

describe('parseAccessLogLine never throws', () => {
  const valid = '192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET /a?b=1 HTTP/1.1" 200 512 "-" "curl/8.5.0"';

  it('on arbitrary strings, bytes decoded as latin1, and mutated valid lines', () => {
    const mutated = fc
      .tuple(fc.nat({ max: valid.length }), fc.nat({ max: 20 }), fc.string({ unit: 'binary', maxLength: 20 }))
      .map(([at, remove, insert]) => valid.slice(0, at) + insert + valid.slice(at + remove));
    const bytes = fc.uint8Array({ maxLength: 400 }).map((data) => String.fromCharCode(...data));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), bytes, mutated), (line) => {
        for (const parse of [parseAccessLogLine, parseCombinedLogLine, parseCommonLogLine]) {
          const result = parse(line, 9);
          if (!result.ok) {
            expect(result.error.lineNumber).toBe(9);
            expect(result.error.line.length).toBeLessThanOrEqual(500);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('stays fast on pathological lines', () => {
    const spaces = ' '.repeat(100_000);
    const started = performance.now();
    parseAccessLogLine(`192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET${spaces}/a${spaces}x" 200 5`, 1);
    parseAccessLogLine(`192.0.2.1 - - [17/May/2015:10:05:03 +0000] "${'\\"'.repeat(50_000)}`, 1);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
