import type { EvalSummary } from './eval-metrics.js';
import { formatMs, formatRatio, formatTable } from './format-table.js';

/** Sources listed in the readable report; `--json` has them all. */
const MAX_SOURCES = 25;

/** Facts about the run printed with the metrics. */
export interface EvalRunInfo {
  readonly file: string;
  readonly model: string;
  readonly threshold: number;
  readonly elapsedMs: number;
}

/**
 * The human-readable report of `wafer eval`.
 *
 * @example
 * ```ts
 * write(formatEvalSummary(metrics.summary(), { file, model: 'wafer@1.0.0', threshold: 0.998, elapsedMs }));
 * ```
 */
export function formatEvalSummary(summary: EvalSummary, run: EvalRunInfo): string {
  const { tp, fp, tn, fn } = summary.confusion;
  const out: string[] = [];
  const rate = run.elapsedMs > 0 ? Math.round((summary.lines / run.elapsedMs) * 1000) : 0;
  out.push(
    `${run.file}: ${summary.lines} lines, ${summary.evaluated} labelled records evaluated, in ${(run.elapsedMs / 1000).toFixed(2)} s (${rate} lines/s)`,
    `model ${run.model}, attack threshold ${run.threshold}`,
    '',
    'Confusion matrix',
    formatTable(
      ['', 'flagged', 'not flagged'],
      [
        ['attack', tp, fn],
        ['benign', fp, tn],
      ],
      '  ',
    ),
    '',
    formatTable(
      ['metric', 'value'],
      [
        ['TPR (recall)', formatRatio(summary.tpr)],
        ['FPR', formatRatio(summary.fpr, 3)],
        ['precision', formatRatio(summary.precision)],
        ['balanced accuracy', formatRatio(summary.balancedAccuracy)],
        ['latency p50', formatMs(summary.latencyUs.p50 ?? undefined)],
        ['latency p99', formatMs(summary.latencyUs.p99 ?? undefined)],
      ],
      '  ',
    ),
  );
  const types = Object.entries(summary.byAttackType);
  if (types.length > 0) {
    out.push(
      '',
      'Recall by attack_type',
      formatTable(
        ['attack_type', 'count', 'detected', 'recall'],
        types.map(([type, s]) => [type, s.count, s.detected, formatRatio(s.recall, 1)]),
        '  ',
      ),
    );
  }
  const sources = Object.entries(summary.bySource);
  if (sources.length > 0) {
    const more = sources.length - MAX_SOURCES;
    out.push(
      '',
      more > 0 ? `By source (${MAX_SOURCES} largest of ${sources.length}; --json lists all)` : 'By source',
      formatTable(
        ['source', 'count', 'attacks', 'benign', 'TPR', 'FPR'],
        sources
          .slice(0, MAX_SOURCES)
          .map(([source, s]) => [
            source,
            s.count,
            s.attacks,
            s.benign,
            formatRatio(s.tpr, 1),
            formatRatio(s.fpr, 1),
          ]),
        '  ',
      ),
    );
  }
  const d = summary.decidedBy;
  out.push(
    '',
    `Decided by: fast-path ${d['fast-path']}, cache ${d.cache}, model ${d.model}, failure ${d.failure}`,
  );
  if (d.failure > 0)
    out.push(
      '  (failure: the time budget ran out or the model failed; the request was let through, as by default)',
    );
  for (const [name, list] of [
    ['Unparseable lines (excluded from the metrics)', summary.unparseable],
    ['Records without a usable label (inspected, excluded from the metrics)', summary.unlabelled],
  ] as const) {
    if (list.count === 0) continue;
    out.push('', `${name}: ${list.count}`);
    for (const item of list.first) out.push(`  line ${item.line}: ${item.reason}`);
    if (list.count > list.first.length) out.push(`  … and ${list.count - list.first.length} more`);
  }
  return out.join('\n');
}
