import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AccessLogResult } from './access-log-entry.js';
import { parseCommonLogLine } from './combined-log.js';
import { parseAnyAccessLogLine, streamAccessLog } from './read-access-log.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/access-logs/${name}`, import.meta.url));

async function collect(iterable: AsyncIterable<AccessLogResult>): Promise<AccessLogResult[]> {
  const results: AccessLogResult[] = [];
  for await (const result of iterable) results.push(result);
  return results;
}

describe('streamAccessLog', () => {
  it('detects JSON or CLF per line, skips blank lines and keeps line numbers', async () => {
    const results = await collect(
      streamAccessLog(createReadStream(fixture('mixed.log'), { highWaterMark: 16 })),
    );
    expect(results.map((r) => (r.ok ? [r.entry.lineNumber, r.entry.target] : r.error.reason))).toEqual([
      [1, '/'],
      [2, '/json'],
      [4, '/common'],
    ]);
  });

  it('reads each fixture file with the expected number of good lines', async () => {
    const counts: Record<string, [number, number]> = {};
    for (const name of ['combined.log', 'common.log', 'nginx-json.log']) {
      const results = await collect(streamAccessLog(createReadStream(fixture(name), { highWaterMark: 64 })));
      counts[name] = [results.filter((r) => r.ok).length, results.filter((r) => !r.ok).length];
    }
    expect(counts).toEqual({ 'combined.log': [7, 5], 'common.log': [3, 0], 'nginx-json.log': [3, 4] });
  });

  it('accepts a custom parser and string chunks', async () => {
    const results = await collect(
      streamAccessLog(
        Readable.from(['192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 5 "-" "x"\r', '\n']),
        parseCommonLogLine,
      ),
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.ok && results[0].entry.userAgent).toBeUndefined();
  });
});

describe('parseAnyAccessLogLine', () => {
  it('sends lines starting with { (after spaces) to the JSON parser', () => {
    const json = parseAnyAccessLogLine('  {"remote_addr":"192.0.2.1"', 1);
    expect(!json.ok && json.error.reason).toBe('bad_json');
    const clf = parseAnyAccessLogLine('192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 5', 2);
    expect(clf.ok).toBe(true);
  });
});
