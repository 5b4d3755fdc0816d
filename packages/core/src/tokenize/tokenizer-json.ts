import { WaferError } from '../errors.js';
import { BYTE_TOKEN_COUNT, BYTE_TOKENS } from './byte-fallback.js';
import { DIGIT_RUN, MAX_CHUNK_LENGTH } from './pre-tokenize.js';

/** The one `tokenizer.json` format version this build reads and writes. */
export const TOKENIZER_JSON_VERSION = 1;

/**
 * A trained BPE tokenizer as stored in `tokenizer.json`: what {@link trainBpe} writes and
 * `createTokenizer` reads, in Node, a browser or the Python trainer alike.
 *
 * `vocab` maps id → token. Its layout is fixed:
 * 1. the special tokens, ids `0 … k-1`, in `specialTokens` order;
 * 2. the 256 byte-fallback tokens `<0x00>` … `<0xFF>`, ids `k … k+255`;
 * 3. the alphabet: single characters (code points);
 * 4. the tokens the merges created, in the order they were first created.
 *
 * `merges` lists the learned pairs by rank (index 0 is applied first). Two merges may create the
 * same token (`ab`+`c` and `a`+`bc`), so there can be more merges than merged tokens. `options`
 * pins the pre-tokenizer the tokenizer was trained with; only the current one exists.
 *
 * @example
 * ```ts
 * const json: TokenizerJson = {
 *   version: 1, type: 'bpe', specialTokens: ['[PAD]'],
 *   vocab: ['[PAD]', ...BYTE_TOKENS, 'a', 'b', 'ab'],
 *   merges: [['a', 'b']], options: { maxChunkLength: 32, digitRun: 4 },
 * };
 * ```
 */
export interface TokenizerJson {
  readonly version: typeof TOKENIZER_JSON_VERSION;
  readonly type: 'bpe';
  readonly specialTokens: readonly string[];
  readonly vocab: readonly string[];
  readonly merges: ReadonlyArray<readonly [string, string]>;
  readonly options: {
    readonly maxChunkLength: typeof MAX_CHUNK_LENGTH;
    readonly digitRun: typeof DIGIT_RUN;
  };
}

function invalid(message: string): WaferError {
  return new WaferError('WAFER_ERR_INVALID_ARGUMENT', `Invalid tokenizer JSON: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Number of code points in `s`, stopping at 2 (all the caller needs to know). */
function isSingleCodePoint(s: string): boolean {
  const first = s.codePointAt(0);
  return first !== undefined && s.length === (first > 0xffff ? 2 : 1);
}

function readSpecialTokens(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid('`specialTokens` must be an array of strings.');
  const seen = new Set<string>();
  return value.map((token, i) => {
    if (typeof token !== 'string' || token.length === 0)
      throw invalid(`specialTokens[${i}] must be a non-empty string, got ${show(token)}.`);
    if (seen.has(token)) throw invalid(`specialTokens[${i}] ${show(token)} appears twice.`);
    seen.add(token);
    return token;
  });
}

function readVocab(value: unknown, specials: readonly string[]): string[] {
  if (!Array.isArray(value)) throw invalid('`vocab` must be an array of strings.');
  const base = specials.length + BYTE_TOKEN_COUNT;
  if (value.length < base)
    throw invalid(
      `\`vocab\` has ${value.length} entries; it needs at least the ${specials.length} special and ${BYTE_TOKEN_COUNT} byte tokens.`,
    );
  const firstId = new Map<string, number>();
  let inMerged = false; // once a multi-character token appears, the alphabet is over
  return value.map((token, id) => {
    if (typeof token !== 'string' || token.length === 0)
      throw invalid(`vocab[${id}] must be a non-empty string, got ${show(token)}.`);
    const expected =
      id < specials.length ? specials[id] : id < base ? BYTE_TOKENS[id - specials.length] : undefined;
    if (expected !== undefined && token !== expected)
      throw invalid(
        `vocab[${id}] must be ${show(expected)} (specials first, then byte tokens), got ${show(token)}.`,
      );
    const earlier = firstId.get(token);
    if (earlier !== undefined) throw invalid(`vocab[${id}] ${show(token)} duplicates vocab[${earlier}].`);
    firstId.set(token, id);
    if (id >= base) {
      if (!isSingleCodePoint(token)) inMerged = true;
      else if (inMerged)
        throw invalid(`vocab[${id}] ${show(token)} is a single character after the merged tokens began.`);
    }
    return token;
  });
}

