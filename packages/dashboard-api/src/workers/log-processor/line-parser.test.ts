import { describe, expect, it } from 'vitest';
import { lineParserFor } from './line-parser.js';
import { combinedLine } from './test-support.js';

const common = '192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET /c HTTP/1.1" 200 5';

describe('lineParserFor', () => {
  it("reads each format, and tells them apart per line with 'auto'", () => {
    const json = '{"remote_addr":"192.0.2.1","request":"GET /j HTTP/1.1","status":200}';
    const combined = combinedLine('/x').trimEnd();
    expect(lineParserFor('combined')(combined, 1).ok).toBe(true);
    expect(lineParserFor('combined')(common, 1).ok).toBe(false);
    expect(lineParserFor('common')(common, 1).ok).toBe(true);
    expect(lineParserFor('json')(json, 1).ok).toBe(true);
    const auto = lineParserFor('auto');
    expect([json, combined, common].map((line) => auto(line, 1).ok)).toEqual([true, true, true]);
  });

  it("uses the JSON field names in 'auto' too", () => {
    const auto = lineParserFor('auto', { fields: { remoteAddress: 'ip' } });
    const result = auto('{"ip":"192.0.2.9","request":"GET / HTTP/1.1"}', 1);
    expect(result.ok && result.entry.remoteAddress).toBe('192.0.2.9');
    expect(auto(common, 2).ok).toBe(true);
  });
});
