/**
 * Names of the normalization transforms, in the order the pipeline applies them.
 * A field's `transforms` lists the ones that changed its value, so a developer can see
 * exactly how `raw` became `value`.
 */
export type TransformName =
  | 'plus-as-space'
  | 'url-decode'
  | 'overlong-utf8'
  | 'js-escapes'
  | 'html-entities'
  | 'nfkc'
  | 'null-bytes'
  | 'comments'
  | 'whitespace'
  | 'path-normalize'
  | 'case-fold'
  | 'base64-decode';

/**
 * Mutable notes a transform may leave while it runs. Transforms never throw on bad input:
 * they decode what they can and record what was malformed, because attackers send malformed
 * input on purpose and the rest of the value must still be inspected.
 */
export interface TransformContext {
  /** Set when a percent sequence was not `%` followed by two hex digits. */
  badPercentEncoding: boolean;
  /** Set when decoded bytes were not valid UTF-8 (after overlong forms were accepted). */
  invalidUtf8: boolean;
  /** Set when an overlong UTF-8 form was decoded (e.g. `%c0%af` → `/`). */
  overlongUtf8: boolean;
}

/** A fresh context with every flag cleared. */
export function createTransformContext(): TransformContext {
  return { badPercentEncoding: false, invalidUtf8: false, overlongUtf8: false };
}

/**
 * One normalization step. Contract (tested for every transform):
 * - `apply` returns the very same string when nothing changes (no allocation on the fast path);
 * - it never throws, whatever the input;
 * - it terminates and is bounded in the work it does per character.
 */
export interface Transform {
  readonly name: TransformName;
  apply(input: string, context: TransformContext): string;
}
