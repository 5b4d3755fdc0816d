import { describe, expect, it } from 'vitest';
import { formatMs, formatRatio, formatTable } from './format-table.js';

describe('formatTable', () => {
  it('pads columns, right-aligns numbers and measures, and leaves no trailing spaces', () => {
    const table = formatTable(
      ['class', 'count', 'recall'],
      [
        ['path_traversal', 7, '85.7%'],
        ['xss', 123, 'n/a'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'class           count  recall',
      'path_traversal      7   85.7%',
      'xss               123     n/a',
    ]);
  });

  it('keeps text that merely looks numeric (an IP) left-aligned, and indents', () => {
    const table = formatTable(
      ['ip', 'attacks'],
      [
        ['203.0.113.9', 2],
        ['2001:db8::1', 10],
      ],
      '  ',
    );
    expect(table.split('\n')).toEqual([
      '  ip           attacks',
      '  203.0.113.9        2',
      '  2001:db8::1       10',
    ]);
  });
});

describe('formatRatio / formatMs', () => {
  it('formats ratios as percentages and missing ones as n/a', () => {
    expect(formatRatio(0.98765)).toBe('98.77%');
    expect(formatRatio(0.001, 3)).toBe('0.100%');
    expect(formatRatio(null)).toBe('n/a');
  });

  it('formats microseconds as milliseconds', () => {
    expect(formatMs(1234)).toBe('1.23 ms');
    expect(formatMs(undefined)).toBe('n/a');
  });
});
