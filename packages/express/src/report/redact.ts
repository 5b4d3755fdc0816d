/** What replaces a secret in reports. */
export const REDACTED = '[redacted]';

/**
 * Words that make a parameter, field or header name sensitive: credentials, session identifiers and signing
 * material. The same list as `@wafer/storage`'s, so what one package keeps the other keeps too.
 */
export const SENSITIVE_WORDS: readonly string[] = [
  'password',
  'passwd',
  'pwd',
  'pass',
  'secret',
  'token',
  'key',
  'apikey',
  'auth',
  'authorization',
  'session',
  'sessionid',
  'sid',
  'jwt',
  'credential',
  'credentials',
  'signature',
  'sig',
  'otp',
  'cookie',
];

/** Headers whose whole value is a credential, whatever the word list says. */
export const SENSITIVE_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'x-csrf-token',
  'x-xsrf-token',
];

/** Longest evidence text sent: enough to see the payload, not enough to carry a document. */
export const MAX_EVIDENCE_LENGTH = 256;

/** Applies redaction to what is about to leave the process. Built once per middleware. */
export interface Redactor {
  /** Whether a parameter, field or header name is one whose value must not leave the process. */
  isSensitive(name: string): boolean;
  /** A raw query string with the values of sensitive parameters replaced. */
  query(query: string): string;
  /** The header's value, or {@link REDACTED}. */
  header(name: string, value: string): string;
  /** Evidence cut to {@link MAX_EVIDENCE_LENGTH}, or {@link REDACTED} when its field path names a secret. */
  evidence(text: string, fieldPath: string, location: string): string;
}

/** `api_key`, `apiKey`, `X-Api-Key`, `user[password]` → their lower-case words. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // Malformed escapes are an attack signal, not an error: judge the raw name.
    return raw;
  }
}

/**
 * @example
 * ```ts
 * const redact = createRedactor({ params: ['pin'], headers: ['x-tenant-secret'] });
 * redact.query('q=shoes&access_token=abc&pin=1234'); // 'q=shoes&access_token=[redacted]&pin=[redacted]'
 * ```
 */
export function createRedactor(
  extra: { params?: readonly string[]; headers?: readonly string[] } = {},
): Redactor {
  const words = new Set([...SENSITIVE_WORDS, ...(extra.params ?? []).map((w) => w.toLowerCase())]);
  const headers = new Set([...SENSITIVE_HEADERS, ...(extra.headers ?? []).map((h) => h.toLowerCase())]);
  // A cheap pre-check so the common query with nothing sensitive is returned as is, without splitting.
  // Percent-escapes can hide a name from it (`p%61ssword`), so their presence forces the full path.
  const escaped = [...words].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const maybeSensitive = new RegExp(escaped.join('|'), 'i');

  const isSensitive = (name: string): boolean => {
    const parts = nameWords(name);
    return parts.some((w) => words.has(w)) || words.has(parts.join(''));
  };

  return {
    isSensitive,
    query(query) {
      if (query === '' || (!query.includes('%') && !maybeSensitive.test(query))) return query;
      return query
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=');
          if (eq < 0) return pair;
          const name = pair.slice(0, eq);
          return isSensitive(decodeName(name)) ? `${name}=${REDACTED}` : pair;
        })
        .join('&');
    },
    header(name, value) {
      const lower = name.toLowerCase();
      return headers.has(lower) || isSensitive(lower) ? REDACTED : value;
    },
    evidence(text, fieldPath, location) {
      // The first segment is the location (`query`, `body`, `header`, `cookie`); any later one naming a
      // secret (`body.user.password`, `header.authorization`, `cookie.session`) means the value is a credential.
      if (location === 'header' && headers.has(fieldPath.slice('header.'.length).toLowerCase()))
        return REDACTED;
      const segments = fieldPath.split(/[.[\]]+/).slice(1);
      if (segments.some((s) => s.length > 0 && isSensitive(decodeName(s)))) return REDACTED;
      return text.length > MAX_EVIDENCE_LENGTH ? `${text.slice(0, MAX_EVIDENCE_LENGTH - 1)}…` : text;
    },
  };
}
