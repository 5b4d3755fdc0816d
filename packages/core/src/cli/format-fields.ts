import type { Extraction } from '../extract/extractor.js';
import type { Field } from '../extract/field.js';
import type { Finding } from '../extract/finding.js';
import type { WafRequest } from '../request/waf-request.js';

const REDACTED = '[redacted]';
const MAX_SHOWN = 80;

/** Printable form of a value: control characters escaped, long values shortened. */
export function printable(text: string, max = MAX_SHOWN): string {
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/** A field as plain JSON, with credentials redacted: the CLI never prints secrets in clear. */
export function fieldToJson(field: Field): Record<string, unknown> {
  return {
    location: field.location,
    kind: field.kind,
    name: field.sensitive ? REDACTED : field.name,
    path: field.path,
    raw: field.sensitive ? REDACTED : field.raw,
    value: field.sensitive ? REDACTED : field.value,
    transforms: field.transforms,
    ...(field.sensitive ? { sensitive: true } : {}),
  };
}

export function describeFinding(finding: Finding): string {
  if (finding.kind === 'limit_exceeded') {
    const seen = finding.actual === undefined ? '' : ` (saw ${finding.actual})`;
    return `limit_exceeded ${finding.limit} > ${finding.max}${seen}${finding.path ? ` at ${finding.path}` : ''}`;
  }
  return `malformed_input ${finding.reason}${finding.path ? ` at ${finding.path}` : ''}${finding.detail ? `: ${finding.detail}` : ''}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The human-readable report of `wafer fields`. */
export function formatExtraction(label: string, request: WafRequest, extraction: Extraction): string {
  const lines = [
    `${label}: ${request.method} ${printable(request.target, 100)}  (${extraction.fields.length} fields)`,
  ];
  const rows = extraction.fields.map((field) => {
    const shown = fieldToJson(field);
    const kind = field.kind === 'key' ? ' (key)' : '';
    return [field.path + kind, printable(String(shown.value)), field.transforms.join(', ') || '-'];
  });
  const pathWidth = Math.min(40, Math.max(4, ...rows.map((row) => row[0]!.length)));
  const valueWidth = Math.min(MAX_SHOWN, Math.max(5, ...rows.map((row) => row[1]!.length)));
  lines.push(`  ${pad('PATH', pathWidth)}  ${pad('VALUE', valueWidth)}  TRANSFORMS`);
  for (const [path, value, transforms] of rows) {
    lines.push(`  ${pad(path!, pathWidth)}  ${pad(value!, valueWidth)}  ${transforms}`);
  }
  if (extraction.findings.length > 0) {
    lines.push('  findings:');
    for (const finding of extraction.findings) lines.push(`    - ${describeFinding(finding)}`);
    if (extraction.droppedFindings > 0) lines.push(`    … and ${extraction.droppedFindings} more`);
  }
  return lines.join('\n');
}
