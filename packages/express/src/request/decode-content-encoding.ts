import type { Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Result of {@link decodeContentEncoding}. */
export interface DecodedBody {
  readonly bytes: Uint8Array;
  /** Decoded output was cut at the limit, or the input itself was only a prefix. */
  readonly truncated: boolean;
  /** The encoding was unknown or the data did not decode: `bytes` are the raw input. */
  readonly failed: boolean;
}

function decoder(encoding: string): Transform | undefined {
  // Z_SYNC_FLUSH at the end lets a truncated prefix decode as far as it goes instead of failing.
  const options = { finishFlush: constants.Z_SYNC_FLUSH };
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip(options);
    case 'deflate':
      return createInflate(options);
    case 'br':
      return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
    default:
      return undefined;
  }
}

/**
 * Decodes a `Content-Encoding`d body prefix (gzip, deflate, br — what `express.json()` inflates) so the model
 * sees what the app will see: without this, compressing the body would walk an attack past the WAF. Output
 * stops at `limit` bytes, so a decompression bomb costs at most `limit` bytes and the time to produce them.
 *
 * @example
 * ```ts
 * const { bytes } = await decodeContentEncoding(gzipped, 'gzip', 131_072, false);
 * ```
 */
export function decodeContentEncoding(
  input: Uint8Array,
  encoding: string,
  limit: number,
  inputTruncated: boolean,
): Promise<DecodedBody> {
  const name = encoding.trim().toLowerCase();
  if (name === '' || name === 'identity')
    return Promise.resolve({ bytes: input, truncated: inputTruncated, failed: false });
  const stream = decoder(name);
  if (stream === undefined) return Promise.resolve({ bytes: input, truncated: inputTruncated, failed: true });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (truncated: boolean, failed: boolean) => {
      if (done) return;
      done = true;
      stream.removeAllListeners('data');
      stream.destroy();
      if (failed && total === 0) return resolve({ bytes: input, truncated: inputTruncated, failed: true });
      const all = Buffer.concat(chunks, total);
      resolve({ bytes: all.subarray(0, limit), truncated: truncated || total > limit, failed });
    };
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total > limit) finish(true, false);
    });
    stream.on('end', () => finish(inputTruncated, false));
    stream.on('error', () => finish(inputTruncated, true));
    stream.end(input);
  });
}
