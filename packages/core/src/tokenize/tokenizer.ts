import { WaferError } from '../errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { BYTE_TOKEN_COUNT, decodeWtf8 } from './byte-fallback.js';
import { ChunkEncoder, type PackedChunk } from './chunk-encoder.js';
import { chunkEnd } from './pre-tokenize.js';
import { parseTokenizerJson, type TokenizerJson } from './tokenizer-json.js';

/** Token ids with the `[start, end)` code-unit span of `text` each one came from. */
export interface EncodingWithOffsets {
  readonly ids: number[];
  /**
   * Span of each id in the encoded text. Spans follow each other without gaps and cover the text
   * exactly; the byte-fallback tokens of one character all carry that character's span.
   */
  readonly offsets: Array<[start: number, end: number]>;
}

/** A loaded BPE tokenizer; see {@link createTokenizer}. */
export interface Tokenizer {
  /** Number of ids: every id is in `0 … vocabSize-1`. */
  readonly vocabSize: number;
  /**
   * Token ids of `text`. Any string encodes: characters outside the vocabulary become byte tokens.
   * @throws {WaferError} `WAFER_ERR_INVALID_ARGUMENT` only when `text` is not a string.
   */
  encode(text: string): number[];
  /** Token ids of `text` with the span each came from (for showing evidence). */
  encodeWithOffsets(text: string): EncodingWithOffsets;
  /**
   * Text of `ids`; special tokens decode to their own text (`[CLS]`). `decode(encode(x)) === x`
   * for every string, lone surrogates included.
   * @throws {WaferError} `WAFER_ERR_INVALID_ARGUMENT` for an id outside the vocabulary.
   */
  decode(ids: ArrayLike<number>): string;
  /** Id of a token string (`'select'`, `'<0x0A>'`, `'[CLS]'`), or `undefined`. */
  idOf(token: string): number | undefined;
  /** Token string of an id, or `undefined` outside the vocabulary. */
  tokenOf(id: number): string | undefined;
  /**
   * Id of a special token.
   * @throws {WaferError} `WAFER_ERR_INVALID_ARGUMENT` when the tokenizer has no such special token.
   */
  specialId(name: string): number;
}

/**
 * Chunks per cache generation; at most two generations are kept (20,000 chunks). Chunks repeat a
 * lot in HTTP traffic, so most chunks are encoded once and then found here.
 */
const CACHE_GENERATION = 10_000;

function checkText(text: unknown): void {
  if (typeof text !== 'string')
    throw new WaferError('WAFER_ERR_INVALID_ARGUMENT', `Expected text to encode, got ${typeof text}.`);
}

class BpeTokenizer implements Tokenizer {
  readonly vocabSize: number;
  private readonly vocab: readonly string[];
  private readonly ids = new Map<string, number>();
  private readonly specials: readonly string[];
  private readonly byteBase: number;
  /** Encodings of single-ASCII-character chunks, the most common chunks, skipping the cache. */
  private readonly asciiChunks: PackedChunk[] = [];
  private readonly encoder: ChunkEncoder;
  private cache = new Map<string, PackedChunk>();
  private oldCache = new Map<string, PackedChunk>();

  constructor(json: TokenizerJson) {
    this.vocab = json.vocab;
    this.vocabSize = json.vocab.length;
    this.specials = json.specialTokens;
    this.byteBase = json.specialTokens.length;
    json.vocab.forEach((token, id) => this.ids.set(token, id));
    this.encoder = new ChunkEncoder(json, this.ids);
    for (let c = 0; c < 0x80; c++) this.asciiChunks.push(this.encoder.encode(String.fromCharCode(c)));
  }

  encode(text: string): number[] {
    checkText(text);
    const out: number[] = [];
    for (let start = 0; start < text.length;) {
      const end = chunkEnd(text, start);
      const packed = this.chunk(text, start, end);
      for (let j = 0; j < packed.length; j += 3) out.push(packed[j]!);
      start = end;
    }
    return out;
  }

