import type { AccessLogEntry } from '../access-log/access-log-entry.js';
import type { Decision } from '../waf/decision.js';
import { attackClassesOf, attackFindingsOf } from './attack-findings.js';
import { csvRow } from './csv.js';

/** One flagged access-log line, as `wafer scan --json` writes it (and `--csv`, column by column). */
export interface ScanRecord {
  /** 1-based line number in the log. */
  readonly line: number;
  /** ISO 8601 when the logged time parsed, else the time as logged; `null` when the log has none. */
  readonly time: string | null;
  readonly ip: string;
  readonly method: string;
  /** The target's path, without the query. */
  readonly path: string;
  /** The target as logged, query included. */
  readonly target: string;
  readonly status: number | null;
  /** Request score, 0–1. */
  readonly score: number;
  /** 1–99, lower = more likely an attack. */
  readonly attackScore: number;
  readonly class: string | null;
  readonly classes: readonly string[];
  /** Path of the field that scored highest (`query.id`, `path`, `header.user-agent`). */
  readonly field: string | null;
  /** The span of that field the model relied on, when found. */
  readonly evidence: string | null;
}

/** Column order of the CSV output. */
export const SCAN_CSV_COLUMNS: readonly (keyof ScanRecord)[] = [
  'line',
  'time',
  'ip',
  'method',
  'path',
  'target',
  'status',
  'score',
  'attackScore',
  'class',
  'classes',
  'field',
  'evidence',
];

/**
 * The output record of a flagged line.
 *
 * @example
 * ```ts
 * scanRecordOf(entry, decision);
 * // { line: 4, time: '2024-03-02T10:00:04.000Z', ip: '203.0.113.9', method: 'GET', path: '/',
 * //   target: "/?id=1'%20or%201=1--", status: 200, score: 0.9999, attackScore: 2, class: 'sqli',
 * //   classes: ['sqli'], field: 'query.id', evidence: "' or 1=1" }
 * ```
 */
export function scanRecordOf(entry: AccessLogEntry, decision: Decision): ScanRecord {
  const top = attackFindingsOf(decision)[0];
  const query = entry.target.indexOf('?');
  return {
    line: entry.lineNumber,
    time: entry.time?.toISOString() ?? (entry.timeText === '' ? null : entry.timeText),
    ip: entry.remoteAddress,
    method: entry.method,
    path: query < 0 ? entry.target : entry.target.slice(0, query),
    target: entry.target,
    status: entry.status ?? null,
    score: decision.score,
    attackScore: decision.attackScore,
    class: decision.attackClass ?? null,
    classes: attackClassesOf(decision),
    field: top?.path ?? null,
    evidence: top?.evidence?.text ?? null,
  };
}

/**
 * The CSV line of a record, columns in {@link SCAN_CSV_COLUMNS} order; `classes` are joined with spaces.
 *
 * @example
 * ```ts
 * scanRecordToCsv(record); // `4,2024-03-02T10:00:04.000Z,203.0.113.9,GET,/,/?id=1'%20or%201=1--,200,…`
 * ```
 */
export function scanRecordToCsv(record: ScanRecord): string {
  return csvRow(
    SCAN_CSV_COLUMNS.map((column) => {
      const value = record[column];
      return Array.isArray(value) ? value.join(' ') : (value as string | number | null);
    }),
  );
}
