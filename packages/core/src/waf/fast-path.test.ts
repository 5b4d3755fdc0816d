import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAST_PATH_MAX_LENGTH, isInertField } from './fast-path.js';

const field = (raw: string, value = raw.toLowerCase()) => ({ raw, value });

describe('isInertField (the fast path)', () => {
  it('skips numbers, dates, versions, dotted quads and plain words', () => {
    for (const raw of [
      '42',
      '3.14',
      '2026-11-21',
      '10.0.0.1',
      'en-US',
      'running_shoes',
      'desc',
      '',
      'ABCDEF0123',
    ])
      expect(isInertField(field(raw)), raw).toBe(true);
  });

  it('scores anything with syntax, dunder names, Base64-like runs and long values', () => {
    for (const raw of [
      "1'",
      '1 or 1=1',
      'document.write', // a dot after letters: JavaScript member access
      '__proto__',
      'KikpJTAw', // Base64 of an LDAP injection, too short for the extractor's decoded variant
      'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA', // a serialized Java object, Base64
      '../etc',
      'a;id',
      '${x}',
      'x'.repeat(FAST_PATH_MAX_LENGTH + 1),
    ])
      expect(isInertField(field(raw)), raw).toBe(false);
  });

  it('checks the raw text too: a value that normalized into a word still goes to the model', () => {
    expect(isInertField({ raw: 'sel%00ect', value: 'select' })).toBe(false);
    expect(isInertField({ raw: 'abc', value: 'abc' })).toBe(true);
  });

  it('never skips a value containing a character outside [A-Za-z0-9_.-]', () => {
    const special = fc.constantFrom(...` '"<>()[]{};:,/\\|&$%=+*!?#@~^\`\n\r\t`.split(''));
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), special, fc.string({ maxLength: 20 }), (a, c, b) => {
        const raw = `${a}${c}${b}`;
        return !isInertField({ raw, value: raw.toLowerCase() });
      }),
    );
  });
});
