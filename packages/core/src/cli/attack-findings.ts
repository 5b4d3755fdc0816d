import type { AttackFinding, Decision } from '../waf/decision.js';

/**
 * The attack findings of a decision, highest score first (the order `inspect()` gives).
 *
 * @example
 * ```ts
 * const top = attackFindingsOf(decision)[0]; // the field that decided, if any
 * ```
 */
export function attackFindingsOf(decision: Decision): AttackFinding[] {
  return decision.findings.filter((finding): finding is AttackFinding => finding.kind === 'attack');
}

/**
 * Every attack class named by the decision's findings, each once, the top finding's first;
 * `[]` for a request that is not an attack.
 *
 * @example
 * ```ts
 * attackClassesOf(decision); // ['sqli', 'xss']
 * ```
 */
export function attackClassesOf(decision: Decision): string[] {
  const classes = new Set<string>();
  for (const finding of attackFindingsOf(decision)) for (const name of finding.classes) classes.add(name);
  return [...classes];
}
