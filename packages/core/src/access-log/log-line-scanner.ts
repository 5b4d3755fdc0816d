/**
 * Reads the space-separated fields of a Common/Combined Log Format line from left to right:
 * bare words (`192.0.2.1`, `-`, `200`), a bracketed time (`[17/May/2015:10:05:03 +0000]`) and
 * quoted strings (`"GET / HTTP/1.1"`) with the escapes Apache and nginx write.
 *
 * @example
 * ```ts
 * const scanner = new LogLineScanner('192.0.2.1 [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1"');
 * scanner.word();     // '192.0.2.1'
 * scanner.bracketed(); // '17/May/2015:10:05:03 +0000'
 * scanner.quoted();   // { text: 'GET / HTTP/1.1', raw: 'GET / HTTP/1.1' }
 * ```
 */
export class LogLineScanner {
  private pos = 0;

  constructor(private readonly line: string) {
    this.skipSpaces();
  }

  /** True when only spaces remain. */
  get atEnd(): boolean {
    return this.pos >= this.line.length;
  }

  /** The next character, without consuming it (`''` at the end). */
  peek(): string {
    return this.line.charAt(this.pos);
  }

  /** A run of non-space characters, or `undefined` at the end. */
  word(): string | undefined {
    if (this.atEnd) return undefined;
    const start = this.pos;
    while (this.pos < this.line.length && !isSpace(this.line.charCodeAt(this.pos))) this.pos += 1;
    const word = this.line.slice(start, this.pos);
    this.skipSpaces();
    return word;
  }

  /** The text between `[` and the next `]`, or `undefined` if the next field is not bracketed. */
  bracketed(): string | undefined {
    if (this.peek() !== '[') return undefined;
    const close = this.line.indexOf(']', this.pos + 1);
    if (close < 0) return undefined;
    const text = this.line.slice(this.pos + 1, close);
    this.pos = close + 1;
    this.skipSpaces();
    return text;
  }

  /**
   * A quoted field: `text` with escapes undone, `raw` as written between the quotes. `undefined` if the
   * next field does not start with `"` or never ends.
   *
   * The closing quote is an unescaped `"` followed by a space or the end of the line. Apache before
   * 2.0.46 did not escape quotes inside fields, so a `"` followed by anything else is kept as data.
   */
  quoted(): { text: string; raw: string } | undefined {
    if (this.peek() !== '"') return undefined;
    const start = this.pos + 1;
    let text = '';
    let i = start;
    while (i < this.line.length) {
      const char = this.line.charAt(i);
      if (char === '\\' && i + 1 < this.line.length) {
        const escape = decodeEscape(this.line, i);
        text += escape.text;
        i += escape.length;
        continue;
      }
      if (char === '"' && (i + 1 === this.line.length || isSpace(this.line.charCodeAt(i + 1)))) {
        const raw = this.line.slice(start, i);
        this.pos = i + 1;
        this.skipSpaces();
        return { text, raw };
      }
      text += char;
      i += 1;
    }
    return undefined;
  }

  private skipSpaces(): void {
    while (this.pos < this.line.length && isSpace(this.line.charCodeAt(this.pos))) this.pos += 1;
  }
}

const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['b', '\b'],
  ['v', '\v'],
  ['f', '\f'],
]);

/**
 * Undoes one escape at `line[index] === '\\'`. Apache (`ap_escape_logitem`) writes `\"`, `\\`, `\n`,
 * `\r`, `\t`, `\b`, `\v` and `\xhh`; nginx writes `\"`, `\\` and `\xHH`. `\xHH` becomes the
 * character with that code (the byte read as latin1, as Node decodes header octets). An unknown
 * escape is kept as written.
 */
function decodeEscape(line: string, index: number): { text: string; length: number } {
  const next = line.charAt(index + 1);
  if (next === 'x' || next === 'X') {
    const hex = line.slice(index + 2, index + 4);
    if (/^[0-9a-fA-F]{2}$/.test(hex))
      return { text: String.fromCharCode(Number.parseInt(hex, 16)), length: 4 };
    return { text: '\\', length: 1 };
  }
  const simple = SIMPLE_ESCAPES.get(next);
  return simple === undefined ? { text: '\\', length: 1 } : { text: simple, length: 2 };
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
