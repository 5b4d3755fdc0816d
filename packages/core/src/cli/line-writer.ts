import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes text lines to a file or stdout, waiting when the stream's buffer is full. */
export interface LineWriter {
  /** Appends `line` and a line feed; resolves at once unless the stream asks to slow down. */
  write(line: string): Promise<void>;
  /** Flushes and, for a file, closes it. */
  close(): Promise<void>;
}

/**
 * Opens a line writer on a file (created or truncated), or on stdout for `undefined` or `-`.
 * Respecting backpressure keeps memory flat when a verdicts file is written faster than the disk
 * (or a pipe such as `| head`) takes it.
 *
 * @example
 * ```ts
 * const out = await openLineWriter('verdicts.jsonl');
 * await out.write(JSON.stringify(verdict));
 * await out.close();
 * ```
 */
export async function openLineWriter(file: string | undefined): Promise<LineWriter> {
  const toStdout = file === undefined || file === '-';
  const stream: Writable = toStdout ? process.stdout : createWriteStream(file);
  let failure: unknown;
  stream.on('error', (error) => (failure ??= error));
  if (!toStdout) await Promise.race([once(stream, 'open'), once(stream, 'error')]);
  const check = () => {
    if (failure !== undefined) throw failure;
  };
  check();
  return {
    async write(line) {
      check();
      if (!stream.write(`${line}\n`)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      check();
    },
    async close() {
      check();
      if (toStdout) return;
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    },
  };
}
