/**
 * Removes optional whitespace, OWS = *( SP / HTAB ) (RFC 9110 §5.6.3), from both ends.
 *
 * Two reasons not to use `String#trim` or a regex: `trim` also removes characters that are data in
 * HTTP (latin1 NBSP, 0xA0), and `/[ \t]+$/` backtracks quadratically on long inner runs of spaces,
 * which an attacker controls.
 *
 * @example
 * ```ts
 * trimOws(' \tgzip, chunked \t'); // 'gzip, chunked'
 * ```
 */
export function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isOws(text.charCodeAt(start))) start += 1;
  while (end > start && isOws(text.charCodeAt(end - 1))) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Removes OWS from the end only (see {@link trimOws}).
 *
 * @example
 * ```ts
 * trimOwsEnd('Host \t'); // 'Host'
 * ```
 */
export function trimOwsEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isOws(text.charCodeAt(end - 1))) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
