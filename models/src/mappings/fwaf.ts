import type { SourceInfo } from './mapping-types.js';

/** Fwaf bad/good query lists. */
export const FWAF_INFO: SourceInfo = {
  id: 'fwaf',
  title: 'Fwaf (fsecurify) bad/good query lists',
  license: 'none: research use only, never redistributed',
  upstream:
    'https://github.com/faizann24/Fwaf-Machine-Learning-driven-Web-Application-Firewall @ 9c92866c (+ FireBricks partial good list)',
  use: 'scanner attacks in URL form; class and field from the signatures, keyword-only paths dropped',
};

/**
 * Decisions:
 * - `badqueries.txt`: unlabelled by class → each line is classified component by component
 *   (`findUrlEvidence`); lines with no attack pattern (≈ plain scanner paths like
 *   `/tothemaxss/`, `/javascript/document.exe`) are dropped as keyword-only.
 *   `XXpathXX` and `{FILE}` are filled before classification.
 * - `goodqueries_partial_firebricks.txt`: NOT used as benign (≈2% are attacks, and it is a
 *   truncated, lower-cased list); its lines with attack evidence are used as attacks, the rest dropped.
 */
export const FWAF_FILES = {
  bad: 'badqueries.txt',
  good: 'goodqueries_partial_firebricks.txt',
} as const;
