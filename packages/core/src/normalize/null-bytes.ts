import type { Transform } from './transform.js';

/**
 * Removes every U+0000.
 *
 * C-based back ends stop reading a string at NUL, and many parsers simply skip it, so attackers
 * split keywords with it (`un%00ion sel%00ect`, `shell.php%00.jpg`) to slip past pattern
 * matching. Removing it rejoins the keyword the target will actually see. It runs inside the
 * decode loop, right after the decoders that can produce it (`%00`, `%c0%80`, `\u0000`, `\x00`;
 * `&#0;` is not one of them: it becomes U+FFFD, as in browsers).
 *
 * Returns `input` itself when it holds no NUL.
 */
export function removeNullBytes(input: string): string {
  return input.indexOf('\0') === -1 ? input : input.replaceAll('\0', '');
}

/** `null-bytes`: removes U+0000. */
export const nullBytes: Transform = {
  name: 'null-bytes',
  apply: (input) => removeNullBytes(input),
};
