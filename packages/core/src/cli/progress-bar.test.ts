import { describe, expect, it } from 'vitest';
import { createProgressBar, formatProgress } from './progress-bar.js';

describe('formatProgress', () => {
  it('shows a bar, percentage, bytes, rate and ETA when the size is known', () => {
    const line = formatProgress({
      bytes: 5 * 1048576,
      totalBytes: 10 * 1048576,
      items: 2000,
      unit: 'lines',
      elapsedMs: 4000,
      columns: 120,
    });
    expect(line).toBe('[##########----------]   50%  5.0/10.0 MiB  500 lines/s  ETA 0:04');
  });

  it('shows bytes and rate only for a pipe, and fits the terminal', () => {
    const state = { bytes: 1048576, items: 12345, unit: 'records', elapsedMs: 1000, columns: 80 };
    expect(formatProgress(state)).toBe('1.0 MiB  12,345 records/s');
    expect(formatProgress({ ...state, columns: 10 })).toHaveLength(9);
  });

  it('writes hours in the ETA of a long run', () => {
    const line = formatProgress({
      bytes: 1,
      totalBytes: 3601,
      items: 1,
      unit: 'lines',
      elapsedMs: 1000,
      columns: 200,
    });
    expect(line.endsWith('ETA 1:00:00')).toBe(true);
  });
});

describe('createProgressBar', () => {
  it('draws nothing when the stream is not a terminal', () => {
    const written: string[] = [];
    const bar = createProgressBar(
      { isTTY: false, write: (text) => written.push(text) > 0 },
      { unit: 'lines' },
    );
    bar.update(10, 1);
    bar.done();
    expect(written).toEqual([]);
  });

  it('redraws in place on a terminal and erases the line when done', () => {
    const written: string[] = [];
    const bar = createProgressBar(
      { isTTY: true, columns: 100, write: (text) => written.push(text) > 0 },
      { totalBytes: 100, unit: 'lines' },
    );
    bar.update(50, 5);
    bar.update(60, 6); // within 100 ms of the last redraw: skipped
    bar.done();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^\r\x1b\[K\[#{10}-{10}\]\s+50%/);
    expect(written[1]).toBe('\r\x1b[K');
  });
});