  encodeWithOffsets(text: string): EncodingWithOffsets {
    checkText(text);
    const ids: number[] = [];
    const offsets: Array<[number, number]> = [];
    for (let start = 0; start < text.length;) {
      const end = chunkEnd(text, start);
      const packed = this.chunk(text, start, end);
      for (let j = 0; j < packed.length; j += 3) {
        ids.push(packed[j]!);
        offsets.push([start + packed[j + 1]!, start + packed[j + 2]!]);
      }
      start = end;
    }
    return { ids, offsets };
  }

  decode(ids: ArrayLike<number>): string {
    let out = '';
    const bytes: number[] = [];
    const byteEnd = this.byteBase + BYTE_TOKEN_COUNT;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize)
        throw new WaferError(
          'WAFER_ERR_INVALID_ARGUMENT',
          `Cannot decode id ${String(id)} at index ${i}: ids run from 0 to ${this.vocabSize - 1}.`,
        );
      if (id >= this.byteBase && id < byteEnd) {
        bytes.push(id - this.byteBase);
        continue;
      }
      // Bytes are decoded together: one character's UTF-8 spans several byte tokens.
      if (bytes.length > 0) {
        out += decodeWtf8(bytes);
        bytes.length = 0;
      }
      out += this.vocab[id]!;
    }
    return bytes.length > 0 ? out + decodeWtf8(bytes) : out;
  }

  idOf(token: string): number | undefined {
    return this.ids.get(token);
  }

  tokenOf(id: number): string | undefined {
    return Number.isInteger(id) ? this.vocab[id] : undefined;
  }

  specialId(name: string): number {
    const id = this.ids.get(name);
    if (id !== undefined && id < this.byteBase) return id;
    const hint = didYouMean(name, this.specials);
    throw new WaferError(
      'WAFER_ERR_INVALID_ARGUMENT',
      `Unknown special token ${JSON.stringify(name)}.${hint === undefined ? '' : ` Did you mean ${JSON.stringify(hint)}?`} This tokenizer has: ${this.specials.join(', ')}.`,
    );
  }

  /** Encoding of `text[start, end)`, one chunk, from the cache when possible. */
  private chunk(text: string, start: number, end: number): PackedChunk {
    if (end - start === 1) {
      const c = text.charCodeAt(start);
      if (c < 0x80) return this.asciiChunks[c]!;
    }
    const key = text.slice(start, end);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    // Two generations approximate LRU at the cost of a plain Map: when the young one fills up
    // it becomes the old one, and chunks still in use are promoted back as they are met, so a
    // full cache never forgets its hot chunks all at once.
    const packed = this.oldCache.get(key) ?? this.encoder.encode(key);
    if (this.cache.size >= CACHE_GENERATION) {
      this.oldCache = this.cache;
      this.cache = new Map();
    }
    this.cache.set(key, packed);
    return packed;
  }
}

/**
 * Loads a tokenizer from its `tokenizer.json` content (validated first, so `JSON.parse` output
 * can be passed straight in). No I/O: reading the file is the caller's business, which keeps this
 * usable in browsers.
 *
 * Encoding pre-tokenizes the text into chunks (see `chunkEnd`), encodes each chunk with BPE —
 * cached, up to 20,000 chunks in two LRU-ish generations — and spells characters outside the
 * vocabulary as their UTF-8 bytes (`<0xNN>` tokens), lone surrogates as WTF-8 bytes, so nothing
 * is ever lost.
 *
 * @throws {WaferError} `WAFER_ERR_INVALID_ARGUMENT` when `json` is not a valid tokenizer.
 * @example
 * ```ts
 * const tokenizer = createTokenizer(JSON.parse(tokenizerJsonText));
 * const ids = tokenizer.encode("1' union select null--");
 * tokenizer.decode(ids); // "1' union select null--"
 * ```
 */
export function createTokenizer(json: TokenizerJson): Tokenizer {
  return new BpeTokenizer(parseTokenizerJson(json));
}
