import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comments, replaceComments } from './comments.js';
import { anyInput, itHonoursTheTransformContract, run } from './contract.test-support.js';

describe('comments', () => {
  itHonoursTheTransformContract(comments, [
    'shoes',
    "1' OR 1=1 -- ",
    "admin'#",
    '/api/v1/users/42',
    '3 * 4 / 2',
    'a*/b',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'image/avif,image/webp,image/*,*/*;q=0.8',
    'Accept: text/*, audio/*',
    '😀',
  ]);

  it('replaces C-style comments by one space', () => {
    expect(run(comments, 'SEL/**/ECT')).toBe('SEL ECT');
    expect(replaceComments('UNION/**/SELECT/*x*/password')).toBe('UNION SELECT password');
    expect(replaceComments("1'/*comment*/OR/**/'1'='1")).toBe("1' OR '1'='1");
    expect(replaceComments('<script>/*x*/alert(1)</script>')).toBe('<script> alert(1)</script>');
    expect(replaceComments('/*/ still open */x')).toBe(' x');
  });

  it('replaces MySQL executable comments by their content', () => {
    expect(replaceComments('/*!50000UNION*/')).toBe(' UNION ');
    expect(replaceComments('1/*!50000UNION*//*!50000SELECT*/1')).toBe('1 UNION  SELECT 1');
    expect(replaceComments('/*!select*/')).toBe(' select ');
    expect(replaceComments('/*!500001=1*/')).toBe(' 1=1 '); // MySQL versions have 5 digits
    expect(replaceComments('/*M!100100UNION*/')).toBe(' UNION ');
    expect(replaceComments('/*!/*!UNION*/*/')).toBe('  UNION  ');
    expect(replaceComments('/*!50000/**/UNION*/')).toBe('  UNION ');
  });

  it('replaces an unterminated comment and the rest by one space', () => {
    expect(replaceComments("admin'/*")).toBe("admin' ");
    expect(replaceComments('1 OR 1=1 /* rest of the query')).toBe('1 OR 1=1  ');
    expect(replaceComments('/*!UNION')).toBe(' UNION');
  });

  it('keeps line comments, which are SQL injection evidence', () => {
    expect(replaceComments("1' OR 1=1--")).toBe("1' OR 1=1--");
    expect(replaceComments("admin'#")).toBe("admin'#");
    expect(replaceComments("x'/**/--")).toBe("x' --");
  });

  it('keeps MIME wildcards in media ranges', () => {
    expect(replaceComments('*/*')).toBe('*/*');
    expect(replaceComments('image/*')).toBe('image/*');
    expect(replaceComments('TEXT/*;q=0.5, */*')).toBe('TEXT/*;q=0.5, */*');
    expect(replaceComments('x/*y*/')).toBe('x ');
    expect(replaceComments('photo/*x*/')).toBe('photo ');
    expect(replaceComments('a*/*b*/')).toBe('a* ');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const once = replaceComments(input);
        expect(replaceComments(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
