import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WaferError } from '../errors.js';
import type { AccessLogEntry, AccessLogError, AccessLogResult } from './access-log-entry.js';
import { createJsonLogParser, DEFAULT_JSON_LOG_FIELDS } from './json-log.js';
import type { JsonLogParserOptions } from './json-log.js';

const lines = readFileSync(new URL('../../test/fixtures/access-logs/nginx-json.log', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '');

function entry(result: AccessLogResult): AccessLogEntry {
  if (!result.ok) throw new Error(result.error.message);
  return result.entry;
}
function error(result: AccessLogResult): AccessLogError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.entry)}`);
  return result.error;
}

describe('createJsonLogParser with the default nginx field names', () => {
  const parse = createJsonLogParser();
  const results = lines.map((line, i) => parse(line, i + 1));

  it('prefers `uri` for the target and takes the version from `request`', () => {
    expect(entry(results[0]!)).toEqual({
      lineNumber: 1,
      remoteAddress: '192.0.2.30',
      time: new Date('2024-03-01T12:00:00Z'),
      timeText: '2024-03-01T12:00:00+00:00',
      method: 'GET',
      target: '/api/items',
      httpVersion: '1.1',
      status: 200,
      bytes: 1534,
      referer: 'https://app.example.com/items',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0',
      raw: lines[0],
    });
  });

  it('falls back to the `request` line, reads numbers and treats - as none', () => {
    const e = entry(results[1]!);
    expect([e.method, e.target, e.httpVersion, e.status, e.bytes, e.referer]).toEqual([
      'POST',
      '/login',
      '2.0',
      401,
      0,
      undefined,
    ]);
    expect(e.remoteAddress).toBe('2001:db8::30');
  });

  it('reads epoch seconds and CLF times, and defaults the version to 1.1', () => {
    const e = entry(results[2]!);
    expect(e.time?.toISOString()).toBe('2024-03-01T12:00:02.123Z');
    expect(e.timeText).toBe('1709294402.123');
    expect(e.httpVersion).toBe('1.1');
  });

  it('reports a garbage request line, a bad time, missing fields and broken JSON', () => {
    const tls = error(results[3]!);
    expect(tls.reason).toBe('bad_request_line');
    expect(tls.message).toContain('"\\u0016\\u0003\\u0001"');
    expect(error(results[4]!).reason).toBe('bad_time');
    const missing = error(results[5]!);
    expect(missing.reason).toBe('missing_field');
    expect(missing.message).toBe(
      'line 6: no `method` property and no usable `request` line (map it with options.fields.method)',
    );
    expect(error(results[6]!).reason).toBe('bad_json');
  });

  it('checks property types', () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        '{"remote_addr":"192.0.2.1","request":"GET / HTTP/1.1","status":"OK"}',
        'bad_format',
        /`status` is not/,
      ],
      ['{"remote_addr":"192.0.2.1","request":"GET / HTTP/1.1","status":42}', 'bad_format', /42 is not/],
      [
        '{"remote_addr":"192.0.2.1","request":"GET / HTTP/1.1","body_bytes_sent":-1}',
        'bad_format',
        /byte count/,
      ],
      [
        '{"remote_addr":1,"request":"GET / HTTP/1.1"}',
        'bad_format',
        /`remote_addr` must be a string, got number/,
      ],
      ['{"request":"GET / HTTP/1.1"}', 'missing_field', /no `remote_addr` property/],
      ['[1]', 'bad_json', /must be an object/],
      ['', 'empty', /blank line/],
    ];
    for (const [line, reason, message] of cases) {
      const e = error(parse(line, 1));
      expect(e.reason).toBe(reason);
      expect(e.message).toMatch(message);
    }
  });
});

describe('createJsonLogParser with custom fields', () => {
  it('follows dot paths, and matches a dotted property name first', () => {
    const parse = createJsonLogParser({
      fields: {
        remoteAddress: 'client.ip',
        method: 'http.request.method',
        target: 'url.original',
        time: '@timestamp',
        status: 'http.response.status_code',
        userAgent: 'user_agent.original',
      },
    });
    const e = entry(
      parse(
        JSON.stringify({
          '@timestamp': '2024-03-01T12:00:00.5Z',
          client: { ip: '192.0.2.50' },
          'http.request.method': 'DELETE',
          http: { request: { method: 'ignored' }, response: { status_code: 204 } },
          url: { original: '/api/items/7?force=true' },
          user_agent: { original: 'okhttp/4.12.0' },
        }),
        3,
      ),
    );
    expect([e.remoteAddress, e.method, e.target, e.status, e.userAgent, e.time?.toISOString()]).toEqual([
      '192.0.2.50',
      'DELETE',
      '/api/items/7?force=true',
      204,
      'okhttp/4.12.0',
      '2024-03-01T12:00:00.500Z',
    ]);
  });

  it('keeps the defaults for fields not given', () => {
    const parse = createJsonLogParser({ fields: { target: 'request_uri' } });
    const e = entry(
      parse('{"remote_addr":"192.0.2.1","method":"GET","request_uri":"/a?b=%27","uri":"/a"}', 1),
    );
    expect(e.target).toBe('/a?b=%27');
    expect(DEFAULT_JSON_LOG_FIELDS.target).toBe('uri');
  });

  it('validates options once, with a did-you-mean hint', () => {
    const attempt = (options: unknown) => () => createJsonLogParser(options as JsonLogParserOptions);
    expect(attempt({ fields: { userAgnet: 'ua' } })).toThrow(
      /unknown field in `fields` `userAgnet`\. Did you mean `userAgent`\?/,
    );
    expect(attempt({ feilds: {} })).toThrow(/unknown option `feilds`\. Did you mean `fields`\?/);
    expect(attempt({ fields: { time: '' } })).toThrow(/`fields.time` must be a non-empty/);
    expect(attempt({ fields: { time: 5 } })).toThrow(/got 5/);
    expect(attempt({ fields: [] })).toThrow(/`fields` must be an object/);
    expect(attempt('x')).toThrow(/options must be an object/);
    try {
      attempt({ fields: { zzzzzz: 'a' } })();
      expect.unreachable();
    } catch (caught) {
      expect(caught).toBeInstanceOf(WaferError);
      expect((caught as WaferError).code).toBe('WAFER_ERR_INVALID_OPTION');
      expect((caught as WaferError).message).not.toContain('Did you mean');
    }
    expect(attempt({ fields: { time: undefined } })).not.toThrow();
  });
});

describe('the JSON log parser never throws', () => {
  const parse = createJsonLogParser();
  const parseNested = createJsonLogParser({ fields: { remoteAddress: 'a.b.c', time: 'x.y' } });
  const keys = fc.constantFrom(
    ...Object.values(DEFAULT_JSON_LOG_FIELDS),
    'a',
    '__proto__',
    'constructor',
    'x',
  );
  const objects = fc.dictionary(keys, fc.jsonValue()).map((object) => JSON.stringify(object));

  it('on arbitrary strings, bytes and JSON objects', () => {
    const bytes = fc.uint8Array({ maxLength: 300 }).map((data) => String.fromCharCode(...data));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), bytes, objects), (line) => {
        for (const p of [parse, parseNested]) {
          const result = p(line, 4);
          if (!result.ok) expect(result.error.message.startsWith('line 4: ')).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
