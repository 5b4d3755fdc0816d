import type { TransformName } from '../normalize/transform.js';

/** Where in the request a piece of user input was found. */
export type FieldLocation = 'path' | 'query' | 'body' | 'cookie' | 'header' | 'filename' | 'raw';

/**
 * One located piece of user input, as the model will score it.
 *
 * @example
 * ```ts
 * // GET /search?q=%3Cscript%3E
 * { location: 'query', kind: 'value', name: 'q', path: 'query.q',
 *   raw: '%3Cscript%3E', value: '<script>', transforms: ['url-decode'] }
 * ```
 */
export interface Field {
  readonly location: FieldLocation;
  /** `value` for a parameter's value; `key` for a parameter or JSON key name (attackers inject there too). */
  readonly kind: 'value' | 'key';
  /** The parameter, header, cookie or JSON key name (decoded), or `''` for whole-body/path fields. */
  readonly name: string;
  /** Exact location, e.g. `query.q`, `body.items[3].name`, `header.user-agent`, `cookie.session`. See `docs/normalization.md`. */
  readonly path: string;
  /** The text as it arrived on the wire (before any decoding). */
  readonly raw: string;
  /** The normalized text the model scores. */
  readonly value: string;
  /** Transforms that changed the value, in the order applied. */
  readonly transforms: readonly TransformName[];
  /** True for credentials (e.g. `authorization`): inspected, but never stored or reported in clear. */
  readonly sensitive?: boolean;
}
