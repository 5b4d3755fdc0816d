import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WaferError } from '../errors.js';
import type { FieldLocation } from '../extract/field.js';
import { trainBpe } from './bpe-trainer.js';
import { httpCorpus } from './corpus.test-support.js';
import {
  encodeFieldWindows,
  MAX_NAME_TOKENS,
  MODEL_SPECIAL_TOKENS,
  type FieldWindows,
} from './model-input.js';
import { createTokenizer } from './tokenizer.js';

const tokenizer = createTokenizer(
  trainBpe(httpCorpus(3000, 7), { vocabSize: 600, specialTokens: MODEL_SPECIAL_TOKENS }),
);
const id = (token: (typeof MODEL_SPECIAL_TOKENS)[number]): number => tokenizer.specialId(token);
const [CLS, SEP, KEY, TRUNC] = [id('[CLS]'), id('[SEP]'), id('[KEY]'), id('[TRUNC]')];

function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    return error instanceof WaferError ? error.code : 'not a WaferError';
  }
  return undefined;
}

/** Character span of `field.value` that window `w`'s content covers. */
function contentSpan(result: FieldWindows, w: number): [number, number] | undefined {
  const spans = result.offsets[w]!.filter(([start]) => start >= 0);
  return spans.length === 0 ? undefined : [spans[0]![0], spans.at(-1)![1]];
}

describe('MODEL_SPECIAL_TOKENS', () => {
  it('is the contract: [PAD] first, then the fixed order', () => {
    expect(MODEL_SPECIAL_TOKENS).toEqual([
      '[PAD]',
      '[UNK]',
      '[CLS]',
      '[SEP]',
      '[KEY]',
      '[TRUNC]',
      '[LOC:path]',
      '[LOC:query]',
      '[LOC:body]',
      '[LOC:cookie]',
      '[LOC:header]',
      '[LOC:filename]',
      '[LOC:raw]',
    ]);
  });
});

