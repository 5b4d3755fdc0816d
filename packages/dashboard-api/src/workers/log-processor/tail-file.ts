import { open, stat, type FileHandle } from 'node:fs/promises';
import { endOfLastLine, lineNumberAt } from './line-position.js';
import { createSleeper } from './sleeper.js';

/** One complete line of a tailed file. */
export interface TailLine {
  /** The line without its `\n` (nor the `\r` of a CRLF), decoded as UTF-8. */
  readonly text: string;
  /** Byte offset of the line's first byte in the file. */
  readonly offset: number;
  /** 1-based line number, or `null` when unknown (the file was resumed too far in to count cheaply). */
  readonly lineNumber: number | null;
}

/** Lines read from one file (one inode: a rotation always ends a chunk). */
export interface TailChunk {
  /** The inode, as text, of the file the lines come from. */
  readonly inode: string;
  /** In file order; may be empty when only skipped bytes (an over-long line) were consumed. */
  readonly lines: readonly TailLine[];
  /** Offset just after the last byte consumed: where to resume once these lines are stored. */
  readonly offset: number;
}

/** A saved read position: the file it belongs to (by inode) and how far it was processed. */
export interface TailPosition {
  /** `null` when the position was saved without one: then only the size can be checked. */
  readonly inode: string | null;
  readonly offset: number;
}

/** Options of {@link createFileTailer}. */
export interface FileTailerOptions {
  /** A checkpoint to resume from; used when it still fits the file (same inode, file at least that long). */
  readonly resume?: TailPosition | undefined;
  /** Where to start a file that exists at the first look and has no checkpoint. Default `'end'`. */
  readonly startAt?: 'beginning' | 'end';
  /** How often to look for new bytes, rotation and truncation. Default 1,000 ms. */
  readonly pollIntervalMs?: number;
  /** Longer lines are skipped (and counted), not buffered. Default 64 KiB. */
  readonly maxLineBytes?: number;
  /** Read size: a backlog is read this much at a time, never whole. Default 256 KiB. */
  readonly chunkBytes?: number;
  /** A failure other than the file being absent (permissions, I/O). The tailer retries at the next poll. */
  readonly onError?: (error: unknown) => void;
}

/** What a tailer has seen of its file. */
export interface TailStats {
  /** Inode of the file being read; `null` until it was opened. */
  inode: string | null;
  /** Size of that file when last seen. */
  size: number;
  /** Where the next chunk starts in that file (the end of the last chunk returned, or the start position). */
  offset: number;
  /** The file at the path was replaced by another (rename rotation), including while nobody was reading. */
  rotations: number;
  /** The file shrank under the read position (copytruncate), including while nobody was reading. */
  truncations: number;
  /** Times the path was found absent (counted once per absence). */
  missing: number;
  /** Lines longer than `maxLineBytes`, skipped. */
  skippedLongLines: number;
}

/**
 * Follows one file: resolves {@link FileTailer.next} with its next complete lines, waiting for them when needed.
 * Call `next()` again only after the previous call settled.
 */
export interface FileTailer {
  /** Opens the file and settles the start position, or notes it absent. Optional: `next()` opens it too. */
  open(): Promise<void>;
  /**
   * Up to `maxLines` complete lines, polling until there are some. Resolves `undefined` once closed.
   * A partial last line waits for its newline.
   */
  next(maxLines: number): Promise<TailChunk | undefined>;
  /** Stops polling (a pending `next()` resolves `undefined`) and closes the file. */
  close(): Promise<void>;
  readonly stats: Readonly<TailStats>;
}

/** Defaults of {@link FileTailerOptions}. */
export const DEFAULT_TAIL_OPTIONS = Object.freeze({
  startAt: 'end' as const,
  pollIntervalMs: 1_000,
  maxLineBytes: 64 * 1024,
  chunkBytes: 256 * 1024,
});

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const EMPTY = Buffer.alloc(0);

type PathState = 'same' | 'truncated' | 'replaced' | 'missing';

