/** How bad an attack class is, for sorting and alerting. */
export type ThreatSeverity = 'critical' | 'high' | 'medium' | 'low';

/**
 * Severity by attack class, shared by everything that reports threats (the middleware's events, the
 * dashboard's log processor), so a class has one severity everywhere: `critical` for classes that run code or
 * queries on the server (a hit means data or host compromise), `high` for reading files, forging requests or
 * attacking users, `medium` for the rest. A class the table does not know (a newer model) is `medium`.
 */
export const ATTACK_CLASS_SEVERITY: Readonly<Record<string, ThreatSeverity>> = {
  sqli: 'critical',
  cmdi: 'critical',
  code_injection: 'critical',
  ssti: 'critical',
  log4shell: 'critical',
  xxe: 'critical',
  nosqli: 'high',
  path_traversal: 'high',
  ssrf: 'high',
  xss: 'high',
  ldap_xpath: 'high',
  crlf: 'medium',
  open_redirect: 'medium',
};

/**
 * @example
 * ```ts
 * severityOf('sqli'); // 'critical'
 * ```
 */
export function severityOf(attackClass: string): ThreatSeverity {
  // Own keys only: a class named `constructor` must not find Object.prototype's.
  return Object.hasOwn(ATTACK_CLASS_SEVERITY, attackClass) ? ATTACK_CLASS_SEVERITY[attackClass]! : 'medium';
}
