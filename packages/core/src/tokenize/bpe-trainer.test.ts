import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WaferError } from '../errors.js';
import { trainBpe } from './bpe-trainer.js';
import { BYTE_TOKENS } from './byte-fallback.js';
import { chooseAlphabet } from './choose-alphabet.js';
import { countChunks } from './count-chunks.js';
import { httpCorpus, syllableCorpus } from './corpus.test-support.js';
import { MODEL_SPECIAL_TOKENS } from './model-input.js';
import { createTokenizer } from './tokenizer.js';
import { parseTokenizerJson } from './tokenizer-json.js';

/**
 * The textbook trainer: recount every pair of every word before each merge. Slow, obviously
 * right, and sharing only the chunking and alphabet with `trainBpe` — the incremental merge loop
 * must produce exactly the same merges.
 */
function naiveMerges(
  texts: string[],
  vocabSize: number,
  minFrequency: number,
  specials: string[],
): string[][] {
  const chunks = countChunks(texts);
  const reserved = new Set([...specials, ...BYTE_TOKENS]);
  const base = specials.length + 256;
  const alphabet = new Set(
    chooseAlphabet(chunks, { max: vocabSize - base, minFrequency, excluded: reserved }).map((cp) =>
      String.fromCodePoint(cp),
    ),
  );
  const words = [...chunks].map(([chunk, freq]) => ({
    symbols: [...chunk].map((c) => (alphabet.has(c) ? c : null)),
    freq,
  }));
  const vocab = new Set([...reserved, ...alphabet]);
  const retired = new Set<string>();
  const merges: string[][] = [];
  while (vocab.size < vocabSize) {
    const counts = new Map<string, { left: string; right: string; count: number }>();
    for (const { symbols, freq } of words)
      for (let i = 0; i + 1 < symbols.length; i++) {
        const [left, right] = [symbols[i], symbols[i + 1]];
        if (left === null || right === null || left === undefined || right === undefined) continue;
        const key = JSON.stringify([left, right]);
        if (retired.has(key)) continue;
        const entry = counts.get(key) ?? { left, right, count: 0 };
        entry.count += freq;
        counts.set(key, entry);
      }
    let best: { left: string; right: string; count: number } | undefined;
    for (const e of counts.values())
      if (
        best === undefined ||
        e.count > best.count ||
        (e.count === best.count && (e.left < best.left || (e.left === best.left && e.right < best.right)))
      )
        best = e;
    if (best === undefined || best.count < minFrequency) break;
    retired.add(JSON.stringify([best.left, best.right]));
    const merged = best.left + best.right;
    if (reserved.has(merged)) continue;
    vocab.add(merged);
    merges.push([best.left, best.right]);
    for (const word of words) {
      const out: Array<string | null> = [];
      for (let i = 0; i < word.symbols.length; i++) {
        if (word.symbols[i] === best.left && word.symbols[i + 1] === best.right) {
          out.push(merged);
          i++;
        } else out.push(word.symbols[i]!);
      }
      word.symbols = out;
    }
  }
  return merges;
}

const SPECIALS = [...MODEL_SPECIAL_TOKENS];

