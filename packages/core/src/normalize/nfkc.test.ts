import { describe, expect, it } from 'vitest';
import { itHonoursTheTransformContract, run } from './contract.test-support.js';
import { nfkc, toNfkc } from './nfkc.js';

describe('nfkc', () => {
  itHonoursTheTransformContract(nfkc, ['shoes', '<script>', 'Grüße', '東京', '😀', '👨‍👩‍👧', 'café', '\ud800']);

  it('folds full-width and compatibility forms', () => {
    expect(run(nfkc, '＜ｓｃｒｉｐｔ＞ａｌｅｒｔ（１）＜／ｓｃｒｉｐｔ＞')).toBe('<script>alert(1)</script>');
    expect(toNfkc('％２５')).toBe('%25');
    expect(toNfkc('ＳＥＬＥＣＴ')).toBe('SELECT');
    expect(toNfkc('ﬁle')).toBe('file');
    expect(toNfkc('x²')).toBe('x2');
    expect(toNfkc('\u00a0')).toBe(' ');
  });

  it('composes canonically equivalent spellings', () => {
    expect(toNfkc('cafe\u0301')).toBe('café');
  });

  it('keeps scripts and emoji readable', () => {
    expect(toNfkc('Grüße aus 東京 😀')).toBe('Grüße aus 東京 😀');
  });
});
