/**
 * Compiles a route pattern to a RegExp matched against the request's raw path (no query).
 *
 * Matching mirrors Express's default routing on purpose — case-insensitive, optional trailing slash, no
 * percent-decoding and no dot-segment removal (Express does neither) — so a path that reaches one of your
 * Express routes matches the pattern you wrote for it, and a `skip` rule cannot be reached by a path that
 * Express would route elsewhere (`/static/../admin` is routed by Express as a static path, and treated so).
 *
 * - `/login` — exactly that path;
 * - `:name` — one non-empty segment (`/users/:id`);
 * - `*` — any characters inside one segment (`/assets/*.js`);
 * - `**` — any number of segments, including none (`/api/**` matches `/api`, `/api/v1/x`).
 *
 * @example
 * ```ts
 * compileRoutePattern('/api/**').test('/API/v1/users/'); // true
 * ```
 */
export function compileRoutePattern(pattern: string): RegExp {
  let source = '';
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i]!;
    if (pattern.startsWith('/**', i) && (i + 3 === pattern.length || pattern[i + 3] === '/')) {
      // `/**` at the end: the path itself or anything below it; in the middle: zero or more segments.
      source += i + 3 === pattern.length ? '(?:/.*)?' : '(?:/[^/]*)*';
      i += 3;
    } else if (pattern.startsWith('**', i)) {
      source += '.*';
      i += 2;
    } else if (char === '*') {
      source += '[^/]*';
      i += 1;
    } else if (char === ':' && /[A-Za-z_]/.test(pattern[i + 1] ?? '')) {
      i += 1;
      while (i < pattern.length && /\w/.test(pattern[i]!)) i++;
      source += '[^/]+';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  if (source.endsWith('/')) source = source.slice(0, -1);
  return new RegExp(`^${source}/?$`, 'i');
}

/**
 * The path of a request target, without the query: origin-form (`/a/b?x`) as is; absolute-form
 * (`http://host/a/b?x`, sent to proxies) by its path.
 */
export function pathOf(target: string): string {
  let end = target.indexOf('?');
  if (end < 0) end = target.length;
  const hash = target.indexOf('#');
  if (hash >= 0 && hash < end) end = hash;
  if (target.charCodeAt(0) === 47 /* / */) return target.slice(0, end);
  const scheme = target.indexOf('://');
  if (scheme > 0 && scheme < end) {
    const slash = target.indexOf('/', scheme + 3);
    return slash >= 0 && slash < end ? target.slice(slash, end) : '/';
  }
  return target.slice(0, end);
}
