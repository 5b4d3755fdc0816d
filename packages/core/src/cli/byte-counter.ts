/**
 * Passes a byte stream through unchanged while counting its bytes, so a progress bar can show how
 * far into a file the reader is (the parsers downstream only see lines).
 *
 * @example
 * ```ts
 * const counter = countBytes(createReadStream(file));
 * for await (const line of streamLines(counter.stream)) bar.update(counter.bytes, ++n);
 * ```
 */
export function countBytes(input: AsyncIterable<string | Uint8Array>): {
  readonly stream: AsyncIterable<string | Uint8Array>;
  readonly bytes: number;
} {
  let bytes = 0;
  async function* stream(): AsyncGenerator<string | Uint8Array> {
    for await (const chunk of input) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      yield chunk;
    }
  }
  return {
    stream: stream(),
    get bytes() {
      return bytes;
    },
  };
}
