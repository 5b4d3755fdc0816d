import { WaferError } from '../errors.js';
import { BYTE_TOKENS } from './byte-fallback.js';
import { chooseAlphabet } from './choose-alphabet.js';
import { countChunks } from './count-chunks.js';
import { PairQueue } from './pair-queue.js';
import { DIGIT_RUN, MAX_CHUNK_LENGTH } from './pre-tokenize.js';
import { TOKENIZER_JSON_VERSION, type TokenizerJson } from './tokenizer-json.js';

/** Options of {@link trainBpe}. */
export interface TrainBpeOptions {
  /** Size of the whole vocabulary: specials + 256 byte tokens + alphabet + merged tokens. */
  readonly vocabSize: number;
  /** A character needs this many occurrences to join the alphabet, a pair to be merged. Default 2. */
  readonly minFrequency?: number;
  /** Most characters in the base alphabet; rarer ones fall back to bytes. Default 1000. */
  readonly maxAlphabet?: number;
  /** Special tokens, given ids `0 … k-1` in this order (see `MODEL_SPECIAL_TOKENS`). */
  readonly specialTokens: readonly string[];
  /** Called every 100 new tokens and once at the end with (tokens merged so far, most wanted). */
  readonly onProgress?: (done: number, total: number) => void;
}

const DEFAULT_MIN_FREQUENCY = 2;
const DEFAULT_MAX_ALPHABET = 1000;
const PROGRESS_EVERY = 100;

function optionError(message: string): WaferError {
  return new WaferError('WAFER_ERR_INVALID_OPTION', `trainBpe: ${message}`);
}

function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw optionError(`\`${name}\` must be an integer ≥ ${min}, got ${String(value)}.`);
  return value;
}

function checkSpecialTokens(value: unknown): string[] {
  if (!Array.isArray(value)) throw optionError('`specialTokens` must be an array of strings.');
  const seen = new Set<string>();
  for (const token of value) {
    if (typeof token !== 'string' || token.length === 0)
      throw optionError('`specialTokens` must hold non-empty strings.');
    if (seen.has(token)) throw optionError(`special token ${JSON.stringify(token)} appears twice.`);
    seen.add(token);
  }
  return [...seen];
}

/**
 * Trains a byte-fallback BPE tokenizer on `texts` (normalized field values) and returns its
 * `tokenizer.json` content.
 *
 * Texts are pre-tokenized into chunks (see `chunkEnd`); the alphabet is the most frequent
 * characters; then the most frequent adjacent pair of tokens is merged, over and over, until the
 * vocabulary has `vocabSize` tokens or no pair occurs `minFrequency` times. Equal counts go to
 * the pair whose left token, then right token, sorts first (UTF-16 order), so the same texts —
 * in any order — give the same JSON, byte for byte. Characters outside the alphabet split words:
 * no merge spans them.
 *
 * The merge loop is incremental: pair counts live in a table, each pair knows the words that hold
 * it, a merge rewrites only those words and adjusts only the pairs around each merge site, and a
 * max-heap with lazy invalidation finds the next pair. Cost grows with the number of merge sites,
 * not with merges × corpus.
 *
 * @throws {WaferError} `WAFER_ERR_INVALID_OPTION` for bad options (e.g. a `vocabSize` smaller
 *   than the specials plus the 256 byte tokens); `WAFER_ERR_INVALID_ARGUMENT` for texts that are
 *   not strings.
 * @example
 * ```ts
 * const json = trainBpe(values, { vocabSize: 8000, specialTokens: MODEL_SPECIAL_TOKENS });
 * await writeFile('tokenizer.json', JSON.stringify(json));
 * ```
 */
