import { describe, expect, it } from 'vitest';
import { itHonoursTheTransformContract, run } from './contract.test-support.js';
import { plusAsSpace, plusToSpace } from './plus-as-space.js';

describe('plus-as-space', () => {
  itHonoursTheTransformContract(plusAsSpace, ['shoes', 'a b', '%2B', "O'Brien", '東京']);

  it('turns + into spaces', () => {
    expect(run(plusAsSpace, '1+UNION+SELECT+password')).toBe('1 UNION SELECT password');
    expect(plusToSpace('a+b=c')).toBe('a b=c');
    expect(plusToSpace('++')).toBe('  ');
  });

  it('does not decode %2B (that happens later, to a literal +)', () => {
    expect(plusToSpace('a%2Bb')).toBe('a%2Bb');
  });
});
