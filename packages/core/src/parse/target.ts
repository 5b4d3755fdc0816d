/**
 * The parts of a request target, still exactly as sent (nothing decoded).
 *
 * @example
 * ```ts
 * const { path, query }: SplitTarget = splitTarget('/search?q=1'); // '/search', 'q=1'
 * ```
 */
export interface SplitTarget {
  /** The path as sent: `/a/b` (origin-/absolute-form), `*` (asterisk-form), `''` (authority-form). */
  path: string;
  /** Text after the first `?` (without the `?`), or `undefined` when there is no `?`. */
  query: string | undefined;
  /** True when the target carried a `#fragment`; browsers never send one, so it is a smell. */
  fragment: boolean;
  /** Present for absolute-form (`http://host/a`) and authority-form (`host:443`, `scheme` is `''`). */
  absolute?: { scheme: string; authority: string };
}

const QUESTION = 0x3f; // ?
const HASH = 0x23; // #
const SLASH = 0x2f; // /

/**
 * Splits an HTTP request target (RFC 9112 §3.2) into path, query and fragment flag, without decoding.
 *
 * - origin-form `/a/b?x=1` → path `/a/b`, query `x=1`;
 * - absolute-form `http://host/a?b` (RFC 9112 §3.2.2, sent to proxies) → path `/a`, query `b`,
 *   `absolute: { scheme: 'http', authority: 'host' }`; an empty path becomes `/` (RFC 9112 §3.3);
 *   the scheme is lower-cased because it is case-insensitive (RFC 3986 §3.1), the authority is kept as sent;
 * - authority-form `host:443` (CONNECT, RFC 9112 §3.2.3): any target without `/`, `?` or `#` that is
 *   not `*` → path `''`, `absolute: { scheme: '', authority: target }`;
 * - asterisk-form `*` (OPTIONS, RFC 9112 §3.2.4) → path `*`.
 *
 * A `#fragment` is never part of a request target (RFC 9112 §3.2 has no fragment); when one is present
 * it is cut off (RFC 3986 §3.5: everything after the first `#`, including any `?`) and `fragment` is set.
 * Anything else that does not fit a form (e.g. `a/b?c`) is split like origin-form: lenient, never throws.
 *
 * @example
 * ```ts
 * splitTarget('/a/b?x=1#top'); // { path: '/a/b', query: 'x=1', fragment: true }
 * splitTarget('http://shop.example/cart?id=3');
 * // { path: '/cart', query: 'id=3', fragment: false, absolute: { scheme: 'http', authority: 'shop.example' } }
 * splitTarget('shop.example:443'); // { path: '', query: undefined, fragment: false, absolute: { scheme: '', authority: 'shop.example:443' } }
 * ```
 */
export function splitTarget(target: string): SplitTarget {
  const length = target.length;
  // Origin-form is by far the most common: decide it on the first character.
  if (length > 0 && target.charCodeAt(0) === SLASH) return splitPathQuery(target, 0);
  if (target === '*') return { path: '*', query: undefined, fragment: false };

  const schemeEnd = absoluteSchemeEnd(target);
  if (schemeEnd > 0) {
    const authorityStart = schemeEnd + 3; // after '://'
    let authorityEnd = authorityStart;
    while (authorityEnd < length) {
      const c = target.charCodeAt(authorityEnd);
      if (c === SLASH || c === QUESTION || c === HASH) break;
      authorityEnd++;
    }
    const rest = splitPathQuery(target, authorityEnd);
    if (rest.path === '') rest.path = '/';
    rest.absolute = {
      scheme: target.slice(0, schemeEnd).toLowerCase(),
      authority: target.slice(authorityStart, authorityEnd),
    };
    return rest;
  }

  if (length > 0 && !hasPathOrQueryChar(target)) {
    return { path: '', query: undefined, fragment: false, absolute: { scheme: '', authority: target } };
  }
  return splitPathQuery(target, 0);
}

/**
 * The raw segments of a path, split on `/`, not decoded.
 *
 * Rule: each `/` starts one segment (RFC 3986 §3.3 `path-absolute = "/" segment *( "/" segment )`), so
 * the leading empty string before the first `/` is dropped, and every other segment is kept, including
 * empty ones: `//` and a trailing `/` are real (empty) segments and `//`-tricks are evidence worth keeping.
 * A path that does not start with `/` (e.g. `*`) keeps its first segment.
 *
 * @example
 * ```ts
 * pathSegments('/a/b');    // ['a', 'b']
 * pathSegments('/a//b/');  // ['a', '', 'b', '']
 * pathSegments('/');       // ['']
 * pathSegments('');        // []
 * ```
 */
export function pathSegments(path: string): string[] {
  if (path.length === 0) return [];
  const segments = path.split('/');
  if (path.charCodeAt(0) === SLASH) segments.shift();
  return segments;
}

function splitPathQuery(target: string, start: number): SplitTarget {
  const hashAt = target.indexOf('#', start);
  const end = hashAt < 0 ? target.length : hashAt;
  const questionAt = target.indexOf('?', start);
  if (questionAt < 0 || questionAt > end) {
    return { path: target.slice(start, end), query: undefined, fragment: hashAt >= 0 };
  }
  return {
    path: target.slice(start, questionAt),
    query: target.slice(questionAt + 1, end),
    fragment: hashAt >= 0,
  };
}

/** Index of the `:` of `scheme://` when the target starts with an RFC 3986 §3.1 scheme, else -1. */
function absoluteSchemeEnd(target: string): number {
  const length = target.length;
  let i = 0;
  for (; i < length; i++) {
    const c = target.charCodeAt(i);
    const alpha = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    if (alpha) continue;
    if (i === 0) return -1; // scheme must start with a letter
    const other = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e; // digit + - .
    if (!other) break;
  }
  if (i === 0 || target.charCodeAt(i) !== 0x3a) return -1;
  return target.charCodeAt(i + 1) === SLASH && target.charCodeAt(i + 2) === SLASH ? i : -1;
}

function hasPathOrQueryChar(target: string): boolean {
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c === SLASH || c === QUESTION || c === HASH) return true;
  }
  return false;
}
