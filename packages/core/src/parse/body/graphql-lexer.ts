import { hexValue } from '../percent-decode.js';

/**
 * Kinds of GraphQL tokens (GraphQL spec, October 2021, §2.1 "Source Text").
 *
 * @example
 * ```ts
 * const lexer = new GraphqlLexer('{ a }');
 * lexer.next() === TOKEN.PUNCTUATOR && lexer.code === 0x7b; // true
 * ```
 */
export const TOKEN = {
  /** End of the document. */
  EOF: 0,
  /** One of `! $ & ( ) : = @ [ ] { | }`; `code` holds its char code. */
  PUNCTUATOR: 1,
  /** `...` */
  SPREAD: 2,
  /** `/[_A-Za-z][_0-9A-Za-z]*\/`; `value` holds it. */
  NAME: 3,
  /** An int or float value. */
  NUMBER: 4,
  /** A string or block string; `value` holds the decoded text. */
  STRING: 5,
  /** Any other character (not valid GraphQL, skipped by lenient callers). */
  UNKNOWN: 6,
} as const;

/**
 * A token kind.
 *
 * @example
 * ```ts
 * const kind: TokenKind = new GraphqlLexer('name').next(); // TOKEN.NAME
 * ```
 */
export type TokenKind = (typeof TOKEN)[keyof typeof TOKEN];

/**
 * A small lenient GraphQL lexer (spec October 2021, §2): ignores whitespace, line terminators, commas,
 * the BOM and `#` comments; reads punctuators, names, numbers, strings (escapes `\" \\ \/ \b \f \n \r \t
 * \uXXXX`, plus `\u{…}` from later drafts) and block strings `"""…"""` (only `\"""` is an escape; the
 * value gets the spec's common-indentation removal). Never throws: an unterminated string ends at the
 * line end (block strings at the end of input) with what was read; unknown characters become `UNKNOWN`.
 *
 * Call {@link next}; then read `kind`, `start`/`end` (source offsets), `value` and `code`.
 *
 * @example
 * ```ts
 * const lexer = new GraphqlLexer('{ user(name: "a\\nb") }');
 * while (lexer.next() !== TOKEN.EOF) console.log(lexer.kind, lexer.value);
 * ```
 */
export class GraphqlLexer {
  /** Kind of the current token. */
  kind: TokenKind = TOKEN.EOF;
  /** Source offset where the current token starts. */
  start = 0;
  /** Source offset just past the current token. */
  end = 0;
  /** Name text or decoded string value of the current token (`''` for other kinds). */
  value = '';
  /** Char code of a punctuator (0 for other kinds). */
  code = 0;

  private readonly source: string;
  private pos = 0;

  constructor(source: string) {
    this.source = source;
  }

  /** Reads the next token and returns its kind. */
  next(): TokenKind {
    const source = this.source;
    const length = source.length;
    let pos = skipIgnored(source, this.pos);
    this.start = pos;
    this.value = '';
    this.code = 0;
    if (pos >= length) {
      this.pos = this.end = length;
      return (this.kind = TOKEN.EOF);
    }
    const c = source.charCodeAt(pos);
    if (isNameStart(c)) {
      let i = pos + 1;
      while (i < length && isNameContinue(source.charCodeAt(i))) i++;
      this.value = source.slice(pos, i);
      return this.finish(i, TOKEN.NAME);
    }
    if (c === 0x22) {
      if (source.charCodeAt(pos + 1) === 0x22 && source.charCodeAt(pos + 2) === 0x22)
        return this.readBlockString();
      return this.readString();
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let i = pos + 1;
      for (; i < length; i++) {
        const d = source.charCodeAt(i);
        const exponentSign = (d === 0x2b || d === 0x2d) && (source.charCodeAt(i - 1) | 0x20) === 0x65;
        if (!((d >= 0x30 && d <= 0x39) || d === 0x2e || (d | 0x20) === 0x65 || exponentSign)) break;
      }
      return this.finish(i, TOKEN.NUMBER);
    }
    if (c === 0x2e && source.charCodeAt(pos + 1) === 0x2e && source.charCodeAt(pos + 2) === 0x2e) {
      return this.finish(pos + 3, TOKEN.SPREAD);
    }
    pos++;
    if (isPunctuator(c)) {
      this.code = c;
      return this.finish(pos, TOKEN.PUNCTUATOR);
    }
    return this.finish(pos, TOKEN.UNKNOWN);
  }

  private finish(end: number, kind: TokenKind): TokenKind {
    this.pos = this.end = end;
    return (this.kind = kind);
  }