export function trainBpe(texts: Iterable<string>, options: TrainBpeOptions): TokenizerJson {
  const specialTokens = checkSpecialTokens(options.specialTokens);
  const base = specialTokens.length + BYTE_TOKENS.length;
  const vocabSize = checkInteger('vocabSize', options.vocabSize, base);
  const minFrequency = checkInteger('minFrequency', options.minFrequency ?? DEFAULT_MIN_FREQUENCY, 1);
  const maxAlphabet = checkInteger('maxAlphabet', options.maxAlphabet ?? DEFAULT_MAX_ALPHABET, 0);
  const onProgress = options.onProgress;

  const chunks = countChunks(texts);
  // A merged token must never spell a special or byte token: ids ↔ strings stay one-to-one.
  const reserved = new Set<string>([...specialTokens, ...BYTE_TOKENS]);
  const alphabet = chooseAlphabet(chunks, {
    max: Math.min(maxAlphabet, vocabSize - base),
    minFrequency,
    excluded: reserved,
  });
  const vocab: string[] = [...specialTokens, ...BYTE_TOKENS];
  const idOf = new Map<string, number>();
  const charId = new Map<number, number>();
  for (const cp of alphabet) {
    const token = String.fromCodePoint(cp);
    charId.set(cp, vocab.length);
    idOf.set(token, vocab.length);
    vocab.push(token);
  }
  for (let id = 0; id < base; id++) idOf.set(vocab[id]!, id);

  // Words: each distinct chunk of two or more characters, as alphabet ids (-1 for a character
  // outside the alphabet) packed in one buffer; a merge compacts a word in place.
  let capacity = 0;
  for (const chunk of chunks.keys()) if (chunk.length > 1) capacity += chunk.length;
  const symbols = new Int32Array(capacity);
  const wordStart: number[] = [];
  const wordLength: number[] = [];
  const wordFreq: number[] = [];
  let used = 0;
  for (const [chunk, freq] of chunks) {
    if (chunk.length < 2) continue;
    const start = used;
    for (let i = 0; i < chunk.length;) {
      const cp = chunk.codePointAt(i)!;
      symbols[used++] = charId.get(cp) ?? -1;
      i += cp > 0xffff ? 2 : 1;
    }
    if (used - start < 2) {
      used = start; // one astral character: nothing to merge
      continue;
    }
    wordStart.push(start);
    wordLength.push(used - start);
    wordFreq.push(freq);
  }
  chunks.clear(); // the counts are in the words now; let the strings go

  // Pairs, by index: key `left * vocabSize + right` → index (ids stay below vocabSize).
  const pairIndex = new Map<number, number>();
  const pairLeft: number[] = [];
  const pairRight: number[] = [];
  const pairCount: number[] = [];
  const pairWords: Array<number[] | undefined> = [];
  const pairLastWord: number[] = []; // skips pushing a word twice in a row onto pairWords
  const pairMark: number[] = []; // merge step in which the pair's count last grew
  const pairRetired: boolean[] = []; // merged (or unmergeable): never selected again
  const pairOf = (left: number, right: number): number => {
    const key = left * vocabSize + right;
    let p = pairIndex.get(key);
    if (p === undefined) {
      p = pairLeft.length;
      pairIndex.set(key, p);
      pairLeft.push(left);
      pairRight.push(right);
      pairCount.push(0);
      pairWords.push(undefined);
      pairLastWord.push(-1);
      pairMark.push(-1);
      pairRetired.push(false);
    }
    return p;
  };
  const addCount = (p: number, delta: number): void => {
    pairCount[p] = pairCount[p]! + delta;
  };
  const noteWord = (p: number, w: number): void => {
    if (pairLastWord[p] === w) return;
    pairLastWord[p] = w;
    const list = pairWords[p];
    if (list === undefined) pairWords[p] = [w];
    else list.push(w);
  };

  for (let w = 0; w < wordStart.length; w++) {
    const start = wordStart[w]!;
    const end = start + wordLength[w]!;
    const freq = wordFreq[w]!;
    for (let i = start; i + 1 < end; i++) {
      const left = symbols[i]!;
      const right = symbols[i + 1]!;
      if (left < 0 || right < 0) continue;
      const p = pairOf(left, right);
      pairCount[p] = pairCount[p]! + freq;
      noteWord(p, w);
    }
  }

  const queue = new PairQueue((a, b) => {
    const la = vocab[pairLeft[a]!]!;
    const lb = vocab[pairLeft[b]!]!;
    if (la !== lb) return la < lb ? -1 : 1;
    const ra = vocab[pairRight[a]!]!;
    const rb = vocab[pairRight[b]!]!;
    return ra < rb ? -1 : ra > rb ? 1 : 0;
  });
  // Pairs below minFrequency need no entry: only a count that grows can make them eligible, and
  // every growth pushes an entry.
  for (let p = 0; p < pairCount.length; p++)
    if (pairCount[p]! >= minFrequency) queue.pushUnordered(pairCount[p]!, p);
  queue.heapify();

  const merges: Array<[string, string]> = [];
  const firstMergedId = vocab.length;
  const total = vocabSize - firstMergedId;
  let reported = 0;
  const seen = new Int32Array(wordStart.length).fill(-1);
  const grown: number[] = [];
  let step = 0;

  while (vocab.length < vocabSize && queue.pop()) {
    const p = queue.topPair;
    const count = pairCount[p]!;
    if (queue.topCount !== count || pairRetired[p]) {
      // Stale entry. A count that shrank gets a fresh entry; one that grew already has one.
      if (queue.topCount > count && count >= minFrequency && !pairRetired[p]) queue.push(count, p);
      continue;
    }
    if (count < minFrequency) break; // the best live pair is too rare: so is every other
    const a = pairLeft[p]!;
    const b = pairRight[p]!;
    const merged = vocab[a]! + vocab[b]!;
    pairRetired[p] = true;
    pairCount[p] = 0;
    if (reserved.has(merged)) continue;
    let n = idOf.get(merged);
    if (n === undefined) {
      n = vocab.length;
      vocab.push(merged);
      idOf.set(merged, n);
    }
    merges.push([vocab[a]!, vocab[b]!]);

    const words = pairWords[p] ?? [];
    pairWords[p] = undefined;
    for (const w of words) {
      if (seen[w] === step) continue;
      seen[w] = step;
      const start = wordStart[w]!;
      const length = wordLength[w]!;
      const freq = wordFreq[w]!;
      // Rewrite the word in place (read at r, write at out), adjusting the pairs around each
      // merge site. A site right after another sees the new token as its left neighbour, so
      // `abab` correctly yields one (n, n) pair and no stray (b, a).
      let out = start;
      const end = start + length;
      for (let r = start; r < end;) {
        const x = symbols[r]!;
        if (x === a && r + 1 < end && symbols[r + 1] === b) {
          if (out > start) {
            const prev = symbols[out - 1]!;
            if (prev >= 0) {
              addCount(pairOf(prev, a), -freq);
              const q = pairOf(prev, n);
              addCount(q, freq);
              noteWord(q, w);
              if (pairMark[q] !== step) {
                pairMark[q] = step;
                grown.push(q);
              }
            }
          }
          if (r + 2 < end) {
            const next = symbols[r + 2]!;
            if (next >= 0) {
              addCount(pairOf(b, next), -freq);
              const q = pairOf(n, next);
              addCount(q, freq);
              noteWord(q, w);
              if (pairMark[q] !== step) {
                pairMark[q] = step;
                grown.push(q);
              }
            }
          }
          symbols[out++] = n;
          r += 2;
        } else {
          symbols[out++] = x;
          r += 1;
        }
      }
      wordLength[w] = out - start;
    }
    for (const q of grown) {
      const c = pairCount[q]!;
      if (c >= minFrequency && !pairRetired[q]) queue.push(c, q);
    }
    grown.length = 0;
    step++;
    if (onProgress !== undefined && vocab.length - firstMergedId - reported >= PROGRESS_EVERY) {
      reported = vocab.length - firstMergedId;
      onProgress(reported, total);
    }
  }
  onProgress?.(vocab.length - firstMergedId, total);

  return {
    version: TOKENIZER_JSON_VERSION,
    type: 'bpe',
    specialTokens,
    vocab,
    merges,
    options: { maxChunkLength: MAX_CHUNK_LENGTH, digitRun: DIGIT_RUN },
  };
}
