import { hexValue } from '../percent-decode.js';
import type { PathSegment, RawParam } from '../raw-param.js';

/**
 * Options of {@link scanJson}.
 *
 * @example
 * ```ts
 * scanJson(text, { maxDepth: 32, maxEntries: 2048 } satisfies JsonScanOptions);
 * ```
 */
export interface JsonScanOptions {
  /** Deepest container nesting whose content is emitted; deeper content is scanned, not emitted. */
  maxDepth: number;
  /** Most params emitted; scanning stops when one more would be emitted. */
  maxEntries: number;
}

/**
 * Result of {@link scanJson}.
 *
 * @example
 * ```ts
 * const result: JsonScanResult = scanJson('{"a":["x"', { maxDepth: 32, maxEntries: 100 });
 * // { params: [key a, value 'x' at ['a', 0]], truncated: false,
 * //   error: { offset: 9, message: 'unexpected end of input' } }
 * ```
 */
export interface JsonScanResult {
  /** Key params (every object key) and value params (every string value), in document order. */
  params: RawParam[];
  /** The first structural problem; scanning stopped there. */
  error?: { offset: number; message: string };
  /** The deepest container nesting seen, present only when it went past `maxDepth`. */
  depthExceeded?: number;
  /** True when `maxEntries` params were emitted and scanning stopped before the end. */
  truncated: boolean;
}

const OBJECT = 1;
const ARRAY = 2;

// Parser states: what the next significant character may be.
const VALUE = 0; // a value (top level, after ':' or after ',' in an array)
const VALUE_OR_CLOSE = 1; // a value or ']' (just after '[')
const KEY_OR_CLOSE = 2; // a key or '}' (just after '{')
const KEY = 3; // a key (after ',' in an object)
const COLON = 4; // ':' after a key
const AFTER_VALUE = 5; // ',' or the closing bracket; end of input at top level

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Scans JSON text (RFC 8259) and emits, without building any object:
 *
 * - for every object key: `{ kind: 'key', name: key, segments: [...pathToObject, key], raw: key }`
 *   (keys carry attacks: NoSQL operators `$where` / `$ne`, prototype pollution `__proto__`);
 * - for every string value: `{ kind: 'value', name, segments: path, raw }` where array elements get
 *   numeric segments and `name` is the nearest enclosing object key (`''` when none).
 *
 * `raw` is the string after JSON unescaping (RFC 8259 §7: `\" \\ \/ \b \f \n \r \t \uXXXX`, surrogate
 * pairs combine, lone surrogates are kept as they are). Numbers, booleans and null are validated but not
 * emitted: they cannot carry an attack string.
 *
 * Safe by construction: no object is ever built from the input, only params, so `__proto__` or
 * `constructor.prototype` keys cannot pollute anything; and the scanner is iterative (an explicit
 * bracket stack, no recursion), so 100,000 nested `[` cannot overflow the call stack.
 *
 * Lenient where it costs nothing (a leading BOM is skipped, RFC 8259 §8.1; raw control characters inside
 * strings are accepted; an invalid escape `\q` keeps `q`; a bad `\u` keeps `u`), strict on structure: the
 * first structural problem stops the scan and is reported in `error` with its offset, after everything
 * emitted so far. An unterminated string is still emitted (it may be the payload). Trailing data after
 * the top-level value is an error. Top-level scalars are accepted.
 *
 * Depth: the depth of a param is its number of segments (the count of containers around it). Content
 * deeper than `maxDepth` is scanned but not emitted; `depthExceeded` records the deepest nesting seen and
 * scanning continues with shallower content.
 *
 * @example
 * ```ts
 * scanJson('{"user":{"$ne":null},"a":[{"b":"<script>"}]}', { maxDepth: 32, maxEntries: 1000 }).params;
 * // [ { kind: 'key',   name: 'user', segments: ['user'],        raw: 'user' },
 * //   { kind: 'key',   name: '$ne',  segments: ['user', '$ne'], raw: '$ne' },
 * //   { kind: 'key',   name: 'a',    segments: ['a'],           raw: 'a' },
 * //   { kind: 'key',   name: 'b',    segments: ['a', 0, 'b'],   raw: 'b' },
 * //   { kind: 'value', name: 'b',    segments: ['a', 0, 'b'],   raw: '<script>' } ]
 * ```
 */
export function scanJson(text: string, options: JsonScanOptions): JsonScanResult {
  return new JsonScanner(text, options).run();
}

class JsonScanner {
  private readonly text: string;
  private readonly length: number;
  private readonly maxDepth: number;
  private readonly maxEntries: number;
  private readonly params: RawParam[] = [];
  private pos = 0;
  private truncated = false;
  /** Container kinds of the open brackets, `kinds[d - 1]` for depth `d`. Grows by doubling. */
  private kinds = new Uint8Array(64);
  private depth = 0;
  private deepest = 0;
  /** `path[d - 1]`: the key or index of the current child at depth `d` (kept only up to `maxDepth`). */
  private readonly path: PathSegment[] = [];
  /** `counters[d - 1]`: the next index of the array at depth `d` (kept only up to `maxDepth`). */
  private readonly counters: number[] = [];
  /** Set by {@link readString} when the string had no closing quote. */
  private unterminated = false;

