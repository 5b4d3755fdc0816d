import type { FileHandle } from 'node:fs/promises';

const NEWLINE = 0x0a;
const SCAN_BYTES = 1024 * 1024;

/**
 * Line numbers are worth a scan of the file's head only while it is cheap: past this many bytes a resumed file's
 * lines are numbered `null` (unknown) rather than delaying the start by reading gigabytes.
 */
export const LINE_COUNT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The 1-based number of the line that starts at byte `offset`: newlines before it, plus one. `null` when `offset`
 * is past {@link LINE_COUNT_MAX_BYTES}.
 *
 * @example
 * ```ts
 * await lineNumberAt(handle, 0); // 1
 * await lineNumberAt(handle, savedOffset); // e.g. 1207
 * ```
 */
export async function lineNumberAt(handle: FileHandle, offset: number): Promise<number | null> {
  if (offset > LINE_COUNT_MAX_BYTES) return null;
  const buffer = Buffer.allocUnsafe(Math.min(SCAN_BYTES, Math.max(offset, 1)));
  let lines = 1;
  let position = 0;
  while (position < offset) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, offset - position), position);
    if (bytesRead === 0) break;
    for (let i = buffer.indexOf(NEWLINE, 0); i >= 0 && i < bytesRead; i = buffer.indexOf(NEWLINE, i + 1))
      lines += 1;
    position += bytesRead;
  }
  return lines;
}

/**
 * Where the last complete line of the first `size` bytes ends. Starting "at the end" of a log there, rather than
 * at `size`, keeps a line the server is writing at that moment whole: it is read once its newline arrives, not
 * cut in two. Looks back at most `window` bytes; a longer last line starts at `size`.
 *
 * @example
 * ```ts
 * // 'a\nb\npartial' → 4, the start of `partial`
 * await endOfLastLine(handle, 11, 65_536); // 4
 * ```
 */
export async function endOfLastLine(handle: FileHandle, size: number, window: number): Promise<number> {
  if (size === 0) return 0;
  const length = Math.min(size, window);
  const buffer = Buffer.allocUnsafe(length);
  const { bytesRead } = await handle.read(buffer, 0, length, size - length);
  const last = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE);
  if (last >= 0) return size - length + last + 1;
  return length === size ? 0 : size;
}
