import type { Rng } from '../rng.js';

/**
 * Realistic opaque tokens (ids, session cookies, JWTs, click ids). They matter because real
 * traffic is full of long random-looking strings and the model must not find them suspicious.
 */

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;

/** `n` characters drawn from `alphabet`. */
export function randomString(rng: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[rng.int(0, alphabet.length - 1)];
  return s;
}

/** Lower-case hex string of `n` characters. */
export const hex = (rng: Rng, n: number): string => randomString(rng, HEX, n);

/** Alphanumeric string of `n` characters. */
export const alnum = (rng: Rng, n: number): string => randomString(rng, ALNUM, n);

/** RFC 4122 version-4 UUID. */
export function uuid(rng: Rng): string {
  const h = hex(rng, 32);
  const variant = HEX[8 + rng.int(0, 3)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Crockford base32 ULID-like id (26 chars, time-ordered prefix). */
export function ulid(rng: Rng): string {
  return `01${randomString(rng, '0123456789ABCDEFGHJKMNPQRSTVWXYZ', 24)}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('base64')
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** A syntactically valid JWT with ordinary claims (signature random). */
export function jwt(rng: Rng): string {
  const now = 1_700_000_000 + rng.int(0, 40_000_000);
  const header = rng.pick([
    '{"alg":"HS256","typ":"JWT"}',
    '{"alg":"RS256","typ":"JWT","kid":"' + hex(rng, 16) + '"}',
    '{"alg":"ES256","typ":"JWT"}',
  ]);
  const claims: Record<string, unknown> = {
    sub: rng.chance(0.5) ? uuid(rng) : String(rng.int(1, 9_999_999)),
    iat: now,
    exp: now + rng.pick([900, 3600, 86400]),
  };
  if (rng.chance(0.6))
    claims.iss = rng.pick(['https://auth.example.com/', 'https://login.acme.io', 'accounts.example.org']);
  if (rng.chance(0.5)) claims.scope = rng.pick(['openid profile email', 'read:orders write:orders', 'api']);
  if (rng.chance(0.4)) claims.roles = rng.pick([['user'], ['user', 'editor'], ['admin']]);
  const sig = randomString(rng, B64URL, rng.pick([43, 86, 342]));
  return `${base64url(header)}.${base64url(JSON.stringify(claims))}.${sig}`;
}

/** Standard base64 of `n` random bytes (with padding), as in many session and CSRF tokens. */
export function base64Token(rng: Rng, bytes: number): string {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buf[i] = rng.int(0, 255);
  return buf.toString('base64');
}

/** Google click id–like value (`gclid`). */
export const gclid = (rng: Rng): string =>
  `${rng.pick(['Cj0KCQ', 'CjwKCA', 'EAIaIQ'])}${randomString(rng, B64URL, rng.int(60, 90))}`;

/** Facebook click id–like value (`fbclid`). */
export const fbclid = (rng: Rng): string => `IwAR${randomString(rng, B64URL, rng.int(50, 60))}`;

/** A session cookie in one of the common framework formats. */
export function sessionCookie(rng: Rng): [string, string] {
  return rng.weighted<[string, string]>([
    [['session', base64Token(rng, 24).replace(/=+$/, '')], 2],
    [['PHPSESSID', randomString(rng, 'abcdefghijklmnopqrstuvwxyz0123456789', 26)], 2],
    [['JSESSIONID', hex(rng, 32).toUpperCase()], 1],
    [['connect.sid', `s%3A${randomString(rng, B64URL, 32)}.${randomString(rng, ALNUM, 43)}`], 1],
    [['laravel_session', `${base64Token(rng, 30).replace(/=/g, '%3D')}`], 1],
    [['ASP.NET_SessionId', randomString(rng, 'abcdefghijklmnopqrstuvwxyz012345', 24)], 1],
    [['_shop_session', `${randomString(rng, B64URL, 60)}--${hex(rng, 40)}`], 1],
    [['sid', uuid(rng)], 1],
  ]);
}

/** Analytics / consent cookies a browser sends next to the session. */
export function trackingCookies(rng: Rng): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const ts = 1_700_000_000 + rng.int(0, 40_000_000);
  if (rng.chance(0.6)) out.push(['_ga', `GA1.${rng.int(1, 3)}.${rng.int(100_000_000, 2_000_000_000)}.${ts}`]);
  if (rng.chance(0.3))
    out.push([`_ga_${alnum(rng, 10).toUpperCase()}`, `GS1.1.${ts}.${rng.int(1, 40)}.1.${ts + 600}.0.0.0`]);
  if (rng.chance(0.3))
    out.push(['_fbp', `fb.1.${ts}${rng.int(100, 999)}.${rng.int(100_000_000, 2_000_000_000)}`]);
  if (rng.chance(0.25))
    out.push([
      'cookie_consent',
      rng.pick([
        'true',
        'necessary,analytics',
        '%7B%22necessary%22%3Atrue%2C%22analytics%22%3Afalse%7D',
        'yes',
      ]),
    ]);
  if (rng.chance(0.2)) out.push(['lang', rng.pick(['en', 'de', 'fr-FR', 'es', 'ja'])]);
  if (rng.chance(0.15)) out.push(['theme', rng.pick(['dark', 'light', 'system'])]);
  if (rng.chance(0.15)) out.push(['__stripe_mid', uuid(rng) + hex(rng, 6)]);
  if (rng.chance(0.15)) out.push(['csrftoken', alnum(rng, 32)]);
  if (rng.chance(0.1)) out.push(['cart_id', uuid(rng)]);
  if (rng.chance(0.1))
    out.push(['recently_viewed', [rng.int(100, 9999), rng.int(100, 9999), rng.int(100, 9999)].join('%2C')]);
  return out;
}

/** W3C trace-context header value. */
export const traceparent = (rng: Rng): string => `00-${hex(rng, 32)}-${hex(rng, 16)}-0${rng.int(0, 1)}`;

/** A public-looking IPv4 address (never in the private/loopback ranges SSRF payloads use). */
export function publicIpv4(rng: Rng): string {
  const first = rng.pick([
    23, 31, 37, 45, 51, 62, 66, 77, 81, 84, 89, 91, 93, 95, 104, 109, 134, 141, 151, 176, 178, 185, 188, 193,
    195, 212, 213, 217,
  ]);
  return `${first}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** A public-looking IPv6 address. */
export function publicIpv6(rng: Rng): string {
  return `2${hex(rng, 3)}:${hex(rng, 4)}:${hex(rng, 4)}:${hex(rng, 4)}::${hex(rng, rng.int(1, 4))}`;
}