  constructor(text: string, options: JsonScanOptions) {
    this.text = text;
    this.length = text.length;
    // NaN and negative limits behave as 0: emit nothing rather than everything.
    this.maxDepth = options.maxDepth >= 0 ? options.maxDepth : 0;
    this.maxEntries = options.maxEntries >= 0 ? options.maxEntries : 0;
  }

  run(): JsonScanResult {
    const text = this.text;
    const length = this.length;
    let state = VALUE;
    let error: { offset: number; message: string } | undefined;
    if (length > 0 && text.charCodeAt(0) === 0xfeff) this.pos = 1;

    for (;;) {
      let pos = this.pos;
      let c = 0;
      // Bounds-checked so `c` stays a small integer (reading past the end gives NaN, a double).
      while (pos < length) {
        c = text.charCodeAt(pos);
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
        pos++;
      }
      this.pos = pos;
      if (pos >= length) {
        if (state !== AFTER_VALUE || this.depth > 0)
          error = { offset: pos, message: 'unexpected end of input' };
        break;
      }

      if (state === AFTER_VALUE) {
        if (this.depth === 0) {
          error = { offset: pos, message: 'unexpected data after the JSON value' };
          break;
        }
        const kind = this.kinds[this.depth - 1];
        if (c === 0x2c) {
          // ,
          state = kind === OBJECT ? KEY : VALUE;
          this.pos++;
        } else if ((c === 0x7d && kind === OBJECT) || (c === 0x5d && kind === ARRAY)) {
          this.depth--;
          this.pos++;
        } else {
          error = { offset: pos, message: kind === OBJECT ? "expected ',' or '}'" : "expected ',' or ']'" };
          break;
        }
        continue;
      }

      if (state === KEY || state === KEY_OR_CLOSE) {
        if (c === 0x7d && state === KEY_OR_CLOSE) {
          this.depth--;
          this.pos++;
          state = AFTER_VALUE;
          continue;
        }
        if (c !== QUOTE) {
          error = { offset: pos, message: 'expected a string key' };
          break;
        }
        const key = this.readString();
        const depth = this.depth;
        if (depth <= this.maxDepth) {
          this.path[depth - 1] = key;
          if (!this.emit('key', key, key)) break;
        }
        if (this.unterminated) {
          error = { offset: pos, message: 'unterminated string' };
          break;
        }
        state = COLON;
        continue;
      }

      if (state === COLON) {
        if (c !== 0x3a) {
          error = { offset: pos, message: "expected ':'" };
          break;
        }
        this.pos++;
        state = VALUE;
        continue;
      }

      // state is VALUE or VALUE_OR_CLOSE
      if (c === 0x5d && state === VALUE_OR_CLOSE) {
        this.depth--;
        this.pos++;
        state = AFTER_VALUE;
        continue;
      }
      const depth = this.depth;
      if (depth > 0 && depth <= this.maxDepth && this.kinds[depth - 1] === ARRAY) {
        this.path[depth - 1] = this.counters[depth - 1]!++;
      }
      if (c === QUOTE) {
        const value = this.readString();
        if (depth <= this.maxDepth && !this.emit('value', this.nearestKey(depth), value)) break;
        if (this.unterminated) {
          error = { offset: pos, message: 'unterminated string' };
          break;
        }
        state = AFTER_VALUE;
      } else if (c === 0x7b) {
        this.open(OBJECT);
        state = KEY_OR_CLOSE;
      } else if (c === 0x5b) {
        this.open(ARRAY);
        state = VALUE_OR_CLOSE;
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        if (!this.readNumber()) {
          error = { offset: pos, message: 'invalid number' };
          break;
        }
        state = AFTER_VALUE;
      } else if (
        (c === 0x74 && text.startsWith('true', pos)) ||
        (c === 0x6e && text.startsWith('null', pos))
      ) {
        this.pos += 4;
        state = AFTER_VALUE;
      } else if (c === 0x66 && text.startsWith('false', pos)) {
        this.pos += 5;
        state = AFTER_VALUE;
      } else {
        error = { offset: pos, message: 'unexpected character' };
        break;
      }
    }

    const result: JsonScanResult = { params: this.params, truncated: this.truncated };
    if (error !== undefined && !this.truncated) result.error = error;
    if (this.deepest > this.maxDepth) result.depthExceeded = this.deepest;
    return result;
  }

