import type { Transform } from './transform.js';

// Something to do: a character that is rewritten or removed, or a run of two spaces / newlines.
const NEEDS_WORK =
  /[\t\v\f\r\u0085\u00a0\u00ad\u1680\u180e\u2000-\u200b\u2028\u2029\u202f\u205f\u2060-\u2064\u3000\ufeff]| {2}|\n\n/;

/** The invisible characters this step removes (the pipeline checks for them too). */
export const INVISIBLE_CHARACTERS = /[\u00ad\u180e\u200b\u2060-\u2064\ufeff]/;

const OTHER = 0;
const SPACE = 1;
const LINE = 2;
const REMOVE = 3;

function classify(c: number): number {
  if (c < 0x80) {
    if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c) return SPACE;
    if (c === 0x0a || c === 0x0d) return LINE;
    return OTHER;
  }
  if (c === 0xa0 || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x3000) return SPACE;
  if (c >= 0x2000 && c <= 0x200a) return SPACE;
  if (c === 0x85 || c === 0x2028 || c === 0x2029) return LINE;
  if (c === 0x200b || c === 0xfeff || c === 0xad || c === 0x180e || (c >= 0x2060 && c <= 0x2064))
    return REMOVE;
  return OTHER;
}

/**
 * Canonicalizes whitespace without hiding what matters.
 *
 * - Runs of line breaks — `\r`, `\n`, NEL U+0085 and the Unicode line/paragraph separators
 *   U+2028/U+2029, in any mix — become one `\n`. Line breaks are never turned into spaces:
 *   `%0d%0aSet-Cookie:` (response splitting, log forging) must still show a line break. U+2028/9
 *   count as line breaks because JavaScript treats them as line terminators (they end a `//`
 *   comment) and NEL ends a line in Java regexes and some log viewers.
 * - Runs of other whitespace — space, tab, `\v`, `\f`, NBSP, U+1680, U+2000–U+200A, U+202F,
 *   U+205F, U+3000 — become one space: to a SQL or shell parser any amount of it is one
 *   separator, and attackers swap spaces for tabs or NBSP to dodge `union select` patterns.
 * - Invisible format characters — zero-width space U+200B, word joiner and invisible operators
 *   U+2060–U+2064, BOM U+FEFF, soft hyphen U+00AD, U+180E — are removed, so they cannot split a
 *   keyword (`sel\u200Bect`). ZWJ/ZWNJ (U+200D/U+200C) are kept: they carry meaning in emoji
 *   sequences and in Persian and Indic scripts.
 * - Nothing is trimmed: leading/trailing whitespace can be significant (`' OR 1=1 `).
 *
 * A removed character does not end a run (`a \u200B b` → `a b`). Returns `input` itself when
 * nothing changes.
 */
export function canonicalizeWhitespace(input: string): string {
  if (!NEEDS_WORK.test(input)) return input;
  let out = '';
  let last = 0; // input[last..i) is not yet copied to `out`
  let previous = OTHER; // kind of the last character kept
  let changed = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    const kind = classify(c);
    if (kind === OTHER) {
      previous = OTHER;
      continue;
    }
    if (kind === REMOVE || kind === previous) {
      // Removed, or a repeat inside a run: drop it.
      out += input.slice(last, i);
      last = i + 1;
      changed = true;
      continue;
    }
    const canonical = kind === SPACE ? 0x20 : 0x0a;
    if (c !== canonical) {
      out += input.slice(last, i) + (kind === SPACE ? ' ' : '\n');
      last = i + 1;
      changed = true;
    }
    previous = kind;
  }
  return changed ? out + input.slice(last) : input;
}

/** `whitespace`: collapses whitespace and line-break runs, removes zero-width characters. */
export const whitespace: Transform = {
  name: 'whitespace',
  apply: (input) => canonicalizeWhitespace(input),
};
