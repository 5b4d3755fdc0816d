import type { ThreatSeverity } from './event.js';

/**
 * Severity by attack class: `critical` for classes that run code or queries on the server (a hit means
 * data or host compromise), `high` for reading files, forging requests or attacking users, `medium` for
 * the rest. A class the table does not know (a newer model) is `medium`.
 */
const SEVERITY: Readonly<Record<string, ThreatSeverity>> = {
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
  return SEVERITY[attackClass] ?? 'medium';
}