function readMerges(value: unknown, vocab: readonly string[], base: number): Array<[string, string]> {
  if (!Array.isArray(value)) throw invalid('`merges` must be an array of [left, right] string pairs.');
  // What a merge may combine: the alphabet, then whatever earlier merges created.
  const available = new Set<string>();
  const content = new Set<string>();
  for (let id = base; id < vocab.length; id++) {
    const token = vocab[id]!;
    content.add(token);
    if (isSingleCodePoint(token)) available.add(token);
  }
  const merges = value.map((merge, rank): [string, string] => {
    if (
      !Array.isArray(merge) ||
      merge.length !== 2 ||
      typeof merge[0] !== 'string' ||
      typeof merge[1] !== 'string'
    )
      throw invalid(`merges[${rank}] must be a [left, right] pair of strings, got ${show(merge)}.`);
    const [left, right] = merge as [string, string];
    for (const part of [left, right])
      if (!available.has(part))
        throw invalid(
          `merges[${rank}] uses ${show(part)}, which is neither in the alphabet nor made by an earlier merge.`,
        );
    const result = left + right;
    if (!content.has(result))
      throw invalid(`merges[${rank}] makes ${show(result)}, which is not in \`vocab\`.`);
    available.add(result);
    return [left, right];
  });
  for (const token of content)
    if (!available.has(token)) throw invalid(`vocab token ${show(token)} is not made by any merge.`);
  return merges;
}

function readOptions(value: unknown): TokenizerJson['options'] {
  if (!isRecord(value)) throw invalid('`options` must be an object.');
  if (value.maxChunkLength !== MAX_CHUNK_LENGTH || value.digitRun !== DIGIT_RUN)
    throw invalid(
      `\`options\` must be { maxChunkLength: ${MAX_CHUNK_LENGTH}, digitRun: ${DIGIT_RUN} } (the only pre-tokenizer this build has), got ${show(value)}.`,
    );
  return { maxChunkLength: MAX_CHUNK_LENGTH, digitRun: DIGIT_RUN };
}

/**
 * Checks that `json` (e.g. `JSON.parse` of a `tokenizer.json`) is a valid tokenizer and returns a
 * fresh, typed copy. Unknown top-level keys are ignored, so later tools may add metadata.
 *
 * @throws {WaferError} `WAFER_ERR_INVALID_ARGUMENT`, naming the first problem found.
 * @example
 * ```ts
 * const json = parseTokenizerJson(JSON.parse(await readFile('tokenizer.json', 'utf8')));
 * const tokenizer = createTokenizer(json);
 * ```
 */
export function parseTokenizerJson(json: unknown): TokenizerJson {
  if (!isRecord(json)) throw invalid(`expected an object, got ${show(json)}.`);
  if (json.version !== TOKENIZER_JSON_VERSION)
    throw invalid(
      `unsupported \`version\` ${show(json.version)} (this build reads version ${TOKENIZER_JSON_VERSION}).`,
    );
  if (json.type !== 'bpe') throw invalid(`unsupported \`type\` ${show(json.type)} (expected "bpe").`);
  const specialTokens = readSpecialTokens(json.specialTokens);
  const vocab = readVocab(json.vocab, specialTokens);
  const merges = readMerges(json.merges, vocab, specialTokens.length + BYTE_TOKEN_COUNT);
  const options = readOptions(json.options);
  return { version: TOKENIZER_JSON_VERSION, type: 'bpe', specialTokens, vocab, merges, options };
}
