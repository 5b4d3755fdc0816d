import type { AttackClass, Label } from './taxonomy.js';

/**
 * Where a payload text is meant to live:
 * - `value`: a single parameter/field value (the common case, placed by `placement.ts`);
 * - `url`: a whole path + query as a scanner sends it (fwaf, PATT URL lines);
 * - `request`: a whole request (ATRDF, CSIC raw) — those are emitted as records directly.
 */
export type PayloadContext = 'value' | 'url' | 'request';

/**
 * One labelled text from a source list, after mapping and template substitution but before
 * placement into a request.
 */
export interface PayloadSample {
  /** Dataset folder name (e.g. `fuzzdb-attack`) or `generated:<generator>` for our generators. */
  readonly source: string;
  /** File (relative to the dataset folder) or category the text came from. */
  readonly sourceFile: string;
  readonly text: string;
  readonly label: Label;
  /** Set for attacks. */
  readonly attackType?: AttackClass;
  readonly context?: PayloadContext;
  /** Free-form provenance notes (e.g. `relabelled:sqli->ldap_xpath`, `substituted:{FILE}`). */
  readonly notes?: readonly string[];
}
