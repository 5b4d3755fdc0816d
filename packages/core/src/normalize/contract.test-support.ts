/**
 * Shared checks for the transform contract (see `transform.ts`): same string when unchanged,
 * never throws, bounded work on pathological input. Used by every `*.test.ts` in this folder.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createTransformContext, type Transform } from './transform.js';

/** Characters that build every encoding the decoders know, and comments and paths. */
export const ATTACK_CHARS = [
  '%',
  '2',
  '5',
  '3',
  'C',
  'c',
  'E',
  '&',
  '#',
  'x',
  'X',
  ';',
  '\\',
  'u',
  'U',
  '0',
  '/',
  '.',
  '*',
  '<',
  '!',
  'l',
  't',
  ' ',
  '\n',
  '\0',
];

/** Fragments of real evasions, concatenated by {@link attackTokens}. */
export const ATTACK_TOKENS = [
  '%25',
  '%2',
  '%3C',
  '%3c',
  '%00',
  '%c0%ae',
  '%c0',
  '%af',
  '%u00',
  '%u003C',
  '\\u00',
  '\\u005c',
  '\\x',
  '\\x3c',
  '\\x25',
  '\\u{',
  '}',
  '&',
  '&#',
  '&#x',
  '&#x25;',
  '&#x26;',
  '&amp;',
  '&lt;',
  '&LT',
  ';',
  '3C',
  '3c',
  '25',
  '26',
  '41',
  '5C',
  '/*',
  '*/',
  '/*!',
  '50000',
  '../',
  '..\\',
  './',
  '//',
  '＜',
  '％',
  'Ａ',
  'select',
  'SELECT',
  ' ',
  '\t',
  '\r\n',
  '\u200b',
  '\u00a0',
  'é',
  '😀',
  '\ud800',
];

/** Strings over {@link ATTACK_CHARS}. */
export const attackChars = fc.string({ unit: fc.constantFrom(...ATTACK_CHARS), maxLength: 60 });

/** Concatenations of {@link ATTACK_TOKENS}. */
export const attackTokens = fc
  .array(fc.constantFrom(...ATTACK_TOKENS), { maxLength: 16 })
  .map((parts) => parts.join(''));

/** Everything the property tests throw at a transform or the pipeline. */
export const anyInput = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  attackChars,
  attackTokens,
);

/** Inputs that make a careless decoder quadratic or recursive (1 MB or so each). */
export const PATHOLOGICAL: ReadonlyArray<readonly [string, string]> = [
  ['%25 repeated', '%25'.repeat(350_000)],
  ['% 25×500000 41', `%${'25'.repeat(500_000)}41`],
  ['&#x26; repeated', '&#x26;'.repeat(175_000)],
  ['\\u005c repeated', '\\u005c'.repeat(175_000)],
  ['/* repeated', '/*'.repeat(500_000)],
  ['../ repeated', '../'.repeat(350_000)],
  ['spaces', ' '.repeat(1_000_000)],
  ['&#0000… digits', `&#${'0'.repeat(1_000_000)}60`],
  ['\\u{000… digits', `\\u{${'0'.repeat(1_000_000)}`],
  ['&aaaa…', `&${'a'.repeat(1_000_000)}`],
  ['lone surrogates', '\ud800'.repeat(500_000)],
];

/** Runs `apply` with a fresh context. */
export function run(transform: Transform, input: string): string {
  return transform.apply(input, createTransformContext());
}

/**
 * Registers the contract tests of one transform: `unchanged` samples must come back as the same
 * string; arbitrary and pathological inputs must neither throw nor take long.
 */
export function itHonoursTheTransformContract(transform: Transform, unchanged: readonly string[]): void {
  it('returns the same string when nothing changes', () => {
    for (const input of unchanged) expect(run(transform, input)).toBe(input);
    expect(run(transform, '')).toBe('');
  });

  it('never throws, always returns a string', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        expect(typeof run(transform, input)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('returns an unchanged value as is: applying it to its own unchanged output is stable', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const out = run(transform, input);
        if (out === input) expect(run(transform, out)).toBe(input);
      }),
      { numRuns: 300 },
    );
  });

  it('survives lone surrogates', () => {
    for (const input of [
      '\ud800',
      '\udc00',
      'a\ud800b',
      '\udc00\ud800',
      '%41\ud83d',
      '\\u0041\udfff&lt;\ud800',
    ]) {
      expect(typeof run(transform, input)).toBe('string');
    }
  });

  it('handles ~1 MB pathological inputs quickly', () => {
    for (const [label, input] of PATHOLOGICAL) {
      const start = performance.now();
      const out = run(transform, input);
      const elapsed = performance.now() - start;
      expect(typeof out, label).toBe('string');
      expect(elapsed, label).toBeLessThan(2000);
    }
  });
}
