import type { Transform } from './transform.js';

/**
 * Replaces every `+` by a space, as `application/x-www-form-urlencoded` defines it.
 *
 * Only query strings and form bodies use this convention (in a path or a header `+` is a
 * literal plus), so the pipeline applies it only when asked (`plusAsSpace`), and exactly once,
 * BEFORE percent-decoding: that way `%2B` still decodes to a literal `+` (`a%2Bb` → `a+b`) while
 * `UNION+SELECT` becomes `UNION SELECT`.
 *
 * Returns `input` itself when it holds no `+`.
 */
export function plusToSpace(input: string): string {
  let i = input.indexOf('+');
  if (i === -1) return input;
  // An indexOf/slice loop: about twice as fast as `replaceAll` on short values, which is where
  // this runs (every query and form value).
  let out = '';
  let last = 0;
  while (i !== -1) {
    out += input.slice(last, i) + ' ';
    last = i + 1;
    i = input.indexOf('+', last);
  }
  return out + input.slice(last);
}

/** `plus-as-space`: `+` → space (query strings and form bodies only). */
export const plusAsSpace: Transform = {
  name: 'plus-as-space',
  apply: (input) => plusToSpace(input),
};
