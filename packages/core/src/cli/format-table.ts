/** A table cell: numbers are right-aligned, everything else left-aligned. */
export type Cell = string | number;

/**
 * Formats rows as a plain-text table with a header line, columns separated by two spaces and
 * padded to the widest cell (no trailing spaces). Numbers are right-aligned, as people compare them
 * by magnitude; so are columns of pre-formatted measures (`'12.5%'`, `'1.23 ms'`, `'n/a'`).
 *
 * @example
 * ```ts
 * formatTable(['class', 'count'], [['sqli', 12], ['xss', 3]]);
 * // class  count
 * // sqli       12
 * // xss         3
 * ```
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  indent = '',
): string {
  const all = [header, ...rows];
  const columns = Math.max(...all.map((row) => row.length));
  const widths: number[] = [];
  const numeric: boolean[] = [];
  for (let c = 0; c < columns; c++) {
    widths.push(Math.max(...all.map((row) => String(row[c] ?? '').length)));
    numeric.push(rows.length > 0 && rows.every((row) => row[c] === undefined || isNumberLike(row[c]!)));
  }
  return all
    .map((row) =>
      (
        indent +
        widths
          .map((width, c) => {
            const text = String(row[c] ?? '');
            return numeric[c] ? text.padStart(width) : text.padEnd(width);
          })
          .join('  ')
      ).trimEnd(),
    )
    .join('\n');
}

function isNumberLike(cell: Cell): boolean {
  // Pre-formatted measures only (`12.5%`, `1.23 ms`): an IP such as `192.0.2.1` is text.
  return typeof cell === 'number' || /^-?\d+(\.\d+)?(%| ms)$|^n\/a$/.test(cell);
}

/**
 * A ratio for people: a percentage with `digits` decimals, or `n/a` when it is undefined (no cases).
 *
 * @example
 * ```ts
 * formatRatio(0.98765); // '98.77%'
 * formatRatio(null);    // 'n/a'
 * ```
 */
export function formatRatio(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? 'n/a' : `${(value * 100).toFixed(digits)}%`;
}

/**
 * A duration in microseconds as milliseconds for people (`'1.23 ms'`), or `n/a`.
 *
 * @example
 * ```ts
 * formatMs(1234); // '1.23 ms'
 * ```
 */
export function formatMs(us: number | undefined): string {
  return us === undefined ? 'n/a' : `${(us / 1000).toFixed(2)} ms`;
}
