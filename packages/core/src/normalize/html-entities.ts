import {
  HTML_ENTITIES,
  HTML_ENTITIES_FOLDED,
  LEGACY_ENTITY_NAMES,
  LEGACY_ENTITY_NAMES_FOLDED,
  MAX_ENTITY_NAME_LENGTH,
  MAX_LEGACY_NAME_LENGTH,
  WINDOWS_1252_C1,
} from './html-entity-table.js';
import type { Transform } from './transform.js';
import { HEX_VALUE } from './utf8.js';

const AMPERSAND = 0x26;
const HASH = 0x23;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;

// Where the reference parsed by `parseReference` ends (module variable: no allocation per call).
let referenceEnd = 0;

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isAsciiAlphanumeric(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39);
}

/** The text a numeric reference stands for, with the substitutions browsers make. */
function numericReference(value: number): string {
  // NUL, surrogates and values past Unicode are parse errors that browsers turn into U+FFFD.
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return '\ufffd';
  if (value >= 0x80 && value <= 0x9f) {
    const mapped = WINDOWS_1252_C1[value - 0x80]!;
    if (mapped !== 0) return String.fromCharCode(mapped);
  }
  return String.fromCodePoint(value);
}

/**
 * Parses the character reference whose `&` is followed by `input[at]`. Returns its text and
 * sets `referenceEnd`, or returns undefined when there is no reference there.
 */
function parseReference(input: string, at: number): string | undefined {
  const first = input.charCodeAt(at);
  if (first === HASH) {
    // `&#60`, `&#0000060;`, `&#x3c`, `&#X3C;`: any number of digits (leading zeros are legal,
    // and the value is capped so a million-digit run stays linear), `;` optional.
    let k = at + 1;
    const hex = (input.charCodeAt(k) | 0x20) === 0x78; // x or X
    if (hex) k++;
    const start = k;
    let value = 0;
    for (;;) {
      const c = input.charCodeAt(k);
      let digit: number;
      if (hex) digit = c < 0x80 ? HEX_VALUE[c]! : -1;
      else digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
      if (digit < 0) break;
      if (value <= 0x10ffff) value = value * (hex ? 16 : 10) + digit;
      k++;
    }
    if (k === start) return undefined;
    if (input.charCodeAt(k) === SEMICOLON) k++;
    referenceEnd = k;
    return numericReference(value);
  }
  if (!isAsciiLetter(first)) return undefined;

  // Named reference: an alphanumeric run, read no further than the longest known name (+1, to
  // know whether the run is longer than any name).
  const length = input.length;
  let k = at + 1;
  while (k < length && k - at <= MAX_ENTITY_NAME_LENGTH && isAsciiAlphanumeric(input.charCodeAt(k))) k++;
  const run = k - at;
  if (run <= MAX_ENTITY_NAME_LENGTH && input.charCodeAt(k) === SEMICOLON) {
    // With `;`: exact name, else any spelling of it (`&LT;`, `&Lt;`, `&QuOt;`). Browsers only
    // know a few upper-case aliases, but the model must see the same text before and after
    // case folding, and over-decoding only ever makes an attack more visible.
    const name = input.slice(at, k);
    const text = HTML_ENTITIES.get(name) ?? HTML_ENTITIES_FOLDED.get(name.toLowerCase());
    if (text !== undefined) {
      referenceEnd = k + 1;
      return text;
    }
  }
  // Without `;`: only legacy names (`&amp`, `&lt`, `&copy`, Latin-1), longest first. As in an
  // HTML attribute value, a legacy name followed by a letter, digit or `=` is not a reference,
  // so URLs and words stay intact (`?a=1&copy=2`, `&notify`, `&timestamp`). `&lt` and `&gt` are
  // the exception: `&ltscript&gt` is decoded, as lenient server-side decoders do.
  for (let len = Math.min(run, MAX_LEGACY_NAME_LENGTH); len >= 2; len--) {
    const name = input.slice(at, at + len);
    const lower = name.toLowerCase();
    if (!LEGACY_ENTITY_NAMES.has(name) && !LEGACY_ENTITY_NAMES_FOLDED.has(lower)) continue;
    if (lower !== 'lt' && lower !== 'gt') {
      const next = input.charCodeAt(at + len);
      // Any shorter legacy prefix would be followed by a letter of this run: stop here.
      if (isAsciiAlphanumeric(next) || next === EQUALS) return undefined;
    }
    referenceEnd = at + len;
    return HTML_ENTITIES.get(name) ?? HTML_ENTITIES_FOLDED.get(lower);
  }
  return undefined;
}

/**
 * Decodes HTML character references: named (`&lt;`, `&eacute;`, `&colon;`), decimal (`&#60;`,
 * `&#0000060`) and hexadecimal (`&#x3c;`, `&#X3C`), with or without the trailing `;` where
 * browsers accept that (always for numeric references, only for legacy names otherwise).
 *
 * Attackers entity-encode markup and `javascript:` URLs (`&#x6A;avascript&colon;`) because the
 * browser decodes them inside attributes after any server-side filter has looked.
 *
 * - Names are matched exactly, else case-insensitively (`&LT;` and `&Lt;` → `<`), so decoding
 *   after case folding finds nothing new.
 * - Numeric references to 0, surrogates or above U+10FFFF become U+FFFD; 0x80–0x9F become their
 *   Windows-1252 characters (both as browsers do).
 * - A reference that decodes to `&` is treated as the start of the text that follows, so
 *   nested encodings decode in one linear pass: `&amp;lt;` → `<`, `&#x26;#x3C;` → `<`.
 * - Unknown names and a bare `&` are left as they are (`AT&T`, `3 < 5 && 6 > 2`).
 *
 * Returns `input` itself when nothing was decoded.
 */
export function decodeHtmlEntities(input: string): string {
  let i = input.indexOf('&');
  if (i === -1) return input;
  const length = input.length;
  let out = '';
  let last = 0; // input[last..i) is not yet copied to `out`
  let pending = false; // a decoded `&` that may start the reference that follows
  let changed = false;
  while (i < length) {
    if (pending) {
      const text = parseReference(input, i);
      if (text !== undefined) {
        i = last = referenceEnd;
        if (text === '&') continue;
        out += text;
        pending = false;
        continue;
      }
      out += '&';
      pending = false;
    }
    if (input.charCodeAt(i) === AMPERSAND) {
      const text = parseReference(input, i + 1);
      if (text !== undefined) {
        out += input.slice(last, i);
        changed = true;
        i = last = referenceEnd;
        if (text === '&') pending = true;
        else out += text;
        continue;
      }
      i++;
      continue;
    }
    // Jump straight to the next `&`: text between references is copied in one slice.
    const next = input.indexOf('&', i);
    i = next === -1 ? length : next;
  }
  if (!changed) return input;
  if (pending) out += '&';
  return out + input.slice(last);
}

/** `html-entities`: decodes named, decimal and hexadecimal HTML character references. */
export const htmlEntities: Transform = {
  name: 'html-entities',
  apply: (input) => decodeHtmlEntities(input),
};
