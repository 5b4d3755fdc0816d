import type { Transform } from './transform.js';

const SLASH = 0x2f;
const STAR = 0x2a;
const BANG = 0x21;

// Top-level MIME types: `image/*`, `text/*` and `*/*` in Accept headers are wildcards, not
// comment openers (see `isMimeWildcard`).
const MIME_TYPES = new Set([
  '*',
  'application',
  'audio',
  'font',
  'image',
  'message',
  'model',
  'multipart',
  'text',
  'video',
]);

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * Whether the `/*` at `slash` is the wildcard of a media range (`*\/*;q=0.8`, `image/*, text/*`)
 * rather than a comment: a top-level MIME type (or `*`) standing alone as a token before it, and
 * the end of the value, `;`, `,`, a space or a tab after it. Without this, every browser `Accept`
 * header would lose its tail. A SQL payload shaped like that (`text/*,`) keeps its `/*` literally,
 * which is still plain evidence for the model.
 */
function isMimeWildcard(input: string, slash: number): boolean {
  const after = input.charCodeAt(slash + 2);
  if (!(Number.isNaN(after) || after === 0x3b || after === 0x2c || after === 0x20 || after === 0x09))
    return false;
  let start = slash;
  if (input.charCodeAt(slash - 1) === STAR) start = slash - 1;
  else while (start > 0 && isAsciiLetter(input.charCodeAt(start - 1))) start--;
  if (start === slash) return false;
  const before = input.charCodeAt(start - 1);
  if (start > 0 && (isAsciiLetter(before) || isDigit(before) || before === SLASH || before === STAR))
    return false;
  return MIME_TYPES.has(input.slice(start, slash).toLowerCase());
}

/**
 * Replaces C-style comments by a single space.
 *
 * SQL engines (and JavaScript, and CSS) treat a comment as a token separator, so attackers put
 * them where a filter expects spaces or to break up keywords: `UNION/**\/SELECT`,
 * `SEL/**\/ECT`. Replacing each comment by ONE space (never by nothing) keeps tokens apart as the
 * engine does, and means a replacement can never glue a `/` and a `*` into a new comment.
 *
 * - MySQL/MariaDB executable comments `/*!50000UNION*\/`, `/*!UNION*\/`, `/*M!100100UNION*\/` ARE
 *   executed by the server, so they are replaced by their content with a space on each side
 *   (` UNION `); the optional version number (5 digits for MySQL, 6 for MariaDB's `/*M!`) is
 *   dropped. Their content is scanned like the rest, so nested ones (`/*!/*!UNION*\/*\/`) are
 *   handled in the same pass.
 * - An unterminated `/*` swallows the rest of the value, which becomes one space (SQLite and some
 *   drivers accept a comment running to the end of the query).
 * - A stray `*\/` outside an executable comment is text and stays.
 * - `--` and `#` line comments are NOT touched: a quote followed by `--` is some of the best
 *   evidence of SQL injection there is.
 *
 * Work is linear. Returns `input` itself when there is no comment.
 */
export function replaceComments(input: string): string {
  let i = input.indexOf('/*');
  if (i === -1) return input;
  const length = input.length;
  let out = '';
  let last = 0; // input[last..i) is not yet copied to `out`
  let open = 0; // executable comments whose closing `*/` is still to come
  let changed = false;
  while (i < length) {
    const c = input.charCodeAt(i);
    if (c === SLASH && input.charCodeAt(i + 1) === STAR && !isMimeWildcard(input, i)) {
      out += input.slice(last, i) + ' ';
      changed = true;
      let k = i + 2;
      // Version digits: MySQL writes 5 (`50000` = 5.0.0), MariaDB's `/*M!` 6 (`100100`). Only
      // that many are dropped: `/*!500001=1*/` runs `1=1` on MySQL.
      let versionDigits = 0;
      if (input.charCodeAt(k) === BANG) {
        versionDigits = 5;
        k++;
      } else if (input.charCodeAt(k) === 0x4d /* M */ && input.charCodeAt(k + 1) === BANG) {
        versionDigits = 6;
        k += 2;
      }
      if (versionDigits > 0) {
        for (let d = 0; d < versionDigits && isDigit(input.charCodeAt(k)); d++) k++;
        open++;
        i = last = k;
        continue;
      }
      // The `*` of the opener cannot also close it: `/*/` is still open.
      const end = input.indexOf('*/', i + 2);
      i = last = end === -1 ? length : end + 2;
      continue;
    }
    if (open > 0 && c === STAR && input.charCodeAt(i + 1) === SLASH) {
      out += input.slice(last, i) + ' ';
      changed = true;
      open--;
      i = last = i + 2;
      continue;
    }
    if (open > 0) {
      i++;
    } else {
      // Outside executable comments only an opener matters: jump to the next one.
      const next = input.indexOf('/*', i + 1);
      i = next === -1 ? length : next;
    }
  }
  if (!changed) return input;
  return out + input.slice(last);
}

/** `comments`: `/* … *\/` → one space; MySQL `/*!…*\/` → its content between spaces. */
export const comments: Transform = {
  name: 'comments',
  apply: (input) => replaceComments(input),
};
