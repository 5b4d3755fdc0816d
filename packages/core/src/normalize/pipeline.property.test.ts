import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseFold } from './case-fold.js';
import { comments } from './comments.js';
import { anyInput, attackChars, attackTokens, PATHOLOGICAL } from './contract.test-support.js';
import { htmlEntities } from './html-entities.js';
import { jsEscapes } from './js-escapes.js';
import { nfkc } from './nfkc.js';
import { nullBytes } from './null-bytes.js';
import { pathNormalize } from './path-normalize.js';
import { createNormalizer, normalize, type NormalizerOptions } from './pipeline.js';
import { plusAsSpace } from './plus-as-space.js';
import { createTransformContext, type Transform } from './transform.js';
import { urlDecode } from './url-decode.js';
import { whitespace } from './whitespace.js';

const PROFILES: ReadonlyArray<[string, NormalizerOptions]> = [
  ['default', {}],
  ['form', { plusAsSpace: true }],
  ['path', { pathNormalize: true }],
  ['no case fold', { caseFold: false }],
];

const inputs = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  attackChars,
  attackTokens,
);

describe.each(PROFILES)('pipeline properties (%s profile)', (_label, options) => {
  const normalizer = createNormalizer(options);
  // Normalizing the output again must not re-apply `+` → space: that step belongs to the wire format.
  const again = createNormalizer({ ...options, plusAsSpace: false });

  it('never throws and terminates', () => {
    fc.assert(
      fc.property(inputs, (raw) => {
        expect(typeof normalizer(raw).value).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent, and does not exhaust its rounds on generated input', () => {
    fc.assert(
      fc.property(inputs, (raw) => {
        const once = normalizer(raw);
        expect(once.roundsExhausted).toBe(false);
        if (!once.roundsExhausted) {
          const twice = again(once.value);
          expect(twice.value).toBe(once.value);
          expect(twice.transforms).toEqual([]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('returns the same string when nothing changes', () => {
    fc.assert(
      fc.property(inputs, (raw) => {
        const r = normalizer(raw);
        if (r.transforms.length === 0) expect(r.value).toBe(raw);
        else expect(r.value).not.toBe(raw);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('pipeline fast path', () => {
  // The pre-check must never skip a value some enabled step would change.
  const stepsFor = (options: NormalizerOptions): Transform[] => [
    ...(options.plusAsSpace ? [plusAsSpace] : []),
    urlDecode,
    jsEscapes,
    htmlEntities,
    nfkc,
    nullBytes,
    comments,
    whitespace,
    ...(options.pathNormalize ? [pathNormalize] : []),
    ...(options.caseFold === false ? [] : [caseFold]),
  ];

  it.each(PROFILES)('skips only values no step changes (%s profile)', (_label, options) => {
    const normalizer = createNormalizer(options);
    const steps = stepsFor(options);
    fc.assert(
      fc.property(anyInput, (raw) => {
        const r = normalizer(raw);
        if (r.transforms.length > 0) return;
        for (const step of steps) expect(step.apply(raw, createTransformContext()), step.name).toBe(raw);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('pipeline shortcut for `+` and upper case', () => {
  // Values whose only triggers are `+` and A–Z skip the decode loop; the result must be what
  // running every step would give.
  const simple = fc.string({
    unit: fc.constantFrom('a', 'B', 'z', 'Q', '+', ' ', '-', '/', '.', '1', '(', ';'),
  });

  function stepByStep(raw: string, options: NormalizerOptions): string {
    const context = createTransformContext();
    let value = options.plusAsSpace ? plusAsSpace.apply(raw, context) : raw;
    const steps = [urlDecode, jsEscapes, htmlEntities, nfkc, nullBytes, comments, whitespace];
    if (options.caseFold !== false) steps.push(caseFold);
    for (;;) {
      const before = value;
      for (const step of steps) value = step.apply(value, context);
      if (value === before) return value;
    }
  }

  it.each(PROFILES.filter(([, o]) => !o.pathNormalize))(
    'matches running every step (%s profile)',
    (_l, options) => {
      const normalizer = createNormalizer(options);
      fc.assert(
        fc.property(simple, (raw) => {
          expect(normalizer(raw).value).toBe(stepByStep(raw, options));
        }),
        { numRuns: 2000 },
      );
    },
  );
});

describe('pipeline on pathological input', () => {
  it.each(PATHOLOGICAL)('%s finishes quickly', (_label, raw) => {
    for (const options of [{}, { pathNormalize: true, plusAsSpace: true }]) {
      const start = performance.now();
      const r = normalize(raw, options);
      const elapsed = performance.now() - start;
      expect(typeof r.value).toBe('string');
      expect(elapsed).toBeLessThan(2000);
    }
  });

  it('decodes deep percent nesting fully', () => {
    expect(normalize(`%${'25'.repeat(500_000)}41`).value).toBe('a');
    expect(normalize('%25'.repeat(350_000)).value).toBe('%'.repeat(350_000));
  });
});
