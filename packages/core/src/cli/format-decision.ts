import type { Field } from '../extract/field.js';
import type { Finding } from '../extract/finding.js';
import type { WafRequest } from '../request/waf-request.js';
import type { AttackFinding, Decision, Evidence, IncompleteFinding } from '../waf/decision.js';
import { attackFindingsOf } from './attack-findings.js';
import { describeFinding, printable } from './format-fields.js';
import { formatMs } from './format-table.js';

/** How the evidence span is set off from the rest of the value. */
export interface Highlight {
  readonly open: string;
  readonly close: string;
}

/** Brackets, for pipes and files; a terminal gets reverse video instead. */
export const BRACKETS: Highlight = { open: '[[', close: ']]' };
export const REVERSE_VIDEO: Highlight = { open: '\x1b[7m', close: '\x1b[27m' };

/** Characters of the value shown on each side of the evidence span. */
const CONTEXT = 32;

/**
 * The field's value with the evidence span marked, cut to `context` characters on each side,
 * control characters escaped.
 *
 * @example
 * ```ts
 * evidenceInContext("1' UNION SELECT password FROM users", { start: 3, end: 15, text: 'UNION SELECT', score: 0.99 });
 * // "1' [[UNION SELECT]] password FROM users"
 * ```
 */
export function evidenceInContext(
  value: string,
  evidence: Evidence,
  highlight: Highlight = BRACKETS,
  context = CONTEXT,
): string {
  const start = Math.max(0, Math.min(evidence.start, value.length));
  const end = Math.max(start, Math.min(evidence.end, value.length));
  const from = Math.max(0, start - context);
  const to = Math.min(value.length, end + context);
  const before = (from > 0 ? '…' : '') + printable(value.slice(from, start), Number.MAX_SAFE_INTEGER);
  const span = printable(value.slice(start, end), 200);
  const after = printable(value.slice(end, to), Number.MAX_SAFE_INTEGER) + (to < value.length ? '…' : '');
  return `${before}${highlight.open}${span}${highlight.close}${after}`;
}

/**
 * Finds the field an attack finding is about: same location, path and kind (a repeated parameter
 * has its own path, `query.id(2)`; should two fields still match, the one whose value holds the
 * evidence text).
 */
export function fieldOfFinding(fields: readonly Field[], finding: AttackFinding): Field | undefined {
  const candidates = fields.filter(
    (field) =>
      field.path === finding.path && field.kind === finding.fieldKind && field.location === finding.location,
  );
  const evidence = finding.evidence;
  if (evidence === undefined || candidates.length < 2) return candidates[0];
  return (
    candidates.find((field) => field.value.slice(evidence.start, evidence.end) === evidence.text) ??
    candidates[0]
  );
}

function isIncomplete(finding: Finding | IncompleteFinding): finding is IncompleteFinding {
  return finding.kind === 'budget_exceeded' || finding.kind === 'model_error';
}

function describeOther(finding: Finding | IncompleteFinding): string {
  if (isIncomplete(finding))
    return `${finding.kind}: ${finding.fields} field(s) unscored${finding.detail ? ` (${finding.detail})` : ''}`;
  return describeFinding(finding);
}

/** Inputs of {@link formatDecision}. */
export interface DecisionReport {
  readonly label: string;
  readonly request: WafRequest;
  readonly decision: Decision;
  /** The request's fields (as the engine extracted them), to show evidence in context. */
  readonly fields: readonly Field[];
  /** The attack threshold in effect. */
  readonly threshold: number;
  readonly highlight?: Highlight;
}

/**
 * The human-readable report of `wafer check`: the verdict, each attack finding with its evidence
 * in context, parser findings, and what the time went on.
 *
 * @example
 * ```ts
 * console.log(formatDecision({ label: 'stdin', request, decision, fields, threshold: 0.998 }));
 * ```
 */
export function formatDecision(report: DecisionReport): string {
  const { decision, request } = report;
  const highlight = report.highlight ?? BRACKETS;
  const attacks = attackFindingsOf(decision);
  const others = decision.findings.filter((finding) => finding.kind !== 'attack') as (
    Finding | IncompleteFinding
  )[];
  const c = decision.counts;
  const lines = [
    `${report.label}: ${request.method} ${printable(request.target, 100)}`,
    `  action       ${decision.action}${decision.attack ? ' (attack)' : ''}`,
    `  score        ${decision.score.toFixed(6)} (attack threshold ${report.threshold.toFixed(6)})`,
    `  attackScore  ${decision.attackScore} (1-99, lower = more likely an attack; 1-20 = attack)`,
    `  class        ${decision.attackClass ?? '-'}`,
    `  decided by   ${decision.decidedBy} (${c.fields} fields: ${c.fastPath} fast-path, ${c.cached} cached, ${c.model} model, ${c.windows} windows)`,
    `  timings      parse ${formatMs(decision.timings.parseUs)}, inference ${formatMs(decision.timings.inferenceUs)}, total ${formatMs(decision.timings.totalUs)}`,
    `  model        ${decision.model}`,
  ];
  if (attacks.length > 0) {
    lines.push('  attack findings:');
    attacks.forEach((finding, index) => {
      const kind = finding.fieldKind === 'key' ? ' (key)' : '';
      const also = finding.classes.length > 1 ? ` (also ${finding.classes.slice(1).join(', ')})` : '';
      lines.push(
        `    ${index + 1}. ${finding.path}${kind}  ${finding.class}${also}  score ${finding.score.toFixed(6)}`,
      );
      const field = fieldOfFinding(report.fields, finding);
      if (finding.evidence !== undefined) {
        const shown =
          field === undefined || field.sensitive === true
            ? printable(finding.evidence.text)
            : evidenceInContext(field.value, finding.evidence, highlight);
        lines.push(
          `       evidence    ${shown}  (the span alone scores ${finding.evidence.score.toFixed(4)})`,
        );
      } else if (field !== undefined && field.sensitive !== true) {
        lines.push(`       value       ${printable(field.value)}`);
      }
      lines.push(
        `       transforms  ${finding.transforms.join(', ') || '-'}${finding.truncated ? '  (value truncated: middle not scored)' : ''}`,
      );
    });
  }
  if (others.length > 0) {
    lines.push('  other findings:');
    for (const finding of others) lines.push(`    - ${describeOther(finding)}`);
  }
  return lines.join('\n');
}
