import { describe, expect, it } from 'vitest';
import { WaferError } from '../errors.js';
import { chooseAlphabet } from './choose-alphabet.js';
import { countChunks } from './count-chunks.js';

describe('countChunks', () => {
  it('counts chunk occurrences across texts', () => {
    expect(countChunks(['a=1', 'a=2', 'bb'])).toEqual(
      new Map([
        ['a', 2],
        ['=', 2],
        ['1', 1],
        ['2', 1],
        ['bb', 1],
      ]),
    );
  });

  it('accepts any iterable, generators included', () => {
    function* texts(): Generator<string> {
      yield 'x';
      yield 'x';
    }
    expect(countChunks(texts())).toEqual(new Map([['x', 2]]));
  });

  it('rejects a single string and non-string items', () => {
    expect(() => countChunks('abc')).toThrow(WaferError);
    expect(() => countChunks([null as unknown as string])).toThrow(/Text #0/);
  });
});

describe('chooseAlphabet', () => {
  const chunks = new Map([
    ['ab', 3],
    ['b', 1],
    ['😀c', 2],
    ['\ud800', 5],
  ]);

  it('picks the most frequent characters, ties to the lower code point, in code-point order', () => {
    expect(chooseAlphabet(chunks, { max: 10, minFrequency: 1, excluded: new Set() })).toEqual([
      0x61, 0x62, 0x63, 0x1f600,
    ]);
    expect(chooseAlphabet(chunks, { max: 1, minFrequency: 1, excluded: new Set() })).toEqual([0x62]);
    expect(chooseAlphabet(chunks, { max: 2, minFrequency: 1, excluded: new Set() })).toEqual([0x61, 0x62]);
  });

  it('drops rare characters, excluded ones and lone surrogates', () => {
    expect(chooseAlphabet(chunks, { max: 10, minFrequency: 3, excluded: new Set() })).toEqual([0x61, 0x62]);
    expect(chooseAlphabet(chunks, { max: 10, minFrequency: 1, excluded: new Set(['a']) })).toEqual([
      0x62, 0x63, 0x1f600,
    ]);
    expect(chooseAlphabet(chunks, { max: 0, minFrequency: 1, excluded: new Set() })).toEqual([]);
  });
});