describe('trainBpe', () => {
  const corpus = httpCorpus(3000, 7);

  it('is deterministic: same texts, in any order, give the same JSON byte for byte', () => {
    const options = { vocabSize: 600, specialTokens: SPECIALS };
    const first = JSON.stringify(trainBpe(corpus, options));
    expect(JSON.stringify(trainBpe(corpus, options))).toBe(first);
    expect(JSON.stringify(trainBpe([...corpus].reverse(), options))).toBe(first);
  });

  it('writes a valid tokenizer.json with the fixed vocab layout', () => {
    const json = trainBpe(corpus, { vocabSize: 600, specialTokens: SPECIALS });
    expect(parseTokenizerJson(JSON.parse(JSON.stringify(json)))).toEqual(json);
    expect(json.vocab).toHaveLength(600);
    expect(json.vocab.slice(0, SPECIALS.length)).toEqual(SPECIALS);
    expect(json.vocab.slice(SPECIALS.length, SPECIALS.length + 256)).toEqual(BYTE_TOKENS);
    expect(json.options).toEqual({ maxChunkLength: 32, digitRun: 4 });
    expect(json.vocab).toContain('東'); // seen often enough to join the alphabet
  });

  it('learns tokens for frequent attack patterns', () => {
    const tokenizer = createTokenizer(trainBpe(corpus, { vocabSize: 600, specialTokens: SPECIALS }));
    const tokens = (text: string): Array<string | undefined> =>
      tokenizer.encode(text).map((id) => tokenizer.tokenOf(id));
    expect(tokens('select')).toEqual(['select']);
    expect(tokens('../../')).toEqual(['../../']);
    expect(tokens('<script>')).toEqual(['<', 'script', '>']);
    expect(tokens("' or 1=1--")).toContain('--');
  });

  it('matches the textbook trainer merge for merge', () => {
    const texts = fc.array(fc.stringMatching(/^[abc \-=é1-3]{0,12}$/), { maxLength: 40 });
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 3 }), (sample, minFrequency) => {
        const json = trainBpe(sample, { vocabSize: 320, minFrequency, specialTokens: ['[PAD]'] });
        expect(json.merges).toEqual(naiveMerges(sample, 320, minFrequency, ['[PAD]']));
      }),
      { numRuns: 300 },
    );
    expect(trainBpe(corpus, { vocabSize: 700, specialTokens: SPECIALS }).merges).toEqual(
      naiveMerges(corpus, 700, 2, SPECIALS),
    );
  });

  it('merges overlapping runs left to right (aaaa → aa aa)', () => {
    const json = trainBpe(['aaaa', 'aaaa', 'aaa'], { vocabSize: 1000, minFrequency: 1, specialTokens: [] });
    expect(json.merges).toEqual([
      ['a', 'a'],
      ['aa', 'aa'],
      ['aa', 'a'],
    ]);
  });

  it('respects minFrequency and maxAlphabet, and stops when no pair is frequent enough', () => {
    const json = trainBpe(['ab', 'ab', 'cd'], { vocabSize: 1000, minFrequency: 2, specialTokens: [] });
    expect(json.vocab.slice(256)).toEqual(['a', 'b', 'ab']);
    const small = trainBpe(['aab', 'aab', 'xyz'], {
      vocabSize: 1000,
      maxAlphabet: 1,
      minFrequency: 1,
      specialTokens: [],
    });
    expect(small.vocab.slice(256)).toEqual(['a', 'aa']); // only 'a' in the alphabet; 'b' etc. fall back to bytes
  });

  it('never merges across characters outside the alphabet', () => {
    const json = trainBpe(['a\u2603b', 'a\u2603b'], { vocabSize: 1000, maxAlphabet: 2, specialTokens: [] });
    expect(json.vocab.slice(256)).toEqual(['a', 'b']);
  });

  it('never creates a token that spells a special or byte token', () => {
    const json = trainBpe(['<<', '<<', '<<'], { vocabSize: 1000, specialTokens: ['<<'] });
    expect(json.merges).toEqual([]);
    expect(json.vocab.slice(257)).toEqual(['<']);
  });

  it('reports progress', () => {
    const calls: Array<[number, number]> = [];
    trainBpe(corpus, {
      vocabSize: 600,
      specialTokens: SPECIALS,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.at(-1)![0]).toBeLessThanOrEqual(calls.at(-1)![1]);
    expect(calls.map(([done]) => done)).toEqual([...calls.map(([done]) => done)].sort((a, b) => a - b));
  });

  it('rejects bad options and inputs with error codes', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (error) {
        return error instanceof WaferError ? error.code : 'not a WaferError';
      }
      return undefined;
    };
    expect(code(() => trainBpe([], { vocabSize: 100, specialTokens: [] }))).toBe('WAFER_ERR_INVALID_OPTION');
    expect(code(() => trainBpe([], { vocabSize: 300.5, specialTokens: [] }))).toBe(
      'WAFER_ERR_INVALID_OPTION',
    );
    expect(code(() => trainBpe([], { vocabSize: 300, minFrequency: 0, specialTokens: [] }))).toBe(
      'WAFER_ERR_INVALID_OPTION',
    );
    expect(code(() => trainBpe([], { vocabSize: 300, specialTokens: ['x', 'x'] }))).toBe(
      'WAFER_ERR_INVALID_OPTION',
    );
    expect(code(() => trainBpe([], { vocabSize: 300, specialTokens: [''] }))).toBe(
      'WAFER_ERR_INVALID_OPTION',
    );
    expect(code(() => trainBpe('abc', { vocabSize: 300, specialTokens: [] }))).toBe(
      'WAFER_ERR_INVALID_ARGUMENT',
    );
    expect(code(() => trainBpe([1 as unknown as string], { vocabSize: 300, specialTokens: [] }))).toBe(
      'WAFER_ERR_INVALID_ARGUMENT',
    );
  });

  it('trains 2,000 merges on 50k distinct chunks without blowing up (generous bound)', () => {
    const texts = syllableCorpus(400_000, 3);
    expect(countChunks(texts).size).toBeGreaterThan(50_000);
    const started = performance.now();
    const json = trainBpe(texts, { vocabSize: 5000, specialTokens: SPECIALS });
    const seconds = (performance.now() - started) / 1000;
    expect(json.merges.length).toBeGreaterThanOrEqual(2000);
    expect(seconds).toBeLessThan(30);
  }, 60_000);
});
