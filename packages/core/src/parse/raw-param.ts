/** A step in a field's path below its location: an object key or name (string) or an array index (number). */
export type PathSegment = string | number;

/**
 * A piece of user input found by a format parser (query string, form, JSON, multipart, GraphQL),
 * before normalization. The extractor turns it into a `Field`.
 */
export interface RawParam {
  /** Path below the location root, e.g. `['items', 3, 'name']`. A segment starting with `#` is a sub-path inside a string's own grammar (GraphQL arguments). */
  readonly segments: readonly PathSegment[];
  /** `value` for a value, `key` for a key / parameter name. */
  readonly kind: 'value' | 'key';
  /** The key or parameter name this belongs to (`''` when none). */
  readonly name: string;
  /**
   * The text as the format carried it: for query strings and forms the percent-encoded wire text
   * (URL decoding is a recorded normalization step); for JSON the string after JSON unescaping
   * (JSON string syntax is framing, like chunked encoding); for multipart the part's content.
   */
  readonly raw: string;
}
