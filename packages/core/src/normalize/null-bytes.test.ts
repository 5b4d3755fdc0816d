import { describe, expect, it } from 'vitest';
import { itHonoursTheTransformContract, run } from './contract.test-support.js';
import { nullBytes, removeNullBytes } from './null-bytes.js';

describe('null-bytes', () => {
  itHonoursTheTransformContract(nullBytes, ['shoes', 'un%00ion', '\\0', "O'Brien", '😀']);

  it('removes NUL so split keywords rejoin', () => {
    expect(run(nullBytes, 'un\0ion sel\0ect')).toBe('union select');
    expect(removeNullBytes('shell.php\0.jpg')).toBe('shell.php.jpg');
    expect(removeNullBytes('\0\0\0')).toBe('');
  });
});