describe('encodeFieldWindows', () => {
  const value = "1' union select null--";
  const content = tokenizer.encode(value);

  it('frames a value as [CLS] [LOC:x] content [SEP]', () => {
    const result = encodeFieldWindows(
      tokenizer,
      { location: 'query', kind: 'value', value },
      { maxLength: 128 },
    );
    expect(result.truncated).toBe(false);
    expect(result.windows).toHaveLength(1);
    expect([...result.windows[0]!]).toEqual([CLS, id('[LOC:query]'), ...content, SEP]);
    const spans = result.offsets[0]!;
    expect(spans).toHaveLength(result.windows[0]!.length);
    expect(spans.slice(0, 2)).toEqual([
      [-1, -1],
      [-1, -1],
    ]);
    expect(spans.at(-1)).toEqual([-1, -1]);
    expect(
      spans
        .slice(2, -1)
        .map(([s, e]) => value.slice(s, e))
        .join(''),
    ).toBe(value);
  });

  it('gives each location its own token', () => {
    const locations: FieldLocation[] = ['path', 'query', 'body', 'cookie', 'header', 'filename', 'raw'];
    for (const location of locations) {
      const result = encodeFieldWindows(
        tokenizer,
        { location, kind: 'value', value: 'x' },
        { maxLength: 32 },
      );
      expect(result.windows[0]![1]).toBe(tokenizer.specialId(`[LOC:${location}]`));
    }
  });

  it('marks key fields with [KEY]', () => {
    const result = encodeFieldWindows(
      tokenizer,
      { location: 'body', kind: 'key', value, name: value },
      { maxLength: 64 },
    );
    expect([...result.windows[0]!]).toEqual([CLS, id('[LOC:body]'), KEY, ...content, SEP]);
  });

  it('puts a header or cookie name, lower-cased, before the value', () => {
    const header = encodeFieldWindows(
      tokenizer,
      { location: 'header', kind: 'value', name: 'User-Agent', value },
      { maxLength: 64 },
    );
    const name = tokenizer.encode('user-agent');
    expect([...header.windows[0]!]).toEqual([CLS, id('[LOC:header]'), ...name, SEP, ...content, SEP]);
    expect(header.offsets[0]!.slice(0, name.length + 3).every(([s, e]) => s === -1 && e === -1)).toBe(true);
    const cookie = encodeFieldWindows(
      tokenizer,
      { location: 'cookie', kind: 'value', name: 'sid', value },
      { maxLength: 64 },
    );
    expect([...cookie.windows[0]!]).toEqual([
      CLS,
      id('[LOC:cookie]'),
      ...tokenizer.encode('sid'),
      SEP,
      ...content,
      SEP,
    ]);
    // A cookie *name* field already holds the name as its value.
    const key = encodeFieldWindows(
      tokenizer,
      { location: 'cookie', kind: 'key', name: 'sid', value: 'sid' },
      { maxLength: 64 },
    );
    expect([...key.windows[0]!]).toEqual([CLS, id('[LOC:cookie]'), KEY, ...tokenizer.encode('sid'), SEP]);
    // Other locations ignore the name.
    const query = encodeFieldWindows(
      tokenizer,
      { location: 'query', kind: 'value', name: 'q', value },
      { maxLength: 64 },
    );
    expect([...query.windows[0]!]).toEqual([CLS, id('[LOC:query]'), ...content, SEP]);
  });

  it('caps a long name at MAX_NAME_TOKENS, ending it with [TRUNC]', () => {
    const name = 'x-ǂǂǂǂǂǂǂǂ-custom'; // byte fallback: many tokens
    const result = encodeFieldWindows(
      tokenizer,
      { location: 'header', kind: 'value', name, value: 'v' },
      { maxLength: 64 },
    );
    const window = [...result.windows[0]!];
    expect(window.slice(2, 2 + MAX_NAME_TOKENS)).toEqual([
      ...tokenizer.encode(name).slice(0, MAX_NAME_TOKENS - 1),
      TRUNC,
    ]);
    expect(window[2 + MAX_NAME_TOKENS]).toBe(SEP);
  });

  it('encodes an empty value as an empty window', () => {
    const result = encodeFieldWindows(
      tokenizer,
      { location: 'path', kind: 'value', value: '' },
      { maxLength: 16 },
    );
    expect(result.windows.map((w) => [...w])).toEqual([[CLS, id('[LOC:path]'), SEP]]);
    expect(result.truncated).toBe(false);
  });

  it('windows a long value with overlap, covering every token, never cutting it', () => {
    const long = 'ǂ'.repeat(50); // 100 byte tokens
    const result = encodeFieldWindows(
      tokenizer,
      { location: 'body', kind: 'value', value: long },
      { maxLength: 23 },
    );
    // room = 23 - 3 = 20 content ids, stride 15: starts 0, 15, ..., 75, then 80 (aligned to the end)
    expect(result.truncated).toBe(false);
    expect(result.windows).toHaveLength(7);
    for (const window of result.windows) {
      expect(window.length).toBe(23);
      expect(window[0]).toBe(CLS);
      expect(window.at(-1)).toBe(SEP);
    }
    const spans = result.windows.map((_, w) => contentSpan(result, w)!);
    expect(spans[0]![0]).toBe(0);
    expect(spans.at(-1)![1]).toBe(long.length);
    for (let w = 1; w < spans.length; w++) expect(spans[w]![0]).toBeLessThan(spans[w - 1]![1]);
  });

  it('honours an explicit stride, capped at the window room', () => {
    const long = 'ǂ'.repeat(50);
    const field = { location: 'body' as const, kind: 'value' as const, value: long };
    expect(
      encodeFieldWindows(tokenizer, field, { maxLength: 23, stride: 10, maxWindows: 20 }).windows,
    ).toHaveLength(9);
    const wide = encodeFieldWindows(tokenizer, field, { maxLength: 23, stride: 1000 }); // stride → 20
    expect(wide.windows).toHaveLength(5);
  });

  it('keeps the first maxWindows-1 windows and the last, marks it with [TRUNC] and reports truncation', () => {
    const long = 'ǂ'.repeat(500); // 1000 byte tokens
    const result = encodeFieldWindows(
      tokenizer,
      { location: 'body', kind: 'value', value: long },
      { maxLength: 20, maxWindows: 4 },
    );
    expect(result.truncated).toBe(true);
    expect(result.windows).toHaveLength(4);
    const last = result.windows.at(-1)!;
    expect(last.length).toBeLessThanOrEqual(20);
    expect([...last.slice(0, 3)]).toEqual([CLS, id('[LOC:body]'), TRUNC]);
    expect(contentSpan(result, 0)![0]).toBe(0);
    expect(contentSpan(result, 3)![1]).toBe(long.length);
    expect(contentSpan(result, 1)![0]).toBeLessThan(contentSpan(result, 0)![1]);
    expect(contentSpan(result, 2)![0]).toBeLessThan(contentSpan(result, 1)![1]);
    const one = encodeFieldWindows(
      tokenizer,
      { location: 'body', kind: 'value', value: long },
      { maxLength: 20, maxWindows: 1 },
    );
    expect(one.windows).toHaveLength(1);
    expect(one.truncated).toBe(true);
    expect(contentSpan(one, 0)![1]).toBe(long.length);
  });

  it('keeps its invariants for any value and window size', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.integer({ min: 16, max: 64 }),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom<FieldLocation>('query', 'header'),
        (text, maxLength, maxWindows, location) => {
          const field = { location, kind: 'value' as const, name: 'x-test', value: text };
          const result = encodeFieldWindows(tokenizer, field, { maxLength, maxWindows });
          const total = tokenizer.encode(text).length;
          expect(result.windows.length).toBeGreaterThanOrEqual(1);
          expect(result.windows.length).toBeLessThanOrEqual(maxWindows);
          expect(result.offsets).toHaveLength(result.windows.length);
          let seen = 0;
          result.windows.forEach((window, w) => {
            expect(window.length).toBeLessThanOrEqual(maxLength);
            expect(result.offsets[w]).toHaveLength(window.length);
            expect(window[0]).toBe(CLS);
            expect(window.at(-1)).toBe(SEP);
            seen += result.offsets[w]!.filter(([start]) => start >= 0).length;
          });
          if (!result.truncated) {
            expect(seen).toBeGreaterThanOrEqual(total); // overlap may count tokens twice, none is missing
            const first = contentSpan(result, 0);
            const last = contentSpan(result, result.windows.length - 1);
            if (total > 0) expect([first![0], last![1]]).toEqual([0, text.length]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects bad options and tokenizers outside the contract', () => {
    const field = { location: 'query' as const, kind: 'value' as const, value: 'x' };
    expect(errorCode(() => encodeFieldWindows(tokenizer, field, { maxLength: 15 }))).toBe(
      'WAFER_ERR_INVALID_OPTION',
    );
    expect(errorCode(() => encodeFieldWindows(tokenizer, field, { maxLength: 64.5 }))).toBe(
      'WAFER_ERR_INVALID_OPTION',
    );
    expect(errorCode(() => encodeFieldWindows(tokenizer, field, { maxLength: 64, stride: 0 }))).toBe(
      'WAFER_ERR_INVALID_OPTION',
    );
    expect(errorCode(() => encodeFieldWindows(tokenizer, field, { maxLength: 64, maxWindows: 0 }))).toBe(
      'WAFER_ERR_INVALID_OPTION',
    );
    const bad = { location: 'nowhere' as FieldLocation, kind: 'value' as const, value: 'x' };
    expect(errorCode(() => encodeFieldWindows(tokenizer, bad, { maxLength: 64 }))).toBe(
      'WAFER_ERR_INVALID_ARGUMENT',
    );
    const other = createTokenizer(trainBpe(['abc'], { vocabSize: 300, specialTokens: ['[CLS]', '[PAD]'] }));
    expect(errorCode(() => encodeFieldWindows(other, field, { maxLength: 64 }))).toBe(
      'WAFER_ERR_INVALID_ARGUMENT',
    );
  });
});
