/** One `name=value` pair of a query string, exactly as on the wire (not decoded). */
export interface RawQueryParam {
  readonly name: string;
  /** `undefined` for a bare name without `=` (e.g. `?debug`). */
  readonly value: string | undefined;
}

/** A path + query split at the first `?` (the only `?` that is syntax; later ones are data). */
export interface UrlParts {
  readonly path: string;
  /** Query string without the `?`; `undefined` when the URL has no `?`. */
  readonly query: string | undefined;
  readonly params: readonly RawQueryParam[];
}

/** Splits an origin-form target (`/a/b?x=1&y`) without decoding anything. */
export function splitUrl(target: string): UrlParts {
  const q = target.indexOf('?');
  if (q < 0) return { path: target, query: undefined, params: [] };
  const query = target.slice(q + 1);
  return { path: target.slice(0, q), query, params: parseQuery(query) };
}

/** Splits a query string (or form body) on `&`, then each pair on its first `=`. */
export function parseQuery(query: string): RawQueryParam[] {
  if (query === '') return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? { name: pair, value: undefined } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
}

/**
 * Turns an absolute-form target (`http://host:port/p?q`) into origin-form (`/p?q`) plus the host,
 * because records carry `url` as path + query and the host in the `host` header.
 */
export function toOriginForm(target: string): { url: string; host?: string } {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)(.*)$/i.exec(target);
  if (!m) return { url: target.startsWith('/') ? target : `/${target}` };
  const rest = m[2] ?? '';
  return { url: rest === '' ? '/' : rest.startsWith('/') ? rest : `/${rest}`, host: m[1] ?? '' };
}