  /** Pushes a container at `pos` (an opening bracket). */
  private open(kind: number): void {
    const depth = this.depth;
    if (depth === this.kinds.length) {
      const grown = new Uint8Array(depth * 2);
      grown.set(this.kinds);
      this.kinds = grown;
    }
    this.kinds[depth] = kind;
    this.depth = depth + 1;
    if (this.depth > this.deepest) this.deepest = this.depth;
    if (this.depth <= this.maxDepth) this.counters[depth] = 0;
    this.pos++;
  }

  /** Emits a param at the current depth; false (and `truncated`) when `maxEntries` is reached. */
  private emit(kind: 'key' | 'value', name: string, raw: string): boolean {
    if (this.params.length >= this.maxEntries) {
      this.truncated = true;
      return false;
    }
    // Each param gets its own segments array: one copy at emit time, the working path is reused.
    this.params.push({ segments: this.segments(), kind, name, raw });
    return true;
  }

  /** A fresh copy of the path to the current depth (array literals for the usual shallow depths beat `slice`). */
  private segments(): PathSegment[] {
    const path = this.path;
    switch (this.depth) {
      case 0:
        return [];
      case 1:
        return [path[0]!];
      case 2:
        return [path[0]!, path[1]!];
      case 3:
        return [path[0]!, path[1]!, path[2]!];
      default:
        return path.slice(0, this.depth);
    }
  }

  /** The nearest object key around a value at `depth` (array indexes are skipped), or `''`. */
  private nearestKey(depth: number): string {
    for (let d = depth - 1; d >= 0; d--) {
      const segment = this.path[d];
      if (typeof segment === 'string') return segment;
    }
    return '';
  }

  /**
   * Reads the string whose opening quote is at `pos`, unescaped, and moves `pos` past the closing quote
   * (or to the end, setting `unterminated`). A string without escapes (the usual case) is one `slice`
   * after a tight char-code loop (faster than `indexOf` calls on the short strings JSON is made of).
   */
  private readString(): string {
    const text = this.text;
    const length = this.length;
    const start = this.pos + 1;
    let i = start;
    this.unterminated = false;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return text.slice(start, i);
      }
      if (c === BACKSLASH) return this.readEscapedString(start, i);
      i++;
    }
    this.unterminated = true;
    this.pos = length;
    return text.slice(start, length);
  }

  /** The slow path of {@link readString}: one slice per run between escapes, never per character. */
  private readEscapedString(start: number, backslash: number): string {
    const text = this.text;
    const length = this.length;
    let out = '';
    let chunk = start;
    let i = backslash;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return out + text.slice(chunk, i);
      }
      if (c !== BACKSLASH) {
        i++;
        continue;
      }
      out += text.slice(chunk, i);
      const escaped = text.charCodeAt(i + 1);
      let next = i + 2;
      switch (escaped) {
        case 0x6e: // n
          out += '\n';
          break;
        case 0x74: // t
          out += '\t';
          break;
        case 0x72: // r
          out += '\r';
          break;
        case 0x62: // b
          out += '\b';
          break;
        case 0x66: // f
          out += '\f';
          break;
        case 0x75: {
          // u: four hex digits, else keep 'u' (lenient)
          const a = hexValue(text.charCodeAt(i + 2));
          const b = hexValue(text.charCodeAt(i + 3));
          const c = hexValue(text.charCodeAt(i + 4));
          const d = hexValue(text.charCodeAt(i + 5));
          if ((a | b | c | d) >= 0) {
            out += String.fromCharCode((a << 12) | (b << 8) | (c << 4) | d);
            next = i + 6;
          } else {
            out += 'u';
          }
          break;
        }
        default:
          // `\"`, `\\`, `\/` and invalid escapes alike keep the escaped character.
          if (i + 1 < length) out += text[i + 1];
          else next = length; // a lone backslash at the very end
      }
      i = next;
      chunk = next;
    }
    this.unterminated = true;
    this.pos = length;
    return out + text.slice(chunk, length);
  }

  /** Reads an RFC 8259 §6 number at `pos`; false when it is not one. */
  private readNumber(): boolean {
    const text = this.text;
    let i = this.pos;
    if (text.charCodeAt(i) === 0x2d) i++;
    let c = text.charCodeAt(i);
    if (c === 0x30) c = text.charCodeAt(++i);
    else if (c >= 0x31 && c <= 0x39) {
      do c = text.charCodeAt(++i);
      while (c >= 0x30 && c <= 0x39);
    } else return false;
    if (c === 0x2e) {
      c = text.charCodeAt(++i);
      if (!(c >= 0x30 && c <= 0x39)) return false;
      do c = text.charCodeAt(++i);
      while (c >= 0x30 && c <= 0x39);
    }
    if (c === 0x65 || c === 0x45) {
      c = text.charCodeAt(++i);
      if (c === 0x2b || c === 0x2d) c = text.charCodeAt(++i);
      if (!(c >= 0x30 && c <= 0x39)) return false;
      do c = text.charCodeAt(++i);
      while (c >= 0x30 && c <= 0x39);
    }
    this.pos = i;
    return true;
  }
}
