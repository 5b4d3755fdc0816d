import type { AccessLogEntry, Decision } from '@wafer/core';
import { describe, expect, it } from 'vitest';
import { logRequestId, splitTarget, toIngestRecord } from './to-ingest-record.js';

const entry: AccessLogEntry = {
  lineNumber: 1,
  remoteAddress: '203.0.113.7',
  time: undefined,
  timeText: '',
  method: 'GET',
  target: '/q?x=%3Cscript%3E',
  httpVersion: '1.1',
  raw: '',
};
const source = { path: '/var/log/app.log', inode: '42', offset: 1_000, lineNumber: null, app: null };

function decision(overrides: Partial<Decision>): Decision {
  return {
    action: 'block',
    attack: true,
    score: 0.98,
    attackScore: 2,
    classScores: {},
    findings: [],
    model: 'wafer-model@2.0.0',
    timings: { parseUs: 1, inferenceUs: 1, totalUs: 2 },
    decidedBy: 'model',
    counts: { fields: 1, fastPath: 0, cached: 0, model: 1, windows: 1 },
    budgetExceeded: false,
    ...overrides,
  };
}

describe('toIngestRecord', () => {
  it('gives the same request id to the same line, and another to any other line', () => {
    const id = logRequestId('/var/log/app.log', '42', 1_000);
    expect(logRequestId('/var/log/app.log', '42', 1_000)).toBe(id);
    expect(logRequestId('/var/log/app.log', '43', 1_000)).not.toBe(id);
    expect(logRequestId('/var/log/app.log', '42', 1_001)).not.toBe(id);
    expect(id).toMatch(/^log-[0-9a-f]{24}$/);
  });

  it('splits path and query, also of absolute-form targets', () => {
    expect(splitTarget('/a/b?c=1&d')).toEqual({ path: '/a/b', query: 'c=1&d' });
    expect(splitTarget('/a?')).toEqual({ path: '/a', query: null });
    expect(splitTarget('http://example.com:8080/x?y=2')).toEqual({ path: '/x', query: 'y=2' });
    expect(splitTarget('https://example.com')).toEqual({ path: '/', query: null });
    expect(splitTarget('*')).toEqual({ path: '*', query: null });
  });

  it('never records a logged request as blocked, and uses now() when the line has no time', () => {
    const attack = decision({
      attackClass: 'xss',
      findings: [
        {
          kind: 'attack',
          class: 'xss',
          classes: ['xss', 'crlf'],
          score: 0.98,
          location: 'query',
          path: 'query.x',
          fieldKind: 'value',
          transforms: [],
        },
      ],
    });
    const record = toIngestRecord(entry, attack, source, 1_234);
    expect(record.traffic).toMatchObject({ action: 'monitor', time: 1_234, attackClasses: ['xss', 'crlf'] });
    expect(record.threats).toEqual([
      expect.objectContaining({ type: 'xss', severity: 'high', blocked: false, evidence: null, time: 1_234 }),
    ]);
    expect(record.activity).toMatchObject({
      kind: 'allowed',
      title: 'Cross-site scripting from 203.0.113.7 (seen in access log, not blocked)',
      details: { file: '/var/log/app.log', line: null, offset: 1_000 },
    });
  });

  it('stores a request the engine could not inspect unscored, as allowed', () => {
    const record = toIngestRecord(entry, null, source, 1);
    expect(record.traffic).toMatchObject({ action: 'allow', score: null, attackClasses: [] });
    expect(record.threats).toEqual([]);
    expect(record.activity).toBeNull();
  });
});
