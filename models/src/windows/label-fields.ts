import type { Field } from '../../../packages/core/src/index.js';
import { CLASS_NAMES, type ClassName } from '../taxonomy.js';
import type { EvalRecord } from '../records.js';

/** A field with its training label (index into `CLASS_NAMES`). */
export interface LabelledField {
  readonly field: Field;
  readonly label: number;
}

/** Why an attack record could not be labelled at field level (counted in the data manifest). */
export type UnlabelledReason = 'no_placement' | 'attack_field_not_found' | 'unknown_attack_type';

const DUPLICATE_SUFFIX = /\(\d+\)$/;

function basePath(path: string): string {
  return path.replace(DUPLICATE_SUFFIX, '');
}

/**
 * Field-level labels for one request: every field of a benign request is benign; in an attack
 * request the field(s) where the payload was placed carry the attack class and every other field
 * is benign context (it came from the benign generator). Matching uses the recorded placement
 * path first, then the location and name, because core's path syntax quotes odd names.
 */
export function labelFields(
  record: EvalRecord,
  fields: readonly Field[],
): LabelledField[] | UnlabelledReason {
  if (record.label === 'benign') return fields.map((field) => ({ field, label: 0 }));
  const attackType = record.attack_type as ClassName | undefined;
  const label = attackType === undefined ? -1 : CLASS_NAMES.indexOf(attackType);
  if (label <= 0) return 'unknown_attack_type';
  const placement = record.placement;
  if (placement === undefined) return 'no_placement';

  const kind = placement.attack_kind;
  let hits = fields.filter((f) => f.kind === kind && basePath(f.path) === placement.attack_path_hint);
  if (hits.length === 0) {
    hits = fields.filter(
      (f) =>
        f.kind === kind &&
        f.location === placement.attack_location &&
        f.name.toLowerCase() === placement.attack_name.toLowerCase(),
    );
  }
  if (hits.length === 0 && placement.attack_location === 'body') {
    // A payload placed in a body that does not parse as its content type is inspected as `raw.body`.
    hits = fields.filter((f) => f.location === 'raw' || (f.location === 'body' && f.path === 'body'));
  }
  if (hits.length === 0) return 'attack_field_not_found';
  const attackFields = new Set(hits);
  return fields.map((field) => ({ field, label: attackFields.has(field) ? label : 0 }));
}
