import type { Transform } from './transform.js';

/**
 * Lower-cases `input` (`String.prototype.toLowerCase`, which is locale-independent).
 *
 * SQL keywords, HTML tag and attribute names, URL schemes (`JaVaScRiPt:`) and Windows paths are
 * case-insensitive, so mixed case is a cheap evasion; one case also shrinks what the model has to
 * learn. It runs last among the replacing steps: base64 detection needs the original case (see
 * `base64.ts`), and the decoders accept both cases of their syntax (`\U0041`, `&LT;`) so that
 * running them again after folding changes nothing.
 *
 * Fast path: an ASCII scan finds whether there is any `A`–`Z`; only non-ASCII text needs the
 * full lower-casing to be compared. Returns `input` itself when nothing changes.
 */
export function foldCase(input: string): string {
  let upper = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x80) {
      const lower = input.toLowerCase();
      return lower === input ? input : lower;
    }
    if (c >= 0x41 && c <= 0x5a) upper = true;
  }
  return upper ? input.toLowerCase() : input;
}

/** `case-fold`: lower-cases the value when it has upper-case characters. */
export const caseFold: Transform = {
  name: 'case-fold',
  apply: (input) => foldCase(input),
};
