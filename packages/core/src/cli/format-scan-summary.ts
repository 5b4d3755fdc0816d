import { printable } from './format-fields.js';
import { formatMs, formatRatio, formatTable } from './format-table.js';
import type { ScanRecord } from './scan-record.js';
import type { ScanSummary } from './scan-stats.js';

/**
 * A log line's text for a terminal: control characters escaped (a logged `\x1b[…` must not drive
 * the terminal), quotes left alone for readability, cut to `max` characters.
 */
function withoutControls(text: string, max: number): string {
  const shown = text.replace(
    /[\x00-\x1f\x7f-\x9f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/** Facts about the run printed with the summary. */
export interface ScanRunInfo {
  readonly file: string;
  readonly model: string;
  readonly threshold: number;
  readonly elapsedMs: number;
}

/**
 * One flagged line for people, printed as it is found when no `--json`/`--csv` is asked for.
 *
 * @example
 * ```ts
 * formatFlaggedLine(record);
 * // "line 4  203.0.113.9  GET /?id=1'%20or%201=1--  sqli  attackScore 2  query.id: ' or 1=1"
 * ```
 */
export function formatFlaggedLine(record: ScanRecord): string {
  const where =
    record.field === null
      ? ''
      : `  ${record.field}${record.evidence === null ? '' : `: ${printable(record.evidence, 60)}`}`;
  return `line ${record.line}  ${record.ip}  ${record.method} ${printable(record.target, 100)}  ${record.class ?? '-'}  attackScore ${record.attackScore}${where}`;
}

/**
 * The summary table of `wafer scan`.
 *
 * @example
 * ```ts
 * process.stderr.write(`${formatScanSummary(stats.summary(), { file, model, threshold, elapsedMs })}\n`);
 * ```
 */
export function formatScanSummary(summary: ScanSummary, run: ScanRunInfo): string {
  const rate = run.elapsedMs > 0 ? Math.round((summary.lines / run.elapsedMs) * 1000) : 0;
  const out = [
    `${run.file}: ${summary.lines} lines, ${summary.requests} requests inspected, ${summary.failed.count} failed to parse, in ${(run.elapsedMs / 1000).toFixed(2)} s (${rate} lines/s)`,
    `model ${run.model}, attack threshold ${run.threshold}`,
    '',
    `Attacks: ${summary.attacks.count} of ${summary.requests} requests (${formatRatio(summary.requests === 0 ? null : summary.attacks.count / summary.requests, 1)})`,
  ];
  const classes = Object.entries(summary.attacks.byClass);
  if (classes.length > 0) out.push(formatTable(['class', 'count'], classes, '  '));
  if (summary.failed.count > 0) {
    out.push(
      '',
      `Lines that failed to parse: ${summary.failed.count}`,
      formatTable(['reason', 'count'], Object.entries(summary.failed.byReason), '  '),
    );
    for (const error of summary.failed.first) out.push(`  ${withoutControls(error.message, 160)}`);
    if (summary.failed.count > summary.failed.first.length)
      out.push(`  … and ${summary.failed.count - summary.failed.first.length} more`);
  }
  if (summary.topIps.length > 0)
    out.push('', 'Top IPs (flagged lines)', formatTable(['ip', 'attacks'], summary.topIps, '  '));
  if (summary.topPaths.length > 0)
    out.push(
      '',
      'Top paths (flagged lines)',
      formatTable(
        ['path', 'attacks'],
        summary.topPaths.map(([path, count]) => [printable(path, 80), count]),
        '  ',
      ),
    );
  const d = summary.decidedBy;
  if (d.failure > 0)
    out.push(
      '',
      `warning: ${d.failure} requests ran out of the time budget or hit a model error and were let through`,
      '(fail-open); if the budget ran out, retry with a lower --concurrency.',
    );
  out.push(
    '',
    `inspect() latency: p50 ${formatMs(summary.latencyUs.p50 ?? undefined)}, p99 ${formatMs(summary.latencyUs.p99 ?? undefined)}`,
    `Decided by: fast-path ${d['fast-path']}, cache ${d.cache}, model ${d.model}, failure ${d.failure}`,
  );
  return out.join('\n');
}
