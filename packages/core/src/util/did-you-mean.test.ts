import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean.js';

describe('didYouMean', () => {
  const names = ['maxUrlLength', 'maxHeaderCount', 'maxFields', 'maxValueLength'];

  it('finds a close misspelling', () => {
    expect(didYouMean('maxFeilds', names)).toBe('maxFields');
    expect(didYouMean('maxurllength', names)).toBe('maxUrlLength');
  });

  it('returns undefined when nothing is close', () => {
    expect(didYouMean('timeout', names)).toBeUndefined();
  });
});

describe('didYouMean on access-log field names', () => {
  const names = ['remoteAddress', 'time', 'method', 'target', 'userAgent', 'referer'];

  it('finds close names and case-only differences', () => {
    expect(didYouMean('userAgnet', names)).toBe('userAgent');
    expect(didYouMean('refferer', names)).toBe('referer');
    expect(didYouMean('TIME', names)).toBe('time');
    expect(didYouMean('methd', names)).toBe('method');
  });

  it('gives nothing for unrelated or very short names', () => {
    expect(didYouMean('status_code_zzz', names)).toBeUndefined();
    expect(didYouMean('x', names)).toBeUndefined();
  });
});
