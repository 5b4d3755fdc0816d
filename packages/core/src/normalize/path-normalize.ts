import type { Transform } from './transform.js';

// Something to do: a backslash, an empty segment (`//`), or a `.` / `..` segment.
const NEEDS_WORK = /\\|\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/**
 * Normalizes a URL path or file name the way a file system resolves it, except that it never
 * resolves *above* its starting point.
 *
 * - `\` → `/` (Windows and IIS accept both: `..\..\windows\win.ini`);
 * - runs of `/` → one `/` (`//etc//passwd`);
 * - `.` segments are removed (`/./a` → `/a`, `./a` → `a`);
 * - `segment/..` pairs are resolved (`a/b/../c` → `a/c`), which undoes padding such as
 *   `/static/x/../../../etc/passwd`;
 * - but a `..` that would climb above the start is KEPT: `/static/../../etc/passwd` →
 *   `/../etc/passwd`, `../../etc/passwd` stays. Escaping the root is exactly the evidence of a
 *   traversal, so it must not be normalized away (which is what a real resolver would do).
 *
 * A trailing slash is kept, and one is added when the path ends in a resolved `.` or `..`
 * (`a/b/..` → `a/`), as URL resolution does; a relative path that resolves to nothing becomes
 * `''`. Only used for paths and file names (`pathNormalize` option), never for free text.
 *
 * Returns `input` itself when nothing changes.
 */
export function normalizePath(input: string): string {
  if (!NEEDS_WORK.test(input)) return input;
  const path = input.indexOf('\\') === -1 ? input : input.replaceAll('\\', '/');
  const absolute = path.charCodeAt(0) === 0x2f;
  const segments = path.split('/');
  const stack: string[] = [];
  let trailing = path.charCodeAt(path.length - 1) === 0x2f;
  for (const segment of segments) {
    if (segment === '' || segment === '.') {
      if (segment === '.') trailing = true;
      continue;
    }
    if (segment === '..') {
      if (stack.length > 0 && stack[stack.length - 1] !== '..') {
        stack.pop();
        trailing = true;
      } else {
        stack.push('..');
        trailing = false;
      }
      continue;
    }
    stack.push(segment);
    trailing = false;
  }
  // Restore the real trailing slash state: a final empty segment means the path ended in `/`.
  if (segments[segments.length - 1] === '' && stack.length > 0) trailing = true;
  let out = (absolute ? '/' : '') + stack.join('/');
  if (trailing && stack.length > 0) out += '/';
  return out === input ? input : out;
}

/** `path-normalize`: `\` → `/`, `//` → `/`, `.` removed, `x/..` resolved, escaping `..` kept. */
export const pathNormalize: Transform = {
  name: 'path-normalize',
  apply: (input) => normalizePath(input),
};
