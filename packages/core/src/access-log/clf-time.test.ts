import { describe, expect, it } from 'vitest';
import { parseClfTime } from './clf-time.js';

describe('parseClfTime', () => {
  it('parses the CLF time with its zone, brackets optional', () => {
    expect(parseClfTime('17/May/2015:10:05:03 +0000')?.toISOString()).toBe('2015-05-17T10:05:03.000Z');
    expect(parseClfTime('[17/may/2015:10:05:03 -0700]')?.toISOString()).toBe('2015-05-17T17:05:03.000Z');
    expect(parseClfTime('1/Jan/2024:00:00:00 +05:30')?.toISOString()).toBe('2023-12-31T18:30:00.000Z');
    expect(parseClfTime('29/Feb/2024:23:59:59.250 +0000')?.toISOString()).toBe('2024-02-29T23:59:59.250Z');
    expect(parseClfTime('01/Jan/0050:00:00:00 +0000')?.getUTCFullYear()).toBe(50);
  });

  it('rejects what is not a real time', () => {
    for (const text of [
      '',
      '17/May/2015:10:05:03',
      '31/Apr/2015:10:05:03 +0000',
      '29/Feb/2015:10:05:03 +0000',
      '17/Foo/2015:10:05:03 +0000',
      '17/May/2015:24:00:00 +0000',
      '17/May/2015:10:60:00 +0000',
      '17/May/2015:10:05:03 +2500',
      '17/May/2015:10:05:03 +0075',
      '2015-05-17T10:05:03Z',
    ]) {
      expect(parseClfTime(text), text).toBeUndefined();
    }
  });
});
