/** A CSV cell; `undefined` and `null` are written as empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Characters a spreadsheet reads as the start of a formula. Scan output holds attacker-chosen
 * text (a logged `=HYPERLINK(…)` or `@SUM(…)`), so such cells get a leading `'`, as OWASP's CSV
 * injection advice says, to be shown as text instead of evaluated when the file is opened.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell as RFC 4180 writes it: quoted when it holds a comma, a quote, CR or LF, with
 * quotes doubled; strings that a spreadsheet would run as a formula are prefixed with `'`.
 * Numbers and booleans are written as they are.
 *
 * @example
 * ```ts
 * csvCell('a,b');      // '"a,b"'
 * csvCell('say "hi"'); // '"say ""hi"""'
 * csvCell('=1+1');     // "'=1+1"
 * csvCell(-3);         // '-3'
 * ```
 */
export function csvCell(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV record (without the line break; RFC 4180 ends records with CRLF, we write LF as most tools do).
 *
 * @example
 * ```ts
 * csvRow(['line', 'path']);      // 'line,path'
 * csvRow([3, "/?id=1' or 1=1"]); // "3,/?id=1' or 1=1"
 * ```
 */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}
