import { describe, expect, it } from 'vitest';
import { WaferError } from '../errors.js';
import { BYTE_TOKENS } from './byte-fallback.js';
import { parseTokenizerJson, type TokenizerJson } from './tokenizer-json.js';

const valid: TokenizerJson = {
  version: 1,
  type: 'bpe',
  specialTokens: ['[PAD]', '[CLS]'],
  vocab: ['[PAD]', '[CLS]', ...BYTE_TOKENS, 'a', 'b', 'c', 'ab', 'abc'],
  merges: [
    ['a', 'b'],
    ['ab', 'c'],
  ],
  options: { maxChunkLength: 32, digitRun: 4 },
};

function rejection(json: unknown): string {
  try {
    parseTokenizerJson(json);
  } catch (error) {
    expect(error).toBeInstanceOf(WaferError);
    expect((error as WaferError).code).toBe('WAFER_ERR_INVALID_ARGUMENT');
    return (error as WaferError).message;
  }
  throw new Error('expected a rejection');
}

describe('parseTokenizerJson', () => {
  it('accepts a valid tokenizer and returns a copy', () => {
    const parsed = parseTokenizerJson(JSON.parse(JSON.stringify(valid)));
    expect(parsed).toEqual(valid);
    expect(parsed.vocab).not.toBe(valid.vocab);
  });

  it('ignores unknown top-level keys', () => {
    expect(parseTokenizerJson({ ...valid, trainedOn: 'corpus v3' })).toEqual(valid);
  });

  it('accepts two merges that make the same token', () => {
    const json = {
      ...valid,
      vocab: [...valid.vocab.slice(0, -1), 'bc', 'abc'],
      merges: [
        ['a', 'b'],
        ['b', 'c'],
        ['ab', 'c'],
        ['a', 'bc'],
      ],
    };
    expect(parseTokenizerJson(json).merges).toHaveLength(4);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'tokenizer', /expected an object/],
    ['an array', [], /expected an object/],
    ['another version', { ...valid, version: 2 }, /version/],
    ['another type', { ...valid, type: 'wordpiece' }, /type/],
    ['specials not strings', { ...valid, specialTokens: [1] }, /specialTokens\[0\]/],
    ['duplicate specials', { ...valid, specialTokens: ['[PAD]', '[PAD]'] }, /appears twice/],
    ['vocab missing', { ...valid, vocab: undefined }, /`vocab` must be an array/],
    ['vocab too short', { ...valid, vocab: ['[PAD]', '[CLS]'] }, /at least/],
    ['specials out of place', { ...valid, vocab: ['[CLS]', '[PAD]', ...valid.vocab.slice(2)] }, /vocab\[0\]/],
    [
      'byte tokens out of place',
      { ...valid, vocab: valid.vocab.map((t) => (t === '<0x41>' ? '<0x42>' : t)) },
      /byte/,
    ],
    ['a duplicate token', { ...valid, vocab: [...valid.vocab, 'a'] }, /duplicates/],
    ['an empty token', { ...valid, vocab: [...valid.vocab, ''] }, /non-empty/],
    ['a character after merged tokens', { ...valid, vocab: [...valid.vocab, 'z'] }, /single character after/],
    ['merges missing', { ...valid, merges: {} }, /`merges` must be an array/],
    ['a malformed merge', { ...valid, merges: [['a']] }, /merges\[0\]/],
    ['a merge of unknown parts', { ...valid, merges: [['a', 'x'], ...valid.merges] }, /"x"/],
    [
      'a merge used before it is made',
      {
        ...valid,
        merges: [
          ['ab', 'c'],
          ['a', 'b'],
        ],
      },
      /"ab"/,
    ],
    ['a merge making no vocab token', { ...valid, merges: [...valid.merges, ['b', 'c']] }, /"bc"/],
    ['a token no merge makes', { ...valid, merges: [['a', 'b']] }, /"abc" is not made/],
    ['other pre-tokenizer options', { ...valid, options: { maxChunkLength: 64, digitRun: 4 } }, /options/],
    ['no options', { ...valid, options: null }, /options/],
  ])('rejects %s', (_label, json, message) => {
    expect(rejection(json)).toMatch(message);
    expect(rejection(json)).toMatch(/^Invalid tokenizer JSON: /);
  });
});
