import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseFold, foldCase } from './case-fold.js';
import { anyInput, itHonoursTheTransformContract, run } from './contract.test-support.js';

describe('case-fold', () => {
  itHonoursTheTransformContract(caseFold, ['shoes', "o'brien", 'grüße', '東京', '😀', '%3c', '\ud800']);

  it('lower-cases mixed-case evasions', () => {
    expect(run(caseFold, 'UnIoN SeLeCt')).toBe('union select');
    expect(foldCase('JaVaScRiPt:alert(1)')).toBe('javascript:alert(1)');
    expect(foldCase('<SCRIPT>')).toBe('<script>');
  });

  it('lower-cases non-ASCII letters', () => {
    expect(foldCase('GRÜSSE')).toBe('grüsse');
    expect(foldCase('ÉTÉ')).toBe('été');
    expect(foldCase('ΑΒΓ')).toBe('αβγ');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const once = foldCase(input);
        expect(foldCase(once)).toBe(once);
      }),
    );
  });
});
