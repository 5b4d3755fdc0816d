import type { RedactionOptions } from '../options.js';

/** Applies the redaction options to what the repositories are about to write. Built once per storage. */
export interface Redactor {
  /** A query string with the values of sensitive parameters replaced; `null` stays `null`. */
  query(query: string | null | undefined): string | null;
  /** Evidence cut to the length limit, or the replacement when the field's path names a secret. */
  evidence(text: string | null | undefined, fieldPath: string | null | undefined): string | null;
  /** Whether a parameter or field name is one whose value must not be stored. */
  isSensitive(name: string): boolean;
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
 * Builds the redactor from validated options.
 *
 * @example
 * ```ts
 * const redact = createRedactor({ queryParams: ['token'], evidenceMaxLength: 256, replacement: '[redacted]' });
 * redact.query('q=shoes&access_token=abc'); // 'q=shoes&access_token=[redacted]'
 * ```
 */
export function createRedactor(options: Required<RedactionOptions>): Redactor {
  const words = new Set(options.queryParams.map((w) => w.toLowerCase()));
  const replacement = options.replacement;
  const max = options.evidenceMaxLength;
  // A cheap pre-check so the common query with nothing sensitive is returned as is, without splitting.
  // Percent-escapes can hide a name from it (`p%61ssword`), so their presence forces the full path.
  const escaped = [...words].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const maybeSensitive = escaped.length > 0 ? new RegExp(escaped.join('|'), 'i') : /$^/;

  const isSensitive = (name: string): boolean => {
    const parts = nameWords(name);
    if (parts.some((w) => words.has(w))) return true;
    return words.has(parts.join(''));
  };

  return {
    isSensitive,
    query(query) {
      if (query === null || query === undefined) return null;
      if (!query.includes('%') && !maybeSensitive.test(query)) return query;
      const lead = query.startsWith('?') ? '?' : '';
      const body = lead ? query.slice(1) : query;
      return (
        lead +
        body
          .split('&')
          .map((pair) => {
            const eq = pair.indexOf('=');
            if (eq < 0) return pair;
            const name = pair.slice(0, eq);
            return isSensitive(decodeName(name)) ? `${name}=${replacement}` : pair;
          })
          .join('&')
      );
    },
    evidence(text, fieldPath) {
      if (text === null || text === undefined) return null;
      // The first segment is the location (`query`, `body`, `header`, `cookie`); any later one naming a secret
      // (`body.user.password`, `header.authorization`, `cookie.session`) means the value is a credential.
      const segments = (fieldPath ?? '').split(/[.[\]]+/).slice(1);
      if (segments.some((s) => s.length > 0 && isSensitive(s))) return replacement;
      return text.length > max ? `${text.slice(0, max - 1)}…` : text;
    },
  };
}
