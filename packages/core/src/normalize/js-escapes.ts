import type { Transform } from './transform.js';
import { HEX_VALUE } from './utf8.js';

// Every escape starts with `\u`, `\x` or `%u` (either case); without one there is nothing to do.
const HAS_ESCAPE = /\\[uUxX]|%[uU]/;

const BACKSLASH = 0x5c;
const PERCENT = 0x25;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

// Where the escape parsed by `parseEscape` ends. A module variable rather than a returned
// object keeps the decoding loop allocation-free.
let escapeEnd = 0;

function hexAt(input: string, at: number): number {
  const c = input.charCodeAt(at); // NaN past the end
  return c < 0x80 ? HEX_VALUE[c]! : -1;
}

/** Value of exactly `count` hex digits at `at`, or -1. */
function fixedHex(input: string, at: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const d = hexAt(input, at + k);
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  escapeEnd = at + count;
  return value;
}

/**
 * Parses the escape whose introducer (`\` or `%`) is followed by `input[at]`. Returns the code
 * point (or UTF-16 code unit, for `\uXXXX`) and sets `escapeEnd`, or returns -1.
 */
function parseEscape(input: string, introducer: number, at: number): number {
  const c = input.charCodeAt(at) | 0x20; // ASCII lower-case; non-letters never match below
  if (c === 0x75 /* u */) {
    if (introducer === BACKSLASH && input.charCodeAt(at + 1) === OPEN_BRACE) {
      // `\u{X…}`: any number of hex digits (leading zeros are legal), value ≤ U+10FFFF. The run
      // is read once; on failure decoding resumes after the backslash and the digits are plain
      // text, so a huge run costs linear time.
      let k = at + 2;
      let value = 0;
      for (;;) {
        const d = hexAt(input, k);
        if (d < 0) break;
        if (value <= 0x10ffff) value = value * 16 + d;
        k++;
      }
      if (k === at + 2 || value > 0x10ffff || input.charCodeAt(k) !== CLOSE_BRACE) return -1;
      escapeEnd = k + 1;
      return value;
    }
    return fixedHex(input, at + 1, 4);
  }
  if (c === 0x78 /* x */ && introducer === BACKSLASH) return fixedHex(input, at + 1, 2);
  return -1;
}

function charFor(cp: number): string {
  // `\uD83D\uDE00` decodes one code unit at a time; the two halves then sit side by side in the
  // output string and form the pair, exactly as in a JavaScript literal.
  return cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
}

/**
 * Decodes JavaScript-style escapes and the IIS `%u` form:
 * `\uXXXX`, `\u{X…}` (≤ U+10FFFF), `\xXX`, `%uXXXX`.
 *
 * Upper-case `\U`, `\X`, `%U` are accepted with the same digit counts: case folding runs later
 * in the pipeline, and a second run over folded text must not decode something new (that would
 * break idempotence). A backslash that does not start a complete escape is left alone, so
 * Windows paths (`C:\users\xavier`) and regexes stay readable.
 *
 * An escape that decodes to `\` or `%` is treated as the start of the text that follows, so
 * nested escapes decode in the same pass: `\x5Cx3C` → `<`, `\u005cu003c` → `<`,
 * `\x25u003C` → `<`. Work is linear.
 *
 * Returns `input` itself when nothing was decoded.
 */
export function decodeJsEscapes(input: string): string {
  if (!HAS_ESCAPE.test(input)) return input;
  const length = input.length;
  let out = '';
  let last = 0; // input[last..i) is not yet copied to `out`
  let pending = 0; // a decoded `\` or `%` that may introduce the escape that follows, or 0
  let changed = false;
  let i = 0;
  while (i < length) {
    if (pending !== 0) {
      const cp = parseEscape(input, pending, i);
      if (cp >= 0) {
        i = last = escapeEnd;
        if (cp === BACKSLASH || cp === PERCENT) pending = cp;
        else {
          out += charFor(cp);
          pending = 0;
        }
        continue;
      }
      out += pending === BACKSLASH ? '\\' : '%';
      pending = 0;
    }
    const c = input.charCodeAt(i);
    if (c === BACKSLASH || c === PERCENT) {
      const cp = parseEscape(input, c, i + 1);
      if (cp >= 0) {
        out += input.slice(last, i);
        changed = true;
        i = last = escapeEnd;
        if (cp === BACKSLASH || cp === PERCENT) pending = cp;
        else out += charFor(cp);
        continue;
      }
    }
    i++;
  }
  if (!changed) return input;
  if (pending !== 0) out += pending === BACKSLASH ? '\\' : '%';
  return out + input.slice(last);
}

/** `js-escapes`: decodes `\uXXXX`, `\u{X…}`, `\xXX` and `%uXXXX` (any case). */
export const jsEscapes: Transform = {
  name: 'js-escapes',
  apply: (input) => decodeJsEscapes(input),
};
