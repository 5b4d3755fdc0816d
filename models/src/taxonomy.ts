/**
 * Wafer's label taxonomy. Deliberately ours: every source's labels are mapped onto it in
 * `src/mappings/<source>.ts`, never used as they come.
 */
export const ATTACK_CLASSES = [
  'sqli',
  'xss',
  'path_traversal', // incl. local file inclusion (LFI) and php://filter / file:// reads
  'cmdi',
  'code_injection', // PHP/JS/Python eval, deserialization gadgets, RFI, SSI, prototype pollution
  'ssrf',
  'ssti',
  'xxe', // incl. XSLT injection (both are XML-processor attacks)
  'log4shell', // JNDI lookups and their obfuscations
  'nosqli',
  'ldap_xpath',
  'crlf', // header injection / response splitting, log forging
  'open_redirect', // only obfuscated forms; a plain https:// URL is indistinguishable from benign
] as const;

/** One attack class. */
export type AttackClass = (typeof ATTACK_CLASSES)[number];

/** A record-level label. */
export type Label = 'attack' | 'benign';

/** The per-class name used in reports: an attack class or `benign`. */
export type ClassName = AttackClass | 'benign';

/** All class names, benign first (report order). */
export const CLASS_NAMES: readonly ClassName[] = ['benign', ...ATTACK_CLASSES];

/** Type guard for attack class names coming from untyped input. */
export function isAttackClass(value: unknown): value is AttackClass {
  return typeof value === 'string' && (ATTACK_CLASSES as readonly string[]).includes(value);
}