/**
 * Tails a log file by polling `stat` every `pollIntervalMs` — `fs.watch` misses events on network file systems
 * and across renames, and behaves differently on every platform. Survives:
 * - **rotation by rename** (the path's inode changes): the old file is read to its end first (the server may
 *   still be appending to it until it reopens its log), then the new one from byte 0;
 * - **truncation** (copytruncate: the file shrank under the read position): reading restarts at 0;
 * - **absence**: waits for the file to appear, then reads it from 0 (all of it is new).
 *
 * Reads `chunkBytes` at a time, so a large backlog is never loaded whole; lines over `maxLineBytes` are skipped
 * up to their newline. Known limit of any poller: a copytruncate followed by more than `offset` bytes of new
 * writes before the next poll looks like growth, and those first bytes are missed.
 *
 * @example
 * ```ts
 * const tailer = createFileTailer('/var/log/nginx/access.log', { resume: { inode: '1234', offset: 5120 } });
 * for (let chunk = await tailer.next(500); chunk; chunk = await tailer.next(500)) {
 *   await store(chunk.lines);
 *   await saveCheckpoint({ inode: chunk.inode, offset: chunk.offset });
 * }
 * ```
 */
export function createFileTailer(path: string, options: FileTailerOptions = {}): FileTailer {
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_TAIL_OPTIONS.pollIntervalMs;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_TAIL_OPTIONS.maxLineBytes;
  const chunkBytes = options.chunkBytes ?? DEFAULT_TAIL_OPTIONS.chunkBytes;
  const report = options.onError ?? (() => {});
  const sleeper = createSleeper();
  const readBuffer = Buffer.allocUnsafe(chunkBytes);
  const stats: TailStats = {
    inode: null,
    size: 0,
    offset: 0,
    rotations: 0,
    truncations: 0,
    missing: 0,
    skippedLongLines: 0,
  };

  // Applied at the first successful open only; later opens are of a new file, read from 0.
  let resume = options.resume;
  let endIfPresent = (options.startAt ?? DEFAULT_TAIL_OPTIONS.startAt) === 'end';

  /** The open file and its inode; `null` before the first open and between a rotation and the next open. */
  let current: { readonly file: FileHandle; readonly inode: string } | null = null;
  /** Bytes read from the open file so far. */
  let readOffset = 0;
  /** Read bytes not delivered yet: lines past `maxLines`, and the start of a line still waiting for its newline. */
  let carry: Buffer = EMPTY;
  let skipping = false;
  let skipStart = 0;
  let lineNumber: number | null = 1;
  let absent = false;
  let closed = false;
  let busy: Promise<unknown> = Promise.resolve();

  // While an over-long line is being skipped, the checkpoint stays before it: resuming mid-line would read its
  // tail as a (garbage) line of its own.
  const consumed = () => (skipping ? skipStart : readOffset - carry.length);

  function noteAbsent() {
    if (!absent) stats.missing += 1;
    absent = true;
  }

  function bumpLine() {
    if (lineNumber !== null) lineNumber += 1;
  }

  async function openFile(): Promise<{ file: FileHandle; inode: string } | null> {
    let opened: FileHandle;
    try {
      opened = await open(path, 'r');
    } catch (error) {
      if (isMissing(error)) {
        noteAbsent();
        endIfPresent = false;
      } else report(error);
      return null;
    }
    try {
      // The inode of the file actually opened: the path may have been swapped between a stat and the open.
      const info = await opened.stat({ bigint: true });
      const inode = String(info.ino);
      const size = Number(info.size);
      let start = 0;
      if (resume !== undefined) {
        if (resume.inode !== null && resume.inode !== inode) {
          // Rotated while nobody was reading: this file was created after the checkpointed one stopped being the
          // log, so none of it was processed. Starting at 0 skips nothing and repeats nothing (the rotated file's
          // unread tail, if any, is not chased: its new name and compression vary with the rotation tool).
          stats.rotations += 1;
        } else if (resume.offset > size) {
          // Same file, shorter than what was processed: it was truncated (copytruncate) while nobody was reading.
          stats.truncations += 1;
        } else start = resume.offset;
      } else if (endIfPresent) start = await endOfLastLine(opened, size, maxLineBytes);
      lineNumber = await lineNumberAt(opened, start);
      current = { file: opened, inode };
      stats.inode = inode;
      stats.size = size;
      stats.offset = start;
      readOffset = start;
      carry = EMPTY;
      skipping = false;
      absent = false;
      resume = undefined;
      endIfPresent = false;
      return current;
    } catch (error) {
      report(error);
      await opened.close().catch(() => {});
      return null;
    }
  }

  async function lookAtPath(inode: string): Promise<PathState> {
    try {
      const info = await stat(path, { bigint: true });
      if (String(info.ino) !== inode) return 'replaced';
      absent = false;
      stats.size = Number(info.size);
      return stats.size < readOffset ? 'truncated' : 'same';
    } catch (error) {
      if (isMissing(error)) {
        // Renamed away and not yet recreated, or deleted: keep reading the open file, the server may still write.
        noteAbsent();
        return 'missing';
      }
      report(error);
      return 'same';
    }
  }

  /** Moves complete lines from `carry` to `lines`, skipping over-long ones. */
  function extract(lines: TailLine[], maxLines: number) {
    while (lines.length < maxLines && carry.length > 0) {
      const newline = carry.indexOf(NEWLINE);
      if (skipping) {
        if (newline < 0) {
          carry = EMPTY;
          return;
        }
        carry = carry.subarray(newline + 1);
        skipping = false;
        bumpLine();
        continue;
      }
      if (newline < 0) {
        if (carry.length > maxLineBytes) {
          stats.skippedLongLines += 1;
          skipStart = readOffset - carry.length;
          skipping = true;
          carry = EMPTY;
        }
        return;
      }
      if (newline > maxLineBytes) {
        stats.skippedLongLines += 1;
      } else {
        const end = newline > 0 && carry[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline;
        lines.push({ text: carry.toString('utf8', 0, end), offset: readOffset - carry.length, lineNumber });
      }
      carry = carry.subarray(newline + 1);
      bumpLine();
    }
  }

  /** Extracts and reads until `maxLines` lines are collected (`false`) or the end of the file (`true`). */
  async function fill(file: FileHandle, lines: TailLine[], maxLines: number): Promise<boolean> {
    for (;;) {
      extract(lines, maxLines);
      if (lines.length >= maxLines) return false;
      const { bytesRead } = await file.read(readBuffer, 0, chunkBytes, readOffset);
      if (bytesRead === 0) return true;
      readOffset += bytesRead;
      if (readOffset > stats.size) stats.size = readOffset;
      const read = readBuffer.subarray(0, bytesRead);
      carry = carry.length === 0 ? Buffer.from(read) : Buffer.concat([carry, read]);
    }
  }

  /** The rotated file ended without a final newline: nothing will complete that line any more. */
  function flushPartialLine(lines: TailLine[]) {
    if (!skipping && carry.length > 0) {
      const end = carry[carry.length - 1] === CARRIAGE_RETURN ? carry.length - 1 : carry.length;
      lines.push({ text: carry.toString('utf8', 0, end), offset: readOffset - carry.length, lineNumber });
      bumpLine();
    }
    carry = EMPTY;
    skipping = false;
  }

  async function step(maxLines: number): Promise<TailChunk | undefined> {
    for (;;) {
      const opened = current ?? (await openFile());
      if (opened === null) return undefined;
      const { file, inode } = opened;
      const from = consumed();
      const lines: TailLine[] = [];
      const chunk = (): TailChunk | undefined => {
        if (lines.length === 0 && consumed() === from) return undefined;
        stats.offset = consumed();
        return { inode, lines, offset: stats.offset };
      };

      if (!(await fill(file, lines, maxLines))) return chunk();
      const state = await lookAtPath(inode);
      if (state === 'truncated') {
        const before = chunk();
        stats.truncations += 1;
        stats.offset = 0;
        readOffset = 0;
        carry = EMPTY;
        skipping = false;
        lineNumber = 1;
        if (before) return before;
        continue;
      }
      if (state === 'replaced') {
        // Read what the server appended between our last read and the stat, before letting go of the file.
        if (!(await fill(file, lines, maxLines))) return chunk();
        flushPartialLine(lines);
        const last = chunk();
        current = null;
        stats.rotations += 1;
        await file.close().catch(report);
        if (last) return last;
        continue;
      }
      return chunk();
    }
  }

  function track<T>(work: Promise<T>): Promise<T> {
    busy = work.catch(() => {});
    return work;
  }

  return {
    stats,
    async open() {
      if (closed || current !== null) return;
      await track(openFile());
    },
    async next(maxLines) {
      while (!closed) {
        let chunk: TailChunk | undefined;
        try {
          chunk = await track(step(maxLines));
        } catch (error) {
          // A read failed (I/O error): report and try again at the next poll, from the same position.
          report(error);
        }
        if (chunk) return chunk;
        if (closed) break;
        await sleeper.sleep(pollIntervalMs);
      }
      return undefined;
    },
    async close() {
      if (closed) return;
      closed = true;
      sleeper.wake();
      await busy;
      const open = current;
      current = null;
      await open?.file.close().catch(() => {});
    },
  };
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
