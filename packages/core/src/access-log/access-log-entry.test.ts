import { describe, expect, it } from 'vitest';
import { accessLogFailure } from './access-log-entry.js';

describe('accessLogFailure', () => {
  it('prefixes the message with the line number', () => {
    expect(accessLogFailure('x', 3, 'bad_format', 'nope')).toEqual({
      ok: false,
      error: { lineNumber: 3, line: 'x', reason: 'bad_format', message: 'line 3: nope' },
    });
  });

  it('cuts the line to 500 characters without splitting a surrogate pair', () => {
    const result = accessLogFailure(`${'a'.repeat(499)}😀tail`, 1, 'bad_format', 'm');
    expect(!result.ok && result.error.line).toBe('a'.repeat(499));
    const plain = accessLogFailure('b'.repeat(600), 1, 'bad_format', 'm');
    expect(!plain.ok && plain.error.line).toBe('b'.repeat(500));
  });
});
