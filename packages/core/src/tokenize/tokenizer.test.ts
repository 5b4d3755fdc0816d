import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WaferError } from '../errors.js';
import { trainBpe } from './bpe-trainer.js';
import { BYTE_TOKENS } from './byte-fallback.js';
import { httpCorpus } from './corpus.test-support.js';
import { MODEL_SPECIAL_TOKENS } from './model-input.js';
import { createTokenizer } from './tokenizer.js';
import type { TokenizerJson } from './tokenizer-json.js';

const json = trainBpe(httpCorpus(3000, 7), { vocabSize: 600, specialTokens: MODEL_SPECIAL_TOKENS });
const tokenizer = createTokenizer(json);
const tokens = (text: string): Array<string | undefined> =>
  tokenizer.encode(text).map((id) => tokenizer.tokenOf(id));

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom("1' union select null--", '../../etc/passwd', '<script>alert(1)</script>', '😀👍🏽 東京'),
);

describe('createTokenizer', () => {
  it('round-trips every string: decode(encode(x)) === x', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips emoji, CJK, combining marks, controls and lone surrogates', () => {
    for (const text of [
      '👨‍👩‍👧 🎉',
      '東京 大阪 中文',
      'e\u0301',
      '\u0000\u0007\u001b[0m',
      'a\ud800b',
      '\udfff',
      '\ud83d',
    ])
      expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
  });

  it('spells characters outside the vocabulary as UTF-8 byte tokens', () => {
    expect(tokens('ǂ')).toEqual(['<0xC7>', '<0x82>']);
    expect(tokens('𝄞')).toEqual(['<0xF0>', '<0x9D>', '<0x84>', '<0x9E>']);
    expect(tokens('\u0000')).toEqual(['<0x00>']);
  });

  it('spells lone surrogates in WTF-8 instead of losing them', () => {
    expect(tokens('\ud800')).toEqual(['<0xED>', '<0xA0>', '<0x80>']);
  });

  it('uses the learned merges', () => {
    expect(tokens('select')).toEqual(['select']);
    expect(tokens('../')).toEqual(['../']);
    expect(tokens('<script')).toEqual(['<', 'script']);
    expect(tokens('東京')).toEqual(['東京']);
  });

  it('gives ids inside the vocabulary', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const id of tokenizer.encode(text)) {
          expect(Number.isInteger(id)).toBe(true);
          expect(id).toBeGreaterThanOrEqual(MODEL_SPECIAL_TOKENS.length); // never a special token
          expect(id).toBeLessThan(tokenizer.vocabSize);
        }
      }),
    );
  });

  it('gives offsets that cover the text exactly, in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { ids, offsets } = tokenizer.encodeWithOffsets(text);
        expect(ids).toEqual(tokenizer.encode(text));
        expect(offsets).toHaveLength(ids.length);
        let covered = 0;
        let previous: [number, number] | undefined;
        offsets.forEach(([start, end], i) => {
          expect(end).toBeGreaterThan(start);
          if (previous !== undefined && start === previous[0] && end === previous[1]) {
            // Byte tokens of one character share its span.
            expect(tokenizer.tokenOf(ids[i]!)).toMatch(/^<0x[0-9A-F]{2}>$/);
          } else {
            expect(start).toBe(covered);
            covered = end;
          }
          previous = [start, end];
        });
        expect(covered).toBe(text.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('maps each token to the text it came from', () => {
    const text = "id=1' union select";
    const { ids, offsets } = tokenizer.encodeWithOffsets(text);
    ids.forEach((id, i) => expect(text.slice(...offsets[i]!)).toBe(tokenizer.tokenOf(id)));
    const withBytes = tokenizer.encodeWithOffsets('aǂ');
    expect(withBytes.offsets.slice(-2)).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('encodes the same with a cold, warm or rotated cache', () => {
    const text = "1' union select username from users-- 東京 ǂ";
    const cold = createTokenizer(json).encode(text);
    expect(tokenizer.encode(text)).toEqual(cold);
    expect(tokenizer.encode(text)).toEqual(cold);
    const busy = createTokenizer(json);
    for (let i = 0; i < 25_000; i++) busy.encode(`w${i.toString(36)}q`); // fills both generations
    expect(busy.encode(text)).toEqual(cold);
  });

  it('applies merges by rank, lowest first', () => {
    const byRank: TokenizerJson = {
      version: 1,
      type: 'bpe',
      specialTokens: [],
      vocab: [...BYTE_TOKENS, 'a', 'b', 'c', 'bc', 'ab', 'abc'],
      merges: [
        ['b', 'c'],
        ['a', 'b'],
        ['a', 'bc'],
      ],
      options: { maxChunkLength: 32, digitRun: 4 },
    };
    const t = createTokenizer(byRank);
    const spell = (text: string): Array<string | undefined> => t.encode(text).map((id) => t.tokenOf(id));
    expect(spell('abc')).toEqual(['abc']); // b+c first, then a+bc
    expect(spell('abab')).toEqual(['ab', 'ab']);
    expect(spell('abcab')).toEqual(['abc', 'ab']);
  });

  it('decodes special tokens to their text and rejects ids outside the vocabulary', () => {
    const cls = tokenizer.specialId('[CLS]');
    expect(tokenizer.decode([cls, ...tokenizer.encode('a')])).toBe('[CLS]a');
    expect(tokenizer.decode(new Int32Array(tokenizer.encode('é')))).toBe('é');
    expect(tokenizer.decode([tokenizer.idOf('<0xC3>')!])).toBe('\ufffd'); // half a character
    for (const bad of [-1, tokenizer.vocabSize, 1.5, Number.NaN])
      expect(() => tokenizer.decode([bad])).toThrow(
        expect.objectContaining({ code: 'WAFER_ERR_INVALID_ARGUMENT' }) as unknown as Error,
      );
  });

  it('looks tokens and special ids up', () => {
    expect(tokenizer.vocabSize).toBe(600);
    expect(tokenizer.idOf('[PAD]')).toBe(0);
    expect(tokenizer.idOf('<0x00>')).toBe(MODEL_SPECIAL_TOKENS.length);
    expect(tokenizer.idOf('select')).toBeGreaterThan(0);
    expect(tokenizer.idOf('no such token')).toBeUndefined();
    expect(tokenizer.tokenOf(0)).toBe('[PAD]');
    expect(tokenizer.tokenOf(-1)).toBeUndefined();
    expect(tokenizer.specialId('[SEP]')).toBe(3);
    MODEL_SPECIAL_TOKENS.forEach((token, id) => expect(tokenizer.specialId(token)).toBe(id));
  });

  it('rejects an unknown special token with a hint', () => {
    let error: unknown;
    try {
      tokenizer.specialId('[CSL]');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WaferError);
    expect((error as WaferError).code).toBe('WAFER_ERR_INVALID_ARGUMENT');
    expect((error as WaferError).message).toMatch(/Did you mean "\[CLS\]"/);
    expect(() => tokenizer.specialId('select')).toThrow(WaferError); // a token, but not a special one
  });

  it('rejects text that is not a string', () => {
    expect(() => tokenizer.encode(undefined as unknown as string)).toThrow(WaferError);
    expect(() => tokenizer.encodeWithOffsets(42 as unknown as string)).toThrow(WaferError);
  });

  it('validates the JSON it is given', () => {
    expect(() => createTokenizer({ ...json, version: 2 } as unknown as TokenizerJson)).toThrow(
      /Invalid tokenizer JSON/,
    );
  });
});
