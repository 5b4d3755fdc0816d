/**
 * Splits a text or byte stream into lines, for files too big to hold in memory and for stdin.
 *
 * Lines end at LF; a CR before it is dropped (CRLF files). Chunks may end anywhere, in the middle of a
 * line, between CR and LF, or inside a multi-byte UTF-8 character: bytes are decoded with one
 * streaming `TextDecoder`, so a character split across chunks comes out whole (invalid UTF-8 becomes
 * U+FFFD instead of throwing). A leading byte order mark is dropped. A last line without a final LF
 * is still yielded; a final LF does not add an empty line. Every other line is yielded, blank ones
 * included, so the caller can count line numbers as in the file.
 *
 * Lives here because evaluation records were its first user; it knows nothing about records, and the
 * access-log reader uses it too.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * let n = 0;
 * for await (const line of streamLines(createReadStream('traffic.jsonl'))) n += 1;
 * ```
 */
export async function* streamLines(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let first = true;

  for await (const chunk of input) {
    // A string chunk after bytes: flush any half character the decoder holds (it becomes U+FFFD).
    const text =
      typeof chunk === 'string' ? decoder.decode() + chunk : decoder.decode(chunk, { stream: true });
    if (text === '') continue;
    // Search only the new text: a very long line spread over many chunks stays linear.
    let searchFrom = pending.length;
    pending += text;
    if (first) {
      if (pending.startsWith('\uFEFF')) {
        pending = pending.slice(1);
        searchFrom = 0;
      }
      first = false;
    }
    let start = 0;
    for (let lf = pending.indexOf('\n', searchFrom); lf >= 0; lf = pending.indexOf('\n', start)) {
      yield withoutCr(pending.slice(start, lf));
      start = lf + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (first && pending.startsWith('\uFEFF')) pending = pending.slice(1);
  if (pending !== '') yield withoutCr(pending);
}

/**
 * Splits a whole text into lines by the same rules as {@link streamLines}.
 *
 * @example
 * ```ts
 * splitLines('a\r\nb\n'); // ['a', 'b']
 * ```
 */
export function splitLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body === '') return [];
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(withoutCr);
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
