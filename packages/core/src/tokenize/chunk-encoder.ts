import { BYTE_TOKEN_COUNT, pushUtf8Bytes } from './byte-fallback.js';
import { PairRankTable } from './pair-rank-table.js';
import { MAX_CHUNK_LENGTH } from './pre-tokenize.js';
import type { TokenizerJson } from './tokenizer-json.js';

/**
 * A chunk's encoding, packed as `[id, start, end]` triples with code-unit offsets relative to the
 * chunk: one flat typed array per chunk keeps the tokenizer's cache compact.
 */
export type PackedChunk = Int32Array;

/** Rank of a pair that has no merge: above every real rank. */
const NO_MERGE = 0x7fffffff;

/**
 * BPE for one chunk (no caching: the tokenizer caches around it). Holds the alphabet and the
 * merge ranks of a validated tokenizer.
 */
export class ChunkEncoder {
  private readonly byteBase: number;
  /** Alphabet id of each ASCII character, -1 when absent; other characters use `charIds`. */
  private readonly asciiIds = new Int32Array(128).fill(-1);
  private readonly charIds = new Map<number, number>();
  private readonly ranks: PairRankTable;
  /** Id of the token merge number `rank` makes. */
  private readonly mergeResults: Int32Array;
  // Scratch space: chunks never exceed MAX_CHUNK_LENGTH code units.
  private readonly scratchIds = new Int32Array(MAX_CHUNK_LENGTH);
  private readonly scratchStarts = new Int32Array(MAX_CHUNK_LENGTH);
  private readonly scratchEnds = new Int32Array(MAX_CHUNK_LENGTH);
  private readonly scratchRanks = new Int32Array(MAX_CHUNK_LENGTH);

  /**
   * @param json A tokenizer already checked by `parseTokenizerJson`; `ids` maps its tokens to ids.
   * @example
   * ```ts
   * const encoder = new ChunkEncoder(json, ids);
   * encoder.encode('select'); // Int32Array [id('select'), 0, 6]
   * ```
   */
  constructor(json: TokenizerJson, ids: ReadonlyMap<string, number>) {
    this.byteBase = json.specialTokens.length;
    const firstContentId = this.byteBase + BYTE_TOKEN_COUNT;
    for (let id = firstContentId; id < json.vocab.length; id++) {
      const token = json.vocab[id]!;
      const cp = token.codePointAt(0)!;
      if (token.length !== (cp > 0xffff ? 2 : 1)) break; // the alphabet is over: merged tokens follow
      if (cp < 0x80) this.asciiIds[cp] = id;
      else this.charIds.set(cp, id);
    }
    this.mergeResults = new Int32Array(json.merges.length);
    this.ranks = new PairRankTable(json.merges.length);
    json.merges.forEach(([left, right], rank) => {
      this.ranks.add(ids.get(left)!, ids.get(right)!, rank);
      this.mergeResults[rank] = ids.get(left + right)!;
    });
  }

  /**
   * Classic BPE on one chunk: start from characters, repeatedly merge the adjacent pair with the
   * lowest merge rank (leftmost on ties), then spell characters outside the alphabet as bytes.
   * Works in scratch buffers with each pair's rank kept beside it, so a merge only looks up the
   * two pairs it changes; the pre-tokenizer caps chunks at 32 code units, so the scan stays short.
   */
  encode(chunk: string): PackedChunk {
    const { scratchIds: ids, scratchStarts: starts, scratchEnds: ends, scratchRanks: ranks } = this;
    let n = 0;
    let bytesNeeded = 0;
    for (let i = 0; i < chunk.length; n++) {
      const cp = chunk.codePointAt(i)!;
      const id = cp < 0x80 ? this.asciiIds[cp]! : (this.charIds.get(cp) ?? -1);
      const width = cp > 0xffff ? 2 : 1;
      // A character outside the alphabet is stored as -1 - codePoint: never part of a pair.
      ids[n] = id >= 0 ? id : -1 - cp;
      if (id < 0) bytesNeeded += cp < 0x80 ? 0 : cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
      starts[n] = i;
      ends[n] = i + width;
      i += width;
    }
    for (let j = 0; j + 1 < n; j++) ranks[j] = this.rankOf(ids[j]!, ids[j + 1]!);
    while (n > 1) {
      let at = 0;
      for (let j = 1; j + 1 < n; j++) if (ranks[j]! < ranks[at]!) at = j;
      const rank = ranks[at]!;
      if (rank === NO_MERGE) break;
      ids[at] = this.mergeResults[rank]!;
      ends[at] = ends[at + 1]!;
      for (let j = at + 1; j + 1 < n; j++) {
        ids[j] = ids[j + 1]!;
        starts[j] = starts[j + 1]!;
        ends[j] = ends[j + 1]!;
        ranks[j] = ranks[j + 1]!;
      }
      n--;
      if (at > 0) ranks[at - 1] = this.rankOf(ids[at - 1]!, ids[at]!);
      if (at + 1 < n) ranks[at] = this.rankOf(ids[at]!, ids[at + 1]!);
    }
    const packed = new Int32Array(3 * (n + bytesNeeded));
    let out = 0;
    for (let j = 0; j < n; j++) {
      const id = ids[j]!;
      if (id >= 0) {
        packed[out++] = id;
        packed[out++] = starts[j]!;
        packed[out++] = ends[j]!;
        continue;
      }
      const bytes: number[] = [];
      pushUtf8Bytes(-1 - id, bytes);
      for (const b of bytes) {
        packed[out++] = this.byteBase + b;
        packed[out++] = starts[j]!;
        packed[out++] = ends[j]!;
      }
    }
    return packed;
  }

  /** Merge rank of the adjacent pair (left, right), or {@link NO_MERGE}. */
  private rankOf(left: number, right: number): number {
    if (left < 0 || right < 0) return NO_MERGE;
    const rank = this.ranks.get(left, right);
    return rank < 0 ? NO_MERGE : rank;
  }
}
