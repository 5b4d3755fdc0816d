import { describe, expect, it } from 'vitest';
import { parseCombinedLogLine } from '../access-log/combined-log.js';
import type { Decision } from '../waf/decision.js';
import { scanRecordOf, scanRecordToCsv } from './scan-record.js';

const LINE =
  '203.0.113.9 - - [02/Mar/2024:10:00:03 +0000] "GET /search?id=1\'%20or%201=1--,x HTTP/1.1" 200 612 "-" "curl/8.5.0"';

const decision: Decision = {
  action: 'monitor',
  attack: true,
  score: 0.9999,
  attackScore: 2,
  attackClass: 'sqli',
  classScores: { sqli: 0.9998 },
  findings: [
    {
      kind: 'attack',
      class: 'sqli',
      classes: ['sqli', 'xss'],
      score: 0.9999,
      location: 'query',
      path: 'query.id',
      fieldKind: 'value',
      transforms: ['url-decode'],
      evidence: { start: 1, end: 9, text: "' or 1=1", score: 0.99 },
    },
  ],
  model: 'test@0',
  timings: { parseUs: 10, inferenceUs: 100, totalUs: 120 },
  decidedBy: 'model',
  counts: { fields: 2, fastPath: 0, cached: 0, model: 2, windows: 2 },
  budgetExceeded: false,
};

describe('scan records', () => {
  const parsed = parseCombinedLogLine(LINE, 3);
  if (!parsed.ok) throw new Error(parsed.error.message);

  it('describes a flagged log line', () => {
    expect(scanRecordOf(parsed.entry, decision)).toEqual({
      line: 3,
      time: '2024-03-02T10:00:03.000Z',
      ip: '203.0.113.9',
      method: 'GET',
      path: '/search',
      target: "/search?id=1'%20or%201=1--,x",
      status: 200,
      score: 0.9999,
      attackScore: 2,
      class: 'sqli',
      classes: ['sqli', 'xss'],
      field: 'query.id',
      evidence: "' or 1=1",
    });
  });

  it('writes it as one CSV line, quoting the comma in the target', () => {
    expect(scanRecordToCsv(scanRecordOf(parsed.entry, decision))).toBe(
      `3,2024-03-02T10:00:03.000Z,203.0.113.9,GET,/search,"/search?id=1'%20or%201=1--,x",200,0.9999,2,sqli,sqli xss,query.id,' or 1=1`,
    );
  });
});
