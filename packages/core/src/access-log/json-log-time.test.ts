import { describe, expect, it } from 'vitest';
import { parseJsonLogTime } from './json-log-time.js';

const iso = (value: unknown) => parseJsonLogTime(value)?.toISOString();

describe('parseJsonLogTime', () => {
  it('reads ISO 8601 / RFC 3339 variants', () => {
    expect(iso('2015-05-17T10:05:03+02:00')).toBe('2015-05-17T08:05:03.000Z');
    expect(iso('2015-05-17T10:05:03-0130')).toBe('2015-05-17T11:35:03.000Z');
    expect(iso('2015-05-17 10:05:03.123456Z')).toBe('2015-05-17T10:05:03.123Z');
    expect(iso('2015-05-17T10:05:03')).toBe('2015-05-17T10:05:03.000Z');
    expect(iso('2015-05-17T10:05z')).toBe('2015-05-17T10:05:00.000Z');
  });

  it('reads epoch seconds and milliseconds, as numbers or text', () => {
    expect(iso(1431857103)).toBe('2015-05-17T10:05:03.000Z');
    expect(iso(1431857103123)).toBe('2015-05-17T10:05:03.123Z');
    expect(iso('1431857103.123')).toBe('2015-05-17T10:05:03.123Z');
    expect(iso(0)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('reads CLF time', () => {
    expect(iso('17/May/2015:10:05:03 +0000')).toBe('2015-05-17T10:05:03.000Z');
  });

  it('rejects everything else', () => {
    for (const value of [
      'yesterday',
      '2015-13-01T00:00:00Z',
      '2015-02-30T00:00:00Z',
      '2015-05-17T10:05:03+19:00',
      -1,
      Number.NaN,
      1e300,
      true,
      {},
      null,
    ]) {
      expect(parseJsonLogTime(value), String(value)).toBeUndefined();
    }
  });
});
