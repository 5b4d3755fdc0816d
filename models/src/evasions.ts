import type { Rng } from './rng.js';
import type { AttackClass } from './taxonomy.js';

/**
 * Payload mutations that attackers and WAF test tools apply BEFORE transport encoding. Each is
 * applied only to classes where the target still interprets the payload the same way (SQL and
 * HTML are case-insensitive; shell commands are not).
 */
export type EvasionName =
  'mixed-case' | 'sql-comment-space' | 'whitespace-tab' | 'ifs-space' | 'null-byte-suffix';

const APPLICABLE: Readonly<Record<EvasionName, readonly AttackClass[]>> = {
  'mixed-case': ['sqli', 'xss', 'log4shell'],
  'sql-comment-space': ['sqli'],
  'whitespace-tab': ['sqli', 'xss'],
  'ifs-space': ['cmdi'],
  'null-byte-suffix': ['path_traversal'],
};

const KEYWORDS =
  /\b(select|union|from|where|and|or|sleep|benchmark|script|alert|onerror|onload|img|svg|iframe|javascript|jndi|ldap|insert|update|delete|order|by|waitfor|delay|case|when|then|concat|char)\b/gi;

function mixedCase(text: string, rng: Rng): string {
  return text.replace(KEYWORDS, (w) =>
    [...w].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join(''),
  );
}

/** Evasions applicable to `cls` for this payload (some need spaces or keywords to act on). */
export function applicableEvasions(cls: AttackClass, payload: string): EvasionName[] {
  return (Object.keys(APPLICABLE) as EvasionName[]).filter((e) => {
    if (!APPLICABLE[e].includes(cls)) return false;
    if (e === 'mixed-case') return new RegExp(KEYWORDS.source, 'i').test(payload);
    if (e === 'null-byte-suffix') return !/%00|\\x00|\0/.test(payload) && !payload.includes('\n');
    return / /.test(payload) && !payload.includes('\n');
  });
}

/** Applies one evasion. */
export function applyEvasion(name: EvasionName, payload: string, rng: Rng): string {
  switch (name) {
    case 'mixed-case':
      return mixedCase(payload, rng);
    case 'sql-comment-space':
      return payload.replace(/ +/g, '/**/');
    case 'whitespace-tab':
      return payload.replace(/ +/g, rng.pick(['\t', '\n', '\r\n', '\u000b']));
    case 'ifs-space':
      return payload.replace(/ +/g, rng.pick(['${IFS}', '$IFS$9', '${IFS%??}']));
    case 'null-byte-suffix':
      return `${payload}%00${rng.pick(['', '.png', '.jpg', '.html', '.txt'])}`;
  }
}

/** With probability `p`, one applicable evasion; returns the (maybe) mutated payload and its names. */
export function maybeEvade(
  cls: AttackClass,
  payload: string,
  rng: Rng,
  p: number,
): { payload: string; evasions: EvasionName[] } {
  const options = applicableEvasions(cls, payload);
  if (options.length === 0 || !rng.chance(p)) return { payload, evasions: [] };
  const e = rng.pick(options);
  return { payload: applyEvasion(e, payload, rng), evasions: [e] };
}
