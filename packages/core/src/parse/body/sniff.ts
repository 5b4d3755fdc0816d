import { binaryScore } from './text-bytes.js';

/**
 * What a body looks like, judged from its first bytes.
 *
 * @example
 * ```ts
 * const kind: SniffedKind = sniffBody(new TextEncoder().encode('a=1')); // 'form'
 * ```
 */
export type SniffedKind = 'json' | 'form' | 'xml' | 'text' | 'binary';

/** How many leading bytes are looked at: enough to judge, cheap on every request. */
const SNIFF_WINDOW = 2048;

/**
 * Guesses the format of a body that has no `Content-Type`, or one that may lie (attackers send JSON as
 * `text/plain` to dodge JSON inspection). Looks at the first 2 KB only:
 *
 * 1. a NUL byte, or more than 10% control / ill-formed UTF-8 bytes → `binary`;
 * 2. after a UTF-8 BOM and whitespace, `{` or `[` → `json` (RFC 8259 §2: an object or array; a top-level
 *    scalar is indistinguishable from text);
 * 3. `<` → `xml` (also HTML: both are markup to inspect);
 * 4. `name=` at the start, with a name of no `=`, `&` or whitespace → `form`. This is what the pattern
 *    `^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*` accepts: it is anchored only at the start, so once the first
 *    `name=` matches, the rest always matches (at least zero times);
 * 5. otherwise `text`. An empty body is `text`.
 *
 * @example
 * ```ts
 * const bytes = (s: string) => new TextEncoder().encode(s);
 * sniffBody(bytes('  {"user":"a"}')); // 'json'
 * sniffBody(bytes('a=1&b=2'));         // 'form'
 * sniffBody(bytes('<?xml version="1.0"?><a/>')); // 'xml'
 * sniffBody(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])); // 'binary'
 * ```
 */
export function sniffBody(bytes: Uint8Array): SniffedKind {
  const end = Math.min(bytes.length, SNIFF_WINDOW);
  const score = binaryScore(bytes, 0, end);
  if (score < 0 || score * 10 > end) return 'binary';

  let i = 0;
  if (end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < end && isWhitespace(bytes[i]!)) i++;
  if (i >= end) return 'text';
  const first = bytes[i]!;
  if (first === 0x7b || first === 0x5b) return 'json'; // { [
  if (first === 0x3c) return 'xml'; // <

  const nameStart = i;
  while (i < end) {
    const b = bytes[i]!;
    if (b === 0x3d) return i > nameStart ? 'form' : 'text'; // =
    if (b === 0x26 || isWhitespace(b)) return 'text'; // & or whitespace inside the name
    i++;
  }
  return 'text';
}

/** `\s` for the ASCII range: space, TAB, LF, VT, FF, CR. */
function isWhitespace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}
