/**
 * Pre-tokenization: cutting a normalized value into chunks that BPE then encodes one by one.
 * The character classes live here too, so the hot loop touches no other module.
 */

/**
 * Longest chunk, in UTF-16 code units. Bounds the cost of BPE on a chunk (quadratic in its
 * length) and the size of the chunk cache's keys; a longer run is cut into pieces this long.
 */
export const MAX_CHUNK_LENGTH = 32;

/** Longest digit chunk: ids and timestamps are cut into 4-digit pieces so they cannot bloat the vocab. */
export const DIGIT_RUN = 4;

// Character classes. Each code point falls in exactly one; the class decides which run it joins.
const LETTER = 1; // \p{L}, any script
const DIGIT = 2; // \p{Nd}, any script
const SPACE = 3; // \s minus line breaks
const NEWLINE = 4; // \n, \r, NEL, U+2028, U+2029: a chunk each
const MARK = 5; // \p{M}: stays with the character it modifies
const OTHER = 6; // punctuation, symbols, emoji, controls, lone surrogates, unassigned

const IS_LETTER = /^\p{L}$/u;
const IS_MARK = /^\p{M}$/u;
const IS_DIGIT = /^\p{Nd}$/u;
const IS_SPACE = /^\s$/u;

/** Class of one code point, from the Unicode property regexes (slow: `classOf` caches it). */
function computeClass(cp: number): number {
  if (cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029) return NEWLINE;
  // Lone surrogates have no properties (a `u` regex would not even see them as one character).
  if (cp >= 0xd800 && cp <= 0xdfff) return OTHER;
  const ch = String.fromCodePoint(cp);
  if (IS_LETTER.test(ch)) return LETTER;
  if (IS_DIGIT.test(ch)) return DIGIT;
  if (IS_MARK.test(ch)) return MARK;
  if (IS_SPACE.test(ch)) return SPACE;
  return OTHER;
}

// BMP classes, filled lazily (0 = not computed yet): filling all 65,536 entries up front would
// cost tens of milliseconds at import, and real traffic touches few of them. ASCII is eager.
const BMP_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) BMP_CLASS[c] = computeClass(c);

function classOf(cp: number): number {
  if (cp < 0x10000) {
    const known = BMP_CLASS[cp]!;
    if (known !== 0) return known;
    return (BMP_CLASS[cp] = computeClass(cp));
  }
  return computeClass(cp); // astral code points (emoji, rare scripts) are too rare to cache
}

/**
 * End (exclusive) of the chunk that starts at `start` in `text`: the primitive the trainer and the
 * tokenizer both loop on, so they can never disagree on chunk boundaries. Allocation-free.
 *
 * A chunk is one run of:
 * - letters of any script (`\p{L}`), with their combining marks;
 * - decimal digits (`\p{Nd}`), at most {@link DIGIT_RUN} at a time;
 * - horizontal whitespace (one chunk per run);
 * - anything else: punctuation, symbols, emoji, controls — so BPE can learn `'--`, `../`, `${`,
 *   `/*` inside such runs while `<script` still splits into `<` + `script`.
 *
 * Each line break (`\n`, `\r`, NEL, U+2028/9) is a chunk of its own: it is evidence of CRLF
 * injection and must never be merged away. A combining mark (`\p{M}`) continues whatever run it
 * follows (an accent belongs to its letter, U+FE0F to its emoji); one at the start of a chunk
 * starts a letter run. Runs longer than {@link MAX_CHUNK_LENGTH} code units are cut, never
 * inside a surrogate pair. Cuts are greedy from the start of a run, so `chunkEnd` needs no state.
 *
 * @example
 * ```ts
 * const text = "1' or 1=1--";
 * for (let start = 0; start < text.length; ) {
 *   const end = chunkEnd(text, start);
 *   console.log(text.slice(start, end)); // 1 | ' | " " | or | " " | 1 | = | 1 | --
 *   start = end;
 * }
 * ```
 */
export function chunkEnd(text: string, start: number): number {
  const n = text.length;
  let cp = text.charCodeAt(start);
  let width = 1;
  if (cp >= 0xd800 && cp <= 0xdbff && start + 1 < n) {
    const low = text.charCodeAt(start + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      width = 2;
    }
  }
  let cls = cp < 0x80 ? BMP_CLASS[cp]! : classOf(cp);
  if (cls === NEWLINE) return start + 1;
  if (cls === MARK) cls = LETTER;
  const limit = start + (cls === DIGIT ? DIGIT_RUN : MAX_CHUNK_LENGTH);
  let end = start + width;
  while (end < n) {
    cp = text.charCodeAt(end);
    width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && end + 1 < n) {
      const low = text.charCodeAt(end + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const next = cp < 0x80 ? BMP_CLASS[cp]! : classOf(cp);
    if (next !== cls && next !== MARK) break;
    if (end + width > limit) break;
    end += width;
  }
  return end;
}

/**
 * Splits `text` into chunks, as `[start, end)` code-unit offsets that cover it exactly, in order.
 * Convenience over {@link chunkEnd}, which hot paths call directly to avoid the arrays.
 *
 * @example
 * ```ts
 * preTokenize('../etc'); // [[0, 3], [3, 6]]  ('../' and 'etc')
 * ```
 */
export function preTokenize(text: string): Array<[start: number, end: number]> {
  const chunks: Array<[number, number]> = [];
  for (let start = 0; start < text.length;) {
    const end = chunkEnd(text, start);
    chunks.push([start, end]);
    start = end;
  }
  return chunks;
}
