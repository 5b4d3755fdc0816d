import type { AttackClass } from '../taxonomy.js';
import type { SourceInfo } from './mapping-types.js';

/** ATRDF API traffic, dataset 1. */
export const ATRDF_INFO: SourceInfo = {
  id: 'atrdf-api',
  title: 'ATRDF API security dataset 1 (Ariel University / Cisco)',
  license: 'none (CITATION.cff only): research use only, never redistributed; cite Lavian et al.',
  upstream: 'https://github.com/ArielCyber/Cisco_Ariel_Uni_API_security_challenge @ 9494785a',
  use: 'the whole source is the OUT-OF-DISTRIBUTION test set (ood.jsonl); never trained on',
};

/**
 * `attack_tag` → our class. `RCE` is decided by content: the generator's "RCE" requests are Jinja
 * SSTI (`{{get_flashed_messages.__globals__…}}`) or reflected XSS (`<script>alert(1)`).
 * `Cookie Injection` carries a base64 Python pickle (`gASV…`) in the cookie: deserialization.
 * `Log Forging` injects `%0A` + a fake log line: CRLF.
 */
export const ATRDF_LABELS: Readonly<Record<string, AttackClass | 'by-content'>> = {
  'SQL Injection': 'sqli',
  'Directory Traversal': 'path_traversal',
  LOG4J: 'log4shell',
  'Log Forging': 'crlf',
  'Cookie Injection': 'code_injection',
  RCE: 'by-content',
};

/**
 * `Set-Cookie` sent as a REQUEST header is a generator artefact (a Python list of the response
 * cookies). It is rewritten into the `Cookie` header a browser would send (`ck=…; uu=…; session=…`),
 * because 138 LOG4J requests append their `${jndi:…}` payload to that artefact: the payload stays,
 * now at the end of the last cookie value, where the label locator finds it.
 */
export const ATRDF_ARTEFACT_HEADER = 'set-cookie';
