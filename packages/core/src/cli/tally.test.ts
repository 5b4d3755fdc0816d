import { describe, expect, it } from 'vitest';
import { Tally } from './tally.js';

describe('Tally', () => {
  it('lists the most frequent keys first, ties in first-seen order', () => {
    const tally = new Tally();
    for (const key of ['b', 'a', 'c', 'a', 'c', 'd']) tally.add(key);
    expect(tally.top()).toEqual([
      ['a', 2],
      ['c', 2],
      ['b', 1],
      ['d', 1],
    ]);
    expect(tally.top(2).map(([key]) => key)).toEqual(['a', 'c']);
    expect(tally.size).toBe(4);
    expect(tally.get('zzz')).toBe(0);
    expect(JSON.stringify(tally)).toBe('{"a":2,"c":2,"b":1,"d":1}');
  });

  it('treats keys such as __proto__ as data', () => {
    const tally = new Tally();
    tally.add('__proto__', 3);
    expect(tally.get('__proto__')).toBe(3);
    expect(tally.top()).toEqual([['__proto__', 3]]);
  });
});
