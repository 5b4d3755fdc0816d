import { parseEvalRecord, type EvalRecord } from '../eval-record/eval-record.js';

/**
 * One non-blank line of an evaluation file, as `wafer eval` sees it:
 * - `labelled`: a record with label `attack` or `benign`, counted in the metrics;
 * - `unlabelled`: a valid request without a usable label (none, or an unknown one such as
 *   `"malicious"`); it is inspected and gets a verdict, but cannot be scored against the truth;
 * - `unparseable`: not a record at all (bad JSON, `url` missing, …).
 */
export type EvalLine =
  | {
      readonly kind: 'labelled';
      readonly line: number;
      readonly record: EvalRecord & { label: 'attack' | 'benign' };
    }
  | {
      readonly kind: 'unlabelled';
      readonly line: number;
      readonly record: EvalRecord;
      readonly reason: string;
    }
  | { readonly kind: 'unparseable'; readonly line: number; readonly reason: string };

/**
 * Reads one line of an evaluation file. Unlike `parseEvalRecord`, a record whose only fault is its
 * label is kept (as `unlabelled`): its request is still worth a verdict, and a typo in a label
 * should be reported as such, not as a broken line.
 *
 * @example
 * ```ts
 * readEvalLine('{"method":"GET","url":"/","headers":{},"label":"benign"}', 1).kind; // 'labelled'
 * readEvalLine('{"method":"GET","url":"/","headers":{},"label":"evil"}', 2).kind;   // 'unlabelled'
 * readEvalLine('{"method":"GET","headers":{}}', 3).kind;                             // 'unparseable'
 * ```
 */
export function readEvalLine(text: string, line: number): EvalLine {
  const result = parseEvalRecord(text, line);
  if (result.ok) {
    const record = result.record;
    if (record.label === undefined) return { kind: 'unlabelled', line, record, reason: 'no `label`' };
    return { kind: 'labelled', line, record: record as EvalRecord & { label: 'attack' | 'benign' } };
  }
  const reason = withoutLinePrefix(result.error.message, line);
  const json = tryParseObject(text);
  if (json !== undefined && Object.hasOwn(json, 'label')) {
    const { label: _label, ...rest } = json;
    const retry = parseEvalRecord(JSON.stringify(rest), line);
    if (retry.ok) return { kind: 'unlabelled', line, record: retry.record, reason };
  }
  return { kind: 'unparseable', line, reason };
}

/** `parseEvalRecord` messages start with `line N: `; a verdict already carries the line. */
function withoutLinePrefix(message: string, line: number): string {
  const prefix = `line ${line}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

function tryParseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
