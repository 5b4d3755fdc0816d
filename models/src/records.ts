import type { AttackClass, Label } from './taxonomy.js';

/** Field locations, aligned with `@wafer/core`'s `FieldLocation`. */
export type AttackLocation = 'path' | 'query' | 'body' | 'cookie' | 'header' | 'filename';

/**
 * Where a generated attack payload was put (our extension of the evaluation-record format).
 * The field-level labeller uses it to label exactly one field of the request as the attack;
 * every other field of the same request is benign context.
 */
export interface Placement {
  /** Location of the field. */
  readonly attack_location: AttackLocation;
  /** `value` for a value, `key` when the payload is a parameter / JSON key name. */
  readonly attack_kind: 'value' | 'key';
  /** Parameter, header, cookie, JSON key or multipart field name (`''` for the path). */
  readonly attack_name: string;
  /**
   * Field path in `@wafer/core` notation: `query.q`, `body.user.address.city`,
   * `body.items[2].note`, `header.user-agent`, `cookie.sid`, `filename.avatar`, `path`.
   */
  readonly attack_path_hint: string;
  /** Transport encodings applied to `payload`, innermost first (`[]` = inserted verbatim). */
  readonly encoding: readonly string[];
  /** Payload mutations applied before encoding (mixed case, SQL comments, ...). */
  readonly evasions: readonly string[];
  /** The payload text after evasions, before encoding. */
  readonly payload: string;
  /** The exact text at that position on the wire (`encode(payload)`); for JSON, the decoded string. */
  readonly wire: string;
}

/**
 * The evaluation-record format used project-wide: one JSON object per line.
 *
 * @example
 * ```json
 * {"id":"…","source":"synthetic:benign/rest","method":"GET","url":"/api/v2/orders/8412?expand=items",
 *  "headers":{"host":"shop.example","user-agent":"Mozilla/5.0 …"},"label":"benign"}
 * ```
 */
export interface EvalRecord {
  id?: string;
  source?: string;
  method: string;
  /** Path + query exactly as sent on the wire (origin-form). */
  url: string;
  /** Lower-case header names; duplicates as string arrays. */
  headers: Record<string, string | string[]>;
  body?: string;
  label: Label;
  attack_type?: AttackClass;
  placement?: Placement;
}

/** Serialises one record as a JSON line (stable key order, `\n`-terminated). */
export function toJsonLine(record: EvalRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const key of [
    'id',
    'source',
    'method',
    'url',
    'headers',
    'body',
    'label',
    'attack_type',
    'placement',
  ] as const) {
    if (record[key] !== undefined) ordered[key] = record[key];
  }
  return `${JSON.stringify(ordered)}\n`;
}

/**
 * Checks the invariants every record must satisfy; returns the problems (empty = valid).
 * Used by tests and as a last guard before writing.
 */
export function validateRecord(record: EvalRecord): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z]+$/.test(record.method)) problems.push(`bad method ${JSON.stringify(record.method)}`);
  if (!record.url.startsWith('/') && record.url !== '*')
    problems.push('url must be origin-form (start with /)');
  if (/[\s\x00-\x1f\x7f]/.test(record.url)) problems.push('url contains whitespace or control characters');
  if (/[^\x21-\x7e]/.test(record.url))
    problems.push('url contains non-ASCII characters (must be percent-encoded)');
  for (const [name, value] of Object.entries(record.headers)) {
    if (name !== name.toLowerCase()) problems.push(`header name not lower-case: ${name}`);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (/[\r\n]/.test(v)) problems.push(`header ${name} contains CR/LF`);
    }
  }
  if (record.label === 'attack' && !record.attack_type) problems.push('attack without attack_type');
  if (record.label === 'benign' && (record.attack_type || record.placement))
    problems.push('benign with attack fields');
  return problems;
}
