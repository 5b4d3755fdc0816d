import { appendFileSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileTailer, type FileTailer, type FileTailerOptions, type TailChunk } from './tail-file.js';
import { pause, tempDir, waitFor } from './test-support.js';

const POLL_MS = 20;

describe('createFileTailer', () => {
  let tmp: ReturnType<typeof tempDir>;
  let log: string;
  const tailers: FileTailer[] = [];

  beforeEach(() => {
    tmp = tempDir();
    log = tmp.file('access.log');
  });
  afterEach(async () => {
    await Promise.all(tailers.splice(0).map((tailer) => tailer.close()));
    tmp.cleanup();
  });

  function tail(options: FileTailerOptions = {}, path = log) {
    const tailer = createFileTailer(path, { pollIntervalMs: POLL_MS, startAt: 'beginning', ...options });
    tailers.push(tailer);
    return tailer;
  }

  /** Collects chunks in the background until `close()`: what a consumer saw, in order. */
  function collect(tailer: FileTailer, maxLines = 100) {
    const chunks: TailChunk[] = [];
    const done = (async () => {
      for (let chunk = await tailer.next(maxLines); chunk; chunk = await tailer.next(maxLines))
        chunks.push(chunk);
    })();
    return {
      chunks,
      done,
      texts: () => chunks.flatMap((chunk) => chunk.lines.map((line) => line.text)),
    };
  }

  it('yields complete lines with their byte offsets, the offset after the chunk, and strips CRLF', async () => {
    writeFileSync(log, 'first\r\nnaïve\nthird\n');
    const chunk = await tail().next(100);
    expect(chunk?.lines).toEqual([
      { text: 'first', offset: 0, lineNumber: 1 },
      { text: 'naïve', offset: 7, lineNumber: 2 },
      { text: 'third', offset: 14, lineNumber: 3 },
    ]);
    expect(chunk?.offset).toBe(20);
    expect(chunk?.inode).toBe(String(statSync(log, { bigint: true }).ino));
  });

  it('keeps a partial last line until its newline arrives', async () => {
    writeFileSync(log, 'one\ntw');
    const seen = collect(tail());
    await waitFor('the first line', () => seen.texts().length === 1);
    await pause(POLL_MS * 4);
    expect(seen.texts()).toEqual(['one']);
    appendFileSync(log, 'o\n');
    await waitFor('the completed line', () => seen.texts().length === 2);
    expect(seen.texts()).toEqual(['one', 'two']);
    expect(seen.chunks.at(-1)?.offset).toBe(8);
  });

  it('returns at most maxLines per chunk and reads a backlog in bounded pieces', async () => {
    const lines = Array.from({ length: 1_000 }, (_, i) => `line ${i}`);
    writeFileSync(log, lines.map((line) => `${line}\n`).join(''));
    const tailer = tail({ chunkBytes: 256 });
    const seen = collect(tailer, 64);
    await waitFor('every line', () => seen.texts().length === 1_000);
    expect(seen.texts()).toEqual(lines);
    expect(Math.max(...seen.chunks.map((chunk) => chunk.lines.length))).toBe(64);
  });

  it("starts at the end with startAt 'end', keeping a line being written whole", async () => {
    writeFileSync(log, 'old 1\nold 2\nhalf');
    const tailer = tail({ startAt: 'end' });
    await tailer.open();
    expect(tailer.stats.offset).toBe(12);
    const seen = collect(tailer);
    appendFileSync(log, ' done\nnew\n');
    await waitFor('the new lines', () => seen.texts().length === 2);
    expect(seen.texts()).toEqual(['half done', 'new']);
    expect(seen.chunks[0]?.lines[0]?.lineNumber).toBe(3);
  });

  it('reads a rotated file to its end (writes after the rename included), then the new file from 0', async () => {
    writeFileSync(log, 'a1\na2\n');
    const seen = collect(tail());
    await waitFor('the first lines', () => seen.texts().length === 2);
    renameSync(log, `${log}.1`);
    // The server keeps writing to the renamed file until it reopens its log.
    appendFileSync(`${log}.1`, 'a3\na4-without-newline');
    writeFileSync(log, 'b1\nb2\n');
    await waitFor('the new file', () => seen.texts().length === 6);
    expect(seen.texts()).toEqual(['a1', 'a2', 'a3', 'a4-without-newline', 'b1', 'b2']);
    const inodes = [...new Set(seen.chunks.map((chunk) => chunk.inode))];
    expect(inodes).toHaveLength(2);
    expect(seen.chunks.at(-1)).toMatchObject({
      inode: String(statSync(log, { bigint: true }).ino),
      offset: 6,
    });
  });

  it('counts a rotation and carries on reading when the new file appears only later', async () => {
    writeFileSync(log, 'a1\n');
    const tailer = tail();
    const seen = collect(tailer);
    await waitFor('the first line', () => seen.texts().length === 1);
    renameSync(log, `${log}.1`);
    await waitFor('the absence', () => tailer.stats.missing === 1);
    appendFileSync(`${log}.1`, 'a2\n');
    await waitFor('the line written to the renamed file', () => seen.texts().length === 2);
    writeFileSync(log, 'b1\n');
    await waitFor('the new file', () => seen.texts().length === 3);
    expect(seen.texts()).toEqual(['a1', 'a2', 'b1']);
    expect(tailer.stats).toMatchObject({ rotations: 1, missing: 1 });
  });

  it('restarts at 0 after a copytruncate', async () => {
    writeFileSync(log, 'before 1\nbefore 2\n');
    const tailer = tail();
    const seen = collect(tailer);
    await waitFor('the first lines', () => seen.texts().length === 2);
    truncateSync(log, 0);
    await waitFor('the truncation', () => tailer.stats.truncations === 1);
    appendFileSync(log, 'after\n');
    await waitFor('the line after the truncation', () => seen.texts().length === 3);
    expect(seen.texts()).toEqual(['before 1', 'before 2', 'after']);
    expect(seen.chunks.at(-1)).toMatchObject({
      offset: 6,
      lines: [{ text: 'after', offset: 0, lineNumber: 1 }],
    });
  });

  it('waits for a missing file and reads it from 0 when it appears', async () => {
    const tailer = tail({ startAt: 'end' });
    await tailer.open();
    expect(tailer.stats).toMatchObject({ missing: 1, inode: null });
    const seen = collect(tailer);
    await pause(POLL_MS * 3);
    expect(tailer.stats.missing).toBe(1);
    writeFileSync(log, 'x\ny\n');
    await waitFor('the lines', () => seen.texts().length === 2);
    expect(seen.texts()).toEqual(['x', 'y']);
  });

  it('skips over-long lines, also across reads, without checkpointing inside one', async () => {
    const long = 'L'.repeat(500);
    writeFileSync(log, `short\n${long}`);
    const tailer = tail({ maxLineBytes: 100, chunkBytes: 64 });
    const seen = collect(tailer);
    await waitFor('the short line', () => seen.texts().length === 1);
    await pause(POLL_MS * 3);
    expect(tailer.stats.skippedLongLines).toBe(1);
    // Inside the long line: the checkpoint stays at its start.
    expect(seen.chunks.at(-1)?.offset).toBe(6);
    appendFileSync(log, `${long}\n${'M'.repeat(200)}\nafter\n`);
    await waitFor('the line after', () => seen.texts().length === 2);
    expect(seen.texts()).toEqual(['short', 'after']);
    expect(tailer.stats.skippedLongLines).toBe(2);
    expect(seen.chunks.at(-1)?.lines[0]).toMatchObject({ text: 'after', lineNumber: 4 });
  });

  it('resumes from a checkpoint of the same file, numbering lines from there', async () => {
    writeFileSync(log, 'one\ntwo\nthree\n');
    const inode = String(statSync(log, { bigint: true }).ino);
    const chunk = await tail({ resume: { inode, offset: 4 } }).next(100);
    expect(chunk?.lines).toEqual([
      { text: 'two', offset: 4, lineNumber: 2 },
      { text: 'three', offset: 8, lineNumber: 3 },
    ]);
  });

  it('reads from 0 when the checkpoint belongs to another file or lies past the end', async () => {
    writeFileSync(log, 'one\ntwo\n');
    const inode = String(statSync(log, { bigint: true }).ino);
    const rotated = tail({ resume: { inode: `${inode}0`, offset: 4 } });
    expect((await rotated.next(100))?.lines.map((line) => line.text)).toEqual(['one', 'two']);
    expect(rotated.stats.rotations).toBe(1);
    const truncated = tail({ resume: { inode, offset: 100 } });
    expect((await truncated.next(100))?.lines.map((line) => line.text)).toEqual(['one', 'two']);
    expect(truncated.stats.truncations).toBe(1);
  });

  it('close() ends a pending next() without waiting out the poll interval', async () => {
    writeFileSync(log, '');
    const tailer = tail({ pollIntervalMs: 60_000 });
    const pending = tailer.next(10);
    await pause(20);
    const started = Date.now();
    await tailer.close();
    await expect(pending).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