  /** A `"…"` string (§2.9.4); stops before a line terminator when unterminated. */
  private readString(): TokenKind {
    const source = this.source;
    const length = source.length;
    let i = this.start + 1;
    let chunk = i;
    let out = '';
    while (i < length) {
      const c = source.charCodeAt(i);
      if (c === 0x22) {
        this.value = out + source.slice(chunk, i);
        return this.finish(i + 1, TOKEN.STRING);
      }
      if (c === 0x0a || c === 0x0d) break;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += source.slice(chunk, i);
      chunk = i; // an escape that ends the string keeps its backslash
      const e = source.charCodeAt(i + 1);
      i += 2;
      if (e === 0x6e) out += '\n';
      else if (e === 0x74) out += '\t';
      else if (e === 0x72) out += '\r';
      else if (e === 0x62) out += '\b';
      else if (e === 0x66) out += '\f';
      else if (e === 0x75) {
        const decoded = readUnicodeEscape(source, i);
        if (decoded === undefined) out += 'u';
        else {
          out += decoded.text;
          i = decoded.end;
        }
      } else if (e === 0x0a || e === 0x0d || Number.isNaN(e)) {
        i--; // a backslash at a line end or at the end: the string ends unterminated
        break;
      } else out += source[i - 1]; // `\" \\ \/` and invalid escapes keep the character
      chunk = i;
    }
    this.value = out + source.slice(chunk, Math.min(i, length));
    return this.finish(Math.min(i, length), TOKEN.STRING);
  }

  /** A `"""…"""` block string (§2.9.4 BlockStringCharacter); runs to the end when unterminated. */
  private readBlockString(): TokenKind {
    const source = this.source;
    const length = source.length;
    let i = this.start + 3;
    let chunk = i;
    let raw = '';
    let end = length;
    while (i < length) {
      const c = source.charCodeAt(i);
      if (c === 0x22 && source.startsWith('""', i + 1)) {
        end = i + 3;
        break;
      }
      if (c === 0x5c && source.startsWith('"""', i + 1)) {
        raw += source.slice(chunk, i) + '"""';
        i += 4;
        chunk = i;
        continue;
      }
      i++;
    }
    raw += source.slice(chunk, Math.min(i, length));
    this.value = blockStringValue(raw);
    return this.finish(end, TOKEN.STRING);
  }
}

/**
 * The spec's BlockStringValue (§2.9.4): removes the common indentation of all lines but the first and
 * leading/trailing blank lines; lines are joined with LF.
 *
 * @example
 * ```ts
 * blockStringValue('\n    Hello,\n      World!\n  '); // 'Hello,\n  World!'
 * ```
 */
export function blockStringValue(raw: string): string {
  const lines = raw.split(/\r\n|[\n\r]/);
  let common = Infinity;
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    const indent = leadingWhitespace(line);
    if (indent < line.length && indent < common) common = indent;
  }
  if (common !== Infinity && common > 0) {
    for (let n = 1; n < lines.length; n++) lines[n] = lines[n]!.slice(common);
  }
  let first = 0;
  let last = lines.length - 1;
  while (first <= last && leadingWhitespace(lines[first]!) === lines[first]!.length) first++;
  while (last >= first && leadingWhitespace(lines[last]!) === lines[last]!.length) last--;
  return lines.slice(first, last + 1).join('\n');
}

function leadingWhitespace(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09)) i++;
  return i;
}

/** Decodes the digits of `\uXXXX` or `\u{X…}` starting at `at` (just after the `u`). */
function readUnicodeEscape(source: string, at: number): { text: string; end: number } | undefined {
  if (source.charCodeAt(at) === 0x7b) {
    let value = 0;
    let i = at + 1;
    for (; i < source.length && i < at + 8; i++) {
      const digit = hexValue(source.charCodeAt(i));
      if (digit < 0) break;
      value = value * 16 + digit;
    }
    if (i === at + 1 || source.charCodeAt(i) !== 0x7d || value > 0x10ffff) return undefined;
    return { text: String.fromCodePoint(value), end: i + 1 };
  }
  let value = 0;
  for (let k = 0; k < 4; k++) {
    const digit = hexValue(source.charCodeAt(at + k));
    if (digit < 0) return undefined;
    value = value * 16 + digit;
  }
  return { text: String.fromCharCode(value), end: at + 4 };
}

/**
 * Skips §2.1.7 ignored tokens: BOM, whitespace, line terminators, commas and comments.
 *
 * @example
 * ```ts
 * skipIgnored('  # comment\n, query', 0); // 14 (the `q`)
 * ```
 */
export function skipIgnored(source: string, from: number): number {
  const length = source.length;
  let i = from;
  while (i < length) {
    const c = source.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2c || c === 0xfeff) i++;
    else if (c === 0x23) {
      i++;
      while (i < length) {
        const d = source.charCodeAt(i);
        if (d === 0x0a || d === 0x0d) break;
        i++;
      }
    } else break;
  }
  return i;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isNameContinue(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

function isPunctuator(c: number): boolean {
  // ! $ & ( ) : = @ [ ] { | }
  return (
    c === 0x21 ||
    c === 0x24 ||
    c === 0x26 ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x3a ||
    c === 0x3d ||
    c === 0x40 ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7c ||
    c === 0x7d
  );
}
