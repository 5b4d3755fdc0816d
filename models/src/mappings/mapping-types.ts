import type { PayloadContext } from '../payload-sample.js';
import type { AttackClass } from '../taxonomy.js';

/**
 * What a list file (or category) is used for:
 * - `attack`: attack examples of `attackType` (gated by signatures; see `sources/gate.ts`);
 * - `hard-negative`: benign words/snippets that look like attack material (html tag names, command
 *   names, LDAP attribute names) — used as benign values, only when they show no attack evidence;
 * - `file-pool`: bare sensitive file names: not attacks on their own, used to fill `{FILE}`;
 * - `skip`: not used (fragments, classes outside the taxonomy), with the reason in `note`.
 */
export type FileRole = 'attack' | 'hard-negative' | 'file-pool' | 'skip';

/** One mapping decision for the files whose relative path starts with `match` (first match wins). */
export interface FileRule {
  readonly match: string;
  readonly role: FileRole;
  /** `classify`: mixed file, each line gets its class from the signatures. */
  readonly attackType?: AttackClass | 'classify';
  /** Wrap each line: `{LINE}` is replaced by the line (e.g. php://filter chains). */
  readonly template?: string;
  /** Probability of appending a sensitive file to a bare traversal prefix (`../../`). */
  readonly appendFile?: number;
  readonly context?: PayloadContext;
  /** Why: shown in the manifest and the README. */
  readonly note: string;
}

/** Provenance and license of one dataset folder (reported in the manifest). */
export interface SourceInfo {
  readonly id: string;
  readonly title: string;
  readonly license: string;
  readonly upstream: string;
  /** How the corpus uses this source, in one sentence. */
  readonly use: string;
}

/** The first rule whose `match` prefixes `relativePath`, or `undefined`. */
export function ruleFor(rules: readonly FileRule[], relativePath: string): FileRule | undefined {
  return rules.find((r) => relativePath.startsWith(r.match));
}
