import type { Readable } from 'node:stream';

/** What {@link readBodyPrefix} read. */
export interface BodyPrefix {
  /** At most `limit` bytes: the start of the body. */
  readonly bytes: Uint8Array;
  /** The body is longer than `bytes`, or the client stopped sending before its end. */
  readonly truncated: boolean;
  /** The stream failed or was destroyed while reading (a client abort). */
  readonly aborted: boolean;
}

/** The parts of a request stream this reader relies on; `complete` is `IncomingMessage`'s end-of-message flag. */
type BodyStream = Readable & { complete?: boolean };

function ended(stream: BodyStream): boolean {
  // `complete` is set by Node's HTTP parser before it pushes the end of the body; `_readableState.ended` covers
  // other readables (HTTP/2 compat requests).
  if (stream.complete === true) return true;
  const state = (stream as unknown as { _readableState?: { ended?: boolean } })._readableState;
  return state?.ended === true;
}

/** Shadows `read` on the instance until the returned function restores it. */
function guardEmptyEnd(stream: BodyStream): () => void {
  const own = Object.getOwnPropertyDescriptor(stream, 'read');
  const original = stream.read;
  stream.read = function guardedRead(this: BodyStream, size?: number) {
    if (size === 0 && this.readableLength === 0 && ended(this)) return null;
    return original.call(this, size);
  };
  return () => {
    if (own === undefined) delete (stream as { read?: unknown }).read;
    else Object.defineProperty(stream, 'read', own);
  };
}

/**
 * Reads the first `limit` bytes of a request body and puts everything it read back into the stream
 * (`unshift`), so the parsers after the middleware (`express.json()`, multer, a proxy) read the body as if
 * nobody had touched it. At most `limit` bytes plus one socket chunk are ever held: past the limit, reading
 * stops and the rest stays in the socket (backpressure), so an upload is never buffered whole.
 *
 * How the stream is left untouched: it is read in paused mode (`'readable'` + `read()`), and the bytes are
 * unshifted in the same tick as the last `read()`, before Node would emit `'end'` (Node checks for "one last
 * unshift" before emitting it). An empty body is never `read()` at all, so its `'end'` is still ahead for the
 * next reader. When another reader already has the stream flowing, nothing is read.
 *
 * @example
 * ```ts
 * const { bytes, truncated } = await readBodyPrefix(req, 131_072);
 * // express.json() later in the chain still sees the whole body
 * ```
 */
export function readBodyPrefix(stream: BodyStream, limit: number): Promise<BodyPrefix> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    let unguard = () => undefined as void;

    const finish = (truncated: boolean, aborted: boolean) => {
      if (done) return;
      done = true;
      unguard();
      stream.removeListener('readable', onReadable);
      stream.removeListener('error', onError);
      stream.removeListener('close', onClose);
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
      if (total > 0 && !stream.destroyed) stream.unshift(all);
      resolve({
        bytes: total > limit ? all.subarray(0, limit) : all,
        truncated: truncated || total > limit,
        aborted,
      });
    };

    function onReadable() {
      // Only read() when there is data: a read() at the very end schedules 'end' (see above).
      while (!done && stream.readableLength > 0) {
        const chunk = stream.read() as Buffer | string | null;
        if (chunk === null) break;
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        chunks.push(buffer);
        total += buffer.length;
        if (total > limit) return finish(true, false);
      }
      if (ended(stream)) finish(false, false);
    }
    const onError = () => finish(true, true);
    const onClose = () => {
      // Take what is still buffered; a stream that closes before its end was aborted by the client.
      onReadable();
      finish(true, true);
    };

    if (stream.destroyed) return finish(true, true);
    if (ended(stream) && stream.readableLength === 0) return finish(false, false);
    // Attaching a 'readable' listener makes Node call `read(0)` on the next tick; if the (empty) end of the
    // body arrives in between, that `read(0)` would emit 'end' to nobody and the next parser would find the
    // stream finished. While we read, `read(0)` on an ended, empty stream is a no-op.
    unguard = guardEmptyEnd(stream);
    stream.on('error', onError);
    stream.on('close', onClose);
    stream.on('readable', onReadable);
  });
}
