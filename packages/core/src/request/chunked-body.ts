import { latin1Decode } from './latin1.js';

/**
 * What {@link decodeChunkedBody} recovered from a chunked message body.
 *
 * @example
 * ```ts
 * const result: ChunkedBodyResult = decodeChunkedBody(new TextEncoder().encode('1\r\nA\r\n0\r\n\r\nGET /x'));
 * // result.data holds 'A'; result.rest holds 'GET /x' (a pipelined or smuggled request)
 * ```
 */
export interface ChunkedBodyResult {
  /** The data of every well-formed chunk, concatenated. */
  readonly data: Uint8Array;
  /** Trailer fields after the last chunk (RFC 9112 §7.1.2), as sent. */
  readonly trailers: ReadonlyArray<readonly [string, string]>;
  /** Bytes after the end of the chunked body (a pipelined or smuggled next request, or stray bytes). */
  readonly rest: Uint8Array;
  /** Why decoding stopped early; then `rest` holds every byte from the start of the bad chunk. */
  readonly error?: string;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Decodes a `Transfer-Encoding: chunked` body (RFC 9112 §7.1), leniently: bare LF is accepted where
 * CRLF is expected (RFC 9112 §2.2 allows recipients to), and a missing final CRLF after the last
 * chunk is tolerated. It never throws: on a malformed chunk it stops, returns what was decoded and
 * hands back the undecoded bytes in `rest` together with `error`.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode('3\r\nabc\r\n0\r\n\r\n');
 * latin1Decode(decodeChunkedBody(bytes).data); // 'abc'
 * ```
 */
export function decodeChunkedBody(bytes: Uint8Array): ChunkedBodyResult {
  const parts: Uint8Array[] = [];
  let pos = 0;
  const fail = (chunkStart: number, error: string): ChunkedBodyResult => ({
    data: concat(parts),
    trailers: [],
    rest: new Uint8Array(bytes.subarray(chunkStart)),
    error,
  });

  for (;;) {
    const chunkStart = pos;
    if (pos >= bytes.length) return fail(chunkStart, 'body ends before the last chunk (`0`)');
    const lineEnd = bytes.indexOf(LF, pos);
    if (lineEnd < 0) return fail(chunkStart, 'chunk-size line has no line end');
    const line = stripCr(latin1Decode(bytes, pos, lineEnd));
    // chunk-size [ BWS ";" chunk-ext ] (RFC 9112 §7.1.1): the extension carries no data we decode.
    const sizeText = (line.split(';', 1)[0] ?? '').trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) {
      return fail(chunkStart, `chunk size ${JSON.stringify(sizeText.slice(0, 40))} is not hexadecimal`);
    }
    const size = Number.parseInt(sizeText, 16);
    if (!Number.isSafeInteger(size))
      return fail(chunkStart, `chunk size ${sizeText.slice(0, 40)} is too large`);
    const dataStart = lineEnd + 1;

    if (size === 0) {
      const trailer = readTrailerSection(bytes, dataStart);
      return {
        data: concat(parts),
        trailers: trailer.fields,
        rest: new Uint8Array(bytes.subarray(trailer.end)),
      };
    }
    const dataEnd = dataStart + size;
    if (dataEnd > bytes.length) {
      return fail(chunkStart, `chunk of ${size} bytes but only ${bytes.length - dataStart} remain`);
    }
    let next: number;
    if (bytes[dataEnd] === CR && bytes[dataEnd + 1] === LF) next = dataEnd + 2;
    else if (bytes[dataEnd] === LF) next = dataEnd + 1;
    else return fail(chunkStart, `chunk data of ${size} bytes is not followed by CRLF`);
    parts.push(bytes.subarray(dataStart, dataEnd));
    pos = next;
  }
}

function readTrailerSection(
  bytes: Uint8Array,
  start: number,
): { fields: Array<readonly [string, string]>; end: number } {
  const fields: Array<readonly [string, string]> = [];
  let pos = start;
  while (pos < bytes.length) {
    const lf = bytes.indexOf(LF, pos);
    const lineEnd = lf < 0 ? bytes.length : lf;
    const line = stripCr(latin1Decode(bytes, pos, lineEnd));
    pos = lf < 0 ? bytes.length : lf + 1;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { fields, end: pos };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
