import { writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endOfLastLine, LINE_COUNT_MAX_BYTES, lineNumberAt } from './line-position.js';
import { tempDir } from './test-support.js';

describe('line positions', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  async function withFile<T>(text: string, use: (handle: Awaited<ReturnType<typeof open>>) => Promise<T>) {
    const file = tmp.file('log');
    writeFileSync(file, text);
    const handle = await open(file, 'r');
    try {
      return await use(handle);
    } finally {
      await handle.close();
    }
  }

  it('numbers the line starting at an offset', async () => {
    await withFile('a\nbb\nccc\n', async (handle) => {
      expect(await lineNumberAt(handle, 0)).toBe(1);
      expect(await lineNumberAt(handle, 2)).toBe(2);
      expect(await lineNumberAt(handle, 5)).toBe(3);
      expect(await lineNumberAt(handle, LINE_COUNT_MAX_BYTES + 1)).toBeNull();
    });
  });

  it('finds where the last complete line ends', async () => {
    await withFile('a\nb\npartial', async (handle) => {
      expect(await endOfLastLine(handle, 11, 1_024)).toBe(4);
      expect(await endOfLastLine(handle, 4, 1_024)).toBe(4);
      expect(await endOfLastLine(handle, 1, 1_024)).toBe(0);
      // The last line is longer than the window: start at the end rather than scan further back.
      expect(await endOfLastLine(handle, 11, 5)).toBe(11);
    });
  });
});
